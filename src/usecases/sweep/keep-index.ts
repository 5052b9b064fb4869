/**
 * The sweep's by-date index: which pointers are due, dropping those that no longer point at a reminder,
 * and filing each handled action under its next reminder date. Reading only the due pointers keeps the
 * sweep's cost to the work due, not the size of the store.
 */
import type { Action } from '../../domain/action';
import { addDays, calendarDateIn, type IsoDate } from '../../domain/dates';
import type { Plan } from '../../domain/plan';
import type { PlanCache } from '../delivery/lookups';
import { refileReminder } from '../reminders/reminder-schedule';
import type { SweepDeps } from './sweep-report';

/** How far back the sweep looks for reminders it has not handled (the service was down, say). */
export const CATCH_UP_DAYS = 14;

/** One pointer in the by-date index: the action to look at on `date`. */
export interface IndexEntry {
  date: IsoDate;
  planId: string;
  actionId: string;
}

/** The pointers filed under the last CATCH_UP_DAYS up to today, in any plan's time zone. */
export async function dueIndexEntries(deps: SweepDeps, now: Date): Promise<IndexEntry[]> {
  const utcToday = now.toISOString().slice(0, 10);
  // One day either side of UTC covers every plan time zone; each entry is then judged in its plan's own.
  return deps.stores.actions.listReminderIndexBetween(
    addDays(utcToday, -CATCH_UP_DAYS - 1),
    addDays(utcToday, 1),
  );
}

export interface DueAction {
  plan: Plan;
  loaded: { value: Action; etag: string };
  /** Today in the plan's time zone. */
  today: IsoDate;
}

/**
 * The action an entry points at, when it is due today in its plan's time zone and still waits for this
 * reminder; `read` says whether the action was read (the report counts them). A pointer the action has
 * moved on from is dropped (unless dry run).
 */
export async function dueAction(
  deps: SweepDeps,
  plans: PlanCache,
  entry: IndexEntry,
  now: Date,
  dryRun: boolean,
): Promise<{ read: boolean; due?: DueAction }> {
  const plan = await plans.plan(entry.planId);
  if (!plan) return { read: false };
  const today = calendarDateIn(plan.timeZone, now);
  if (entry.date > today) return { read: false };
  const loaded = await deps.stores.actions.get(entry.planId, entry.actionId);
  // A closed plan sends nothing more; its pointers are dropped as they come up.
  if (!loaded || loaded.value.nextReminderOn !== entry.date || plan.closedAt) {
    // The action moved on (completed, re-dated, deleted) after this pointer was written.
    if (!dryRun) await deps.stores.actions.removeReminderIndex(entry.date, entry.planId, entry.actionId);
    return { read: true };
  }
  return { read: true, due: { plan, loaded, today } };
}

/** Files the action under its next reminder date, once today's reminders are handled. */
export async function fileUnderNextReminder(
  deps: SweepDeps,
  loaded: { value: Action; etag: string },
  plan: Plan,
  now: Date,
): Promise<void> {
  await refileReminder(deps, loaded, plan, now, 'sweep');
}
