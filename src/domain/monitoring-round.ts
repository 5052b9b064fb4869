/**
 * Monitoring rounds: a coordinator asks every owner of an open action for an update by a response date,
 * chases those who have not answered, then closes the round, freezing a snapshot of the plan as it stood.
 * Snapshots are what scrutiny compares quarter to quarter (rating movements, slipped dates). Pure.
 */
import { type Action, compareActionIds, hasContact, type Owner } from './action';
import { givenText, importedText } from './action-field-rules';
import type { TextFieldName } from './action-fields';
import type { AgreedRating } from './agreed-rating';
import type { Area } from './area';
import { addDays, daysBetween, formatUkDate, type IsoDate } from './dates';
import { ValidationError } from './errors';
import { isOpen, type Lifecycle } from './lifecycle';
import { reportedRating } from './moderation';
import { type Rating, ratingSeverity } from './rating';
import { type ReminderSettings, type ReminderStep, reminderSteps } from './reminder-policy';
import {
  type HolidayCalendar,
  type HolidayRegion,
  isWeekend,
  isWorkingDay,
  workingDayOnOrBefore,
} from './working-days';

export interface RoundPerson {
  aadObjectId?: string;
  name: string;
}

export interface Round {
  planId: string;
  /** 1, 2, 3… in the order rounds were opened. */
  number: number;
  status: 'open' | 'closed';
  openedAt: string;
  /** The plan's local date the round opened on: updates from then on count as responses. */
  openedOn: IsoDate;
  openedBy: RoundPerson;
  responseDue: IsoDate;
  /**
   * The open actions whose owners were asked, as they were when the round opened, with the named contacts
   * of their contributing agencies (asked too, for a note) where they have any.
   */
  requested: { actionId: string; owners: string[]; contacts?: string[] }[];
  /** The monitoring group the round is for; absent for a plan-wide round (a plan without groups). */
  groupId?: string;
  /** The group's meeting the round's responses are for. */
  meeting?: IsoDate;
  closedAt?: string;
  closedOn?: IsoDate;
  closedBy?: RoundPerson;
  /**
   * Who agreed the round's ratings, recorded when it closes: the plan's moderation group (when named)
   * and the person who closed it.
   */
  agreement?: { group?: string; by: RoundPerson; on: IsoDate; at: string };
  /** The oversight body's endorsement, recorded after the round closed. */
  endorsement?: Endorsement;
  /** The areas as they stood at close, so a snapshot's report reads as it did then. */
  areas?: Area[];
}

export interface Endorsement {
  /** The meeting (or body) that endorsed the round, e.g. "NSCC". */
  meeting: string;
  date: IsoDate;
  recordedBy: RoundPerson;
  recordedAt: string;
}

/** One action as it stood when a round closed. */
export interface SnapshotItem extends SnapshotText {
  actionId: string;
  areaId: string;
  description: string;
  leadAgency: string;
  owners: Owner[];
  /** Absent for an action with no deadline (see Action). */
  baselineDueDate?: IsoDate;
  currentDueDate?: IsoDate;
  lifecycle: Lifecycle;
  /** The rating the round's figures count (agreed, or the proposal while none is agreed). */
  rating?: Rating;
  /** The owner's proposal, where it is not the rating counted. */
  proposal?: Rating;
  /** The agreement standing at close: the agreed rating and the commentary the paper prints. */
  agreed?: AgreedRating;
  lastUpdatedAt?: string;
  evidenceLinks?: string[];
  contributingAgencies?: string[];
  /** The owner's raw note: kept for the record, never printed in a report. */
  latestNote?: string;
  latestNoteAt?: string;
  /** Whether anyone updated the action during the round. */
  responded: boolean;
  /** Absent in snapshots taken before it was kept. */
  monitoringGroupId?: string;
}

/** An action's free-text fields in a snapshot (action-fields.ts), absent when blank. */
export type SnapshotText = Partial<Record<TextFieldName, string>>;

export const MAX_ROUND_DAYS = 92;
export const DEFAULT_ROUND_DAYS = 14;

/** The response date a coordinator asked for (or the default), checked against today and the calendar. */
export function responseDateFor(
  requested: IsoDate | undefined,
  today: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
): IsoDate {
  const date =
    requested ?? workingDayOnOrBefore(addDays(today, DEFAULT_ROUND_DAYS), settings.region, calendar);
  if (date <= today) {
    throw new ValidationError([
      { field: 'due', reason: `must be after today (${formatUkDate(today)}), to give owners time to answer` },
    ]);
  }
  if (date > addDays(today, MAX_ROUND_DAYS)) {
    throw new ValidationError([
      {
        field: 'due',
        reason: `must be within ${MAX_ROUND_DAYS} days (by ${formatUkDate(addDays(today, MAX_ROUND_DAYS))})`,
      },
    ]);
  }
  return date;
}

/**
 * What a coordinator should know about a round's response date before owners work to it: a date between
 * Christmas Eve and New Year's Day, on a weekend or on a bank holiday of the plan's nation is a day many
 * owners are away. Empty when the date is fine.
 */
export function responseDateWarnings(
  date: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): string[] {
  const label = formatUkDate(date);
  const monthDay = date.slice(5);
  const warnings: string[] = [];
  if (monthDay >= '12-24' || monthDay <= '01-01')
    warnings.push(`${label} falls between Christmas and New Year`);
  if (isWeekend(date))
    warnings.push(`${label} is a ${WEEKDAY_NAMES[new Date(`${date}T12:00:00Z`).getUTCDay()]}`);
  else if (calendar.isBankHoliday(date, region)) warnings.push(`${label} is a bank holiday`);
  return warnings;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Who is asked: every owner of every open action (of those `inScope`, the round's group), in plan order,
 * and the named contacts of its contributing agencies.
 */
export function requestsFor(
  actions: readonly Action[],
  inScope: (action: Action) => boolean = () => true,
): Round['requested'] {
  return actions
    .filter((a) => isOpen(a.lifecycle) && a.owners.some(hasContact) && inScope(a))
    .sort((a, b) => compareActionIds(a.id, b.id))
    .map((a) => {
      const owners = a.owners.filter(hasContact).map((o) => o.email);
      const contacts = (a.contributingContacts ?? []).map((c) => c.email).filter((e) => !owners.includes(e));
      return { actionId: a.id, owners, ...(contacts.length > 0 ? { contacts } : {}) };
    });
}

/** An update to the action since the round opened is its owners' response. */
export function hasResponded(action: Pick<Action, 'lastUpdatedAt'> | undefined, round: Round): boolean {
  return action?.lastUpdatedAt !== undefined && action.lastUpdatedAt >= round.openedAt;
}

/**
 * The chase to send today, if any. The reminder rules are applied to the response date: the plan's
 * "days before" steps that fall after the round opened, then the response day itself; working days only,
 * nothing after the response date. The latest step that has come supersedes a missed earlier one.
 */
export function roundChaseDue(
  round: Round,
  today: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
): ReminderStep | undefined {
  if (round.status !== 'open' || today > round.responseDue || today <= round.openedOn) return undefined;
  if (!isWorkingDay(today, settings.region, calendar)) return undefined;
  return reminderSteps(round.responseDue, settings, calendar, today)
    .filter((step) => step.date > round.openedOn)
    .at(-1);
}

export interface AgencyProgress {
  agency: string;
  responded: number;
  awaiting: number;
  /** Owners still to answer, with how many of their actions wait on them. */
  awaitingOwners: { email: string; actions: string[] }[];
}

/** A contributing agency's share of the round: the actions it contributes to, and how many await. */
export interface ContributorProgress {
  agency: string;
  actions: number;
  awaiting: number;
}

export interface RoundProgress {
  requested: number;
  responded: number;
  awaiting: number;
  byAgency: AgencyProgress[];
  /** Contributing agencies of the asked actions, most awaiting first. */
  byContributingAgency: ContributorProgress[];
}

/** Responded / awaiting by lead agency, for `round status`. Actions closed since the round opened count as answered. */
export function roundProgress(round: Round, actions: readonly Action[]): RoundProgress {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const agencies = new Map<string, AgencyProgress>();
  const contributors = new Map<string, ContributorProgress>();
  let responded = 0;
  for (const request of round.requested) {
    const action = byId.get(request.actionId);
    const agency = action?.leadAgency || 'No lead agency';
    let entry = agencies.get(agency);
    if (!entry) {
      entry = { agency, responded: 0, awaiting: 0, awaitingOwners: [] };
      agencies.set(agency, entry);
    }
    const answered = !action || hasResponded(action, round) || !isOpen(action.lifecycle);
    for (const name of action?.contributingAgencies ?? []) {
      const share = contributors.get(name) ?? { agency: name, actions: 0, awaiting: 0 };
      share.actions++;
      if (!answered) share.awaiting++;
      contributors.set(name, share);
    }
    if (answered) {
      entry.responded++;
      responded++;
      continue;
    }
    entry.awaiting++;
    for (const email of action.owners.map((o) => o.email)) {
      const owner = entry.awaitingOwners.find((o) => o.email === email);
      if (owner) owner.actions.push(request.actionId);
      else entry.awaitingOwners.push({ email, actions: [request.actionId] });
    }
  }
  return {
    requested: round.requested.length,
    responded,
    awaiting: round.requested.length - responded,
    byAgency: [...agencies.values()].sort(
      (a, b) => b.awaiting - a.awaiting || a.agency.localeCompare(b.agency),
    ),
    byContributingAgency: [...contributors.values()].sort(
      (a, b) => b.awaiting - a.awaiting || a.agency.localeCompare(b.agency),
    ),
  };
}

/** The frozen record of one action at close. */
export function snapshotItemOf(
  action: Action,
  round: Round,
  latest: { note: string; at: string } | undefined,
): SnapshotItem {
  return {
    actionId: action.id,
    areaId: action.areaId,
    description: action.description,
    leadAgency: action.leadAgency,
    owners: action.owners,
    ...dueDatesOf(action),
    lifecycle: action.lifecycle,
    ...comparableRating(action),
    ...(action.agreed ? { agreed: action.agreed } : {}),
    ...(action.lastUpdatedAt ? { lastUpdatedAt: action.lastUpdatedAt } : {}),
    ...givenText(action),
    ...(action.evidenceLinks.length > 0 ? { evidenceLinks: action.evidenceLinks } : {}),
    ...(action.contributingAgencies.length > 0 ? { contributingAgencies: action.contributingAgencies } : {}),
    ...(latest ? { latestNote: latest.note, latestNoteAt: latest.at } : {}),
    responded: hasResponded(action, round),
    ...(action.monitoringGroupId ? { monitoringGroupId: action.monitoringGroupId } : {}),
  };
}

/** A snapshot read back as actions, so the progress report draws a closed round as it draws today. */
export function actionsOfSnapshot(planId: string, items: readonly SnapshotItem[]): Action[] {
  return items.map((item) => ({
    planId,
    id: item.actionId,
    areaId: item.areaId,
    description: item.description,
    leadAgency: item.leadAgency,
    owners: item.owners,
    contributingAgencies: item.contributingAgencies ?? [],
    ...(item.monitoringGroupId ? { monitoringGroupId: item.monitoringGroupId } : {}),
    ...dueDatesOf(item),
    lifecycle: item.lifecycle,
    ...((item.proposal ?? item.rating) ? { rating: item.proposal ?? item.rating } : {}),
    ...(item.agreed ? { agreed: item.agreed } : {}),
    ...(item.lastUpdatedAt ? { lastUpdatedAt: item.lastUpdatedAt } : {}),
    ...importedText(item),
    evidenceLinks: item.evidenceLinks ?? [],
  }));
}

/** The state of one action in a comparison: what the report and the tab compare. */
export interface ComparableItem {
  actionId: string;
  rating?: Rating;
  currentDueDate?: IsoDate;
  lifecycle: Lifecycle;
}

/** The due dates an action has, left out (not undefined) when it has none, as storage wants. */
function dueDatesOf(
  item: Pick<Action, 'baselineDueDate' | 'currentDueDate'>,
): Pick<Action, 'baselineDueDate' | 'currentDueDate'> {
  return {
    ...(item.baselineDueDate !== undefined ? { baselineDueDate: item.baselineDueDate } : {}),
    ...(item.currentDueDate !== undefined ? { currentDueDate: item.currentDueDate } : {}),
  };
}

/** Today's action as a comparison reads it (a snapshot item already has this shape). */
export function comparableOf(action: Action): ComparableItem {
  const { rating } = comparableRating(action);
  return {
    actionId: action.id,
    ...(action.currentDueDate !== undefined ? { currentDueDate: action.currentDueDate } : {}),
    lifecycle: action.lifecycle,
    ...(rating ? { rating } : {}),
  };
}

/** The rating comparisons and snapshots count, and the owner's proposal where that is another. */
function comparableRating(action: Action): { rating?: Rating; proposal?: Rating } {
  const rating = reportedRating(action);
  return {
    ...(rating ? { rating } : {}),
    ...(action.rating && action.rating !== rating ? { proposal: action.rating } : {}),
  };
}

export type Movement = 'improved' | 'worsened' | 'unchanged' | 'newly rated' | 'new';

export interface ActionMovement {
  actionId: string;
  from?: Rating;
  to?: Rating;
  movement: Movement;
}

export interface Slippage {
  actionId: string;
  from: IsoDate;
  to: IsoDate;
  days: number;
}

export interface Comparison {
  improved: number;
  worsened: number;
  unchanged: number;
  /** Rated now, unrated before, or not in the earlier snapshot at all. */
  newlyRated: number;
  added: number;
  removed: string[];
  /** Every action whose rating moved, in plan order. */
  movements: ActionMovement[];
  /** Due dates moved later between the two. */
  slipped: Slippage[];
  /** Completed (or impact evidenced) since the earlier one. */
  completed: string[];
}

/** Rating movements and slippage from `before` to `after` (two snapshots, or a snapshot and today). */
export function compareSnapshots(
  before: readonly ComparableItem[],
  after: readonly ComparableItem[],
): Comparison {
  const earlier = new Map(before.map((item) => [item.actionId, item]));
  const later = new Set(after.map((item) => item.actionId));
  const result: Comparison = {
    improved: 0,
    worsened: 0,
    unchanged: 0,
    newlyRated: 0,
    added: 0,
    removed: before.filter((item) => !later.has(item.actionId)).map((item) => item.actionId),
    movements: [],
    slipped: [],
    completed: [],
  };
  const done = (l: Lifecycle) => l === 'complete' || l === 'impact_evidenced';
  for (const item of [...after].sort((a, b) => compareActionIds(a.actionId, b.actionId))) {
    const was = earlier.get(item.actionId);
    if (!was) {
      result.added++;
      if (item.rating) result.movements.push({ actionId: item.actionId, to: item.rating, movement: 'new' });
      continue;
    }
    const movement = movementOf(was.rating, item.rating);
    if (movement === 'improved') result.improved++;
    else if (movement === 'worsened') result.worsened++;
    else if (movement === 'newly rated') result.newlyRated++;
    else result.unchanged++;
    if (movement !== 'unchanged') {
      result.movements.push({
        actionId: item.actionId,
        ...(was.rating ? { from: was.rating } : {}),
        ...(item.rating ? { to: item.rating } : {}),
        movement,
      });
    }
    if (
      item.currentDueDate !== undefined &&
      was.currentDueDate !== undefined &&
      item.currentDueDate > was.currentDueDate
    ) {
      result.slipped.push({
        actionId: item.actionId,
        from: was.currentDueDate,
        to: item.currentDueDate,
        days: daysBetween(was.currentDueDate, item.currentDueDate),
      });
    }
    if (done(item.lifecycle) && !done(was.lifecycle)) result.completed.push(item.actionId);
  }
  return result;
}

function movementOf(from: Rating | undefined, to: Rating | undefined): Movement {
  if (!to) return 'unchanged';
  if (!from) return 'newly rated';
  const change = ratingSeverity(to) - ratingSeverity(from);
  return change < 0 ? 'improved' : change > 0 ? 'worsened' : 'unchanged';
}

/** A one-line account of a comparison for a card or a front page. */
export function describeComparison(comparison: Comparison, since: string): string {
  const parts = [
    `${comparison.improved} improved`,
    `${comparison.worsened} worsened`,
    `${comparison.unchanged} unchanged`,
  ];
  if (comparison.newlyRated > 0) parts.push(`${comparison.newlyRated} newly rated`);
  if (comparison.added > 0) parts.push(`${comparison.added} new`);
  if (comparison.slipped.length > 0) parts.push(`${comparison.slipped.length} with later due dates`);
  return `Since ${since}: ${parts.join(', ')}.`;
}
