/**
 * Closing a round is a step, not a button: "Close round 3…" shows what is still outstanding (each action
 * and who it waits on) and what closing does, and only "Yes, close round 3" closes it. Cancel puts things
 * back as they were, focus on the button that opened the step.
 */
import type { TabOpenRound } from '../http/dashboard-api/admin-rounds-types.js';
import type { SaveOutcome } from './admin-client.js';
import { form, onSubmit, type SubmitHooks } from './admin-forms.js';
import { h } from './dom.js';

/** The close form's id: once the round has closed, a holder of the same id says so (admin-rounds.ts). */
export function closeFormId(key: string): string {
  return `${key}-close-form`;
}

export function closeStep(
  open: TabOpenRound,
  key: string,
  hooks: SubmitHooks,
  close: (body: { confirm: true }) => Promise<SaveOutcome>,
): HTMLElement {
  const heading = `${key}-close-heading`;
  const opener = h(
    'button',
    { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': `${key}-close` },
    `Close round ${open.number}…`,
  );
  const parts = form(closeFormId(key), heading, `Yes, close round ${open.number}`, []);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  parts.button.after(cancel);
  onSubmit(parts, hooks, () => close({ confirm: true }));

  const outstanding =
    open.outstanding.length === 0
      ? h('p', {}, 'Every action asked in this round has been answered.')
      : h(
          'div',
          {},
          h('p', {}, `${open.awaiting} still to answer:`),
          h(
            'ul',
            {},
            open.outstanding.map((item) => h('li', {}, `${item.actionId}, awaiting ${item.owners}`)),
          ),
        );
  const step = h(
    'div',
    { id: `${key}-close`, class: 'admin-item', hidden: true },
    h('h4', { id: heading, tabindex: -1 }, `Close round ${open.number}?`),
    outstanding,
    h(
      'p',
      {},
      'Closing takes a snapshot of every action in the round as it stands now, for the report and the next round’s comparison; answers given afterwards count towards the next round.',
    ),
    parts.form,
  );

  const show = (shown: boolean) => {
    step.hidden = !shown;
    opener.setAttribute('aria-expanded', String(shown));
    (shown ? step.querySelector<HTMLElement>('h4') : opener)?.focus();
  };
  opener.addEventListener('click', () => show(step.hidden));
  cancel.addEventListener('click', () => show(false));
  return h('div', {}, h('div', { class: 'buttons' }, opener), step);
}
