/**
 * Actions and areas: add an area, add an action, and for the action chosen, edit it, reschedule it (the
 * current due date moves with a reason; the baseline stays) or withdraw it with a reason. Each form
 * carries the version of the action it was drawn from, so a change someone made since is caught.
 */
import type { TabAdminAction, TabAdminPlan, TabTextField } from '../http/dashboard-api/admin-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, select, textarea } from './admin-forms.js';
import { h } from './dom.js';

export function actionsSection(
  view: TabAdminPlan,
  client: AdminClient,
  hooks: SubmitHooks,
  chosen: string | undefined,
  onChoose: (actionId: string) => void,
  /** More for the chosen action from another section's concern (its monitoring group). */
  more?: (action: TabAdminAction) => HTMLElement | null,
): HTMLElement {
  const planId = view.plan.id;
  const areaOptions = view.areas.map((a) => ({ value: a.id, label: `${a.id}. ${clip(a.text)}` }));
  const picker = select(
    'action-choice',
    'actionChoice',
    [
      { value: '', label: 'Choose an action' },
      ...view.actions.map((a) => ({
        value: a.id,
        label: `${a.id}: ${clip(a.description)} (${a.lifecycleLabel})`,
      })),
    ],
    chosen ?? '',
  );
  picker.removeAttribute('data-field');
  picker.addEventListener('change', () => onChoose(picker.value));
  const action = view.actions.find((a) => a.id === chosen);

  return h(
    'div',
    {},
    h('h3', { id: 'change-action-heading' }, 'Change an action'),
    labelled(picker, 'Action'),
    action ? actionForms(planId, action, areaOptions, view.textFields, client, hooks) : null,
    action && more ? more(action) : null,
    h('h3', { id: 'add-action-heading' }, 'Add an action'),
    addActionForm(view, areaOptions, client, hooks),
    h('h3', { id: 'add-area-heading' }, 'Add an area for improvement'),
    addAreaForm(planId, client, hooks),
  );
}

function fieldsOf(
  prefix: string,
  a: Partial<TabAdminAction>,
  areas: { value: string; label: string }[],
  texts: readonly TabTextField[],
) {
  const id = (field: string) => `${prefix}-${field}`;
  return [
    labelled(textarea(id('description'), 'description', a.description ?? '', 3), 'What will be done'),
    labelled(
      select(id('areaId'), 'areaId', [{ value: '', label: 'Choose the area' }, ...areas], a.areaId ?? ''),
      'Area for improvement',
    ),
    labelled(input(id('leadAgency'), 'leadAgency', a.leadAgency ?? ''), 'Lead agency'),
    labelled(
      input(id('contributingAgencies'), 'contributingAgencies', a.contributingAgencies ?? ''),
      'Contributing agencies',
      'Separated by commas',
    ),
    labelled(
      textarea(id('owners'), 'owners', a.owners ?? '', 2),
      'Owners',
      'One a line: name, e-mail address',
    ),
    // Each free-text field (success measure, …) as the field list names and labels it.
    ...texts.map((f) => labelled(textarea(id(f.name), f.name, a.texts?.[f.name] ?? '', 2), f.label)),
  ];
}

function actionForms(
  planId: string,
  a: TabAdminAction,
  areas: { value: string; label: string }[],
  texts: readonly TabTextField[],
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement {
  const path = `/actions/${encodeURIComponent(a.id)}`;
  const edit = form(
    'edit-action-form',
    'edit-action-heading',
    'Save the action',
    fieldsOf('edit', a, areas, texts),
  );
  onSubmit(edit, hooks, (values) => client.save(planId, path, { version: a.version, fields: values }));

  const reschedule = form('reschedule-form', 'reschedule-heading', 'Reschedule', [
    labelled(
      input('reschedule-date', 'date', '', { type: 'date' }),
      'New due date',
      `Now due ${a.currentDueLabel}; agreed (baseline) ${a.baselineDueLabel}, which stays`,
    ),
    labelled(textarea('reschedule-reason', 'reason', '', 2), 'Reason'),
  ]);
  onSubmit(reschedule, hooks, (values) =>
    client.save(planId, `${path}/reschedule`, { version: a.version, ...values }),
  );

  const withdraw = form(
    'withdraw-form',
    'withdraw-heading',
    'Withdraw the action',
    [
      labelled(
        textarea('withdraw-reason', 'reason', '', 2),
        'Reason for withdrawing',
        'It stays in the plan’s history and reports, marked withdrawn',
      ),
    ],
    'secondary',
  );
  onSubmit(withdraw, hooks, (values) =>
    client.save(planId, `${path}/withdraw`, { version: a.version, ...values }),
  );

  return h(
    'div',
    { class: 'action-forms', id: 'action-forms' },
    h('p', {}, `Action ${a.id}: ${a.lifecycleLabel}, due ${a.currentDueLabel}.`),
    h('h4', { id: 'edit-action-heading' }, `Edit action ${a.id}`),
    edit.form,
    a.open ? h('h4', { id: 'reschedule-heading' }, `Reschedule action ${a.id}`) : null,
    a.open ? reschedule.form : null,
    a.lifecycleLabel !== 'Withdrawn' ? h('h4', { id: 'withdraw-heading' }, `Withdraw action ${a.id}`) : null,
    a.lifecycleLabel !== 'Withdrawn' ? withdraw.form : null,
  );
}

function addActionForm(
  view: TabAdminPlan,
  areas: { value: string; label: string }[],
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLFormElement {
  const parts = form('add-action-form', 'add-action-heading', 'Add the action', [
    labelled(
      input('add-id', 'id', '', { autocomplete: 'off' }),
      'Number',
      'As the plan numbers it, such as 2.4',
    ),
    ...fieldsOf('add', {}, areas, view.textFields),
    labelled(input('add-dueDate', 'dueDate', '', { type: 'date' }), 'Due date'),
  ]);
  onSubmit(parts, hooks, (values) => client.save(view.plan.id, '/actions', values));
  return parts.form;
}

function addAreaForm(planId: string, client: AdminClient, hooks: SubmitHooks): HTMLFormElement {
  const parts = form('add-area-form', 'add-area-heading', 'Add the area', [
    labelled(
      input('area-id', 'id', '', { autocomplete: 'off' }),
      'Number',
      'Leave empty for the next number',
    ),
    labelled(textarea('area-text', 'text', '', 2), 'What needs to improve'),
  ]);
  onSubmit(parts, hooks, (values) => client.save(planId, '/areas', values));
  return parts.form;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
