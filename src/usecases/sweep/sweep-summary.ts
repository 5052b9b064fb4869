import { addDays, calendarDateIn, localTimeIn } from '../../domain/dates';
import { reminderSettingsOf } from '../../domain/plan';
import type { QuietSweep } from '../../domain/quiet-sweep';
import { inSendWindow } from '../../domain/reminder-policy';
import { PlanCache } from '../delivery/lookups';
import type { SweepDeps, SweepReport } from './sweep-report';

/** Counts by outcome, for the log line after a sweep (no names, no text). */
export function sweepSummary(report: SweepReport): Record<string, number> {
  const counts: Record<string, number> = { indexEntriesRead: report.indexEntriesRead };
  for (const row of report.rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return counts;
}

/** How far ahead a quiet sweep looks for the next reminders: two months covers every reminder step. */
export const LOOK_AHEAD_DAYS = 62;

/**
 * What a sweep that sent nothing saw, for `whyNothingDue`: the reminders it found no longer wanted, the
 * next day reminders are filed for (each judged in its own plan's time zone), and whether the sweep ran
 * outside that plan's send window. Read only when the sweep had nothing to do, so it costs a quiet sweep
 * one more index range and never a busy one.
 */
export async function quietSweep(deps: SweepDeps, report: SweepReport): Promise<QuietSweep> {
  const now = new Date(report.at);
  const utcToday = report.at.slice(0, 10);
  // From the day before UTC's today: in a plan behind UTC, today's UTC pointers are still ahead.
  const ahead = await deps.stores.actions.listReminderIndexBetween(
    addDays(utcToday, -1),
    addDays(utcToday, LOOK_AHEAD_DAYS),
  );
  const plans = new PlanCache(deps.stores);
  const future: { date: string; planId: string }[] = [];
  for (const entry of ahead) {
    const plan = await plans.plan(entry.planId);
    if (plan && !plan.closedAt && entry.date > calendarDateIn(plan.timeZone, now)) future.push(entry);
  }
  const nextDate = future.reduce<string | undefined>(
    (min, e) => (!min || e.date < min ? e.date : min),
    undefined,
  );
  const nextPlan = future.find((e) => e.date === nextDate);
  const plan = nextPlan ? await plans.plan(nextPlan.planId) : undefined;
  const settings = plan ? reminderSettingsOf(plan) : undefined;
  return {
    movedOn: report.actionsRead,
    ...(nextDate
      ? { next: { date: nextDate, count: future.filter((e) => e.date === nextDate).length } }
      : {}),
    ...(plan && settings && !inSendWindow(localTimeIn(plan.timeZone, now), settings)
      ? { outsideWindow: { start: settings.windowStart, end: settings.windowEnd } }
      : {}),
  };
}
