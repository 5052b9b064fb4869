/**
 * The dashboard's charts, as numbers: ratings per closed round (and now), and a burn-down of open actions
 * against due dates. Pure: the snapshots, today's actions and today come in.
 */
import type { Action } from './action';
import { addDays, formatUkDate, type IsoDate } from './dates';
import { isOpen, type Lifecycle } from './lifecycle';
import { reportedRating } from './moderation';
import { RATINGS, type Rating } from './rating';

export type RatingCounts = Record<Rating | 'unrated', number>;

export interface RatedItem {
  rating?: Rating;
  lifecycle: Lifecycle;
  /** Absent for an action with no deadline, which stays outstanding on the planned line. */
  baselineDueDate?: IsoDate;
}

export interface RoundPoint {
  label: string;
  date: IsoDate;
  items: readonly RatedItem[];
}

export function countRatings(items: readonly { rating?: Rating }[]): RatingCounts {
  const counts = Object.fromEntries([...RATINGS, 'unrated'].map((key) => [key, 0])) as RatingCounts;
  for (const item of items) counts[item.rating ?? 'unrated']++;
  return counts;
}

/** One stacked bar per closed round, oldest first, then today's position. */
export function ratingsOverTime(
  rounds: readonly RoundPoint[],
  now: { date: IsoDate; items: readonly RatedItem[] },
): { label: string; date: IsoDate; counts: RatingCounts }[] {
  return [
    ...rounds.map((round) => ({ label: round.label, date: round.date, counts: countRatings(round.items) })),
    { label: `Now (${formatUkDate(now.date)})`, date: now.date, counts: countRatings(now.items) },
  ];
}

export interface BurndownPoint {
  date: IsoDate;
  label: string;
  /** Actions that would still be open if every one finished on its baseline due date. */
  planned: number;
  /** Actions actually open, where known: at each closed round and today. */
  actual?: number;
}

/**
 * Month ends from the first to the last date that matters (a round, a baseline due date, today), plus
 * the dates of the rounds and today, where the actual open count is known. Withdrawn actions are left out
 * of both lines: they were never going to be delivered.
 */
export function burndown(
  actions: readonly RatedItem[],
  rounds: readonly RoundPoint[],
  today: IsoDate,
): BurndownPoint[] {
  const counted = actions.filter((a) => a.lifecycle !== 'withdrawn');
  if (counted.length === 0) return [];
  const dues = counted.flatMap((a) => (a.baselineDueDate ? [a.baselineDueDate] : [])).sort();
  const first = [...dues.slice(0, 1), ...rounds.map((r) => r.date), today].sort()[0]!;
  const last = [...dues.slice(-1), today].sort().at(-1)!;
  const actual = new Map<IsoDate, number>();
  for (const round of rounds) {
    actual.set(
      round.date,
      round.items.filter((i) => i.lifecycle !== 'withdrawn' && isOpen(i.lifecycle)).length,
    );
  }
  actual.set(today, counted.filter((a) => isOpen(a.lifecycle)).length);

  const dates = new Set<IsoDate>(actual.keys());
  // The month before the first date, so the line starts from everything outstanding.
  for (
    let month = monthEnd(addDays(startOfMonth(first), -1));
    month <= monthEnd(last);
    month = monthEnd(addDays(month, 1))
  ) {
    dates.add(month);
  }
  return [...dates].sort().map((date) => ({
    date,
    label: formatUkDate(date),
    planned: counted.filter((a) => a.baselineDueDate === undefined || a.baselineDueDate > date).length,
    ...(actual.has(date) ? { actual: actual.get(date)! } : {}),
  }));
}

function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

function monthEnd(date: IsoDate): IsoDate {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** The items of today's actions in the shape the charts read. */
export function ratedItems(actions: readonly Action[]): RatedItem[] {
  return actions.map((a) => {
    const rating = reportedRating(a);
    return {
      lifecycle: a.lifecycle,
      ...(a.baselineDueDate ? { baselineDueDate: a.baselineDueDate } : {}),
      ...(rating ? { rating } : {}),
    };
  });
}
