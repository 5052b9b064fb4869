/**
 * Managing a plan's monitoring groups and who is in them: the groups themselves (name, cadence, oversight
 * body, meetings), which group each action belongs to, and each action's contributing contacts. Each
 * change is read → pure change → ETag-checked write → audit line; changes to an action add a history entry.
 * The CLI calls these as the trusted operator; the dashboard will call the same.
 */
import type { Action, ContributingContact } from '../../domain/action';
import { withContributingContacts } from '../../domain/contributing-contacts';
import { calendarDateIn } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import {
  type GroupRoundDates,
  type MonitoringGroup,
  type NewMonitoringGroup,
  nextRoundFor,
} from '../../domain/monitoring-group';
import type { Round } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import {
  addGroupMeetings,
  addMonitoringGroup,
  editMonitoringGroup,
  findGroup,
  groupsOf,
  removeGroupMeetings,
  removeMonitoringGroup,
  withGroup,
} from '../../domain/plan-groups';
import { nextRevision } from '../../domain/status-change';
import type { PlanChangeDeps } from '../ports/index';
import { planOrNotFound, savePlanChange } from '../shared/plan-change';

export type GroupDeps = PlanChangeDeps;

async function changePlan(
  deps: GroupDeps,
  request: { planId: string; actor: string },
  event: string,
  change: (
    plan: Plan,
    now: Date,
    rounds: () => Promise<Round[]>,
    actions: () => Promise<Action[]>,
  ) => Promise<Plan> | Plan,
  details: (plan: Plan) => Record<string, string | number>,
): Promise<Plan> {
  const current = await planOrNotFound(deps.stores, request.planId);
  if (current.value.closedAt)
    throw new ValidationError([{ field: 'plan', reason: 'is closed: monitoring has ended' }]);
  const now = deps.clock.now();
  const plan = await change(
    current.value,
    now,
    () => deps.stores.rounds.list(request.planId),
    async () => (await deps.stores.actions.readPlan(request.planId)).actions.map((a) => a.value),
  );
  await savePlanChange(deps.stores, plan, current.etag, {
    at: now,
    actor: request.actor,
    event,
    details: details(plan),
  });
  return plan;
}

export function addGroup(
  deps: GroupDeps,
  request: { planId: string; actor: string; group: Omit<NewMonitoringGroup, 'id'> },
): Promise<MonitoringGroup> {
  return changePlan(
    deps,
    request,
    'plan.group-added',
    (plan, now) => addMonitoringGroup(plan, request.group, now),
    (plan) => ({ group: groupsOf(plan).at(-1)!.id }),
  ).then((plan) => groupsOf(plan).at(-1)!);
}

/** Changes a group's name, cadence, oversight body or timings; its id, meetings and actions stay. */
export async function editGroup(
  deps: GroupDeps,
  request: {
    planId: string;
    actor: string;
    group: string;
    changes: Omit<NewMonitoringGroup, 'id' | 'meetings'>;
  },
): Promise<MonitoringGroup> {
  let changed: MonitoringGroup | undefined;
  await changePlan(
    deps,
    request,
    'plan.group-edited',
    (plan, now) => {
      const after = editMonitoringGroup(plan, request.group, request.changes, now);
      const id = findGroup(plan, request.group)?.id;
      changed = groupsOf(after).find((g) => g.id === id);
      return after;
    },
    () => ({ group: changed?.id ?? request.group.trim() }),
  );
  return changed!;
}

export async function removeGroup(
  deps: GroupDeps,
  request: { planId: string; actor: string; group: string },
): Promise<void> {
  await changePlan(
    deps,
    request,
    'plan.group-removed',
    async (plan, now, rounds, actions) =>
      removeMonitoringGroup(plan, request.group, await actions(), await rounds(), now),
    () => ({ group: request.group.trim() }),
  );
}

/** Adds (or with `remove`, takes off) meeting dates; answers the group as it now is. */
export async function changeGroupMeetings(
  deps: GroupDeps,
  request: { planId: string; actor: string; group: string; dates: readonly string[]; remove?: boolean },
): Promise<MonitoringGroup> {
  let changed: MonitoringGroup | undefined;
  await changePlan(
    deps,
    request,
    request.remove ? 'plan.group-meetings-removed' : 'plan.group-meetings-added',
    (plan, now) => {
      const after = request.remove
        ? removeGroupMeetings(plan, request.group, request.dates, now)
        : addGroupMeetings(plan, request.group, request.dates, now);
      changed = findGroup(after, request.group);
      return after;
    },
    () => ({ group: changed?.id ?? request.group.trim(), dates: request.dates.length }),
  );
  return changed!;
}

export interface GroupOverview {
  group: MonitoringGroup;
  actions: number;
  openRound?: number;
  /** The round the group's next meeting asks for. */
  next?: GroupRoundDates;
}

export async function listGroups(
  deps: Pick<GroupDeps, 'stores' | 'clock' | 'calendar'>,
  planId: string,
): Promise<{ plan: Plan; groups: GroupOverview[]; ungrouped: number }> {
  const { value: plan } = await planOrNotFound(deps.stores, planId);
  const actions = (await deps.stores.actions.readPlan(planId)).actions.map((a) => a.value);
  const rounds = await deps.stores.rounds.list(planId);
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const region = reminderSettingsOf(plan).region;
  const groups = groupsOf(plan).map((group) => {
    const open = rounds.findLast((r) => r.status === 'open' && r.groupId === group.id);
    const next = nextRoundFor(group, today, region, deps.calendar);
    return {
      group,
      actions: actions.filter((a) => a.monitoringGroupId === group.id).length,
      ...(open ? { openRound: open.number } : {}),
      ...(next ? { next } : {}),
    };
  });
  const known = new Set(groupsOf(plan).map((g) => g.id));
  const ungrouped = actions.filter((a) => !a.monitoringGroupId || !known.has(a.monitoringGroupId)).length;
  return { plan, groups, ungrouped };
}

/** Puts an action in a group (or in none, with "none"). */
export function setActionGroup(
  deps: GroupDeps,
  request: { planId: string; actionId: string; group: string; actor: string },
): Promise<Action> {
  return changeAction(deps, request, 'action.group-set', 'monitoringGroupId', (plan, action) =>
    withGroup(plan, action, request.group),
  );
}

/** Names the contributing agencies' contacts of an action (replacing those it had). */
export function setContributingContacts(
  deps: GroupDeps,
  request: { planId: string; actionId: string; contacts: readonly ContributingContact[]; actor: string },
): Promise<Action> {
  return changeAction(deps, request, 'action.contacts-set', 'contributingContacts', (_plan, action) =>
    withContributingContacts(action, request.contacts),
  );
}

async function changeAction(
  deps: GroupDeps,
  request: { planId: string; actionId: string; actor: string },
  event: string,
  field: keyof Action,
  change: (plan: Plan, action: Action) => Action,
): Promise<Action> {
  const { value: plan } = await planOrNotFound(deps.stores, request.planId);
  if (plan.closedAt)
    throw new ValidationError([{ field: 'plan', reason: 'is closed: monitoring has ended' }]);
  const loaded = await deps.stores.actions.get(plan.id, request.actionId);
  if (!loaded) throw new NotFoundError(`Action ${request.actionId} of plan ${plan.id}`);
  const changed = change(plan, loaded.value);
  const fields = (['monitoringGroupId', 'contributingContacts', 'contributingAgencies'] as const).filter(
    (f) => JSON.stringify(changed[f]) !== JSON.stringify(loaded.value[f]),
  );
  if (fields.length === 0) return loaded.value;
  const now = deps.clock.now();
  const at = now.toISOString();
  const after: Action = { ...changed, revision: nextRevision(loaded.value) };
  await deps.stores.actions.update(after, loaded.etag, loaded.value);
  await deps.stores.history.append([
    {
      planId: plan.id,
      actionId: after.id,
      id: newestFirstId(now, deps.random),
      at,
      author: { name: request.actor },
      ...(after.rating ? { oldRating: after.rating, newRating: after.rating } : {}),
      oldLifecycle: after.lifecycle,
      newLifecycle: after.lifecycle,
      changedFields: [...fields],
      source: 'command',
    },
  ]);
  await deps.stores.audit.record({
    at,
    actor: request.actor,
    event,
    planId: plan.id,
    details: { actionId: after.id, field: String(field), fields: fields.join(',') },
  });
  return after;
}
