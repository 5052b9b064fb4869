/**
 * Weekly digests for each plan's leads and coordinators: on Monday from 08:30 in the plan's time zone
 * (the next working day after a bank holiday), once a week each, through the delivery ledger.
 */
import { calendarDateIn, type IsoDate, localTimeIn } from '../../domain/dates';
import { computeDigest, type Digest, digestDay, weekStartOf } from '../../domain/digest';
import { NotFoundError } from '../../domain/errors';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import type { HolidayCalendar } from '../../domain/working-days';
import { recordDelivery } from '../delivery/record-delivery';
import type { Clock, Stores } from '../ports/index';
import type { Notifier } from '../reminders/notifier';

export const DIGEST_TIME = '08:30';

export interface DigestDeps {
  stores: Stores;
  notifier: Notifier;
  calendar: HolidayCalendar;
  clock: Clock;
  claimant: string;
}

export interface DigestRow {
  planId: string;
  recipient: string;
  outcome: 'sent' | 'would send' | 'skipped' | 'unreachable' | 'failed';
  reason: string;
}

/** The digest a plan's people would get now (also the `digest` command's preview). */
export async function buildDigest(
  stores: Stores,
  plan: Plan,
  now: Date,
): Promise<{ digest: Digest; today: IsoDate }> {
  const today = calendarDateIn(plan.timeZone, now);
  const { actions } = await stores.actions.readPlan(plan.id);
  const previous = await stores.digests.latestBefore(plan.id, weekStartOf(today));
  return {
    digest: computeDigest(
      actions.map((a) => a.value),
      today,
      plan.cadence,
      previous,
    ),
    today,
  };
}

/** Whether this week's digest is due for the plan at `now` (its day has come, and it is past 08:30). */
export function digestIsDue(plan: Plan, now: Date, calendar: HolidayCalendar): boolean {
  const today = calendarDateIn(plan.timeZone, now);
  const day = digestDay(weekStartOf(today), reminderSettingsOf(plan).region, calendar);
  if (today < day) return false;
  return today > day || localTimeIn(plan.timeZone, now) >= DIGEST_TIME;
}

/**
 * Sends each plan's digest to its leads and coordinators when due (or at once, for `plan` given from
 * the CLI). The ledger key is the week, so restarts and several instances send each person one a week.
 */
export async function sendDigests(
  deps: DigestDeps,
  options: { planId?: string; dryRun: boolean },
): Promise<DigestRow[]> {
  const now = deps.clock.now();
  let plans: Plan[];
  if (options.planId) {
    const plan = await deps.stores.plans.get(options.planId);
    if (!plan) throw new NotFoundError(`Plan ${options.planId}`);
    plans = [plan.value];
  } else
    plans = (await deps.stores.plans.list()).filter((p) => !p.closedAt && digestIsDue(p, now, deps.calendar));

  const rows: DigestRow[] = [];
  for (const plan of plans) {
    const recipients = [...new Set([...plan.leads, ...plan.coordinators])];
    if (recipients.length === 0) continue;
    const { digest, today } = await buildDigest(deps.stores, plan, now);
    const people = await deps.stores.users.findByEmails(recipients);
    for (const email of recipients) {
      const row = (outcome: DigestRow['outcome'], reason: string) =>
        rows.push({ planId: plan.id, recipient: email, outcome, reason });
      const user = people.find((u) => u.email === email);
      const key = `digest|${digest.weekStart}|${email}`;
      if (options.dryRun) {
        const existing = await deps.stores.ledger.get(plan.id, key);
        if (existing && existing.state !== 'failed') row('skipped', `already ${existing.state} this week`);
        else
          row(
            user?.conversationReference ? 'would send' : 'unreachable',
            user?.conversationReference ? 'weekly digest' : 'has not installed Action Tracker',
          );
        continue;
      }
      const claim = await deps.stores.ledger.claim(plan.id, key, deps.claimant, now);
      if (claim !== 'claimed') {
        row('skipped', claim === 'done' ? 'already sent this week' : 'being sent by another instance');
        continue;
      }
      if (!user?.conversationReference) {
        await deps.stores.ledger.complete(plan.id, key, 'skipped', 'unreachable', now);
        row('unreachable', 'has not installed Action Tracker');
        continue;
      }
      const outcome = await deps.notifier.sendDigest(user, plan, digest, today);
      await recordDelivery(deps, plan.id, key, outcome);
      row(outcome.status, outcome.status === 'sent' ? 'weekly digest' : outcome.detail);
    }
    // The week's figures are what next week's digest compares with; saving twice is harmless.
    if (!options.dryRun) await deps.stores.digests.save(plan.id, digest.figures);
  }
  return rows;
}
