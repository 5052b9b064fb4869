/**
 * Monitoring groups, an action's group and the plan's governance (moderation group, protective marking) as
 * the dashboard runs them: the access policy answers first (administered-plan.ts, as for every change from
 * the management page), then the very use cases the command line calls do the change, and their refusals
 * come back as typed outcomes for the page's one presenter. Nothing is decided or worded twice here.
 */
import type { Action } from '../../domain/action';
import { ConflictError, ValidationError, type ValidationIssue } from '../../domain/errors';
import type { MonitoringGroup, NewMonitoringGroup } from '../../domain/monitoring-group';
import type { Plan } from '../../domain/plan';
import { findGroup, groupOfAction, withGroup } from '../../domain/plan-groups';
import { Checker, LIMITS } from '../../domain/validation';
import {
  addGroup,
  changeGroupMeetings,
  editGroup,
  type GroupOverview,
  listGroups,
  removeGroup,
  setActionGroup,
} from '../groups/monitoring-groups';
import { setPlanGovernance } from '../moderation/plan-governance';
import type { Actor } from '../shared/actor';
import { type AdminDeps, type AdminOutcome, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

/** Runs `change` when `actor` may administer the plan; its ValidationError and ConflictError as outcomes. */
async function asAdministrator<T>(
  deps: AdminDeps,
  actor: Actor,
  planId: string,
  change: (plan: Plan) => Promise<T>,
): Promise<AdminOutcome<T>> {
  const found = await administeredPlan(deps.stores, actor, planId, deps.clock.now());
  if (found.kind !== 'ok') return found;
  try {
    return saved(await change(found.plan.value));
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error.issues);
    if (!(error instanceof ConflictError)) throw error;
    // Someone saved the plan (or the action) between the read and the write: nothing of this was saved.
    const fresh = await deps.stores.plans.get(planId);
    return {
      kind: 'stale',
      ...(fresh?.value.updatedBy ? { changedBy: fresh.value.updatedBy } : {}),
      ...(fresh ? { changedAt: fresh.value.updatedAt } : {}),
    };
  }
}

export interface GroupsAdminView {
  plan: Plan;
  groups: GroupOverview[];
  ungrouped: number;
  actions: Action[];
}

/** The plan's groups as `group list` shows them, and every action with the group it is in. */
export function loadGroupsAs(
  deps: AdminDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<GroupsAdminView>> {
  return asAdministrator(deps, actor, planId, async () => {
    const listed = await listGroups(deps, planId);
    const actions = (await deps.stores.actions.readPlan(planId)).actions.map((a) => a.value);
    return { ...listed, actions };
  });
}

export type GroupFields = Omit<NewMonitoringGroup, 'id'>;

export function addGroupAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; group: GroupFields },
): Promise<AdminOutcome<MonitoringGroup>> {
  return asAdministrator(deps, actor, request.planId, () =>
    addGroup(deps, { planId: request.planId, actor: actor.email, group: request.group }),
  );
}

export function editGroupAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; group: string; changes: Omit<GroupFields, 'meetings'> },
): Promise<AdminOutcome<MonitoringGroup>> {
  return asAdministrator(deps, actor, request.planId, () =>
    editGroup(deps, { ...request, actor: actor.email }),
  );
}

/** Removes a group; answers its name, as it was. */
export function removeGroupAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; group: string },
): Promise<AdminOutcome<{ name: string }>> {
  return asAdministrator(deps, actor, request.planId, async (plan) => {
    await removeGroup(deps, { ...request, actor: actor.email });
    return { name: findGroup(plan, request.group)?.name ?? request.group };
  });
}

/** Meetings added (or, with `remove`, cancelled); answers the group as it now is. */
export function changeGroupMeetingsAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; group: string; dates: readonly string[]; remove?: boolean },
): Promise<AdminOutcome<MonitoringGroup>> {
  return asAdministrator(deps, actor, request.planId, () =>
    changeGroupMeetings(deps, { ...request, actor: actor.email }),
  );
}

/** The field an action's group is refused under: one control per action on the page. */
export const actionGroupField = (actionId: string) => `group-of-${actionId}`;

/**
 * Each named action put in its group ("" or "none": in no group). Every action and group is checked
 * before anything is written, so a mistake changes nothing; answers the actions that moved, and where to
 * (no group name: in no group now).
 */
export function setActionGroupsAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; moves: readonly { actionId: string; group: string }[] },
): Promise<AdminOutcome<{ moved: { actionId: string; groupName?: string }[] }>> {
  return asAdministrator(deps, actor, request.planId, async (plan) => {
    const actions = (await deps.stores.actions.readPlan(plan.id)).actions.map((a) => a.value);
    const issues: ValidationIssue[] = [];
    const changing = request.moves.filter((move) => {
      const action = actions.find((a) => a.id === move.actionId);
      if (!action) {
        issues.push({ field: actionGroupField(move.actionId), reason: 'is not an action of this plan' });
        return false;
      }
      try {
        return withGroup(plan, action, move.group).monitoringGroupId !== action.monitoringGroupId;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.issues.map((i) => ({ ...i, field: actionGroupField(move.actionId) })));
        return false;
      }
    });
    if (issues.length > 0) throw new ValidationError(issues);
    const moved: { actionId: string; groupName?: string }[] = [];
    for (const move of changing) {
      const action = await setActionGroup(deps, { planId: plan.id, ...move, actor: actor.email });
      const name = groupOfAction(plan, action)?.name;
      moved.push({ actionId: action.id, ...(name ? { groupName: name } : {}) });
    }
    return { moved };
  });
}

/** Who agrees ratings, and the marking the plan's papers carry ("" for the default). */
export function setGovernanceAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; moderationGroup: string; protectiveMarking: string },
): Promise<AdminOutcome<Plan>> {
  return asAdministrator(deps, actor, request.planId, () => {
    // The command line's limit, said by the field here rather than as a usage line.
    const check = new Checker();
    const moderationGroup = check.text('moderationGroup', request.moderationGroup, LIMITS.agency);
    const protectiveMarking = check.text('protectiveMarking', request.protectiveMarking, LIMITS.agency);
    if (!check.ok) throw new ValidationError(check.issues);
    return setPlanGovernance(deps, {
      planId: request.planId,
      moderationGroup,
      protectiveMarking,
      actor: actor.email,
    });
  });
}
