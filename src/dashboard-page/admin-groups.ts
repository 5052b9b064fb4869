/**
 * The management page's monitoring section: the plan's monitoring groups (each with what its next round
 * asks for, a form to change it, its meetings added and cancelled, and removing it), a new group, which
 * group monitors each action, and who agrees ratings with the papers' marking. The server decides and
 * words every outcome (admin-groups-api.ts); this draws the forms and sends what they hold.
 */
import type { TabAdminGroups, TabGroup, TabGroupFields } from '../http/dashboard-api/admin-groups-types.js';
import type { TabAdminPlan, TabOption } from '../http/dashboard-api/admin-types.js';
import type { AdminClient } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, select, textarea } from './admin-forms.js';
import { actionGroupsForm, governanceForm } from './admin-groups-forms.js';
import type { Api } from './api.js';
import { seg } from './api.js';
import { fact } from './board.js';
import { h, plural } from './dom.js';

const DATES_HINT = 'Separated by commas, such as 14/01/2025, 11 Mar 2025';

export function loadGroups(api: Api, planId: string): Promise<TabAdminGroups> {
  return api.get(`/api/tab/admin/plans/${seg(planId)}/groups`);
}

export function groupsSection(
  view: TabAdminPlan,
  groups: TabAdminGroups,
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement {
  const planId = view.plan.id;
  const cadences = view.options.cadences;
  return h(
    'div',
    {},
    h(
      'p',
      {},
      groups.groups.length === 0
        ? 'This plan has no monitoring groups, so it is monitored as one, at the cadence in its settings. Add a group for each body that monitors part of it.'
        : `${plural(groups.groups.length, 'monitoring group')}; ${groups.ungrouped === 0 ? 'every action is in one' : `${plural(groups.ungrouped, 'action')} in no group`}.`,
    ),
    groups.groups.map((group) =>
      groupPart(planId, group, members(groups, group.id), cadences, client, hooks),
    ),
    h('h3', { id: 'add-group-heading' }, 'Add a monitoring group'),
    addGroupForm(planId, cadences, client, hooks),
    h('h3', { id: 'action-groups-heading' }, 'Which group monitors each action'),
    actionGroupsForm(planId, groups, client, hooks),
    h('h3', { id: 'governance-heading' }, 'Who agrees ratings, and the papers’ marking'),
    governanceForm(planId, groups.governance, client, hooks),
  );
}

/** The fields a group is added and changed with; `prefix` keeps each form's ids its own. */
function groupFields(prefix: string, values: TabGroupFields, cadences: readonly TabOption[]) {
  const id = (field: string) => `${prefix}-${field}`;
  return [
    labelled(input(id('name'), 'name', values.name, { autocomplete: 'off' }), 'Name'),
    labelled(select(id('cadence'), 'cadence', cadences, values.cadence), 'How often it meets'),
    labelled(
      input(id('oversightBody'), 'oversightBody', values.oversightBody),
      'Oversight body',
      'The meeting that monitors these actions, such as DMT or the LSCP Executive',
    ),
    labelled(
      input(id('responseDays'), 'responseDays', values.responseDays, { inputmode: 'numeric' }),
      'Responses due, in working days before a meeting',
      'Time to check the answers before the papers go out; 10 if left empty',
    ),
    labelled(
      input(id('openDays'), 'openDays', values.openDays, { inputmode: 'numeric' }),
      'Open a round by itself, in working days before responses are due',
      'Leave empty to start each round by hand',
    ),
  ];
}

function groupPart(
  planId: string,
  group: TabGroup,
  /** The ids of the actions in it. */
  actionIds: readonly string[],
  cadences: readonly TabOption[],
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLElement {
  const prefix = `group-${group.id}`;
  const path = `/groups/${seg(group.id)}`;
  const heading = (suffix: string, text: string) => h('h4', { id: `${prefix}-${suffix}-heading` }, text);
  const cadence = cadences.find((c) => c.value === group.cadence)?.label ?? group.cadence;

  const edit = form(`${prefix}-form`, `${prefix}-edit-heading`, 'Save the group', [
    ...groupFields(`${prefix}-edit`, group, cadences),
  ]);
  onSubmit(edit, hooks, (values) => client.save(planId, path, values));

  const add = form(`${prefix}-meetings-form`, `${prefix}-meetings-heading`, 'Add the meetings', [
    labelled(input(`${prefix}-dates`, 'meetings', '', { autocomplete: 'off' }), 'Meeting dates', DATES_HINT),
  ]);
  onSubmit(add, hooks, (values) => client.save(planId, `${path}/meetings`, values));

  const cancel = form(
    `${prefix}-cancel-form`,
    `${prefix}-cancel-heading`,
    'Cancel the meeting',
    [
      labelled(
        select(
          `${prefix}-cancel-date`,
          'meetings',
          group.meetings.map((m) => ({ value: m.date, label: m.label })),
          group.meetings[0]?.date ?? '',
        ),
        'Meeting',
      ),
    ],
    'secondary',
  );
  onSubmit(cancel, hooks, (values) => client.save(planId, `${path}/meetings/cancel`, values));

  const remove = form(
    `${prefix}-remove-form`,
    `${prefix}-remove-heading`,
    'Remove the group',
    [h('p', { class: 'hint' }, 'A group with actions in it, or with a round open, stays until they move.')],
    'secondary',
  );
  onSubmit(remove, hooks, () => client.save(planId, `${path}/remove`));

  return h(
    'div',
    { class: 'monitoring-group', id: prefix },
    h('h3', { id: `${prefix}-heading` }, group.name),
    h(
      'dl',
      { class: 'facts' },
      fact('Meets', cadence),
      fact('Oversight body', group.oversightBody || 'not named'),
      fact('Actions', actionIds.join(', ') || 'none yet'),
      fact('Meetings', group.meetings.map((m) => m.label).join(', ') || 'none yet'),
      group.next
        ? fact(
            'Next round',
            `for the meeting on ${group.next.meeting}, responses due ${group.next.responseDue}, ${group.next.opens ? `opens by itself on ${group.next.opens}` : 'started by hand'}`,
          )
        : fact('Next round', 'no meeting ahead leaves time to answer: add the next meeting'),
      group.openRound !== undefined ? fact('Open round', String(group.openRound)) : null,
    ),
    heading('edit', `Change ${group.name}`),
    edit.form,
    heading('meetings', `Add meetings of ${group.name}`),
    add.form,
    group.meetings.length > 0 ? heading('cancel', `Cancel a meeting of ${group.name}`) : null,
    group.meetings.length > 0 ? cancel.form : null,
    heading('remove', `Remove ${group.name}`),
    remove.form,
  );
}

function members(groups: TabAdminGroups, groupId: string): string[] {
  return groups.actions.filter((a) => a.groupId === groupId).map((a) => a.id);
}

function addGroupForm(
  planId: string,
  cadences: readonly TabOption[],
  client: AdminClient,
  hooks: SubmitHooks,
): HTMLFormElement {
  const blank: TabGroupFields = {
    name: '',
    cadence: cadences[0]?.value ?? '',
    oversightBody: '',
    responseDays: '10',
    openDays: '',
  };
  const parts = form('add-group-form', 'add-group-heading', 'Add the group', [
    ...groupFields('add-group', blank, cadences),
    labelled(textarea('add-group-meetings', 'meetings', '', 2), 'Meeting dates', DATES_HINT),
  ]);
  onSubmit(parts, hooks, (values) => client.save(planId, '/groups', values));
  return parts.form;
}
