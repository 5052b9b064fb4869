/**
 * What an owner may change from a card or the tab, and the rules a change must meet. Pure: the action,
 * the plan's scale and the moment come in; the changed action and its history entry come out.
 */
import type { Action } from './action';
import { addDays, daysBetween, type IsoDate, parseUkDate } from './dates';
import { ValidationError } from './errors';
import type { Lifecycle } from './lifecycle';
import { isOpen } from './lifecycle';
import { parseRating, type Rating, type RatingScale, ratingName, ratingSeverity, ratingsOf } from './rating';
import type { Author, StatusUpdate, UpdateSource } from './status-update';
import { Checker, LIMITS } from './validation';
import { type HolidayCalendar, type HolidayRegion, isWorkingDay } from './working-days';

export interface ProgressInput {
  rating?: string;
  note?: string;
  evidence?: string;
}

export interface ProgressChange {
  rating?: Rating;
  note?: string;
  evidenceLink?: string;
}

/** Reads and checks a progress update; every problem is reported at once, keyed by the card's input id. */
export function readProgress(input: ProgressInput, action: Action, scale: RatingScale): ProgressChange {
  const check = new Checker();
  const change: ProgressChange = {};
  const ratingText = (input.rating ?? '').trim();
  if (ratingText !== '') {
    const rating = parseRating(ratingText);
    if (!rating || !ratingsOf(scale).includes(rating)) {
      check.add('rating', `choose one of ${ratingsOf(scale).map(ratingName).join(', ')}`);
    } else if (rating !== action.rating) change.rating = rating; // the form shows the current rating already
  }
  const note = check.text('note', input.note ?? '', LIMITS.note);
  if (note !== '') change.note = note;
  const evidence = (input.evidence ?? '').trim();
  if (evidence !== '') change.evidenceLink = check.httpsUrl('evidence', evidence);
  const rating = change.rating ?? action.rating;
  const worsened =
    change.rating && action.rating && ratingSeverity(change.rating) > ratingSeverity(action.rating);
  if (!change.note && change.rating && (rating === 'amber' || rating === 'red' || worsened)) {
    check.add(
      'note',
      worsened
        ? 'say what has changed: the rating is getting worse'
        : `say why the action is ${ratingName(rating!).toLowerCase()}`,
    );
  }
  if (!change.rating && !change.note && !change.evidenceLink && check.ok) {
    check.add('rating', 'change the rating, or add a note or an evidence link');
  }
  if (!check.ok) throw new ValidationError(check.issues);
  return change;
}

/** Completion asks for the evidence of impact against the success measure. */
export function readCompletion(input: ProgressInput): { note: string; evidenceLink?: string } {
  const check = new Checker();
  const note = check.text('note', input.note ?? '', LIMITS.note, { required: true });
  const evidence = (input.evidence ?? '').trim();
  const evidenceLink = evidence === '' ? undefined : check.httpsUrl('evidence', evidence);
  if (!check.ok) throw new ValidationError(check.issues);
  return { note, ...(evidenceLink ? { evidenceLink } : {}) };
}

export interface DateRequestInput {
  revisedDate?: string;
  reason?: string;
}

/** A revised date must be a future working day, differ from the current one, and come with a reason. */
export function readDateRequest(
  input: DateRequestInput,
  action: Action,
  context: { today: IsoDate; region: HolidayRegion; calendar: HolidayCalendar },
): { date: IsoDate; reason: string } {
  const check = new Checker();
  const reason = check.text('reason', input.reason ?? '', LIMITS.note, { required: true });
  const parsed = parseUkDate(input.revisedDate ?? '');
  let date = '';
  if (!parsed.ok)
    check.add('revisedDate', parsed.reason === 'is empty' ? 'choose the new date' : parsed.reason);
  else {
    date = parsed.value;
    if (date <= context.today) check.add('revisedDate', 'must be in the future');
    else if (!isWorkingDay(date, context.region, context.calendar))
      check.add('revisedDate', 'must be a working day, not a weekend or bank holiday');
    else if (date === action.currentDueDate) check.add('revisedDate', 'is the current due date already');
    else if (daysBetween(context.today, date) > 3 * 366)
      check.add('revisedDate', 'must be within three years');
  }
  if (!check.ok) throw new ValidationError(check.issues);
  return { date, reason };
}

export interface Applied {
  after: Action;
  entry: StatusUpdate;
}

/** The action's evidence links with `link` added once; the oldest drop off past the limit. */
function withEvidence(action: Action, link: string | undefined): string[] {
  if (!link || action.evidenceLinks.includes(link)) return action.evidenceLinks;
  return [...action.evidenceLinks, link].slice(-LIMITS.evidenceLinks);
}

/** Who changed an action, when, from where, and the id of the history entry the change appends. */
export interface EditContext {
  at: string;
  author: Author;
  source: UpdateSource;
  entryId: string;
}

/** A change from a form also carries the fingerprint of its answers, so a resubmission is recognised. */
export interface ChangeContext extends EditContext {
  submissionKey: string;
}

/** A progress update: rating, note, evidence. A not-started action that is updated is in progress. */
export function applyProgress(action: Action, change: ProgressChange, context: ChangeContext): Applied {
  const lifecycle: Lifecycle = action.lifecycle === 'not_started' ? 'in_progress' : action.lifecycle;
  const evidenceLinks = withEvidence(action, change.evidenceLink);
  const after: Action = {
    ...action,
    ...(change.rating ? { rating: change.rating } : {}),
    lifecycle,
    evidenceLinks,
    ...changeStamp(action, context.at),
  };
  return {
    after,
    entry: entryFor(action, after, context, { note: change.note, evidenceLink: change.evidenceLink }),
  };
}

export function applyLifecycle(
  action: Action,
  lifecycle: Lifecycle,
  detail: { note?: string; evidenceLink?: string },
  context: ChangeContext,
): Applied {
  const evidenceLinks = withEvidence(action, detail.evidenceLink);
  const after: Action = {
    ...action,
    lifecycle,
    evidenceLinks,
    ...changeStamp(action, context.at),
  };
  return { after, entry: entryFor(action, after, context, detail) };
}

/** An approved revision moves the current due date; the baseline never moves. */
export function applyRevisedDate(
  action: Action,
  date: IsoDate,
  detail: { note?: string },
  context: ChangeContext,
): Applied {
  const after: Action = {
    ...action,
    currentDueDate: date,
    ...changeStamp(action, context.at),
  };
  const { pendingDateRequest: _done, ...rest } = after;
  return {
    after: rest,
    entry: { ...entryFor(action, rest, context, detail), changedFields: ['currentDueDate'] },
  };
}

/** A rejected date request is withdrawn; nothing else about the action changes. */
export function applyDateRejection(
  action: Action,
  detail: { note?: string },
  context: ChangeContext,
): Applied {
  const { pendingDateRequest: _rejected, ...rest } = action;
  const after: Action = { ...rest, ...changeStamp(action, context.at) };
  return { after, entry: entryFor(action, after, context, detail) };
}

function entryFor(
  before: Action,
  after: Action,
  context: ChangeContext,
  detail: { note?: string | undefined; evidenceLink?: string | undefined },
): StatusUpdate {
  return {
    planId: after.planId,
    actionId: after.id,
    id: context.entryId,
    at: context.at,
    author: context.author,
    ...(before.rating ? { oldRating: before.rating } : {}),
    ...(after.rating ? { newRating: after.rating } : {}),
    oldLifecycle: before.lifecycle,
    newLifecycle: after.lifecycle,
    ...(detail.note ? { note: detail.note } : {}),
    ...(detail.evidenceLink ? { evidenceLink: detail.evidenceLink } : {}),
    source: context.source,
    submissionKey: context.submissionKey,
  };
}

export function nextRevision(action: Action): number {
  return (action.revision ?? 0) + 1;
}

/** What every change to an action stamps on it: when, and the next revision (the card's version). */
export function changeStamp(action: Action, at: string): { lastUpdatedAt: string; revision: number } {
  return { lastUpdatedAt: at, revision: nextRevision(action) };
}

/** The version a card carries: changes by people, not bookkeeping such as the reminder index. */
export function cardVersion(action: Action): string {
  return String(action.revision ?? 0);
}

/** Snoozes and reviews that need no answer make no sense on closed actions. */
export function isUpdatable(action: Action): boolean {
  return isOpen(action.lifecycle) || action.lifecycle === 'complete';
}

export function daysFrom(today: IsoDate, days: number): IsoDate {
  return addDays(today, days);
}
