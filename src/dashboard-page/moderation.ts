/**
 * Moderation and committee papers (issue 15): for moderators and coordinators, the actions of the open
 * round (or every proposal not yet agreed) with the owner's proposal, note, evidence and flags, agreed
 * one or many at once with commentary; the endorsement of a closed round; and for everyone who sees the
 * whole plan, the committee paper (Word) with its title and meeting chosen here.
 */
import type { TabPlanView } from '../http/dashboard-api/api-types.js';
import type {
  TabAgreeResult,
  TabEndorsed,
  TabModeration,
  TabModerationItem,
} from '../http/dashboard-api/moderation-types.js';
import { type Api, errorText } from './api.js';
import { field, h, replace } from './dom.js';
import { paperForm } from './paper-form.js';

export function renderGovernance(
  container: HTMLElement,
  api: Api,
  view: TabPlanView,
  say: (message: string) => void,
): void {
  const base = `/api/tab/plans/${encodeURIComponent(view.plan.id)}`;
  const moderates = view.viewer.roles.some((role) => role === 'moderator' || role === 'coordinator');
  const paper = paperForm(api, base, view, say);
  const list = h('div', { class: 'moderation-list' });
  const endorse = h('div', { class: 'endorsement' });
  replace(container, moderates ? list : null, moderates ? endorse : null, paper.element);
  if (!moderates) return;

  // With two groups' rounds open at once, the moderator chooses which round's ratings to agree.
  let chosenRound: number | undefined;
  const load = async (): Promise<void> => {
    let data: TabModeration;
    try {
      const query = chosenRound === undefined ? '' : `?round=${chosenRound}`;
      data = await api.get<TabModeration>(`${base}/moderation${query}`);
    } catch (error) {
      replace(
        list,
        h(
          'p',
          { class: 'error', role: 'alert' },
          `The moderation list could not be loaded: ${errorText(error)}`,
        ),
      );
      return;
    }
    drawList(list, api, base, data, say, load);
    if (data.openRounds.length > 1)
      list.querySelector('h3')?.after(
        roundPicker(data, (round) => {
          chosenRound = round;
          void load();
        }),
      );
    drawEndorsement(endorse, api, base, data, say, load);
    paper.offerRounds(data.closedRounds);
  };
  void load();
}

function drawList(
  container: HTMLElement,
  api: Api,
  base: string,
  data: TabModeration,
  say: (message: string) => void,
  reload: () => Promise<void>,
): void {
  const heading = h('h3', { id: 'moderation-heading' }, 'Agree ratings');
  if (data.items.length === 0) {
    replace(container, heading, h('p', {}, `${data.basis}. Nothing awaits agreement.`));
    return;
  }
  const rows = data.items.map((item) => moderationRow(item, data));
  const results = h('div', { class: 'moderation-results', role: 'status' });
  const agreeButton = h('button', { type: 'button', class: 'primary' }, 'Agree selected');
  agreeButton.addEventListener('click', () => {
    const chosen = rows.filter((row) => row.selected.checked);
    if (chosen.length === 0) {
      replace(results, h('p', { class: 'error' }, 'Tick at least one action to agree.'));
      return;
    }
    agreeButton.disabled = true;
    say(`Agreeing ${chosen.length} rating${chosen.length === 1 ? '' : 's'}…`);
    api
      .post<TabAgreeResult>(`${base}/moderation`, {
        items: chosen.map((row) => ({
          actionId: row.item.id,
          version: row.item.version,
          ...(row.rating.value && row.rating.value !== row.item.proposed ? { rating: row.rating.value } : {}),
          commentary: row.commentary.value,
        })),
      })
      .then(async (answer) => {
        const failed = answer.results.filter((r) => !r.ok);
        await reload();
        const summary = `${answer.results.length - failed.length} agreed${failed.length > 0 ? `, ${failed.length} not` : ''}.`;
        say(summary);
        const shown = container.querySelector('.moderation-results');
        if (shown)
          replace(
            shown as HTMLElement,
            h('p', {}, summary),
            h(
              'ul',
              {},
              answer.results.map((r) => h('li', { class: r.ok ? 'ok' : 'error' }, r.message)),
            ),
          );
      })
      .catch((error: unknown) => {
        replace(results, h('p', { class: 'error', role: 'alert' }, errorText(error)));
      })
      .finally(() => {
        agreeButton.disabled = false;
      });
  });
  replace(
    container,
    heading,
    h(
      'p',
      { class: 'hint' },
      `${data.basis}. Choose a different agreed rating to change it; the commentary is what the committee paper prints. Owners’ notes are never published.`,
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'moderation' },
        h('caption', {}, 'Proposed and agreed ratings'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Agree',
              'Action',
              'Proposed',
              'Standing',
              'Owner’s note and evidence',
              'Flags',
              'Agreed rating',
              'Agreed commentary',
            ].map((text) => h('th', { scope: 'col' }, text)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) => row.element),
        ),
      ),
    ),
    h('div', { class: 'buttons' }, agreeButton),
    results,
  );
}

interface Row {
  item: TabModerationItem;
  element: HTMLTableRowElement;
  selected: HTMLInputElement;
  rating: HTMLSelectElement;
  commentary: HTMLTextAreaElement;
}

function moderationRow(item: TabModerationItem, data: TabModeration): Row {
  const key = item.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const selected = h('input', { type: 'checkbox', id: `agree-${key}` });
  const rating = h(
    'select',
    { id: `agreed-rating-${key}` },
    data.ratings.map((r) =>
      h('option', { value: r.rating, selected: r.rating === (item.agreed ?? item.proposed) }, r.name),
    ),
  );
  const commentary = h('textarea', { id: `commentary-${key}`, rows: 3, maxlength: 2000 });
  commentary.value = item.commentary;
  // Typing commentary is the intent to agree it: the row is ticked for the person.
  commentary.addEventListener('input', () => {
    selected.checked = commentary.value.trim() !== '';
  });
  const element = h(
    'tr',
    { 'data-action-id': item.id },
    h(
      'td',
      {},
      h('label', { for: `agree-${key}`, class: 'visually-hidden' }, `Agree action ${item.id}`),
      selected,
    ),
    h(
      'th',
      { scope: 'row' },
      h('span', { class: 'card-id' }, item.id),
      ' ',
      item.description,
      h('br'),
      h('span', { class: 'hint' }, `${item.owners}; due ${item.dueLabel}`),
    ),
    h('td', {}, item.proposedName),
    h('td', {}, item.standing),
    h(
      'td',
      {},
      item.note ?? h('span', { class: 'hint' }, 'No note'),
      item.dateRequest ? h('br') : null,
      item.dateRequest ? h('span', { class: 'hint' }, item.dateRequest) : null,
      item.evidence.length > 0 ? h('br') : null,
      item.evidence.length > 0 ? `Evidence: ${item.evidence.join('; ')}` : null,
      item.impact ? h('br') : null,
      item.impact ? h('span', { class: 'impact-evidence' }, item.impact) : null,
    ),
    h(
      'td',
      {},
      item.flags.length > 0
        ? h(
            'ul',
            {},
            item.flags.map((flag) => h('li', {}, flag)),
          )
        : 'None',
    ),
    h(
      'td',
      {},
      h('label', { for: `agreed-rating-${key}`, class: 'visually-hidden' }, `Agreed rating for ${item.id}`),
      rating,
    ),
    h(
      'td',
      {},
      h('label', { for: `commentary-${key}`, class: 'visually-hidden' }, `Agreed commentary for ${item.id}`),
      commentary,
    ),
  );
  return { item, element, selected, rating, commentary };
}

function drawEndorsement(
  container: HTMLElement,
  api: Api,
  base: string,
  data: TabModeration,
  say: (message: string) => void,
  reload: () => Promise<void>,
): void {
  if (data.closedRounds.length === 0) {
    container.replaceChildren();
    return;
  }
  const recorded = h(
    'ul',
    {},
    data.closedRounds.map((r) => h('li', {}, `${r.label}: ${r.governance ?? 'no agreement recorded'}`)),
  );
  if (!data.mayEndorse) {
    replace(container, h('h3', {}, 'Agreement and endorsement'), recorded);
    return;
  }
  const round = h(
    'select',
    { id: 'endorse-round' },
    data.closedRounds.map((r) => h('option', { value: String(r.number) }, r.label)),
  );
  const date = h('input', { type: 'date', id: 'endorse-date' });
  const meeting = h('input', { type: 'text', id: 'endorse-meeting', maxlength: 200, autocomplete: 'off' });
  const message = h('div', { role: 'status' });
  const form = h(
    'form',
    { class: 'endorse-form', 'aria-labelledby': 'endorse-heading' },
    field('endorse-round', 'Round', round),
    field('endorse-date', 'Date endorsed', date),
    field('endorse-meeting', 'Endorsed by (the meeting or body)', meeting),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'secondary' }, 'Record endorsement')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api
      .post<TabEndorsed>(`${base}/rounds/${encodeURIComponent(round.value)}/endorsement`, {
        date: date.value,
        meeting: meeting.value,
      })
      .then(async (answer) => {
        say(answer.governance);
        await reload();
      })
      .catch((error: unknown) => {
        replace(message, h('p', { class: 'error', role: 'alert' }, errorText(error)));
      });
  });
  replace(
    container,
    h('h3', { id: 'endorse-heading' }, 'Agreement and endorsement'),
    recorded,
    form,
    message,
  );
}

/** "Round to moderate": one option per open round, the listed one chosen. */
function roundPicker(data: TabModeration, choose: (round: number) => void): HTMLElement {
  const picker = h(
    'select',
    { id: 'moderation-round' },
    data.openRounds.map((r) => h('option', { value: String(r.number) }, r.label)),
  );
  if (data.round !== undefined) picker.value = String(data.round);
  picker.addEventListener('change', () => choose(Number(picker.value)));
  return h('div', { class: 'field' }, h('label', { for: 'moderation-round' }, 'Round to moderate'), picker);
}
