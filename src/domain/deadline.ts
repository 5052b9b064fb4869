import { type Action, compareActionIds, type DatedAction, hasDeadline, NO_DEADLINE } from './action';
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

export function dueDateCell(dueDate: DueDate): string {
  return dueDate ?? NO_DEADLINE_CELL;
}

/** A stored column holds '' for no deadline: written, not left out, so a replace clears an earlier date. */
export function dueDateToColumn(dueDate: DueDate): string {
  return dueDate ?? '';
}

export function dueDateFromColumn(column: unknown): DueDate {
  return typeof column === 'string' && column !== '' ? column : undefined;
}

/** "31 Dec 2024", or "no deadline" for an action the plan gives none ("Ongoing", "TBC"). */
export function formatDueDate(dueDate: IsoDate | undefined): string {
  return dueDate === undefined ? NO_DEADLINE : formatUkDate(dueDate);
}

/**
 * "3 days overdue", "due today", "due tomorrow", "due in 12 days", "no deadline"; closed actions say
 * nothing of dates.
 */
export function describeDue(dueDate: IsoDate | undefined, today: IsoDate): string {
  if (dueDate === undefined) return NO_DEADLINE;
  const days = daysBetween(today, dueDate);
  if (days < -1) return `${-days} days overdue`;
  if (days === -1) return '1 day overdue';
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

/** "31 Dec 2024 (due in 12 days)", or "no deadline". */
export function dueWithDistance(dueDate: IsoDate | undefined, today: IsoDate): string {
  return dueDate === undefined ? NO_DEADLINE : `${formatUkDate(dueDate)} (${describeDue(dueDate, today)})`;
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
