/**
 * The update page's measure view: what a measure request's e-mail link opens. The measure's baseline,
 * latest and target, the period asked for, and one form (the value, its period prefilled with the one
 * owed, an optional note) that posts back to the link. Plain HTML that works without JavaScript, styled by
 * /update-page.css like the action page, every problem said in words beside its field.
 */
import { formatUkDate } from '../../domain/dates';
import { formatMeasureValue, periodLabel, polarityWords, STATUS_WORDS } from '../../domain/measures';
import { escapeHtml } from '../../support/escape-html';
import type { MeasureRequestView } from '../../usecases/shared/measure-request-view';
import { documentStart } from '../page-head';

const h = escapeHtml;

export interface MeasurePageInput {
  view: MeasureRequestView;
  /** The address the link was made for, and how they act: "as its reporter", "covering for …". */
  actingAs: string;
  postPath: string;
  csrf: string;
}

export function renderMeasurePage(input: MeasurePageInput): string {
  const { view } = input;
  const { measure, assessment, plan } = view;
  const at = (v: { value: number; date: string }) =>
    `${formatMeasureValue(measure.unit, v.value)} (${formatUkDate(v.date)})`;
  const facts: [string, string][] = [
    ...(measure.definition ? ([['Definition', measure.definition]] as [string, string][]) : []),
    ['Baseline', at(measure.baseline)],
    [
      'Latest',
      assessment.latest
        ? `${formatMeasureValue(measure.unit, assessment.latest.value)} (${assessment.latest.periodLabel})`
        : 'None reported yet',
    ],
    [
      'Target',
      `${formatMeasureValue(measure.unit, measure.target.value)} by ${formatUkDate(measure.target.date)}`,
    ],
    ['Better when', polarityWords(measure.polarity, measure.unit)],
    ['Status', `${STATUS_WORDS[assessment.status]}: ${assessment.reason}`],
    ['Asked for', view.period.label],
  ];
  return `${documentStart({ title: `Report measure ${measure.id}: Action Tracker`, noReferrer: true })}
<link rel="stylesheet" href="/update-page.css">
</head>
<body>
<header><p class="plan">${h(plan.title)}</p></header>
<main>
<h1>Measure ${h(measure.id)}: ${h(measure.name)}</h1>
<p class="acting">You are reporting this measure as <strong>${h(input.actingAs)}</strong>.</p>
${banner(view)}
<dl class="facts">${facts.map(([label, value]) => `<dt>${h(label)}</dt><dd>${h(value)}</dd>`).join('')}</dl>
${view.refusal ? '' : valueForm(input)}
</main>
<footer><p>Questions about this plan: ask its coordinators${plan.coordinators.length ? `, ${h(plan.coordinators.join(', '))}` : ''}. This page is for you alone: please do not share its address.</p></footer>
</body>
</html>`;
}

function banner(view: MeasureRequestView): string {
  const say = (tone: string, word: string, text: string) =>
    `<div class="banner banner-${tone}" role="status"><strong>${word}:</strong> ${h(text)}</div>`;
  if (view.refusal) return say('attention', 'Not saved', view.refusal);
  if (view.recorded) {
    const { value, corrects } = view.recorded;
    const { unit, frequency } = view.measure;
    const correcting = corrects
      ? `, correcting the earlier ${formatMeasureValue(unit, corrects.value)} (both are kept in the history)`
      : '';
    return say(
      'good',
      'Done',
      `${formatMeasureValue(unit, value.value)} recorded for ${periodLabel(frequency, value.period)}${correcting}. Thank you. You can correct it below if it was wrong.`,
    );
  }
  if (view.errors && view.errors.length > 0)
    return say('attention', 'Not saved', 'Please check the figure and the period below.');
  return '';
}

function valueForm(input: MeasurePageInput): string {
  const { view } = input;
  const errors = new Map((view.errors ?? []).map((e) => [e.field, e.reason]));
  const typed = (name: 'value' | 'period' | 'note', fallback: string) =>
    view.errors && view.errors.length > 0 ? (view.inputs?.[name] ?? fallback) : fallback;
  return `<form method="post" action="${h(input.postPath)}" class="panel">
<h2>Report the value</h2>
<input type="hidden" name="csrf" value="${h(input.csrf)}">
${field('measure-value', 'value', `Value for ${view.period.label}`, errors, unitHint(view), (d) => `<input type="text" inputmode="decimal" id="measure-value" name="value" autocomplete="off" value="${h(typed('value', ''))}"${d}>`)}
${field('measure-period', 'period', 'Period', errors, 'The first month of the period, like 2026-11.', (d) => `<input type="text" id="measure-period" name="period" maxlength="7" value="${h(typed('period', view.period.start))}"${d}>`)}
${field('measure-note', 'note', 'Note (optional)', errors, 'Anything the figure needs said with it. Do not name children. At most 2,000 characters.', (d) => `<textarea id="measure-note" name="note" rows="3" maxlength="2000"${d}>${h(typed('note', ''))}</textarea>`)}
<button type="submit">Submit value</button>
</form>`;
}

function field(
  id: string,
  name: string,
  label: string,
  errors: Map<string, string>,
  hint: string,
  control: (describedBy: string) => string,
): string {
  const error = errors.get(name);
  const ids = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return `<div class="field${error ? ' field-error' : ''}"><label for="${id}">${h(label)}</label><p class="hint" id="${id}-hint">${h(hint)}</p>${error ? `<p class="error" id="${id}-error"><strong>Problem:</strong> ${h(`The ${name} ${error}`)}</p>` : ''}${control(` aria-describedby="${ids}"`)}</div>`;
}

function unitHint(view: MeasureRequestView): string {
  switch (view.measure.unit) {
    case 'percentage':
      return 'A percentage from 0 to 100, without the % sign.';
    case 'days':
      return 'A number of days.';
    case 'count':
      return 'A whole number.';
    case 'number':
      return 'A number; use a point for decimals, like 3.2.';
    default: {
      const never: never = view.measure.unit;
      return String(never);
    }
  }
}
