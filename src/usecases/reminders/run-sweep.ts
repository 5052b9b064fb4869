/**
 * One reminder sweep: reads only the actions whose next reminder falls due (the by-date index), sends
 * each due step to each owner exactly once (deliver-once), escalates what the escalation policy says,
 * retries announcements left in the outbox, tells coordinators about everyone who cannot be reached,
 * and files each action under its next reminder date.
 */
import { type Action, hasContact, NO_CONTACT, type Owner } from '../../domain/action';
import { addDays, calendarDateIn, type IsoDate, localTimeIn } from '../../domain/dates';
import { delegatesFor } from '../../domain/delegation';
import { formatDeliveryKeyPrefix, parseDeliveryKey } from '../../domain/delivery-key';
import { ConflictError } from '../../domain/errors';
import { escalationsDue, type SentReminder } from '../../domain/escalation-policy';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { inSendWindow, type ReminderStepKey, reminderDue } from '../../domain/reminder-policy';
import { type UndeliveredItem, unreachableWords } from '../delivery/channel';
import {
  type DeliveryResult,
  deliverOnce,
  deliveryRow,
  type ScheduledSendDeps,
} from '../delivery/deliver-once';
import { PeopleCache, PlanCache } from '../delivery/lookups';
import { tellCoordinators } from '../delivery/tell-coordinators';
import { forEachConcurrently } from '../shared/concurrently';
import {
  announcementHeadline,
  recipientsOf,
  retryQueuedAnnouncements,
  sendAnnouncement,
} from '../updates/announce';
import type { Announcement } from '../updates/announcements';
import { withReminderSchedule } from './reminder-schedule';

/** Actions handled at once: each send waits on Teams; the notifier paces per tenant and per conversation. */
export const SWEEP_CONCURRENCY = 8;

/** How far back the sweep looks for reminders it has not handled (the service was down, say). */
export const CATCH_UP_DAYS = 14;

export type SweepDeps = ScheduledSendDeps;

export type SweepOutcome = 'sent' | 'would send' | 'skipped' | 'failed' | 'unreachable';

export interface SweepRow {
  planId: string;
  actionId: string;
  owner?: string;
  step?: string;
  outcome: SweepOutcome;
  reason: string;
}

export interface SweepReport {
  at: string;
  dryRun: boolean;
  /** Index entries read: the sweep's cost, which tracks the work due, not the size of the store. */
  indexEntriesRead: number;
  actionsRead: number;
  rows: SweepRow[];
}

export async function runSweep(deps: SweepDeps, options: { dryRun: boolean }): Promise<SweepReport> {
  const now = deps.clock.now();
  const report: SweepReport = {
    at: now.toISOString(),
    dryRun: options.dryRun,
    indexEntriesRead: 0,
    actionsRead: 0,
    rows: [],
  };
  const utcToday = now.toISOString().slice(0, 10);
  // One day either side of UTC covers every plan time zone; each entry is then judged in its plan's own.
  const entries = await deps.stores.actions.listReminderIndexBetween(
    addDays(utcToday, -CATCH_UP_DAYS - 1),
    addDays(utcToday, 1),
  );
  report.indexEntriesRead = entries.length;

  const plans = new PlanCache(deps.stores);
  const people = new PeopleCache(deps.stores);
  const undelivered = new Map<string, UndeliveredItem[]>();
  const toReport = (planId: string, items: UndeliveredItem[]) =>
    undelivered.set(planId, [...(undelivered.get(planId) ?? []), ...items]);

  const handle = async (entry: (typeof entries)[number]): Promise<void> => {
    if (deps.stopping?.()) return;
    const plan = await plans.plan(entry.planId);
    if (!plan) return;
    const today = calendarDateIn(plan.timeZone, now);
    if (entry.date > today) return;
    const loaded = await deps.stores.actions.get(entry.planId, entry.actionId);
    report.actionsRead++;
    // A closed plan sends nothing more; its pointers are dropped as they come up.
    if (!loaded || loaded.value.nextReminderOn !== entry.date || plan.closedAt) {
      // The action moved on (completed, re-dated, deleted) after this pointer was written.
      if (!options.dryRun)
        await deps.stores.actions.removeReminderIndex(entry.date, entry.planId, entry.actionId);
      return;
    }
    const action = loaded.value;
    const settings = reminderSettingsOf(plan);
    const row = (outcome: SweepOutcome, reason: string, extra: Partial<SweepRow> = {}) =>
      report.rows.push({ planId: plan.id, actionId: action.id, outcome, reason, ...extra });

    if (!inSendWindow(localTimeIn(plan.timeZone, now), settings)) {
      row('skipped', `outside the send window (${settings.windowStart}–${settings.windowEnd})`);
      return;
    }
    const decision = reminderDue(action, { today, settings, calendar: deps.calendar });
    let retryLater = false;
    if (decision.due) {
      for (const recipient of reminderRecipients(plan, action, today)) {
        const { owner } = recipient;
        if (!hasContact(owner)) {
          row('unreachable', NO_CONTACT_REASON, { owner: owner.name, step: decision.step.name });
          toReport(plan.id, [
            {
              owner,
              action,
              message: { kind: 'reminder', step: decision.step.name },
              reason: NO_CONTACT_REASON,
            },
          ]);
          continue;
        }
        const result = await remindOwner(deps, options.dryRun, {
          plan,
          action,
          key: decision.key,
          today,
          plans,
          people,
          ...recipient,
        });
        const { outcome, reason } = reminderRow(result, decision.key);
        const covering = recipient.coveringFor ? ` (covering for ${recipient.coveringFor.email})` : '';
        row(outcome, `${reason}${covering}`, { owner: owner.email, step: decision.step.name });
        if (result.status === 'failed' || result.status === 'busy') retryLater = true;
        if (result.status === 'unreachable')
          toReport(plan.id, [
            { owner, action, message: { kind: 'reminder', step: decision.step.name }, reason },
          ]);
      }
    } else row('skipped', decision.reason);
    if (!options.dryRun) {
      const escalated = await escalate(deps, plan, action, today, people);
      for (const r of escalated.rows) row(r.outcome, r.reason, r.owner ? { owner: r.owner } : {});
      toReport(plan.id, escalated.undelivered);
      if (escalated.retryLater) retryLater = true;
    }

    // A failed send stays filed under today so the next sweep retries it (the ledger allows a retry).
    if (!options.dryRun && !retryLater) await fileUnderNextReminder(deps, loaded, plan, now);
  };
  // Several actions at once: each send waits on Teams, while the pacing limiter keeps the tenant's rate.
  await forEachConcurrently(entries, SWEEP_CONCURRENCY, handle);

  // Announcements a card press could not settle: sent now, or put on the coordinators' list.
  const queued =
    options.dryRun || deps.stopping?.() ? undefined : await retryQueuedAnnouncements(deps, { plans, people });
  for (const r of queued?.rows ?? [])
    report.rows.push({
      planId: r.planId,
      actionId: r.actionId,
      owner: r.recipient,
      outcome: r.outcome,
      reason: r.reason,
    });
  for (const [planId, items] of queued?.undelivered ?? []) toReport(planId, items);

  for (const [planId, items] of undelivered) {
    const plan = await plans.plan(planId);
    if (!plan) continue;
    const told = await tellCoordinators(
      deps,
      plan,
      items,
      (email) => people.get(email),
      calendarDateIn(plan.timeZone, now),
    );
    for (const r of told)
      report.rows.push({ planId, actionId: '—', owner: r.coordinator, outcome: r.outcome, reason: r.reason });
  }
  await queued?.settle();
  return report;
}

/**
 * Who gets each owner's reminder: the owner, or while a delegation covers them (leave), whoever covers
 * instead, told whose reminder it is. The ledger key names the person it goes to, so cover that starts
 * or ends mid-step neither loses nor doubles anyone's reminder.
 */
function reminderRecipients(
  plan: Plan,
  action: Action,
  today: IsoDate,
): { owner: Owner; coveringFor?: Owner }[] {
  return action.owners.flatMap((owner) => {
    const cover = delegatesFor(plan.delegations, owner.email, today);
    if (cover.length === 0) return [{ owner }];
    return cover.map((d) => ({ owner: { name: d.delegateName, email: d.delegate }, coveringFor: owner }));
  });
}

interface OwnerReminder {
  plan: Plan;
  action: Action;
  owner: Owner;
  coveringFor?: Owner;
  key: ReminderStepKey;
  today: IsoDate;
  plans: PlanCache;
  people: PeopleCache;
}

async function remindOwner(deps: SweepDeps, dryRun: boolean, r: OwnerReminder): Promise<DeliveryResult> {
  const teams = await r.people.get(r.owner.email);
  return deliverOnce(
    deps,
    {
      scope: r.plan.id,
      key: { ...r.key, recipient: r.owner.email },
      to: { email: r.owner.email, ...(teams ? { teams } : {}) },
      today: r.today,
      message: async () => {
        const area = await r.plans.area(r.plan.id, r.action.areaId);
        return {
          kind: 'reminder',
          plan: r.plan,
          ...(area ? { area } : {}),
          action: r.action,
          owner: r.owner,
          ...(r.coveringFor ? { coveringFor: r.coveringFor } : {}),
          step: r.key.step,
          today: r.today,
        };
      },
    },
    { dryRun },
  );
}

function reminderRow(
  result: DeliveryResult,
  key: ReminderStepKey,
): { outcome: SweepOutcome; reason: string } {
  return deliveryRow(result, {
    message: `${key.step} reminder`,
    done: (state) => (state ? `already ${state}` : 'already handled'),
    // Another sweep is sending it (or died doing so): the action stays filed here to look again.
    busy: 'being sent by another sweep',
    paused: (until) => `owner paused reminders until ${until}`,
  });
}

/**
 * The escalations due for the action (see the escalation policy), each to its recipients once. Unlike a
 * card press these need no outbox: a failed one keeps the action filed under today, so the next sweep
 * tries it again.
 */
async function escalate(
  deps: SweepDeps,
  plan: Plan,
  action: Action,
  today: IsoDate,
  people: PeopleCache,
): Promise<{
  rows: Omit<SweepRow, 'planId' | 'actionId'>[];
  undelivered: UndeliveredItem[];
  retryLater: boolean;
}> {
  const rows: Omit<SweepRow, 'planId' | 'actionId'>[] = [];
  const undelivered: UndeliveredItem[] = [];
  let retryLater = false;
  for (const escalation of escalationsDue(action, today, await remindersSent(deps, plan, action))) {
    const announcement: Announcement = { kind: 'escalation', escalation };
    const told: string[] = [];
    for (const email of recipientsOf(plan, action, announcement)) {
      const teams = await people.get(email);
      const to = { email, ...(teams ? { teams } : {}) };
      const result = await sendAnnouncement(deps, plan, action, announcement, to);
      if (result.status === 'sent') told.push(email);
      else if (result.status === 'failed' || result.status === 'busy') {
        retryLater = true;
        rows.push({
          owner: email,
          outcome: result.status === 'failed' ? 'failed' : 'skipped',
          reason: `escalation (${escalation.trigger}): ${result.status === 'failed' ? result.detail : 'being sent by another sweep'}`,
        });
      } else if (result.status === 'unreachable') {
        const reason = unreachableWords(result.reason);
        rows.push({
          owner: email,
          outcome: 'unreachable',
          reason: `escalation (${escalation.trigger}): ${reason}`,
        });
        undelivered.push({
          owner: { name: teams?.name ?? email, email },
          action,
          message: {
            kind: 'card',
            purpose: 'escalation',
            headline: announcementHeadline(action, announcement).text,
          },
          reason,
        });
      }
    }
    if (told.length > 0)
      rows.push({
        outcome: 'sent',
        reason: `escalation (${escalation.trigger}) to ${told.length} lead${told.length === 1 ? '' : 's'}`,
      });
  }
  return { rows, undelivered, retryLater };
}

/** An owner the plan names without an e-mail address: the coordinators are told, nothing is sent. */
const NO_CONTACT_REASON = `${NO_CONTACT}: no e-mail address in the plan yet`;

/** The reminders the ledger recorded as sent for the action's current due date. */
async function remindersSent(deps: SweepDeps, plan: Plan, action: Action): Promise<SentReminder[]> {
  // No deadline, no reminders: nothing of the kind can have been sent.
  if (action.currentDueDate === undefined) return [];
  const prefix = formatDeliveryKeyPrefix({
    kind: 'reminder',
    actionId: action.id,
    dueDate: action.currentDueDate,
  });
  return (await deps.stores.ledger.listByPrefix(plan.id, prefix)).flatMap((record) => {
    const key = parseDeliveryKey(record.key);
    return record.state === 'sent' && key?.kind === 'reminder'
      ? [{ step: key.step, sentAt: record.updatedAt }]
      : [];
  });
}

async function fileUnderNextReminder(
  deps: SweepDeps,
  loaded: { value: Action; etag: string },
  plan: Plan,
  now: Date,
): Promise<void> {
  const next = withReminderSchedule(loaded.value, plan, deps.calendar, now, 'sweep');
  if (next.nextReminderOn === loaded.value.nextReminderOn) return;
  try {
    await deps.stores.actions.update(next, loaded.etag, loaded.value);
  } catch (error) {
    // Someone changed the action meanwhile; their write filed it afresh.
    if (!(error instanceof ConflictError)) throw error;
  }
}
