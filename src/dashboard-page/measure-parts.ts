/**
 * What the measures view's pieces share (issue 21): the status told by a symbol and words (never colour
 * alone), the ids a measure's parts take in the DOM, and a fact of a definition list.
 */
import type { TabMeasureStatus } from '../http/dashboard-api/api-types.js';
import { errorText } from './api.js';
import { h } from './dom.js';
import { clearIssues, type FindField, showIssues } from './error-summary.js';

export const STATUS_SYMBOL: Record<TabMeasureStatus, string> = {
  'on-track': '✓',
  'off-track': '✗',
  'no-data': '?',
};

export const STATUS_TITLE: Record<TabMeasureStatus, string> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  'no-data': 'No data',
};

export function fact(term: string, text: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, text)];
}

/** An id safe in the DOM for a measure id (letters, digits, dot, dash and underscore). */
export function domId(measureId: string): string {
  return `measure-${measureId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A measure form's parts that its one way of submitting needs. */
export interface MeasureFormControls {
  form: HTMLFormElement;
  summary: HTMLElement;
  submit: HTMLButtonElement;
  status: HTMLElement;
  find: FindField;
}

type Answer<T> =
  | ({ ok: true; message: string } & T)
  | { ok: false; error: string; issues?: readonly { field: string; reason: string }[] };

/**
 * Both measure forms submit the same way: the button is disabled while the save runs, "Saving…" is said,
 * a refusal (nothing stored) is shown beside each field, and a save hands its answer to `saved`.
 */
export function onMeasureSubmit<T>(
  { form, summary, submit, status, find }: MeasureFormControls,
  send: () => Promise<Answer<T>>,
  saved: (answer: { ok: true; message: string } & T) => void,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearIssues({ form, summary });
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    status.textContent = 'Saving…';
    send()
      .then((result) => {
        if (result.ok) {
          status.textContent = result.message;
          saved(result);
          return;
        }
        status.textContent = '';
        showIssues({ form, summary }, result.error, result.issues ?? [], find, ' ');
      })
      .catch((error: unknown) => {
        status.textContent = '';
        showIssues({ form, summary }, errorText(error), [], find, ' ');
      })
      .finally(() => {
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      });
  });
}
