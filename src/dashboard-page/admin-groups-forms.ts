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
  const options = [
    { value: '', label: 'No group' },
    ...groups.groups.map((g) => ({ value: g.id, label: g.name })),
  ];
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
