/**
 * Weekly digests for each plan's leads and coordinators: on the plan's digest day from 08:30 (or when
 * its send window opens, if later) in the plan's time zone, only on working days inside the window (see
 * domain/digest-schedule.ts), once a week each, through the delivery ledger.
 */
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { computeDigest, type Digest, weekStartOf } from '../../domain/digest';
import { digestDueAt } from '../../domain/digest-schedule';
import { NotFoundError } from '../../domain/errors';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { groupsOf, periodStartForAction } from '../../domain/plan-groups';
import { digestOffset } from '../../domain/plan-settings';
import type { HolidayCalendar } from '../../domain/working-days';
import { decideOnMeasure } from '../access/access';
import {
  type DeliveryResult,
  deliverOnce,
  deliveryRow,
  type ScheduledSendDeps,
} from '../delivery/deliver-once';
import type { Stores } from '../ports/index';

export type DigestDeps = Omit<ScheduledSendDeps, 'stopping'>;

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
  const [{ actions }, previous, measures, values] = await Promise.all([
    stores.actions.readPlan(plan.id),
    stores.digests.latestBefore(plan.id, weekStartOf(today)),
    stores.measures.list(plan.id),
    stores.measures.listValues(plan.id),
  ]);
  return {
    digest: computeDigest(
      actions.map((a) => a.value),
      today,
      plan.cadence,
      previous,
      groupsOf(plan).length > 0 ? (action) => periodStartForAction(plan, action, today) : undefined,
      { measures: measures.map((m) => m.value), values },
    ),
    today,
  };
}

/**
 * The digest as one person may read it: only the measures they may see. The plan's leads and
 * coordinators see them all today; asking the policy keeps it so if the digest reaches others.
 */
export function digestFor(plan: Plan, digest: Digest, email: string): Digest {
  const maySee = (m: { reporter: string }) => decideOnMeasure({ email }, plan, m, 'see-measure').allowed;
  return {
    ...digest,
    measuresNewlyOffTrack: (digest.measuresNewlyOffTrack ?? []).filter(maySee),
    valuesMissing: (digest.valuesMissing ?? []).filter(maySee),
  };
}

/**
 * Whether this week's digest is due for the plan at `now`: its day has come, it is inside the send window
 * on a working day, and the plan existed at this week's digest time (a new plan waits for its digest day).
 */
export function digestIsDue(plan: Plan, now: Date, calendar: HolidayCalendar): boolean {
  return digestDueAt(
    {
      settings: reminderSettingsOf(plan),
      timeZone: plan.timeZone,
      digestOffset: digestOffset(plan),
      createdAt: plan.createdAt,
    },
    calendar,
    now,
  );
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
      const teams = people.find((u) => u.email === email);
      const result = await deliverOnce(
        deps,
        {
          scope: plan.id,
          key: { kind: 'digest', weekStart: digest.weekStart, recipient: email },
          to: { email, ...(teams ? { teams } : {}) },
          today,
          message: () => ({ kind: 'digest', plan, digest: digestFor(plan, digest, email), today }),
        },
        { dryRun: options.dryRun },
      );
      rows.push({ planId: plan.id, recipient: email, ...digestRow(result) });
    }
    // The week's figures are what next week's digest compares with; saving twice is harmless.
    if (!options.dryRun) await deps.stores.digests.save(plan.id, digest.figures);
  }
  return rows;
}

function digestRow(result: DeliveryResult): Pick<DigestRow, 'outcome' | 'reason'> {
  return deliveryRow(result, {
    message: 'weekly digest',
    done: (state) => `already ${state ?? 'sent'} this week`,
    busy: 'being sent by another instance',
    // Digests are not held by a pause; kept for the union.
    paused: (until) => `paused until ${until}`,
  });
}
