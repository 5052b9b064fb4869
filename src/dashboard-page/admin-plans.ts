/**
 * Creating a plan (for the people PLAN_CREATORS names, and in local mode while it is unset the local
 * operator) and closing this one (its coordinators).
 */
import type { TabAdminPlan } from '../http/dashboard-api/admin-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks } from './admin-forms.js';
import { h } from './dom.js';

export function createPlanForm(
  client: AdminClient,
  hooks: SubmitHooks,
  opened: (planId: string) => void,
  localMode = false,
): HTMLElement {
  const parts = form('create-plan-form', 'create-plan-heading', 'Create the plan', [
    labelled(
      input('create-id', 'id', '', { autocomplete: 'off' }),
      'Plan id',
      'Lower-case letters, digits and hyphens, such as leeds-2025; it cannot change later',
    ),
    labelled(input('create-title', 'title', '', { autocomplete: 'off' }), 'Title'),
    labelled(input('create-authority', 'principalAuthority', ''), 'Principal authority'),
  ]);
  onSubmit(
    parts,
    {
      say: hooks.say,
      reload: async () => undefined,
    },
    async (values) => {
      const outcome = await client.save(undefined, '', values);
      if (outcome.kind === 'saved' && outcome.planId) opened(outcome.planId);
      return outcome;
    },
  );
  return h(
    'div',
    {},
    h('h3', { id: 'create-plan-heading' }, 'Create a plan'),
    h(
      'p',
      { class: 'hint' },
      'You become its first coordinator. Add its areas, actions and people here afterwards.',
    ),
    localMode
      ? h(
          'p',
          { class: 'hint', id: 'create-plan-who' },
          'Local mode: whoever you act as may create plans here, as you run this server, unless the PLAN_CREATORS setting names who may. In production only the people PLAN_CREATORS names (e-mail addresses or Entra ID groups) can create plans.',
        )
      : null,
    parts.form,
  );
}

export function closePlanForm(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLElement {
  const parts = form(
    'close-plan-form',
    'close-plan-heading',
    'Close this plan',
    [
      labelled(
        input('close-confirm', 'confirm', '', { autocomplete: 'off' }),
        `Type ${view.plan.id} to confirm`,
      ),
    ],
    'secondary',
  );
  onSubmit(parts, hooks, (values) => client.save(view.plan.id, '/close', values));
  return h(
    'div',
    {},
    h('h3', { id: 'close-plan-heading' }, 'Close this plan'),
    h(
      'p',
      { class: 'hint' },
      'When monitoring has ended: no more reminders, rounds or digests, and its actions can no longer be changed. The retention period starts, after which it may be purged.',
    ),
    parts.form,
  );
}
