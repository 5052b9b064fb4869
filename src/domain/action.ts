import type { IsoDate } from './dates';
import { isOpen, type Lifecycle } from './lifecycle';
import type { AgreedRating } from './moderation';
import type { Rating } from './rating';

export interface Owner {
  name: string;
  /** Lower case: owners are matched to Teams users by e-mail, case-insensitively. */
  email: string;
}

export interface Action {
  planId: string;
  /** As the plan numbers it, e.g. "2.3". */
  id: string;
  areaId: string;
  description: string;
  leadAgency: string;
  owners: Owner[];
  contributingAgencies: string[];
  startDate?: IsoDate;
  /** The date first agreed; it never moves. */
  baselineDueDate: IsoDate;
  /** Differs from the baseline once a revised date is approved. */
  currentDueDate: IsoDate;
  lifecycle: Lifecycle;
  /**
   * The owner's rating: a proposal until a coordinator or moderator agrees it (see `agreed`). Absent until
   * first rated. Ratings stored before moderation existed have no agreement, so they read as proposals.
   */
  rating?: Rating;
  /** The latest agreement of a coordinator or moderator: the rating and commentary reports publish. */
  agreed?: AgreedRating;
  successMeasure: string;
  evidenceLinks: string[];
  lastUpdatedAt?: string;
  /**
   * Counts the changes people make (updates, decisions, re-imports). A card carries the revision it was
   * drawn from, so a press on an older card is recognised and shown the current state instead.
   */
  revision?: number;
  /** Reminder days before the due date for this action only, overriding the plan's. */
  reminderDaysBefore?: number[];
  /** No reminders for this action before this date (an owner's snooze). */
  snoozedUntil?: IsoDate;
  /**
   * Bookkeeping for the reminder sweep: the next date a reminder step falls on, which files the action in
   * the sweep's by-date index. Set by the use cases whenever the due date, lifecycle or snooze changes.
   */
  nextReminderOn?: IsoDate;
  /** An owner's request to move the due date, awaiting a lead's decision. */
  pendingDateRequest?: DateRequest;
}

export interface DateRequest {
  id: string;
  date: IsoDate;
  reason: string;
  requestedBy: { aadObjectId: string; name: string };
  requestedAt: string;
}

/** The fields a spreadsheet or a form can set; everything the plan derives itself is left out. */
export type ActionFields = Omit<Action, 'planId' | 'lastUpdatedAt'>;

export function isOverdue(action: Action, today: IsoDate): boolean {
  return isOpen(action.lifecycle) && action.currentDueDate < today;
}

export function isOwnedBy(action: Action, email: string): boolean {
  const address = email.trim().toLowerCase();
  return action.owners.some((owner) => owner.email === address);
}

/** Natural order of plan numbering: 1.2 before 1.10, 2 before 10. */
export function compareActionIds(a: string, b: string): number {
  return a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' });
}
