/**
 * What the dashboard tab shows one person, under the same rules as chat: coordinators and leads see the
 * whole plan; an agency's lead officer sees that agency's actions; an owner sees their own. Nothing here
 * returns what the person could not get by asking the bot.
 */
import { type Action, compareActionIds, isOwnedBy } from '../../domain/action';
import type { Area } from '../../domain/area';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import {
  type ComparableItem,
  type Comparison,
  comparableOf,
  compareSnapshots,
  type Round,
} from '../../domain/monitoring-round';
import { agencyLeadOf, type Plan, type PlanRole, rolesOf } from '../../domain/plan';
import type { StatusUpdate } from '../../domain/status-update';
import {
  type BurndownPoint,
  burndown,
  type RatingCounts,
  ratedItems,
  ratingsOverTime,
} from '../../domain/trends';
import type { Stores } from '../ports/index';
import { roundLabel } from '../reports/build-progress-report';

export interface Viewer {
  email: string;
}

export interface PlanDashboard {
  plan: Plan;
  roles: PlanRole[];
  seesWholePlan: boolean;
  today: IsoDate;
  areas: Area[];
  actions: Action[];
}

async function loadPlan(stores: Stores, planId: string): Promise<Plan> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  return plan.value;
}

/** Whether `email` may see `action`: a role in the plan, an owner, or the lead officer of its agency. */
export function canSee(plan: Plan, action: Action, email: string): boolean {
  return (
    rolesOf(plan, email).length > 0 ||
    isOwnedBy(action, email) ||
    agencyLeadOf(plan, action.leadAgency) === email.trim().toLowerCase()
  );
}

export async function loadPlanDashboard(
  stores: Stores,
  viewer: Viewer,
  planId: string,
  now: Date,
): Promise<PlanDashboard> {
  const plan = await loadPlan(stores, planId);
  const roles = rolesOf(plan, viewer.email);
  const { areas, actions } = await stores.actions.readPlan(planId);
  const visible = actions.map((a) => a.value).filter((a) => canSee(plan, a, viewer.email));
  if (roles.length === 0 && visible.length === 0) {
    throw new NotAuthorisedError('You have no role in this plan and own none of its actions.');
  }
  return {
    plan,
    roles,
    seesWholePlan: roles.length > 0,
    today: calendarDateIn(plan.timeZone, now),
    areas,
    actions: visible.sort((a, b) => compareActionIds(a.id, b.id)),
  };
}

export interface ActionDetail {
  plan: Plan;
  area?: Area;
  action: Action;
  history: StatusUpdate[];
  today: IsoDate;
  canUpdate: boolean;
}

export const HISTORY_SHOWN = 50;

export async function loadActionDetail(
  stores: Stores,
  viewer: Viewer,
  planId: string,
  actionId: string,
  now: Date,
): Promise<ActionDetail> {
  const plan = await loadPlan(stores, planId);
  const loaded = await stores.actions.get(planId, actionId);
  if (!loaded) throw new NotFoundError(`Action ${actionId}`);
  const action = loaded.value;
  if (!canSee(plan, action, viewer.email)) {
    throw new NotAuthorisedError(`Action ${actionId} is not one you can see.`);
  }
  const [area, history] = await Promise.all([
    stores.actions.getArea(planId, action.areaId),
    stores.history.listForAction(planId, actionId, HISTORY_SHOWN),
  ]);
  return {
    plan,
    ...(area ? { area } : {}),
    action,
    history,
    today: calendarDateIn(plan.timeZone, now),
    canUpdate: canUpdate(plan, action, viewer.email),
  };
}

/** As on the card: owners and coordinators update; nobody updates a closed action from a form. */
export function canUpdate(plan: Plan, action: Action, email: string): boolean {
  return (
    isOpen(action.lifecycle) && (isOwnedBy(action, email) || rolesOf(plan, email).includes('coordinator'))
  );
}

function requireRole(plan: Plan, viewer: Viewer): void {
  if (rolesOf(plan, viewer.email).length === 0) {
    throw new NotAuthorisedError('Plan-wide figures are for the plan’s coordinators and leads.');
  }
}

/** For downloads (the report, the export): the plan's coordinators and leads, as in chat. */
export async function requirePlanRole(stores: Stores, viewer: Viewer, planId: string): Promise<void> {
  requireRole(await loadPlan(stores, planId), viewer);
}

export interface Trends {
  rounds: { label: string; date: IsoDate; counts: RatingCounts }[];
  burndown: BurndownPoint[];
  closedRounds: Round[];
}

export async function loadTrends(stores: Stores, viewer: Viewer, planId: string, now: Date): Promise<Trends> {
  const plan = await loadPlan(stores, planId);
  requireRole(plan, viewer);
  const today = calendarDateIn(plan.timeZone, now);
  const [{ actions }, rounds] = await Promise.all([
    stores.actions.readPlan(planId),
    stores.rounds.list(planId),
  ]);
  const closed = rounds.filter((r) => r.status === 'closed');
  const points = await Promise.all(
    closed.map(async (round) => ({
      label: `Round ${round.number}`,
      date: round.closedOn ?? round.responseDue,
      items: await stores.rounds.readSnapshot(planId, round.number),
    })),
  );
  const current = ratedItems(actions.map((a) => a.value));
  return {
    rounds: ratingsOverTime(points, { date: today, items: current }),
    burndown: burndown(current, points, today),
    closedRounds: closed,
  };
}

/** Any two closed rounds, or a closed round and now. */
export async function compareRounds(
  stores: Stores,
  viewer: Viewer,
  planId: string,
  from: number,
  to: number | 'now',
): Promise<{ from: string; to: string; comparison: Comparison }> {
  const plan = await loadPlan(stores, planId);
  requireRole(plan, viewer);
  const rounds = await stores.rounds.list(planId);
  const closedRound = (number: number): Round => {
    const round = rounds.find((r) => r.number === number && r.status === 'closed');
    if (!round) throw new ValidationError([{ field: 'round', reason: `round ${number} has not closed` }]);
    return round;
  };
  const earlier = closedRound(from);
  const before = await stores.rounds.readSnapshot(planId, earlier.number);
  let after: ComparableItem[];
  let toLabel: string;
  if (to === 'now') {
    const { actions } = await stores.actions.readPlan(planId);
    after = actions.map(({ value }) => comparableOf(value));
    toLabel = 'now';
  } else {
    const later = closedRound(to);
    after = await stores.rounds.readSnapshot(planId, later.number);
    toLabel = roundLabel(later);
  }
  return {
    from: roundLabel(earlier),
    to: toLabel,
    comparison: compareSnapshots(before, after),
  };
}
