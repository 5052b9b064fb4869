/**
 * Entering or correcting a period's value of a measure on the dashboard (issue 21), for its reporter or a
 * coordinator: a refusal is shown beside each field (nothing was stored), a saved value redraws the
 * measure through `saved`.
 */
import type {
  TabMeasure,
  TabMeasureSummary,
  TabMeasureValueResult,
} from '../http/dashboard-api/api-types.js';
import { h } from './dom.js';
import type { FindField } from './error-summary.js';
import { domId, onMeasureSubmit } from './measure-parts.js';

const UNIT_FIELD: Record<TabMeasureSummary['unit'], string> = {
  number: 'Value',
  percentage: 'Value (per cent)',
  days: 'Value (days)',
  count: 'Value (a whole number)',
};

export interface ValueFormParts {
  measure: TabMeasureSummary;
  /** Posts the value; a refusal with issues is an answer, not an error. */
  send: (body: { period: string; value: string; note: string }) => Promise<TabMeasureValueResult>;
  /** The measure as it now stands, with the saved value among its points. */
  saved: (measure: TabMeasure) => void;
}

export function valueForm({ measure, send, saved }: ValueFormParts): HTMLFormElement {
  const id = domId(measure.id);
  const period = h('input', {
    id: `${id}-period`,
    type: 'month',
    name: 'period',
    required: true,
    'aria-describedby': `${id}-period-hint`,
  });
  period.value = measure.owed.period;
  const value = h('input', {
    id: `${id}-value`,
    type: 'number',
    name: 'value',
    step: 'any',
    inputmode: 'decimal',
    required: true,
  });
  const note = h('textarea', { id: `${id}-note`, name: 'note', rows: 2, maxlength: 2000 });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Save the value');
  const status = h('p', { class: 'status', role: 'status' });
  const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true });
  const form = h(
    'form',
    { class: 'measure-form', novalidate: true, 'aria-labelledby': `${id}-form-heading` },
    h('h5', { id: `${id}-form-heading` }, 'Enter or correct a value'),
    h(
      'p',
      { class: 'hint' },
      'A value for a period that already has one corrects it; both are kept in the history.',
    ),
    summary,
    h(
      'div',
      { class: 'field' },
      h('label', { for: period.id }, 'Period'),
      h(
        'p',
        { id: `${id}-period-hint`, class: 'hint' },
        measure.frequency === 'monthly'
          ? 'The month, such as 2026-11.'
          : `Any month of the ${measure.frequency === 'quarterly' ? 'quarter' : 'term'}, such as 2026-11.`,
      ),
      period,
    ),
    h('div', { class: 'field' }, h('label', { for: value.id }, UNIT_FIELD[measure.unit]), value),
    h('div', { class: 'field' }, h('label', { for: note.id }, 'Note (optional)'), note),
    h('div', { class: 'form-actions wrap' }, submit, status),
  );
  const controls: Record<string, [HTMLElement, string]> = {
    period: [period, 'Period'],
    value: [value, 'Value'],
    note: [note, 'Note'],
  };
  const find: FindField = (field) => {
    const [control, label] = controls[field] ?? [null, field];
    return { control, label };
  };
  onMeasureSubmit(
    { form, summary, submit, status, find },
    () => {
      // A number input holds '' for text it cannot read: the server is told what was typed, as far as it can be.
      const typed = value.value === '' && value.validity.badInput ? 'not a number' : value.value;
      return send({ period: period.value, value: typed, note: note.value });
    },
    (result) => {
      saved(result.measure);
      value.value = '';
      note.value = '';
    },
  );
  return form;
}

/** A row's Correct: the form takes its period, and the value field the focus. */
export function startCorrection(measureId: string, period: string): void {
  const id = domId(measureId);
  const periodInput = document.getElementById(`${id}-period`) as HTMLInputElement | null;
  const valueInput = document.getElementById(`${id}-value`) as HTMLInputElement | null;
  if (!periodInput || !valueInput) return;
  periodInput.value = period;
  valueInput.focus();
}
