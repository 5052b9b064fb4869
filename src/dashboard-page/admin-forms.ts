/**
 * The management page's forms: labelled controls, and one way to submit — the button is disabled while
 * the save runs, problems are listed at the top (each linked to its field) and said beside the field
 * (aria-invalid, aria-describedby), and a success is said beside the button pressed, in a status line of
 * its own (role=status), so it is seen where the person is looking and read out by screen readers. Every
 * control carries `data-field`, the API's name for it, so the server's issues find their field.
 */
import type { SaveOutcome } from './admin-client.js';
import { errorText } from './api.js';
import { h } from './dom.js';
import {
  clearIssues,
  type FieldIssues,
  type FindField,
  type IssueParts,
  showIssues as showFormIssues,
} from './error-summary.js';
import { statusLine } from './page-shell.js';

export interface Option {
  value: string;
  label: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** `<div class="field"><label>…</label><p class="hint">…</p>control</div>`, hint tied to the control. */
export function labelled(control: Control, label: string, hint?: string): HTMLDivElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
  );
}

export function input(
  id: string,
  field: string,
  value: string,
  attrs: Record<string, string | boolean | undefined> = {},
): HTMLInputElement {
  const control = h('input', { id, name: field, 'data-field': field, type: 'text', ...attrs });
  control.value = value;
  return control;
}

export function textarea(id: string, field: string, value: string, rows = 3): HTMLTextAreaElement {
  const control = h('textarea', { id, name: field, 'data-field': field, rows });
  control.value = value;
  return control;
}

export function select(
  id: string,
  field: string,
  options: readonly Option[],
  value: string,
): HTMLSelectElement {
  const control = h(
    'select',
    { id, name: field, 'data-field': field },
    options.map((o) => h('option', { value: o.value }, o.label)),
  );
  control.value = value;
  return control;
}

/** The values of a form's controls, by field name. */
export function valuesOf(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const control of form.querySelectorAll<Control>('[data-field]'))
    values[control.dataset.field ?? control.name] = control.value;
  return values;
}

export interface FormParts {
  form: HTMLFormElement;
  summary: HTMLDivElement;
  button: HTMLButtonElement;
}

/**
 * A form with its error summary first and its submit button last. `labelledBy` names the heading
 * that titles it, so assistive technology announces the form by name.
 */
export function form(
  id: string,
  labelledBy: string,
  buttonText: string,
  children: (Node | null)[],
  buttonClass = 'primary',
): FormParts {
  const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true, id: `${id}-problems` });
  const button = h('button', { type: 'submit', class: buttonClass }, buttonText);
  const element = h(
    'form',
    { id, class: 'admin-form', 'aria-labelledby': labelledBy, novalidate: true },
    summary,
    children,
    h('div', { class: 'form-actions' }, button, statusBeside()),
  );
  return { form: element, summary, button };
}

export interface SubmitHooks {
  /** Says a success (the page's status region). */
  say: (message: string) => void;
  /** After a success, or a stale form: the page reloads what it shows. */
  reload: (after: { formId: string; error?: string }) => Promise<void>;
}

/** Submits through `save`; on success says so and reloads; on refusal shows the issues in place. */
export function onSubmit(
  parts: FormParts,
  hooks: SubmitHooks,
  save: (values: Record<string, string>) => Promise<SaveOutcome>,
): void {
  // Read as the attribute: a form with a control named "id" (the add-action form's number) answers
  // `form.id` with that control.
  const formId = parts.form.getAttribute('id') ?? '';
  parts.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      clearIssues(parts);
      // The last save's words go, so the next ones are heard (and read) only once this one is done.
      hooks.say('');
      parts.button.disabled = true;
      parts.form.setAttribute('aria-busy', 'true');
      try {
        const outcome = await save(valuesOf(parts.form));
        switch (outcome.kind) {
          case 'saved': {
            const above = formsAbove(parts.form);
            await hooks.reload({ formId });
            // The page was drawn again: the same form anew, or gone (an action withdrawn), when the
            // nearest form above it that is still there says it.
            sayBeside(
              () => [formId, ...above].map((id) => document.getElementById(id)).find(Boolean) ?? null,
              outcome.message,
              hooks,
            );
            break;
          }
          case 'stale':
            await hooks.reload({ formId, error: outcome.error });
            break;
          case 'refused':
            showIssues(parts, outcome.error, outcome.issues);
            break;
        }
      } catch (error) {
        showIssues(parts, errorText(error), []);
      } finally {
        parts.button.disabled = false;
        parts.form.removeAttribute('aria-busy');
      }
    })();
  });
}

/** The ids of the forms above `form` in its section, nearest first. */
function formsAbove(form: HTMLFormElement): string[] {
  const forms = [...(form.closest('section')?.querySelectorAll('form') ?? [])];
  return forms
    .slice(0, forms.indexOf(form))
    .reverse()
    .map((f) => f.getAttribute('id') ?? '')
    .filter(Boolean);
}

/** The status line beside a form's or a row's buttons: what was saved is said here, and read out. */
export function statusBeside(): HTMLParagraphElement {
  return h('p', { class: 'status beside', role: 'status' });
}

/**
 * Says a success beside the button pressed, once the page has been drawn again: in the status line of
 * `holder()` (the form, or the list row, as drawn now), with focus back on the button pressed (`pressed`,
 * or the holder's first) so the page does not jump away from it. With no holder, the page's own status
 * line says it instead.
 */
export function sayBeside(
  holder: () => HTMLElement | null,
  message: string,
  hooks: Pick<SubmitHooks, 'say'>,
  pressed = 'button[type="submit"]',
): void {
  const found = holder();
  const status = found?.querySelector<HTMLElement>('.status.beside');
  if (!found || !status) {
    hooks.say(message);
    return;
  }
  // A holder with no button (a list's status line) takes focus itself: it is drawn with tabindex=-1.
  (found.querySelector<HTMLButtonElement>(pressed) ?? found.querySelector('button') ?? found).focus();
  statusLine(status)(message);
}

/** A control of these forms carries its field's name in data-field, and is labelled by a <label for>. */
function byDataField(form: HTMLElement): FindField {
  return (field) => {
    const control = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
    const label = control
      ? (form.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent ?? field)
      : field;
    return { control, label };
  };
}

/** The refusal at the top (each problem a link to its field) and beside each field; focus to the top. */
export function showIssues(parts: IssueParts, error: string, issues: FieldIssues): void {
  showFormIssues(parts, error, issues, byDataField(parts.form), ': ');
}
