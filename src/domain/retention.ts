/**
 * Data retention: a plan is closed when monitoring ends (no more reminders, rounds or digests), and may
 * be purged — exported first, then erased — once the retention period after closing has passed. Pure.
 */
import { addDays, calendarDateIn, formatUkDate, type IsoDate } from './dates';
import { ValidationError } from './errors';
import type { Plan } from './plan';

export const DEFAULT_RETENTION_DAYS = 365;

export function closePlan(plan: Plan, now: Date): Plan {
  if (plan.closedAt) {
    throw new ValidationError([
      { field: 'plan', reason: `was closed already, on ${formatUkDate(plan.closedAt.slice(0, 10))}` },
    ]);
  }
  return { ...plan, closedAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** The first day the plan may be purged, or undefined while it is still open. */
export function purgeableFrom(plan: Plan, retentionDays: number): IsoDate | undefined {
  if (!plan.closedAt) return undefined;
  return addDays(calendarDateIn(plan.timeZone, new Date(plan.closedAt)), retentionDays);
}

/** Throws, saying why and until when, unless the plan is closed and its retention period is over. */
export function assertPurgeable(plan: Plan, now: Date, retentionDays: number): void {
  const from = purgeableFrom(plan, retentionDays);
  if (!from) {
    throw new ValidationError([
      { field: 'plan', reason: 'is still open: close it first (npm run cli -- close --plan <id>)' },
    ]);
  }
  const today = calendarDateIn(plan.timeZone, now);
  if (today < from) {
    throw new ValidationError([
      {
        field: 'plan',
        reason: `is kept until ${formatUkDate(addDays(from, -1))} (${retentionDays} days after it closed); it can be purged from ${formatUkDate(from)}`,
      },
    ]);
  }
}
