/**
 * What the use cases need from storage. The Azure Tables adapters implement these; nothing here
 * knows about tables, partitions or ETags beyond the opaque `etag` a caller hands back.
 */
import type { Action } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { IsoDate } from '../../domain/dates';
import type { DigestFigures } from '../../domain/digest';
import type { Measure, MeasureValue } from '../../domain/measures';
import type { Round, SnapshotItem } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import type { StatusUpdate } from '../../domain/status-update';
import type { HolidayCalendar } from '../../domain/working-days';
import type { ContactStore } from './contacts';

export type { Contact, ContactStore, LinkCode, LinkState } from './contacts';

export interface Versioned<T> {
  value: T;
  /** Opaque version: pass it back to update, and the update fails with ConflictError if it moved on. */
  etag: string;
}

export interface PlanStore {
  get(planId: string): Promise<Versioned<Plan> | undefined>;
  list(): Promise<Plan[]>;
  create(plan: Plan): Promise<void>;
  update(plan: Plan, etag: string): Promise<void>;
}

export interface PlanContents {
  areas: Area[];
  actions: Versioned<Action>[];
}

export type PlanItemWrite =
  | { kind: 'create-area'; area: Area }
  | { kind: 'update-area'; area: Area }
  | { kind: 'create-action'; action: Action }
  | { kind: 'update-action'; action: Action; etag: string; previous: Action };

/**
 * A batch write that stopped part-way (someone changed an item meanwhile). The writes before the
 * failure are committed and indexed; the caller records their history and says what is left.
 */
export class PartialWriteError extends Error {
  override readonly name = 'PartialWriteError';
  constructor(
    readonly committed: readonly PlanItemWrite[],
    override readonly cause: unknown,
  ) {
    super(`${committed.length} writes were committed before the batch failed`);
  }
}

export interface ActionStore {
  readPlan(planId: string): Promise<PlanContents>;
  get(planId: string, actionId: string): Promise<Versioned<Action> | undefined>;
  /**
   * Conditional on `etag`: throws ConflictError when the action changed since it was read. `previous` is
   * the action as read, so the owner and reminder indexes can follow the change.
   */
  update(action: Action, etag: string, previous: Action): Promise<void>;
  /** Applies many writes in as few round trips as the store allows. */
  writeMany(planId: string, writes: readonly PlanItemWrite[]): Promise<void>;
  /** Every action, in any plan, that `email` owns. */
  listByOwner(email: string): Promise<Action[]>;
  /** Pointers to the actions whose next reminder step falls on `date`. */
  listReminderIndex(date: IsoDate): Promise<{ planId: string; actionId: string }[]>;
  /** Pointers filed on any date from `from` to `to` inclusive, with their date. */
  listReminderIndexBetween(
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ date: IsoDate; planId: string; actionId: string }[]>;
  removeReminderIndex(date: IsoDate, planId: string, actionId: string): Promise<void>;
  /** A plan's areas only, without its actions. */
  listAreas(planId: string): Promise<Area[]>;
  getArea(planId: string, areaId: string): Promise<Area | undefined>;
}

export interface HistoryStore {
  /** Insert only. Appending an entry whose id is already recorded is a no-op (so retries are safe). */
  append(entries: readonly StatusUpdate[]): Promise<void>;
  /** Newest first. */
  listForAction(planId: string, actionId: string, limit?: number): Promise<StatusUpdate[]>;
  /** Every entry of every action in the plan, by action then newest first (for the purge's export). */
  listForPlan(planId: string): Promise<StatusUpdate[]>;
}

export interface AuditEvent {
  at: string;
  actor: string;
  event: string;
  planId?: string;
  /** Structured facts about the change: ids, counts, field names; never free-text notes. */
  details: Record<string, string | number | boolean>;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  list(planId: string | undefined, limit?: number): Promise<AuditEvent[]>;
}

/** A person who has talked to the bot or installed it, keyed by their Entra ID object id. */
export interface TeamsUser {
  aadObjectId: string;
  name: string;
  /** Lower case, from the Teams roster (e-mail, or UPN when there is none). */
  email?: string;
  tenantId?: string;
  /** The personal-chat conversation reference, opaque here, used for proactive messages. */
  conversationReference?: Record<string, unknown>;
  /** Set on uninstall, or when Teams answers 403 to a proactive message. */
  unreachableSince?: string;
  /** The plan they chose last, for people with a role in several. */
  preferredPlanId?: string;
  emailCheckedAt?: string;
  /** The Teams account (29:…) the roster confirmed for this Entra id; the e-mail is trusted only for it. */
  teamsUserId?: string;
  /** The person paused all their reminders until this date (leave). */
  nudgesPausedUntil?: IsoDate;
  updatedAt: string;
}

export type DeliveryState = 'claimed' | 'sent' | 'skipped' | 'failed';

export interface DeliveryRecord {
  state: DeliveryState;
  /** Who holds or held the claim: an instance id, so a stale claim can be told from a live one. */
  claimedBy: string;
  claimedAt: string;
  attempts: number;
  /** Short machine-readable outcome ("sent", "unreachable", "paused", "http-429"…); never message text. */
  outcome?: string;
  updatedAt: string;
}

/**
 * A message kept until its delivery is settled (the outbox): an announcement made by a card press, so a
 * send that fails, or a process that dies before sending, leaves it for the next sweep.
 */
export interface QueuedDelivery {
  scope: string;
  /** The delivery key, formatted. */
  key: string;
  /** The message's facts as JSON, for the sweep to rebuild it from: ids and dates, never note text. */
  payload: string;
  queuedAt: string;
}

/**
 * Exactly-once bookkeeping for every proactive message (keys: src/domain/delivery-key.ts).
 * A claim is an insert: whoever inserts first sends; a claim left by a crashed sender goes stale and is
 * taken over, so a message is never lost.
 */
export interface DeliveryLedger {
  /**
   * 'claimed': the caller must now send and then `complete`. 'done': it was sent or settled already.
   * 'busy': another sender holds a live claim; look again later (it may yet fail, or its sender die).
   */
  claim(scope: string, key: string, claimant: string, now: Date): Promise<'claimed' | 'done' | 'busy'>;
  complete(
    scope: string,
    key: string,
    state: Exclude<DeliveryState, 'claimed'>,
    outcome: string,
    now: Date,
  ): Promise<void>;
  /** Gives a claim back unsent (graceful shutdown), so the next sweep sends it without waiting. */
  release(scope: string, key: string): Promise<void>;
  get(scope: string, key: string): Promise<DeliveryRecord | undefined>;
  /** Every record in `scope` whose key starts with `prefix`. */
  listByPrefix(scope: string, prefix: string): Promise<(DeliveryRecord & { key: string })[]>;
  /** Puts messages in the outbox (again: idempotent per scope and key). */
  queue(entries: readonly QueuedDelivery[]): Promise<void>;
  /** Everything in the outbox, oldest first. */
  listQueued(): Promise<QueuedDelivery[]>;
  /** Takes a settled message out of the outbox (no error when it is gone already). */
  unqueue(scope: string, key: string): Promise<void>;
}

export interface UserStore {
  get(aadObjectId: string): Promise<Versioned<TeamsUser> | undefined>;
  /** Last writer wins: these are facts re-learnt from Teams on every activity, not user edits. */
  put(user: TeamsUser): Promise<void>;
  /** Everyone known with one of these e-mail addresses (case-insensitive). */
  findByEmails(emails: readonly string[]): Promise<TeamsUser[]>;
}

/** The figures of each week's digest, kept to show what changed by the next one. */
export interface DigestStore {
  /** The latest figures from a week before `weekStart`. */
  latestBefore(planId: string, weekStart: IsoDate): Promise<DigestFigures | undefined>;
  save(planId: string, figures: DigestFigures): Promise<void>;
}

/**
 * A plan's impact measures and every value reported for them. Values are append-only: a correction is a
 * newer entry for the same period, so nothing reported is ever lost.
 */
export interface MeasureWithLatest {
  measure: Measure;
  latest: MeasureValue[] | undefined;
}

export interface MeasureStore {
  list(planId: string): Promise<Versioned<Measure>[]>;
  /** Each measure with the values that count for its newest periods (undefined: not kept, read its values). */
  listWithLatest(planId: string): Promise<MeasureWithLatest[]>;
  get(planId: string, measureId: string): Promise<Versioned<Measure> | undefined>;
  /** Insert only: ConflictError when a measure with this id exists. */
  create(planId: string, measure: Measure): Promise<void>;
  update(planId: string, measure: Measure, etag: string): Promise<void>;
  /** Insert only: an entry is never overwritten. */
  appendValue(planId: string, value: MeasureValue): Promise<void>;
  /** Every entry of the plan's measures (or of one), oldest first. */
  listValues(planId: string, measureId?: string): Promise<MeasureValue[]>;
}

/** Monitoring rounds and the snapshots frozen when each closes. */
export interface RoundStore {
  /** Every round of the plan, oldest first. */
  list(planId: string): Promise<Round[]>;
  get(planId: string, number: number): Promise<Versioned<Round> | undefined>;
  /** Insert only: ConflictError when a round with this number exists (two coordinators at once). */
  create(round: Round): Promise<void>;
  update(round: Round, etag: string): Promise<void>;
  /** Idempotent: writing the same snapshot twice leaves one copy. */
  saveSnapshot(planId: string, number: number, items: readonly SnapshotItem[]): Promise<void>;
  readSnapshot(planId: string, number: number): Promise<SnapshotItem[]>;
}

/**
 * How a report link gives the report: with an app id, only to the person it was made for, signed in to
 * Teams; locally (no app id, loopback only, nobody is signed in) straight to whoever opens it.
 */
export type ReportLinkAccess = 'teams-sign-in' | 'local-direct';

/** Links the cards carry out of chat: report downloads (signed, short-lived) and the dashboard tab. */
export interface AppLinks {
  /** What a report link needs besides itself, so a card can say so truthfully. */
  readonly reportAccess: ReportLinkAccess;
  reportUrl(input: {
    planId: string;
    format: 'html' | 'xlsx' | 'csv' | 'docx';
    email: string;
    round?: number;
  }): string;
  /** The dashboard tab on this plan: a Teams deep link in Teams, the page itself locally. */
  dashboardUrl(planId: string): string;
}

/** Rows erased per table by a retention purge. */
export type EraseCounts = Partial<Record<string, number>>;

export interface Clock {
  now(): Date;
}

/** What a use case that reads and changes plans works with: storage, the time, and working days. */
export interface PlanDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
}

/** And a source of randomness, for the ids of what it writes. */
export interface PlanChangeDeps extends PlanDeps {
  random: () => number;
}

export interface Stores {
  plans: PlanStore;
  actions: ActionStore;
  history: HistoryStore;
  audit: AuditLog;
  users: UserStore;
  ledger: DeliveryLedger;
  digests: DigestStore;
  rounds: RoundStore;
  measures: MeasureStore;
  /** How each person, by e-mail address, is to be reached (channel choice, an address refused for good). */
  contacts: ContactStore;
  /** Erases everything kept about a plan (the retention purge); running it again finishes a partial one. */
  erasePlan(planId: string): Promise<EraseCounts>;
  /** Cheap round trip proving storage answers; throws when it does not, or when `signal` aborts. */
  ping(signal?: AbortSignal): Promise<void>;
}

export type SendOutcome =
  | { status: 'sent' }
  /** Teams said no (403: uninstalled or blocked) or there is nowhere to send. */
  | { status: 'unreachable'; detail: string }
  /** Still failing after retries; worth trying again on a later sweep. */
  | { status: 'failed'; detail: string };
