/**
 * When the plan's leads are told about an action without being asked: it is 14 days overdue; three
 * reminders in a row brought no update; an update has just rated it red. Pure: the action, today and the
 * reminders sent for its current due date in; the escalations due out, each with what makes its key
 * (so each goes once per due date, per revision, or per update that turned it red).
 */
import type { Action } from './action';
import { daysBetween, type IsoDate } from './dates';
import type { EscalationKey } from './delivery-key';
import { isOpen } from './lifecycle';
import type { ReminderStepName } from './reminder-policy';

export const ESCALATE_AFTER_DAYS_OVERDUE = 14;
export const ESCALATE_AFTER_UNANSWERED = 3;

export type Escalation = EscalationKey;

/** A reminder the ledger recorded as sent for the action's current due date, and when. */
export interface SentReminder {
  step: ReminderStepName;
  sentAt: string;
}

/** The escalations the sweep should send today (the ledger sends each once). */
export function escalationsDue(action: Action, today: IsoDate, sent: readonly SentReminder[]): Escalation[] {
  if (!isOpen(action.lifecycle)) return [];
  const due: Escalation[] = [];
  if (
    action.currentDueDate !== undefined &&
    daysBetween(action.currentDueDate, today) >= ESCALATE_AFTER_DAYS_OVERDUE
  )
    due.push({ trigger: 'overdue-14', dueDate: action.currentDueDate });
  // Unanswered: distinct steps sent after the action was last updated (an update answers them all).
  const since = action.lastUpdatedAt ?? '';
  const unanswered = new Set(sent.filter((r) => r.sentAt > since).map((r) => r.step));
  if (unanswered.size >= ESCALATE_AFTER_UNANSWERED)
    due.push({ trigger: 'unanswered', revision: action.revision ?? 0 });
  return due;
}

/** An update that turns an action red is escalated at once; `entryId` is that update's history entry. */
export function escalationOnUpdate(before: Action, after: Action, entryId: string): Escalation | undefined {
  return after.rating === 'red' && before.rating !== 'red' ? { trigger: 'red', entryId } : undefined;
}
