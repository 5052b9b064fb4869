/**
 * Digest maths: what a lead sees each week. Pure: the plan's actions, the figures of the last digest,
 * and today come in; counts with their change, and the short lists worth a look, come out.
 */
import { type Action, compareActionIds, isDateToBeConfirmed, isRescheduled } from './action';
import type { Cadence } from './cadence';
import { addDays, daysBetween, type IsoDate } from './dates';
import { actionsDueWithin, overdueActions } from './deadline';
import { isOpen } from './lifecycle';
import { reportedRating } from './moderation';
import { RATINGS, type Rating } from './rating';
import { type HolidayCalendar, type HolidayRegion, workingDayOnOrAfter } from './working-days';

export type RatingKey = Rating | 'unrated';

/** What is kept of each digest, to say what changed by the next one. */
export interface DigestFigures {
  weekStart: IsoDate;
  byRating: Record<RatingKey, number>;
  redIds: string[];
}

export interface DigestItem {
  id: string;
  description: string;
  detail: string;
}

export interface Digest {
  weekStart: IsoDate;
  total: number;
  open: number;
  ratings: { rating: RatingKey; count: number; change?: number }[];
  newlyRed: Action[];
  overdue: Action[];
  rescheduled: Action[];
  dueSoon: Action[];
  /** Open actions whose plan said "TBC": no deadline yet, a date still owed, for coordinators to chase. */
  dateToBeConfirmed: Action[];
  /** Owners with open actions and no update since the monitoring period began. */
  quietOwners: { name: string; email: string; openActions: number }[];
  recentlyCompleted: Action[];
  periodStart: IsoDate;
  figures: DigestFigures;
}

/** Monday of the week `date` falls in: digests are weekly. */
export function weekStartOf(date: IsoDate): IsoDate {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** The first day of the plan's current monitoring period (monthly, bi-monthly from January, quarterly). */
export function periodStartOf(date: IsoDate, cadence: Cadence): IsoDate {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const length = cadence === 'monthly' ? 1 : cadence === 'bi-monthly' ? 2 : 3;
  const first = month - ((month - 1) % length);
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The working day the week's digest goes on: Monday, or the next working day after a bank holiday. */
export function digestDay(weekStart: IsoDate, region: HolidayRegion, calendar: HolidayCalendar): IsoDate {
  return workingDayOnOrAfter(weekStart, region, calendar);
}

export function computeDigest(
  actions: readonly Action[],
  today: IsoDate,
  cadence: Cadence,
  previous: DigestFigures | undefined,
  /** Where actions are monitored in groups: each one's period, which follows its group's meetings. */
  periodStartFor?: (action: Action) => IsoDate,
): Digest {
  const weekStart = weekStartOf(today);
  const periodStart = periodStartOf(today, cadence);
  const byRating = Object.fromEntries([...RATINGS, 'unrated'].map((r) => [r, 0])) as Record<
    RatingKey,
    number
  >;
  for (const action of actions) byRating[reportedRating(action) ?? 'unrated']++;
  const red = actions.filter((a) => reportedRating(a) === 'red' && isOpen(a.lifecycle));
  const previousRed = new Set(previous?.redIds ?? []);
  const open = actions.filter((a) => isOpen(a.lifecycle));
  const quiet = new Map<string, { name: string; email: string; openActions: number }>();
  for (const action of open) {
    const updated = action.lastUpdatedAt?.slice(0, 10);
    if (updated && updated >= (periodStartFor?.(action) ?? periodStart)) continue;
    for (const owner of action.owners) {
      const entry = quiet.get(owner.email) ?? { name: owner.name, email: owner.email, openActions: 0 };
      entry.openActions++;
      quiet.set(owner.email, entry);
    }
  }
  const weekAgo = addDays(today, -7);
  return {
    weekStart,
    periodStart,
    total: actions.length,
    open: open.length,
    ratings: [...RATINGS, 'unrated' as const]
      .map((rating) => ({
        rating,
        count: byRating[rating],
        ...(previous ? { change: byRating[rating] - previous.byRating[rating] } : {}),
      }))
      .filter((r) => r.rating !== 'unrated' || r.count > 0 || (r.change ?? 0) !== 0),
    newlyRed: red.filter((a) => !previousRed.has(a.id)).sort((a, b) => compareActionIds(a.id, b.id)),
    overdue: overdueActions(actions, today),
    rescheduled: open.filter(isRescheduled).sort((a, b) => compareActionIds(a.id, b.id)),
    dueSoon: actionsDueWithin(actions, today, 30),
    dateToBeConfirmed: open.filter(isDateToBeConfirmed).sort((a, b) => compareActionIds(a.id, b.id)),
    quietOwners: [...quiet.values()].sort(
      (a, b) => b.openActions - a.openActions || a.name.localeCompare(b.name),
    ),
    recentlyCompleted: actions
      .filter(
        (a) =>
          !isOpen(a.lifecycle) &&
          a.lifecycle !== 'withdrawn' &&
          (a.lastUpdatedAt?.slice(0, 10) ?? '') > weekAgo,
      )
      .sort((a, b) => compareActionIds(a.id, b.id)),
    figures: { weekStart, byRating, redIds: red.map((a) => a.id) },
  };
}

/** Days past the due date; 0 for an action with no deadline, which is never late. */
export function daysLate(action: Action, today: IsoDate): number {
  return action.currentDueDate === undefined ? 0 : daysBetween(action.currentDueDate, today);
}
