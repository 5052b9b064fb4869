/**
 * Every proactive message goes through here, exactly once per message and person: claim its ledger row
 * (whoever inserts first sends) → already done, or another sender busy with it → paused? reachable? →
 * send over the channel → record how it went. A 403 marks the person unreachable, so the next message
 * to them is reported to coordinators instead of tried.
 */
import type { IsoDate } from '../../domain/dates';
import { type DeliveryKey, formatDeliveryKey, quietWhilePaused } from '../../domain/delivery-key';
import { assertNever } from '../../domain/never';
import type { HolidayCalendar } from '../../domain/working-days';
import type { Clock, DeliveryLedger, DeliveryState, Stores, TeamsUser, UserStore } from '../ports/index';
import {
  type Channel,
  type Message,
  type Recipient,
  type UnreachableReason,
  unreachableReasonOf,
  unreachableWords,
} from './channel';
import { recordDelivery } from './record-delivery';

export interface DeliveryDeps {
  stores: { ledger: DeliveryLedger; users: UserStore };
  channel: Channel;
  clock: Clock;
  /** This process's id in ledger claims. */
  claimant: string;
}

/** What every scheduled sender (sweep, round requests and chases, digests) works with. */
export interface ScheduledSendDeps {
  stores: Stores;
  channel: Channel;
  calendar: HolidayCalendar;
  clock: Clock;
  /** This process's id in ledger claims. */
  claimant: string;
  /** Set during shutdown: the run stops taking new work and returns. */
  stopping?: () => boolean;
}

export interface Delivery {
  /** The ledger partition: the plan's id. */
  scope: string;
  key: DeliveryKey;
  to: Recipient;
  /** The plan's calendar date, for the pause. */
  today: IsoDate;
  /** Built only when it is to be sent (it may read storage). */
  message: (to: Recipient) => Message | Promise<Message>;
}

export type DeliveryResult =
  | { status: 'sent' }
  /** Dry run: it would be sent now. */
  | { status: 'would-send' }
  /** Settled before: sent, skipped, or failed too often to try again. `state` on a dry run. */
  | { status: 'done'; state?: DeliveryState }
  /** Another sender holds a live claim on it: look again later. */
  | { status: 'busy' }
  | { status: 'paused'; until: IsoDate }
  | { status: 'unreachable'; reason: UnreachableReason }
  /** Still failing after the channel's retries: a later run tries again. */
  | { status: 'failed'; detail: string };

export async function deliverOnce(
  deps: DeliveryDeps,
  delivery: Delivery,
  options: { dryRun?: boolean } = {},
): Promise<DeliveryResult> {
  const { scope, to, today } = delivery;
  const key = formatDeliveryKey(delivery.key);
  const pausedUntil = quietWhilePaused(delivery.key) ? pauseOf(to.teams, today) : undefined;
  const reach = await deps.channel.reach(to);
  if (options.dryRun) {
    const existing = await deps.stores.ledger.get(scope, key);
    if (existing && existing.state !== 'failed') return { status: 'done', state: existing.state };
    if (pausedUntil) return { status: 'paused', until: pausedUntil };
    if (!reach.reachable) return { status: 'unreachable', reason: reach.reason };
    return { status: 'would-send' };
  }
  const claim = await deps.stores.ledger.claim(scope, key, deps.claimant, deps.clock.now());
  if (claim === 'done') return { status: 'done' };
  if (claim === 'busy') return { status: 'busy' };
  if (pausedUntil) {
    await deps.stores.ledger.complete(scope, key, 'skipped', 'paused', deps.clock.now());
    return { status: 'paused', until: pausedUntil };
  }
  if (!reach.reachable) {
    await deps.stores.ledger.complete(scope, key, 'skipped', 'unreachable', deps.clock.now());
    return { status: 'unreachable', reason: reach.reason };
  }
  const sent = await deps.channel.send(to, await delivery.message(to));
  switch (sent.status) {
    case 'sent':
      // Retried through a storage outage: a message Teams accepted must not be sent again.
      await recordDelivery(deps, scope, key, sent);
      return { status: 'sent' };
    case 'unreachable':
      await deps.stores.ledger.complete(scope, key, 'skipped', 'unreachable', deps.clock.now());
      if (to.teams?.conversationReference) await markUnreachable(deps, to.teams);
      return { status: 'unreachable', reason: unreachableReasonOf(sent.detail) };
    case 'failed':
      await deps.stores.ledger.complete(scope, key, 'failed', sent.detail, deps.clock.now());
      return { status: 'failed', detail: sent.detail };
  }
}

/**
 * Settles a message that is no longer needed (a round's action closed or answered) without sending it,
 * so later runs do not look at it again.
 */
export async function settleUnsent(deps: DeliveryDeps, scope: string, key: DeliveryKey, outcome: string) {
  const formatted = formatDeliveryKey(key);
  const now = deps.clock.now();
  if ((await deps.stores.ledger.claim(scope, formatted, deps.claimant, now)) === 'claimed')
    await deps.stores.ledger.complete(scope, formatted, 'skipped', outcome, now);
}

function pauseOf(user: TeamsUser | undefined, today: IsoDate): IsoDate | undefined {
  return user?.nudgesPausedUntil && today < user.nudgesPausedUntil ? user.nudgesPausedUntil : undefined;
}

/**
 * Teams said 403: forget the chat, so the person shows as unreachable until they reinstall. Safe to call
 * twice (the routing channel does, before falling back to e-mail): the second finds the chat gone.
 */
export async function markUnreachable(
  deps: { stores: { users: UserStore }; clock: Clock },
  user: TeamsUser,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  // Re-read: the person may have reinstalled or paused reminders since the run began.
  const current = (await deps.stores.users.get(user.aadObjectId))?.value ?? user;
  const sameChat =
    JSON.stringify(current.conversationReference) === JSON.stringify(user.conversationReference);
  if (!sameChat) return;
  const { conversationReference: _gone, ...rest } = current;
  await deps.stores.users.put({ ...rest, unreachableSince: now, updatedAt: now });
}

export type DeliveryRowOutcome = 'sent' | 'would send' | 'skipped' | 'unreachable' | 'failed';

/** What a sender's report says of each kind of result; unreachable and failed read the same everywhere. */
export interface DeliveryWords {
  /** What was (or would be) sent: "weekly digest", "before-7 reminder". */
  message: string;
  done: (state: DeliveryState | undefined) => string;
  busy: string;
  paused: (until: IsoDate) => string;
}

/** One row of a sweep's, round's or digest run's report for a delivery's result. */
export function deliveryRow(
  result: DeliveryResult,
  words: DeliveryWords,
): { outcome: DeliveryRowOutcome; reason: string } {
  switch (result.status) {
    case 'sent':
      return { outcome: 'sent', reason: words.message };
    case 'would-send':
      return { outcome: 'would send', reason: words.message };
    case 'done':
      return { outcome: 'skipped', reason: words.done(result.state) };
    case 'busy':
      return { outcome: 'skipped', reason: words.busy };
    case 'paused':
      return { outcome: 'skipped', reason: words.paused(result.until) };
    case 'unreachable':
      return { outcome: 'unreachable', reason: unreachableWords(result.reason) };
    case 'failed':
      return { outcome: 'failed', reason: result.detail };
    default:
      return assertNever(result);
  }
}
