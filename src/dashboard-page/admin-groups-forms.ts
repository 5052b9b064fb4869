/**
 * Two forms of the monitoring section: which group monitors each action (one choice per action, saved
 * together, as a business manager sorts a newly imported plan), and the plan's governance.
 */
import type { TabAdminGroups, TabGovernance } from '../http/dashboard-api/admin-groups-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, select } from './admin-forms.js';
import { clip, h } from './dom.js';

/** The API's field for an action's choice (monitoring-admin.ts's `actionGroupField`). */
const fieldOf = (actionId: string) => `group-of-${actionId}`;

export function actionGroupsForm(
  planId: string,
  groups: TabAdminGroups,
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement {
  if (groups.groups.length === 0)
    return h('p', {}, 'Add a monitoring group first; then choose here which actions it monitors.');
  if (groups.actions.length === 0)
    return h('p', {}, 'The plan has no actions yet: import them, or add them under Actions and areas.');
  const options = optionsOf(groups);
  const parts = form(
    'action-groups-form',
    'action-groups-heading',
    'Save the groups',
    groups.actions.map((a, index) =>
      labelled(
        select(`action-group-${index}`, fieldOf(a.id), options, a.groupId),
        `${a.id}: ${clip(a.description, 60)}`,
      ),
    ),
  );
  onSubmit(parts, hooks, (values) => {
    // Only the actions whose group was changed here: the others are left as they are now.
    const moves = groups.actions
      .filter((a) => (values[fieldOf(a.id)] ?? a.groupId) !== a.groupId)
      .map((a) => ({ actionId: a.id, group: values[fieldOf(a.id)] || 'none' }));
    return client.save(planId, '/action-groups', { moves });
  });
  return parts.form;
}

/** The chosen action's group, in the Actions and areas section: the same change as the list above. */
export function actionGroupForm(
  planId: string,
  actionId: string,
  groups: TabAdminGroups,
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement | null {
  const action = groups.actions.find((a) => a.id === actionId);
  if (!action || groups.groups.length === 0) return null;
  const parts = form(
    'action-group-form',
    'action-group-heading',
    'Save its group',
    [labelled(select('action-group', fieldOf(actionId), optionsOf(groups), action.groupId), 'Monitored by')],
    'secondary',
  );
  onSubmit(parts, hooks, (values) =>
    client.save(planId, '/action-groups', {
      moves: [{ actionId, group: values[fieldOf(actionId)] || 'none' }],
    }),
  );
  return h(
    'div',
    {},
    h('h4', { id: 'action-group-heading' }, `Monitoring group of action ${actionId}`),
    parts.form,
  );
}

function optionsOf(groups: TabAdminGroups) {
  return [{ value: '', label: 'No group' }, ...groups.groups.map((g) => ({ value: g.id, label: g.name }))];
}

export function governanceForm(
  planId: string,
  governance: TabGovernance,
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLFormElement {
  const parts = form('governance-form', 'governance-heading', 'Save who agrees and the marking', [
    labelled(
      input('governance-moderationGroup', 'moderationGroup', governance.moderationGroup),
      'Who agrees ratings',
      'Named in “Agreed by … on …”, such as the S&CE subgroup; leave empty for whoever closes the round',
    ),
    labelled(
      input('governance-protectiveMarking', 'protectiveMarking', governance.protectiveMarking),
      'Protective marking',
      'Printed on the committee papers; leave empty for OFFICIAL',
    ),
  ]);
  onSubmit(parts, hooks, (values) => client.save(planId, '/governance', values));
  return parts.form;
}
