/**
 * Tells the people a change concerns: leads when an action turns red or escalates, leads and coordinators
 * when a new date is requested, owners when it is decided. Each recipient once per trigger, through the
 * ledger. A card press first records its recipients in the outbox, so an announcement that fails, or
 * whose sender dies, is sent by the next sweep, and one whose recipient cannot be reached is put on the
 * coordinators' list, never dropped.
 */

import { type Action, hasContact } from '../../domain/action';
import { calendarDateIn, formatUkDate } from '../../domain/dates';
import { formatDueDate } from '../../domain/deadline';
import type { CoveringFor } from '../../domain/delegation';
import { formatDeliveryKey, parseDeliveryKey } from '../../domain/delivery-key';
import { isOpen } from '../../domain/lifecycle';
import { assertNever } from '../../domain/never';
import { agencyLeadOf, type Plan } from '../../domain/plan';
import { type RequestTime, rightsOn } from '../access/access';
import type { CardPurpose, Recipient, UndeliveredItem } from '../delivery/channel';
import { unreachableWords, viewerOf } from '../delivery/channel';
import { type DeliveryDeps, type DeliveryResult, deliverOnce, settleUnsent } from '../delivery/deliver-once';
import type { PeopleCache, PlanCache } from '../delivery/lookups';
import type { QueuedDelivery, Stores } from '../ports/index';
import type { ActionCardView } from '../shared/action-card-view';
import { type Announcement, announcementKey } from './announcements';

export interface AnnounceDeps extends DeliveryDeps {
  stores: Pick<Stores, 'ledger' | 'users'>;
}

/**
 * After a card press: records each recipient in the outbox, then sends. Returns who was told now; what is
 * not settled stays in the outbox for the sweep (`retryQueuedAnnouncements`).
 */
export async function announce(
  deps: AnnounceDeps,
  plan: Plan,
  action: Action,
  announcement: Announcement,
): Promise<string[]> {
  const queued = await queueAnnouncement(deps, plan, action, announcement);
  const people = await deps.stores.users.findByEmails(queued.map((q) => q.recipient));
  const told: string[] = [];
  for (const { recipient: email, key } of queued) {
    const teams = people.find((u) => u.email === email);
    const result = await sendAnnouncement(deps, plan, action, announcement, {
      email,
      ...(teams ? { teams } : {}),
    });
    if (result.status === 'sent') told.push(email);
    // Anything else stays queued: the sweep retries it, or puts it on the coordinators' list.
    if (result.status === 'sent') await deps.stores.ledger.unqueue(plan.id, key);
  }
  return told;
}

/** Records who must hear of the announcement, before anything is sent: the outbox the sweep reads. */
export async function queueAnnouncement(
  deps: AnnounceDeps,
  plan: Plan,
  action: Action,
  announcement: Announcement,
): Promise<{ recipient: string; key: string }[]> {
  const queuedAt = deps.clock.now().toISOString();
  const payload = JSON.stringify({ actionId: action.id, announcement } satisfies QueuedAnnouncement);
  const queued = recipientsOf(plan, action, announcement).map((recipient) => ({
    recipient,
    key: formatDeliveryKey(announcementKey(action.id, announcement, recipient)),
  }));
  await deps.stores.ledger.queue(queued.map(({ key }) => ({ scope: plan.id, key, payload, queuedAt })));
  return queued;
}

/** One announcement to one person, once. */
export function sendAnnouncement(
  deps: DeliveryDeps,
  plan: Plan,
  action: Action,
  announcement: Announcement,
  to: Recipient,
  /** Set when `to` receives it covering for someone on leave (the sweep's escalations). */
  coveringFor?: CoveringFor,
): Promise<DeliveryResult> {
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  return deliverOnce(deps, {
    scope: plan.id,
    key: announcementKey(action.id, announcement, to.email),
    to,
    today,
    message: (recipient) => ({
      kind: 'action-card',
      purpose: purposeOf(announcement),
      view: {
        ...cardFor(deps.clock, plan, action, announcement, recipient, today),
        ...(coveringFor ? { coveringFor } : {}),
      },
    }),
  });
}

function cardFor(
  at: RequestTime,
  plan: Plan,
  action: Action,
  announcement: Announcement,
  to: Recipient,
  today: string,
): ActionCardView {
  return {
    plan,
    action,
    today,
    headline: announcementHeadline(action, announcement),
    ...viewerOfRights(to, rightsOn(at, to, plan, action)),
  };
}

/** The buttons an announcement's card offers: the update form and the date decision, as the policy allows. */
function viewerOfRights(to: Recipient, rights: ReturnType<typeof rightsOn>) {
  return viewerOf(to, { canUpdate: rights.update, canDecide: rights['decide-date'] });
}

/** An announcement not yet settled, what undelivered ones go on the coordinators' list as, and rows. */
export interface QueuedAnnouncementRow {
  planId: string;
  actionId: string;
  recipient: string;
  outcome: 'sent' | 'skipped' | 'unreachable' | 'failed';
  reason: string;
}

/**
 * Why a card press's send could not reach someone, as the channels answer now (the routing channel asks
 * each, in the person's order): the one reachability, not a reading of the Teams record here.
 */
async function whyUnreachable(deps: DeliveryDeps, to: Recipient): Promise<string> {
  const reach = await deps.channel.reach(to);
  return reach.reachable ? 'could not be reached when it was sent' : unreachableWords(reach.reason);
}

interface QueuedAnnouncement {
  actionId: string;
  announcement: Announcement;
}

/**
 * The sweep's pass over the outbox: sends what a card press could not (failed, or its sender died with a
 * claim that has since gone stale), and hands back what cannot be delivered for the coordinators' list.
 * `settle` takes those out of the outbox once the list has gone.
 */
export async function retryQueuedAnnouncements(
  deps: DeliveryDeps & { stores: Pick<Stores, 'ledger' | 'users' | 'actions' | 'plans'> },
  lookups: { plans: PlanCache; people: PeopleCache },
): Promise<{
  rows: QueuedAnnouncementRow[];
  undelivered: Map<string, UndeliveredItem[]>;
  settle: () => Promise<void>;
}> {
  const rows: QueuedAnnouncementRow[] = [];
  const undelivered = new Map<string, UndeliveredItem[]>();
  const reported: QueuedDelivery[] = [];
  for (const entry of await deps.stores.ledger.listQueued()) {
    const unqueue = () => deps.stores.ledger.unqueue(entry.scope, entry.key);
    const key = parseDeliveryKey(entry.key);
    const facts = readPayload(entry.payload);
    if (!key || !facts) {
      await unqueue(); // not one this version wrote: nothing to send it from
      continue;
    }
    const { actionId, announcement } = facts;
    const plan = await lookups.plans.plan(entry.scope);
    const action = plan ? (await deps.stores.actions.get(plan.id, actionId))?.value : undefined;
    const row = (outcome: QueuedAnnouncementRow['outcome'], reason: string) =>
      rows.push({ planId: entry.scope, actionId, recipient: key.recipient, outcome, reason });
    if (!plan || !action || plan.closedAt || !stillWanted(action, announcement)) {
      if (plan) await settleUnsent(deps, plan.id, key, 'not-needed');
      await unqueue();
      row('skipped', 'no longer needed');
      continue;
    }
    const teams = await lookups.people.get(key.recipient);
    const to: Recipient = { email: key.recipient, ...(teams ? { teams } : {}) };
    const result = await sendAnnouncement(deps, plan, action, announcement, to);
    const what = `${purposeOf(announcement)} card`;
    let reason: string | undefined;
    switch (result.status) {
      case 'sent':
        await unqueue();
        row('sent', what);
        continue;
      case 'busy':
        row('skipped', `${what} being sent by another process`);
        continue;
      case 'failed':
        row('failed', result.detail);
        continue;
      case 'unreachable':
        reason = unreachableWords(result.reason);
        break;
      case 'done': {
        // Settled by the card press: it was sent, or could not be (and is for the list now).
        const record = await deps.stores.ledger.get(plan.id, entry.key);
        if (record?.state === 'failed') reason = 'could not be sent (Teams kept failing)';
        else if (record?.state === 'skipped' && record.outcome === 'unreachable')
          reason = await whyUnreachable(deps, to);
        if (reason) break;
        await unqueue();
        continue;
      }
      case 'paused':
      case 'would-send':
        continue; // announcements are not held by a pause, and this is no dry run
      default:
        assertNever(result);
    }
    row('unreachable', reason);
    reported.push(entry);
    const list = undelivered.get(plan.id) ?? [];
    list.push({
      owner: { name: teams?.name ?? key.recipient, email: key.recipient },
      action,
      message: {
        kind: 'card',
        purpose: purposeOf(announcement),
        headline: announcementHeadline(action, announcement).text,
      },
      reason,
    });
    undelivered.set(plan.id, list);
  }
  return {
    rows,
    undelivered,
    settle: async () => {
      for (const entry of reported) await deps.stores.ledger.unqueue(entry.scope, entry.key);
    },
  };
}

/** A date request already decided needs no more cards; the rest are worth sending late. */
function stillWanted(action: Action, announcement: Announcement): boolean {
  switch (announcement.kind) {
    case 'date-request':
      return action.pendingDateRequest?.id === announcement.entryId;
    case 'escalation':
      return isOpen(action.lifecycle);
    case 'date-decision':
      return true;
    default:
      return assertNever(announcement);
  }
}

function readPayload(payload: string): QueuedAnnouncement | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<QueuedAnnouncement>;
    const kind = parsed.announcement?.kind;
    if (typeof parsed.actionId !== 'string') return undefined;
    if (kind !== 'escalation' && kind !== 'date-request' && kind !== 'date-decision') return undefined;
    return parsed as QueuedAnnouncement;
  } catch {
    return undefined;
  }
}

/** Who hears about what. What each may do on the card they get is the access policy's to say. */
export function recipientsOf(plan: Plan, action: Action, announcement: Announcement): string[] {
  switch (announcement.kind) {
    case 'escalation': {
      const agencyLead = agencyLeadOf(plan, action.leadAgency);
      return unique([...(agencyLead ? [agencyLead] : []), ...plan.leads]);
    }
    case 'date-request':
      return unique([...plan.leads, ...plan.coordinators]);
    case 'date-decision':
      return unique(action.owners.filter(hasContact).map((o) => o.email));
    default:
      return assertNever(announcement);
  }
}

const unique = (emails: string[]) => [...new Set(emails)];

function purposeOf(announcement: Announcement): CardPurpose {
  return announcement.kind;
}

export function announcementHeadline(
  action: Action,
  announcement: Announcement,
): NonNullable<ActionCardView['headline']> {
  switch (announcement.kind) {
    case 'escalation':
      switch (announcement.escalation.trigger) {
        case 'red':
          return { text: `Action ${action.id} is now rated red`, tone: 'attention' };
        case 'overdue-14':
          return { text: `Action ${action.id} is more than 14 days overdue`, tone: 'attention' };
        case 'unanswered':
          return { text: `Action ${action.id}: three reminders without an update`, tone: 'attention' };
        default:
          return assertNever(announcement.escalation);
      }
    case 'date-request': {
      const request = action.pendingDateRequest;
      return {
        text: request
          ? `New date requested for action ${action.id}: ${formatUkDate(request.date)}`
          : `New date requested for action ${action.id}`,
        tone: 'warning',
      };
    }
    case 'date-decision':
      return announcement.decision === 'approved'
        ? {
            text: `New due date for action ${action.id} approved: ${formatUkDate(announcement.date)}`,
            tone: 'good',
          }
        : {
            text: `New due date for action ${action.id} not approved; it stays ${formatDueDate(action.currentDueDate)}`,
            tone: 'warning',
          };
    default:
      return assertNever(announcement);
  }
}
