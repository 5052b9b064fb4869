/**
 * A refused form, shown the way every form on the pages shows it: an error summary at the top linking
 * to each field, and each problem beside its field, tied to the control with aria-describedby and
 * aria-invalid. Focus goes to the summary. Each form says how a field name finds its control and label.
 */
import { h, hidden, replace, sentence } from './dom.js';

export interface IssueParts {
  form: HTMLElement;
  summary: HTMLElement;
}

export type FieldIssues = readonly { field: string; reason: string }[];

/** The control an issue's field names (absent: the problem is listed in the summary only) and its label. */
export type FindField = (field: string) => { control: HTMLElement | null; label: string };

export function clearIssues(parts: IssueParts): void {
  parts.summary.hidden = true;
  parts.summary.replaceChildren();
  for (const message of parts.form.querySelectorAll('.field-error')) message.remove();
  for (const control of parts.form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const rest = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (rest.length > 0) control.setAttribute('aria-describedby', rest.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/** `separator` goes between a field's label and its problem in the summary. */
export function showIssues(
  parts: IssueParts,
  error: string,
  issues: FieldIssues,
  find: FindField,
  separator: string,
): void {
  const items: HTMLElement[] = [];
  for (const issue of issues) {
    const { control, label } = find(issue.field);
    if (!control) {
      items.push(h('li', {}, `${label}${separator}${issue.reason}`));
      continue;
    }
    const id = `${control.id}-error`;
    let message = parts.form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    if (!message) {
      message = h('p', { id, class: 'field-error' }, hidden('Error: '));
      control.before(message);
      control.setAttribute(
        'aria-describedby',
        [id, ...(control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)].join(' '),
      );
    } else message.append(' ');
    message.append(sentence(issue.reason));
    control.setAttribute('aria-invalid', 'true');
    const link = h('a', { href: `#${control.id}` }, `${label}${separator}${issue.reason}`);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      control.focus();
    });
    items.push(h('li', {}, link));
  }
  replace(
    parts.summary,
    h('p', { class: 'error-title', role: 'alert' }, error),
    items.length > 0 ? h('ul', {}, items) : null,
  );
  parts.summary.hidden = false;
  parts.summary.focus();
}
