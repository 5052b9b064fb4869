/**
 * What the dashboard tab shows one person, under the same rules as chat, asked of the access policy:
 * coordinators and leads see the whole plan; an agency's lead officer sees that agency's actions; an
 * owner sees their own. Nothing here returns what the person could not get by asking the bot.
 *
 * Refusals are named errors for the one mapper at the edge: a plan or action the person may not see at
 * all is a NotFoundError, worded exactly as for one that does not exist, so the answer never tells a
 * stranger what is there; a plan they know of but whose plan-wide figures are not theirs is an
 * AccessDeniedError with the policy's reason.
 */
import { type Action, compareActionIds } from '../../domain/action';
import type { Area } from '../../domain/area';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import {
  type ComparableItem,
  type Comparison,
  comparableOf,
  compareSnapshots,
  type Round,
} from '../../domain/monitoring-round';
import type { Plan, PlanRole } from '../../domain/plan';
import type { StatusUpdate } from '../../domain/status-update';
import {
  type BurndownPoint,
  burndown,
  type RatingCounts,
  ratedItems,
  ratingsOverTime,
} from '../../domain/trends';
import {
  AccessDeniedError,
  decideOnPlan,
  mayActOnAction,
  mayDoInPlan,
  mayKnowOfStored,
  planToday,
  rolesIn,
} from '../access/access';
import type { Stores } from '../ports/index';
import { roundLabel } from '../reports/build-progress-report';
import type { Actor } from '../shared/actor';

export interface PlanDashboard {
  plan: Plan;
  roles: PlanRole[];
  seesWholePlan: boolean;
  today: IsoDate;
  areas: Area[];
  actions: Action[];
  /** The ids of the actions this actor may update now (cover included), for the tab's form. */
  updatable: ReadonlySet<string>;
}

/** The same words for a plan that is not there and one that is not there for this person. */
const planNotFound = (planId: string) => new NotFoundError(`Plan ${planId}`);
const actionNotFound = (actionId: string) => new NotFoundError(`Action ${actionId}`);

async function loadPlan(stores: Stores, planId: string): Promise<Plan> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw planNotFound(planId);
  return plan.value;
}

export async function loadPlanDashboard(
  stores: Stores,
  actor: Pick<Actor, 'email'>,
  planId: string,
  now: Date,
): Promise<PlanDashboard> {
  const plan = await loadPlan(stores, planId);
  const { areas, actions } = await stores.actions.readPlan(planId);
  const visible = actions.map((a) => a.value).filter((a) => mayActOnAction(now, actor, plan, a, 'see'));
  const seesWholePlan = mayDoInPlan(actor, plan, 'see-whole-plan');
  if (!seesWholePlan && visible.length === 0) throw planNotFound(planId);
  return {
    plan,
    roles: rolesIn(actor, plan),
    seesWholePlan,
    today: planToday(plan, now),
    areas,
    actions: visible.sort((a, b) => compareActionIds(a.id, b.id)),
    updatable: new Set(visible.filter((a) => mayActOnAction(now, actor, plan, a, 'update')).map((a) => a.id)),
  };
}

export interface ActionDetail {
  plan: Plan;
  area?: Area;
  action: Action;
  history: StatusUpdate[];
  today: IsoDate;
  canUpdate: boolean;
  /** Lead or coordinator: may approve or reject a pending date request. */
  canDecide: boolean;
}

export const HISTORY_SHOWN = 50;

export async function loadActionDetail(
  stores: Stores,
  actor: Pick<Actor, 'email'>,
  planId: string,
  actionId: string,
  now: Date,
): Promise<ActionDetail> {
  // A missing plan, a missing action and one the person may not see all read the same.
  const plan = (await stores.plans.get(planId))?.value;
  const loaded = plan ? await stores.actions.get(planId, actionId) : undefined;
  if (!plan || !loaded || !mayActOnAction(now, actor, plan, loaded.value, 'see'))
    throw actionNotFound(actionId);
  const action = loaded.value;
  const [area, history] = await Promise.all([
    stores.actions.getArea(planId, action.areaId),
    stores.history.listForAction(planId, actionId, HISTORY_SHOWN),
  ]);
  return {
    plan,
    ...(area ? { area } : {}),
    action,
    history,
    today: planToday(plan, now),
    canUpdate: mayActOnAction(now, actor, plan, action, 'update'),
    canDecide: mayActOnAction(now, actor, plan, action, 'decide-date'),
  };
}

/**
 * Plan-wide figures and downloads: for the plan's coordinators and leads, as in chat. Someone who knows
 * of the plan (owns one of its actions) is told why not; anyone else is told it is not there.
 */
async function requireWholePlan(
  stores: Stores,
  planId: string,
  actor: Pick<Actor, 'email'>,
  now: Date,
): Promise<Plan> {
  const plan = await loadPlan(stores, planId);
  const decision = decideOnPlan(actor, plan, 'see-whole-plan');
  if (decision.allowed) return plan;
  if (!(await mayKnowOfStored(stores, now, actor, plan))) throw planNotFound(plan.id);
  throw new AccessDeniedError(decision.reason, 'see-whole-plan');
}

/** For downloads (the report, the export): the plan's coordinators and leads, as in chat. */
export async function requirePlanRole(
  stores: Stores,
  actor: Pick<Actor, 'email'>,
  planId: string,
  now: Date,
): Promise<void> {
  await requireWholePlan(stores, planId, actor, now);
}

export interface Trends {
  rounds: { label: string; date: IsoDate; counts: RatingCounts }[];
  burndown: BurndownPoint[];
  closedRounds: Round[];
}

export async function loadTrends(
  stores: Stores,
  actor: Pick<Actor, 'email'>,
  planId: string,
  now: Date,
): Promise<Trends> {
  const plan = await requireWholePlan(stores, planId, actor, now);
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
  actor: Pick<Actor, 'email'>,
  planId: string,
  from: number,
  to: number | 'now',
  now: Date,
): Promise<{ from: string; to: string; comparison: Comparison }> {
  await requireWholePlan(stores, planId, actor, now);
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
