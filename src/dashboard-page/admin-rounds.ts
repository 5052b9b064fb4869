/**
 * Monitoring rounds on the management page: per monitoring group (and for the actions in none), the round
 * a start would open (its response date from the group's next meeting, with the date's flags and when the
 * requests would go), or the open round's answers by agency with "Chase now" and closing (what is
 * outstanding first, then a confirmation); then each closed round's endorsement. Every change goes
 * through the rounds API (admin-rounds-api.ts), which runs the same use cases as chat and the CLI.
 */
import type { TabClosedRound, TabRoundScope, TabRounds } from '../http/dashboard-api/admin-rounds-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, statusBeside } from './admin-forms.js';
import { closeFormId, closeStep } from './admin-rounds-close.js';
import { type Api, seg } from './api.js';
import { h, replace } from './dom.js';
import { statusLine } from './page-shell.js';

export class RoundsSection {
  /** Read out when a change is saved; the words are also shown beside what was pressed. */
  private readonly live = h('p', { class: 'visually-hidden', role: 'status' });
  private readonly say = statusLine(this.live);
  private readonly content = h('div', {});
  private planId = '';

  constructor(
    body: HTMLElement,
    private readonly api: Api,
    private readonly client: AdminClient,
    private readonly showError: (error: unknown) => void,
  ) {
    replace(body, this.live, this.content);
  }

  /** Draws the section for the plan (again after any save on the page, as the other sections are). */
  async show(planId: string): Promise<void> {
    this.planId = planId;
    try {
      this.draw(await this.api.get<TabRounds>(`/api/tab/admin/plans/${seg(planId)}/rounds`));
    } catch (error) {
      replace(this.content, h('p', {}, 'The monitoring rounds could not be shown.'));
      this.showError(error);
    }
  }

  private draw(rounds: TabRounds): void {
    const scopes = rounds.scopes.map((scope) => this.scopeBlock(scope, rounds));
    const closed = rounds.closed.map((round) => this.closedBlock(round));
    replace(
      this.content,
      h(
        'p',
        { class: 'hint' },
        `Today is ${rounds.todayLabel}. A round asks every owner of an open action in its group for an update by the response date; closing it freezes a snapshot for the report.`,
      ),
      h('div', { class: 'admin-list' }, scopes),
      h('h3', { id: 'endorsements-heading' }, 'Endorsement'),
      closed.length > 0
        ? h('ul', { class: 'admin-list', 'aria-labelledby': 'endorsements-heading' }, closed)
        : h('p', { class: 'hint' }, 'No round has closed yet. A closed round is endorsed here.'),
    );
  }

  /**
   * After a save: this section drawn again. The helpers then say the words beside the button pressed; a
   * form a save replaced (starting or closing a round) leaves a holder of its id, so they are said there.
   */
  private readonly hooks: SubmitHooks = {
    say: (message) => this.say(message),
    reload: async (after) => {
      await this.show(this.planId);
      if (after.error) this.say(after.error);
    },
  };

  private scopeBlock(scope: TabRoundScope, rounds: TabRounds): HTMLElement {
    const key = `scope-${scope.group || 'none'}`;
    const heading = `${key}-heading`;
    const parts: (Node | null)[] = [
      h('h3', { id: heading, tabindex: -1 }, scope.name),
      h('p', { class: 'hint' }, `${scope.about} ${scope.askableLabel}.`),
      // Where "started" is said once the start form has gone, and "closed" once the close form has.
      h(
        'div',
        { id: scope.open ? startFormId(key) : closeFormId(key), class: 'said', tabindex: -1 },
        statusBeside(),
      ),
    ];
    if (scope.open) {
      const open = scope.open;
      parts.push(
        h('p', {}, h('strong', {}, open.label)),
        h('p', {}, open.progressLabel),
        agencyTable(open, key),
        open.contributing ? h('p', { class: 'hint' }, open.contributing) : null,
        this.chaseForm(open.number, key, heading, rounds.sends),
        closeStep(open, key, this.hooks, (body) =>
          this.client.save(this.planId, `/rounds/${open.number}/close`, body),
        ),
      );
    } else {
      if (scope.latestLabel) parts.push(h('p', {}, `${scope.latestLabel}.`));
      if (scope.cannotStart) parts.push(h('p', {}, scope.cannotStart));
      if (scope.proposal) parts.push(this.startForm(scope, key, heading));
    }
    return h('div', { class: 'admin-item', 'data-block': key }, parts);
  }

  private startForm(scope: TabRoundScope, key: string, heading: string): HTMLElement {
    const proposal = scope.proposal!;
    // "Start a round for CAMHS subgroup", "… for the whole plan", "… for actions in no group".
    const scopeWords = scope.group ? scope.name : scope.name.charAt(0).toLowerCase() + scope.name.slice(1);
    const parts = form(startFormId(key), heading, `Start a round for ${scopeWords}`, [
      h('p', {}, `${proposal.summary}.`),
      proposal.warnings.length > 0
        ? h(
            'div',
            {},
            h('p', {}, h('strong', {}, 'Check the response date:')),
            h(
              'ul',
              {},
              proposal.warnings.map((warning) => h('li', {}, `${warning}.`)),
            ),
          )
        : null,
      proposal.queued ? h('p', {}, proposal.queued) : null,
      labelled(
        input(`${key}-due`, 'responseDue', proposal.responseDue, { type: 'date' }),
        'Response date',
        'The day owners are asked to answer by; change it if they need longer.',
      ),
    ]);
    onSubmit(parts, this.hooks, (values) =>
      this.client.save(this.planId, '/rounds', { group: scope.group, responseDue: values.responseDue ?? '' }),
    );
    return parts.form;
  }

  private chaseForm(round: number, key: string, heading: string, sends: boolean): HTMLElement {
    const parts = form(
      `${key}-chase`,
      heading,
      'Chase now',
      [
        h(
          'p',
          { class: 'hint' },
          sends
            ? 'Sends the next reminder now to each owner still to answer (once a step; the schedule then skips it).'
            : 'This server sends no messages: the scheduled sweep chases on its own.',
        ),
      ],
      'secondary',
    );
    onSubmit(parts, this.hooks, () => this.client.save(this.planId, `/rounds/${round}/chase`, {}));
    return parts.form;
  }

  private closedBlock(round: TabClosedRound): HTMLElement {
    const key = `closed-${round.number}`;
    const heading = `${key}-heading`;
    const parts = form(
      `${key}-endorse`,
      heading,
      round.endorsed
        ? `Correct the endorsement of round ${round.number}`
        : `Record endorsement of round ${round.number}`,
      [
        labelled(
          input(`${key}-meeting`, 'meeting', round.oversightBody, { autocomplete: 'off' }),
          'Endorsed by',
          'The executive or oversight body that endorsed the round, such as the LSCP Executive',
        ),
        labelled(
          input(`${key}-date`, 'date', '', { type: 'date', min: round.closedOn }),
          'Date endorsed',
          'The day of the meeting: on or after the round closed',
        ),
      ],
      round.endorsed ? 'secondary' : 'primary',
    );
    onSubmit(parts, this.hooks, (values) =>
      this.client.save(this.planId, `/rounds/${round.number}/endorsement`, values),
    );
    return h(
      'li',
      { class: 'admin-item', 'data-block': key },
      h('h4', { id: heading, tabindex: -1 }, round.label),
      h('p', {}, round.governance ?? 'Closed before agreement was recorded.'),
      parts.form,
    );
  }
}

function startFormId(key: string): string {
  return `${key}-start`;
}

/**
 * Answered and awaiting by lead agency: three short columns, so the table fits a phone; who each agency
 * is waiting on follows as a list, where long names and job titles can wrap.
 */
function agencyTable(open: NonNullable<TabRoundScope['open']>, key: string): HTMLElement {
  const waiting = open.byAgency.filter((a) => a.waitingOn.length > 0);
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: `${key}-agencies` },
        h('caption', {}, 'By lead agency'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Agency', 'Answered', 'Awaiting'].map((text) => h('th', { scope: 'col' }, text)),
          ),
        ),
        h(
          'tbody',
          {},
          open.byAgency.map((a) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, a.agency),
              h('td', {}, String(a.answered)),
              h('td', {}, String(a.awaiting)),
            ),
          ),
        ),
      ),
    ),
    waiting.length > 0
      ? h(
          'ul',
          { 'aria-label': 'Still to answer, by agency' },
          waiting.map((a) => h('li', {}, `${a.agency} is waiting on ${a.waitingOn.join('; ')}`)),
        )
      : null,
  );
}
