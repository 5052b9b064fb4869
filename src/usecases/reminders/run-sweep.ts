/**
 * One reminder sweep: reads only the actions whose next reminder falls due (the by-date index), sends
 * each due step to each owner exactly once (ledger claim → send → record), tells coordinators about
 * owners who cannot be reached, and files each action under its next reminder date.
 */
import type { Action, Owner } from '../../domain/action';
import type { Area } from '../../domain/area';
import { addDays, calendarDateIn, daysBetween, type IsoDate, localTimeIn } from '../../domain/dates';
import { ConflictError } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { inSendWindow, type ReminderStepName, reminderDue } from '../../domain/reminder-policy';
import type { HolidayCalendar } from '../../domain/working-days';
import { recordDelivery } from '../delivery/record-delivery';
import type { Clock, Stores, TeamsUser } from '../ports/index';
import { forEachConcurrently } from '../shared/concurrently';
import { announce } from '../updates/announce';
import type { Announcement } from '../updates/announcements';
import type { Notifier, UndeliveredNudge } from './notifier';
import { withReminderSchedule } from './reminder-schedule';

/** Actions handled at once: each send waits on Teams; the notifier paces per tenant and per conversation. */
export const SWEEP_CONCURRENCY = 8;

/** How far back the sweep looks for reminders it has not handled (the service was down, say). */
export const CATCH_UP_DAYS = 14;

export interface SweepDeps {
  stores: Stores;
  notifier: Notifier;
  calendar: HolidayCalendar;
  clock: Clock;
  /** This process's id in ledger claims. */
  claimant: string;
  /** Set during shutdown: the sweep stops taking new work and returns. */
  stopping?: () => boolean;
}

export type SweepOutcome = 'sent' | 'would send' | 'skipped' | 'failed' | 'unreachable';

export interface SweepRow {
  planId: string;
  actionId: string;
  owner?: string;
  step?: ReminderStepName;
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
  if (entries.length === 0) return report;

  const plans = new PlanCache(deps.stores);
  const people = new PeopleCache(deps.stores);
  const undelivered = new Map<string, UndeliveredNudge[]>();

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
      const area = options.dryRun ? undefined : await plans.area(plan.id, action.areaId);
      for (const owner of action.owners) {
        const result = await remindOwner(deps, options.dryRun, {
          plan,
          area,
          action,
          owner,
          step: decision.step.name,
          key: decision.key,
          today,
          user: await people.get(owner.email),
          now,
        });
        row(result.outcome, result.reason, { owner: owner.email, step: decision.step.name });
        if (result.outcome === 'failed' || result.retry) retryLater = true;
        if (result.undelivered) {
          const list = undelivered.get(plan.id) ?? [];
          list.push(result.undelivered);
          undelivered.set(plan.id, list);
        }
      }
    } else row('skipped', decision.reason);
    if (!options.dryRun) {
      for (const trigger of await escalationsDue(deps, plan, action, today)) {
        const told = await announce(deps, plan, action, trigger);
        if (told.length > 0)
          row(
            'sent',
            `escalation (${trigger.trigger}) to ${told.length} lead${told.length === 1 ? '' : 's'}`,
          );
      }
    }

    // A failed send stays filed under today so the next sweep retries it (the ledger allows a retry).
    if (!options.dryRun && !retryLater) await fileUnderNextReminder(deps, loaded, plan, now);
  };
  // Several actions at once: each send waits on Teams, while the pacing limiter keeps the tenant's rate.
  await forEachConcurrently(entries, SWEEP_CONCURRENCY, handle);

  for (const [planId, items] of undelivered) {
    const plan = await plans.plan(planId);
    if (plan) await tellCoordinators(deps, plan, items, people, calendarDateIn(plan.timeZone, now), report);
  }
  return report;
}

interface OwnerReminder {
  plan: Plan;
  area: Area | undefined;
  action: Action;
  owner: Owner;
  step: ReminderStepName;
  key: string;
  today: IsoDate;
  user: TeamsUser | undefined;
  now: Date;
}

async function remindOwner(
  deps: SweepDeps,
  dryRun: boolean,
  r: OwnerReminder,
): Promise<{ outcome: SweepOutcome; reason: string; undelivered?: UndeliveredNudge; retry?: boolean }> {
  const ledgerKey = `${r.key}|${r.owner.email}`;
  const paused = r.user?.nudgesPausedUntil && r.today < r.user.nudgesPausedUntil;
  const unreachableReason = !r.user?.conversationReference
    ? r.user?.unreachableSince
      ? 'removed Action Tracker or blocked it'
      : 'has not installed Action Tracker'
    : undefined;
  if (dryRun) {
    const existing = await deps.stores.ledger.get(r.plan.id, ledgerKey);
    if (existing && existing.state !== 'failed')
      return { outcome: 'skipped', reason: `already ${existing.state}` };
    if (paused)
      return { outcome: 'skipped', reason: `owner paused reminders until ${r.user!.nudgesPausedUntil}` };
    if (unreachableReason) return { outcome: 'unreachable', reason: unreachableReason };
    return { outcome: 'would send', reason: `${r.step} reminder` };
  }
  const claim = await deps.stores.ledger.claim(r.plan.id, ledgerKey, deps.claimant, r.now);
  if (claim === 'done') return { outcome: 'skipped', reason: 'already handled' };
  // Another sweep is sending it (or died doing so): keep the action filed here to look again.
  if (claim === 'busy') return { outcome: 'skipped', reason: 'being sent by another sweep', retry: true };
  if (paused) {
    await deps.stores.ledger.complete(r.plan.id, ledgerKey, 'skipped', 'paused', r.now);
    return { outcome: 'skipped', reason: `owner paused reminders until ${r.user!.nudgesPausedUntil}` };
  }
  if (unreachableReason || !r.user) {
    await deps.stores.ledger.complete(r.plan.id, ledgerKey, 'skipped', 'unreachable', r.now);
    const reason = unreachableReason ?? 'has not installed Action Tracker';
    return {
      outcome: 'unreachable',
      reason,
      undelivered: { owner: r.owner, action: r.action, step: r.step, reason },
    };
  }
  const sent = await deps.notifier.sendNudge(r.user, {
    plan: r.plan,
    ...(r.area ? { area: r.area } : {}),
    action: r.action,
    owner: r.owner,
    step: r.step,
    today: r.today,
  });
  switch (sent.status) {
    case 'sent':
      await recordDelivery(deps, r.plan.id, ledgerKey, sent);
      return { outcome: 'sent', reason: `${r.step} reminder` };
    case 'unreachable': {
      await deps.stores.ledger.complete(r.plan.id, ledgerKey, 'skipped', 'unreachable', deps.clock.now());
      await markUnreachable(deps, r.user);
      const reason = 'removed Action Tracker or blocked it';
      return {
        outcome: 'unreachable',
        reason,
        undelivered: { owner: r.owner, action: r.action, step: r.step, reason },
      };
    }
    case 'failed':
      await deps.stores.ledger.complete(r.plan.id, ledgerKey, 'failed', sent.detail, deps.clock.now());
      return { outcome: 'failed', reason: sent.detail };
  }
}

/** Escalation triggers the sweep watches: 14 days overdue, and three reminders in a row with no update. */
export const ESCALATE_AFTER_DAYS_OVERDUE = 14;
export const ESCALATE_AFTER_UNANSWERED = 3;

async function escalationsDue(
  deps: SweepDeps,
  plan: Plan,
  action: Action,
  today: IsoDate,
): Promise<Extract<Announcement, { kind: 'escalation' }>[]> {
  if (!isOpen(action.lifecycle)) return [];
  const triggers: Extract<Announcement, { kind: 'escalation' }>[] = [];
  if (daysBetween(action.currentDueDate, today) >= ESCALATE_AFTER_DAYS_OVERDUE) {
    triggers.push({
      kind: 'escalation',
      trigger: 'overdue-14',
      key: `escalation|${action.id}|${action.currentDueDate}|overdue-14`,
    });
  }
  const since = action.lastUpdatedAt ?? '';
  const reminders = await deps.stores.ledger.listByPrefix(plan.id, `${action.id}|${action.currentDueDate}|`);
  const unanswered = new Set(
    reminders.filter((r) => r.state === 'sent' && r.updatedAt > since).map((r) => r.key.split('|')[2]),
  );
  if (unanswered.size >= ESCALATE_AFTER_UNANSWERED) {
    triggers.push({
      kind: 'escalation',
      trigger: 'unanswered',
      key: `escalation|${action.id}|unanswered|${action.revision ?? 0}`,
    });
  }
  return triggers;
}

async function markUnreachable(deps: SweepDeps, user: TeamsUser): Promise<void> {
  const now = deps.clock.now().toISOString();
  // Re-read: the person may have reinstalled or paused reminders since the sweep began.
  const current = (await deps.stores.users.get(user.aadObjectId))?.value ?? user;
  const sameChat =
    JSON.stringify(current.conversationReference) === JSON.stringify(user.conversationReference);
  if (!sameChat) return;
  const { conversationReference: _gone, ...rest } = current;
  await deps.stores.users.put({ ...rest, unreachableSince: now, updatedAt: now });
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

async function tellCoordinators(
  deps: SweepDeps,
  plan: Plan,
  items: UndeliveredNudge[],
  people: PeopleCache,
  today: IsoDate,
  report: SweepReport,
): Promise<void> {
  for (const email of plan.coordinators) {
    const coordinator = await people.get(email);
    if (!coordinator?.conversationReference) {
      report.rows.push({
        planId: plan.id,
        actionId: '—',
        owner: email,
        outcome: 'unreachable',
        reason: 'coordinator cannot be reached either',
      });
      continue;
    }
    const sent = await deps.notifier.sendUndelivered(coordinator, plan, items, today);
    report.rows.push({
      planId: plan.id,
      actionId: '—',
      owner: email,
      outcome: sent.status === 'sent' ? 'sent' : sent.status,
      reason: `list of ${items.length} reminder${items.length === 1 ? '' : 's'} that could not be delivered`,
    });
  }
}

/** People looked up by e-mail once per sweep, however many of their actions fall due. */
class PeopleCache {
  private readonly people = new Map<string, Promise<TeamsUser | undefined>>();
  constructor(private readonly stores: Stores) {}

  get(email: string): Promise<TeamsUser | undefined> {
    let found = this.people.get(email);
    if (!found) {
      found = this.stores.users.findByEmails([email]).then((users) => users[0]);
      this.people.set(email, found);
    }
    return found;
  }
}

class PlanCache {
  private readonly plans = new Map<string, Promise<Plan | undefined>>();
  private readonly areas = new Map<string, Promise<Area | undefined>>();
  constructor(private readonly stores: Stores) {}

  plan(planId: string): Promise<Plan | undefined> {
    let found = this.plans.get(planId);
    if (!found) {
      found = this.stores.plans.get(planId).then((p) => p?.value);
      this.plans.set(planId, found);
    }
    return found;
  }

  area(planId: string, areaId: string): Promise<Area | undefined> {
    const key = `${planId}|${areaId}`;
    let found = this.areas.get(key);
    if (!found) {
      found = this.stores.actions.getArea(planId, areaId);
      this.areas.set(key, found);
    }
    return found;
  }
}
