/**
 * Digest maths: what a lead sees each week. Pure: the plan's actions, the figures of the last digest,
 * and today come in; counts with their change, and the short lists worth a look, come out.
 */
import { type Action, compareActionIds, isDateToBeConfirmed, isRescheduled } from './action';
import type { Cadence } from './cadence';
import { addDays, daysBetween, type IsoDate } from './dates';
import { actionsDueWithin, overdueActions } from './deadline';
import { isOpen } from './lifecycle';
import { assessMeasure, type Measure, type MeasureValue, valueOwed } from './measures';
import { reportedRating } from './moderation';
import { RATINGS, type Rating } from './rating';
import { type HolidayCalendar, type HolidayRegion, workingDayOnOrAfter } from './working-days';

export type RatingKey = Rating | 'unrated';

/** What is kept of each digest, to say what changed by the next one. */
export interface DigestFigures {
  weekStart: IsoDate;
  byRating: Record<RatingKey, number>;
  redIds: string[];
  /** Measures off track that week; absent in figures kept before measures were in the digest. */
  offTrackMeasureIds?: string[];
}

/** A measure worth a lead's look: newly off track, or its owed value not reported. */
export interface DigestMeasure {
  id: string;
  areaId: string;
  name: string;
  /** Who reports it: the digest names them for a missing value, and access is decided on it. */
  reporter: string;
  /** "3.3 in Nov 2026 against 2.9 expected", or "Nov 2026 is owed". */
  detail: string;
}

/** The plan's measures and every value reported for them, for the digest's measure lists. */
export interface DigestMeasureInput {
  measures: readonly Measure[];
  values: readonly MeasureValue[];
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
  /** Off track now and not at the last digest (every off-track measure, the first week). */
  measuresNewlyOffTrack?: DigestMeasure[];
  /** Measures whose owed period has no value yet. */
  valuesMissing?: DigestMeasure[];
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
  measures: DigestMeasureInput = { measures: [], values: [] },
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
  const measureFigures = digestMeasures(measures, today, previous);
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
    measuresNewlyOffTrack: measureFigures.newlyOffTrack,
    valuesMissing: measureFigures.missing,
    figures: {
      weekStart,
      byRating,
      redIds: red.map((a) => a.id),
      // Kept only for a plan with measures, so a plan without them stores what it always did.
      ...(measures.measures.length > 0 ? { offTrackMeasureIds: measureFigures.offTrackIds } : {}),
    },
  };
}

function digestMeasures(
  input: DigestMeasureInput,
  today: IsoDate,
  previous: DigestFigures | undefined,
): { newlyOffTrack: DigestMeasure[]; missing: DigestMeasure[]; offTrackIds: string[] } {
  const wasOffTrack = new Set(previous?.offTrackMeasureIds ?? []);
  const newlyOffTrack: DigestMeasure[] = [];
  const missing: DigestMeasure[] = [];
  const offTrackIds: string[] = [];
  const byId = (a: DigestMeasure, b: DigestMeasure) => compareActionIds(a.id, b.id);
  const byMeasure = new Map<string, MeasureValue[]>();
  for (const v of input.values) {
    const list = byMeasure.get(v.measureId);
    if (list) list.push(v);
    else byMeasure.set(v.measureId, [v]);
  }
  for (const measure of input.measures) {
    const own = byMeasure.get(measure.id) ?? [];
    const assessment = assessMeasure(measure, own, today);
    const entry = { id: measure.id, areaId: measure.areaId, name: measure.name, reporter: measure.reporter };
    if (assessment.status === 'off-track') {
      offTrackIds.push(measure.id);
      if (!wasOffTrack.has(measure.id)) newlyOffTrack.push({ ...entry, detail: assessment.reason });
    }
    const owed = valueOwed(measure, own, today);
    if (owed) missing.push({ ...entry, detail: `${owed.label} is owed` });
  }
  return { newlyOffTrack: newlyOffTrack.sort(byId), missing: missing.sort(byId), offTrackIds };
}

/** Days past the due date; 0 for an action with no deadline, which is never late. */
export function daysLate(action: Action, today: IsoDate): number {
  return action.currentDueDate === undefined ? 0 : daysBetween(action.currentDueDate, today);
}
