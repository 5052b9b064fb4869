import { type Action, compareActionIds } from './action';
import { daysBetween, type IsoDate } from './dates';
import { isOpen } from './lifecycle';

/** "3 days overdue", "due today", "due tomorrow", "due in 12 days"; closed actions say nothing of dates. */
export function describeDue(dueDate: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, dueDate);
  if (days < -1) return `${-days} days overdue`;
  if (days === -1) return '1 day overdue';
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

export function daysOverdue(action: Action, today: IsoDate): number {
  return isOpen(action.lifecycle) ? Math.max(0, daysBetween(action.currentDueDate, today)) : 0;
}

/** Most urgent first: open before closed, then earliest current due date, then plan numbering. */
export function byUrgency(a: Action, b: Action): number {
  const openA = isOpen(a.lifecycle) ? 0 : 1;
  const openB = isOpen(b.lifecycle) ? 0 : 1;
  if (openA !== openB) return openA - openB;
  if (a.currentDueDate !== b.currentDueDate) return a.currentDueDate < b.currentDueDate ? -1 : 1;
  return compareActionIds(a.id, b.id);
}

export function overdueActions(actions: readonly Action[], today: IsoDate): Action[] {
  return actions.filter((a) => isOpen(a.lifecycle) && a.currentDueDate < today).sort(byUrgency);
}

/** Open actions due from today up to and including `days` days ahead. */
export function actionsDueWithin(actions: readonly Action[], today: IsoDate, days: number): Action[] {
  return actions
    .filter((a) => {
      if (!isOpen(a.lifecycle)) return false;
      const until = daysBetween(today, a.currentDueDate);
      return until >= 0 && until <= days;
    })
    .sort(byUrgency);
}
