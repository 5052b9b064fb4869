/** The numbers a coordinator asks for first: pure arithmetic over a plan's actions at a given moment. */
import { type Action, isDateToBeConfirmed, isRescheduled } from './action';
import { daysBetween, type IsoDate } from './dates';
import { actionsDueWithin, overdueActions } from './deadline';
import { isOpen, LIFECYCLES, type Lifecycle } from './lifecycle';
import { reportedRating } from './moderation';
import { RATINGS, type Rating } from './rating';

export const STALE_AFTER_DAYS = 30;
export const DUE_SOON_DAYS = 30;

export interface PlanSummary {
  total: number;
  open: number;
  byRating: Record<Rating | 'unrated', number>;
  byLifecycle: Record<Lifecycle, number>;
  overdue: number;
  dueSoon: number;
  /** Open actions with no update for STALE_AFTER_DAYS days (or never updated). */
  stale: number;
  rescheduled: number;
  /** Open actions whose date is still to be confirmed ("TBC"): owed, for coordinators to chase. */
  dateToBeConfirmed: number;
}

export function summarisePlan(actions: readonly Action[], today: IsoDate): PlanSummary {
  const byRating = Object.fromEntries([...RATINGS, 'unrated'].map((r) => [r, 0])) as PlanSummary['byRating'];
  const byLifecycle = Object.fromEntries(LIFECYCLES.map((l) => [l, 0])) as PlanSummary['byLifecycle'];
  let stale = 0;
  let rescheduled = 0;
  for (const action of actions) {
    byRating[reportedRating(action) ?? 'unrated']++;
    byLifecycle[action.lifecycle]++;
    if (isStale(action, today)) stale++;
    if (isRescheduled(action)) rescheduled++;
  }
  return {
    total: actions.length,
    open: actions.filter((a) => isOpen(a.lifecycle)).length,
    byRating,
    byLifecycle,
    overdue: overdueActions(actions, today).length,
    dueSoon: actionsDueWithin(actions, today, DUE_SOON_DAYS).length,
    stale,
    rescheduled,
    dateToBeConfirmed: actions.filter((a) => isOpen(a.lifecycle) && isDateToBeConfirmed(a)).length,
  };
}

export function isStale(action: Action, today: IsoDate): boolean {
  if (!isOpen(action.lifecycle)) return false;
  if (!action.lastUpdatedAt) return true;
  return daysBetween(action.lastUpdatedAt.slice(0, 10), today) >= STALE_AFTER_DAYS;
}
