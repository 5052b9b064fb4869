/**
 * One reminder sweep: reads only the actions whose next reminder falls due (the by-date index), sends
 * each due step to each owner exactly once (deliver-once), escalates what the escalation policy says,
 * retries announcements left in the outbox, tells coordinators about everyone who cannot be reached,
 * and files each action under its next reminder date. Each of those is a job in this folder; this file
 * only runs them in order, writing into one tally.
 */
import { localTimeIn } from '../../domain/dates';
import { reminderSettingsOf } from '../../domain/plan';
import { inSendWindow } from '../../domain/reminder-policy';
import { maySendNow } from '../../domain/send-moment';
import { PeopleCache, PlanCache } from '../delivery/lookups';
import { forEachConcurrently } from '../shared/concurrently';
import { escalate } from './escalate';
import { dueAction, dueIndexEntries, fileUnderNextReminder, type IndexEntry } from './keep-index';
import { remindOwners } from './remind-owners';
import { retryAnnouncements } from './retry-announcements';
import { type SweepDeps, type SweepReport, SweepTally } from './sweep-report';
import { tellUndelivered } from './tell-undelivered';

/** Actions handled at once: each send waits on Teams; the notifier paces per tenant and per conversation. */
export const SWEEP_CONCURRENCY = 8;

export async function runSweep(deps: SweepDeps, options: { dryRun: boolean }): Promise<SweepReport> {
  const now = deps.clock.now();
  const tally = new SweepTally();
  const report: SweepReport = {
    at: now.toISOString(),
    dryRun: options.dryRun,
    indexEntriesRead: 0,
    actionsRead: 0,
    rows: tally.rows,
  };
  const entries = await dueIndexEntries(deps, now);
  report.indexEntriesRead = entries.length;
  const lookups = { plans: new PlanCache(deps.stores), people: new PeopleCache(deps.stores) };

  const handle = async (entry: IndexEntry): Promise<void> => {
    if (deps.stopping?.()) return;
    const { read, due } = await dueAction(deps, lookups.plans, entry, now, options.dryRun);
    if (read) report.actionsRead++;
    if (!due) return;
    const { plan, loaded, today } = due;
    const action = loaded.value;
    const settings = reminderSettingsOf(plan);
    // Reminders and escalations alike go only on a working day inside the window (domain/send-moment.ts).
    if (!maySendNow(settings, plan.timeZone, deps.calendar, now)) {
      const reason = inSendWindow(localTimeIn(plan.timeZone, now), settings)
        ? 'not-a-working-day'
        : `outside the send window (${settings.windowStart}–${settings.windowEnd})`;
      tally.row({ planId: plan.id, actionId: action.id, outcome: 'skipped', reason });
      return;
    }
    const reminded = await remindOwners(deps, options.dryRun, { plan, action, today, ...lookups }, tally);
    let retryLater = reminded.retryLater;
    if (!options.dryRun) {
      const escalated = await escalate(deps, plan, action, today, lookups.people, tally);
      if (escalated.retryLater) retryLater = true;
    }
    // A failed send stays filed under today so the next sweep retries it (the ledger allows a retry).
    if (!options.dryRun && !retryLater) await fileUnderNextReminder(deps, loaded, plan, now);
  };
  // Several actions at once: each send waits on Teams, while the pacing limiter keeps the tenant's rate.
  await forEachConcurrently(entries, SWEEP_CONCURRENCY, handle);

  const queued =
    options.dryRun || deps.stopping?.() ? undefined : await retryAnnouncements(deps, lookups, tally);
  await tellUndelivered(deps, lookups, now, tally);
  await queued?.settle();
  return report;
}
