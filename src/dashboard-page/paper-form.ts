/**
 * The committee paper's form: what the covering report says about where it goes (title, committee,
 * meeting, date, author, recommendations) and what it is drawn from (today's plan, one monitoring group
 * today, or a closed round as it closed). The server checks the inputs as the CLI's `report` does (one
 * PaperOptions shape) and refuses a bad one in words, shown here beside the button.
 */
import type { TabPlanView } from '../http/dashboard-api/api-types.js';
import type { TabModeration } from '../http/dashboard-api/moderation-types.js';
import { type Api, errorText } from './api.js';
import { field, h, replace } from './dom.js';
import { save } from './downloads.js';

const TEXT_LIMIT = 200;

function textInput(id: string, value = ''): HTMLInputElement {
  const input = h('input', { type: 'text', id, maxlength: TEXT_LIMIT, autocomplete: 'off' });
  input.value = value;
  return input;
}

export function paperForm(
  api: Api,
  base: string,
  view: TabPlanView,
  say: (message: string) => void,
): { element: HTMLElement; offerRounds: (rounds: TabModeration['closedRounds']) => void } {
  const month = new Date().toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });
  const title = textInput('paper-title', `${view.plan.title}: progress update, ${month}`);
  const committee = textInput('paper-committee');
  const meeting = textInput('paper-meeting');
  const date = h('input', { type: 'date', id: 'paper-date' });
  const author = textInput('paper-author');
  const recommendations = h('textarea', {
    id: 'paper-recommendations',
    rows: 3,
    'aria-describedby': 'paper-recommendations-hint',
  });
  const recommendationsHint = h(
    'p',
    { class: 'hint', id: 'paper-recommendations-hint' },
    'One a line. Left empty, the paper recommends that the committee note the progress made and identify any areas for further scrutiny.',
  );
  const round = h('select', { id: 'paper-round' }, h('option', { value: '' }, 'The plan as it stands today'));
  const groups = view.monitoringGroups;
  const group = h(
    'select',
    { id: 'paper-group' },
    h('option', { value: '' }, 'Every action'),
    groups.map((g) => h('option', { value: g.id }, g.name)),
  );
  // A closed round is one group's (or the whole plan's) already: the choice of group is for today's plan.
  round.addEventListener('change', () => {
    group.disabled = round.value !== '';
  });
  const error = h('div', {});
  const button = h(
    'button',
    { type: 'submit', class: 'secondary download' },
    'Download the committee paper (Word)',
  );
  const form = h(
    'form',
    { class: 'paper-form', 'aria-labelledby': 'paper-heading' },
    h('h3', { id: 'paper-heading' }, 'Committee paper'),
    h(
      'p',
      { class: 'hint' },
      'A covering report with Appendix A (the quadrant grid) and Appendix B (the actions by area). Agreed ratings and agreed commentary only; owners’ notes are never in it.',
    ),
    field('paper-title', 'Title', title),
    field('paper-committee', 'Committee it goes to', committee),
    field('paper-meeting', 'Meeting it goes to', meeting),
    field('paper-date', 'Date of the meeting', date),
    field('paper-author', 'Report author', author),
    field('paper-recommendations', 'Recommendations', recommendations, recommendationsHint),
    field('paper-round', 'Paper drawn from', round),
    groups.length > 0 ? field('paper-group', 'Actions of', group) : null,
    h('div', { class: 'buttons' }, button),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    const fields: [string, string][] = [
      ['title', title.value],
      ['committee', committee.value],
      ['meeting', meeting.value],
      ['date', date.value],
      ['author', author.value],
      ['recommendations', recommendations.value],
      ['round', round.value],
      ['group', round.value ? '' : group.value],
    ];
    for (const [name, value] of fields) if (value.trim() !== '') query.set(name, value);
    button.disabled = true;
    error.replaceChildren();
    say('Preparing the committee paper…');
    api
      .download(`${base}/report.docx?${query.toString()}`)
      .then(({ blob, filename }) => {
        const name = filename ?? `${view.plan.id}-paper.docx`;
        save(blob, name);
        say(`Downloaded ${name}.`);
      })
      .catch((failure: unknown) => {
        say('');
        replace(
          error,
          h('p', { class: 'error', role: 'alert' }, `The paper could not be made: ${errorText(failure)}`),
        );
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return {
    element: form,
    offerRounds: (rounds) => {
      if (round.options.length > 1) return;
      for (const r of rounds)
        round.append(h('option', { value: String(r.number) }, `${r.label} (as it closed)`));
    },
  };
}
