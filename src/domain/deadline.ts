import {
  type Action,
  compareActionIds,
  DATE_TO_BE_CONFIRMED,
  type DatedAction,
  hasDeadline,
  NO_DEADLINE,
} from './action';
import { daysBetween, formatUkDate, type IsoDate } from './dates';
import { isOpen } from './lifecycle';

/**
 * A due date, or no deadline: the one value every surface maps. Absent (`undefined`) means the plan gives
 * the action no deadline ("Ongoing", "TBC"): no reminders, never overdue, listed as "no deadline". Each
 * encoding of it lives here, so a sheet, a stored row and a page cannot disagree on what "none" is.
 */
export type DueDate = IsoDate | undefined;

/** What a spreadsheet cell holds for a due date: the date, or "Ongoing", which the import reads back as none. */
export const NO_DEADLINE_CELL = 'Ongoing';

/** The cell for a date still owed: the import reads it back as "date to be confirmed", not "Ongoing". */
export const TO_BE_CONFIRMED_CELL = 'TBC';

/**
 * Which kind of no deadline an absent date is: 'to-be-confirmed' (the plan said "TBC", a date is owed) or
 * 'ongoing' (none by design, and every action stored before the two were told apart).
 */
export type NoDeadline = 'ongoing' | 'to-be-confirmed';

/** The kind of no deadline an action has, for the functions below: pass it beside its date. */
export function noDeadlineOf(action: Pick<Action, 'dateToBeConfirmed'>): NoDeadline {
  return action.dateToBeConfirmed ? 'to-be-confirmed' : 'ongoing';
}

/** "no deadline", or "date to be confirmed" for a date still owed. */
export function noDeadlineWords(kind: NoDeadline = 'ongoing'): string {
  return kind === 'to-be-confirmed' ? DATE_TO_BE_CONFIRMED : NO_DEADLINE;
}

export function dueDateCell(dueDate: DueDate, kind: NoDeadline = 'ongoing'): string {
  return dueDate ?? (kind === 'to-be-confirmed' ? TO_BE_CONFIRMED_CELL : NO_DEADLINE_CELL);
}

/** A stored column holds '' for no deadline: written, not left out, so a replace clears an earlier date. */
export function dueDateToColumn(dueDate: DueDate): string {
  return dueDate ?? '';
}

export function dueDateFromColumn(column: unknown): DueDate {
  return typeof column === 'string' && column !== '' ? column : undefined;
}

/**
 * A due date where a page, card, report or export shows one on its own: "31 Dec 2024", "no deadline"
 * ("Ongoing") or "Date to be confirmed" ("TBC"), capitalised as the label it stands in for.
 */
export function formatDueDate(dueDate: IsoDate | undefined, kind: NoDeadline = 'ongoing'): string {
  if (dueDate !== undefined) return formatUkDate(dueDate);
  return kind === 'to-be-confirmed' ? 'Date to be confirmed' : NO_DEADLINE;
}

/**
 * "3 days overdue", "due today", "due tomorrow", "due in 12 days", "no deadline", "date to be confirmed";
 * closed actions say nothing of dates.
 */
export function describeDue(
  dueDate: IsoDate | undefined,
  today: IsoDate,
  kind: NoDeadline = 'ongoing',
): string {
  if (dueDate === undefined) return noDeadlineWords(kind);
  const days = daysBetween(today, dueDate);
  if (days < -1) return `${-days} days overdue`;
  if (days === -1) return '1 day overdue';
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

/** "31 Dec 2024 (due in 12 days)", or, with no date, as `formatDueDate` shows it. */
export function dueWithDistance(
  dueDate: IsoDate | undefined,
  today: IsoDate,
  kind: NoDeadline = 'ongoing',
): string {
  return dueDate === undefined
    ? formatDueDate(undefined, kind)
    : `${formatUkDate(dueDate)} (${describeDue(dueDate, today)})`;
}

export function daysOverdue(action: Action, today: IsoDate): number {
  return isOpen(action.lifecycle) && hasDeadline(action)
    ? Math.max(0, daysBetween(action.currentDueDate, today))
    : 0;
}

/**
 * Most urgent first: open before closed, then earliest current due date (no deadline last), then plan
 * numbering.
 */
export function byUrgency(a: Action, b: Action): number {
  const openA = isOpen(a.lifecycle) ? 0 : 1;
  const openB = isOpen(b.lifecycle) ? 0 : 1;
  if (openA !== openB) return openA - openB;
  // '\uffff' sorts after every ISO date, so an action with no deadline comes after the dated ones.
  const dueA = a.currentDueDate ?? '\uffff';
  const dueB = b.currentDueDate ?? '\uffff';
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return compareActionIds(a.id, b.id);
}

export function overdueActions<A extends Action>(actions: readonly A[], today: IsoDate): (A & DatedAction)[] {
  return actions
    .filter((a): a is A & DatedAction => isOpen(a.lifecycle) && hasDeadline(a) && a.currentDueDate < today)
    .sort(byUrgency);
}

/** Open actions due from today up to and including `days` days ahead. */
export function actionsDueWithin<A extends Action>(
  actions: readonly A[],
  today: IsoDate,
  days: number,
): (A & DatedAction)[] {
  return actions
    .filter((a): a is A & DatedAction => {
      if (!isOpen(a.lifecycle) || !hasDeadline(a)) return false;
      const until = daysBetween(today, a.currentDueDate);
      return until >= 0 && until <= days;
    })
    .sort(byUrgency);
}
