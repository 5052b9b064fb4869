import type { AgreedRating } from './agreed-rating';
import type { IsoDate } from './dates';
import { emailAddress } from './email-address';
import { isOpen, type Lifecycle } from './lifecycle';
import type { Rating } from './rating';

export interface Owner {
  name: string;
  /**
   * Lower case: owners are matched to Teams users by e-mail, case-insensitively. '' while the plan names
   * the owner without an address ("no contact"): kept by name, reminded of nothing, listed for the
   * coordinators until an address is added.
   */
  email: string;
}

/** A named person at a contributing agency, asked for the action's round update alongside its owners. */
export interface ContributingContact {
  /** One of the action's contributing agencies. */
  agency: string;
  name: string;
  /** Lower case. */
  email: string;
}

/** How an owner without an e-mail address is listed. */
export const NO_CONTACT = 'no contact';

export function hasContact(owner: Owner): boolean {
  return owner.email !== '';
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
  /** At most one contact per contributing agency: they receive round requests and may add notes. */
  contributingContacts?: ContributingContact[];
  /** The plan's monitoring group this action is monitored in (absent: the plan-wide rounds). */
  monitoringGroupId?: string;
  startDate?: IsoDate;
  /**
   * The date first agreed; it never moves. Absent when the plan gave the action no deadline ("Ongoing",
   * "TBC"); a date approved later then sets only the current one.
   */
  baselineDueDate?: IsoDate;
  /**
   * Differs from the baseline once a revised date is approved. Absent means no deadline: no reminders,
   * never overdue, listed as "no deadline". Ask `hasDeadline`, so the rule stays in one place.
   */
  currentDueDate?: IsoDate;
  /**
   * The plan's timescale said "TBC": no deadline yet, but a date is owed, so coordinators see it listed as
   * "date to be confirmed" to chase (it is never reminded or overdue). Absent for "Ongoing" — no deadline
   * by design — and for every action stored before the two were told apart. Says nothing once the action
   * has a current due date: ask `isDateToBeConfirmed`.
   */
  dateToBeConfirmed?: true;
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

/** An action whose plan gives it a deadline: the only kind that is reminded, chased or overdue. */
export type DatedAction = Action & { currentDueDate: IsoDate };

export function hasDeadline<A extends Pick<Action, 'currentDueDate'>>(
  action: A,
): action is A & { currentDueDate: IsoDate } {
  return action.currentDueDate !== undefined;
}

/** How an action with no deadline is listed wherever a due date would be. */
export const NO_DEADLINE = 'no deadline';

/** How an action whose date is still owed ("TBC") is listed wherever a due date would be. */
export const DATE_TO_BE_CONFIRMED = 'date to be confirmed';

/** No deadline yet, but one is owed (the plan said "TBC"): chased by coordinators, never reminded. */
export function isDateToBeConfirmed(action: Pick<Action, 'currentDueDate' | 'dateToBeConfirmed'>): boolean {
  return !hasDeadline(action) && action.dateToBeConfirmed === true;
}

/** Moved from the date first agreed by an approved revision (given a date where there was none, too). */
export function isRescheduled(action: Pick<Action, 'currentDueDate' | 'baselineDueDate'>): boolean {
  return hasDeadline(action) && action.currentDueDate !== action.baselineDueDate;
}

export function isOverdue(action: Action, today: IsoDate): boolean {
  return isOpen(action.lifecycle) && hasDeadline(action) && action.currentDueDate < today;
}

export function isOwnedBy(action: Action, email: string): boolean {
  const address = emailAddress(email);
  // An owner with no contact matches nobody, however a caller's e-mail came to be blank.
  return address !== '' && action.owners.some((owner) => owner.email === address);
}

/** Whether `email` is the named contact of one of the action's contributing agencies. */
export function isContributingContact(action: Action, email: string): boolean {
  const address = emailAddress(email);
  return address !== '' && (action.contributingContacts ?? []).some((contact) => contact.email === address);
}

/** Natural order of plan numbering: 1.2 before 1.10, 2 before 10. */
export function compareActionIds(a: string, b: string): number {
  return a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' });
}
