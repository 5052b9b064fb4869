import type { Action } from '../../domain/action';
import { calendarDateIn } from '../../domain/dates';
import { ConflictError } from '../../domain/errors';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { nextReminderDate, reminderLookDate } from '../../domain/reminder-policy';
import type { HolidayCalendar } from '../../domain/working-days';
import type { PlanDeps, Versioned } from '../ports/index';

/**
 * The action with its next reminder date worked out, so the sweep's index files it correctly: after a
 * change, a step due today counts; after the sweep has handled today, only later steps do.
 */
export function withReminderSchedule(
  action: Action,
  plan: Plan,
  calendar: HolidayCalendar,
  now: Date,
  after: 'change' | 'sweep' = 'change',
): Action {
  const context = { today: calendarDateIn(plan.timeZone, now), settings: reminderSettingsOf(plan), calendar };
  const next = after === 'change' ? reminderLookDate(action, context) : nextReminderDate(action, context);
  const { nextReminderOn: _previous, ...rest } = action;
  return next ? { ...rest, nextReminderOn: next } : rest;
}

/**
 * Files the action under its next reminder date when that date has moved. A conflict is left alone: whoever
 * changed the action meanwhile filed it afresh with their own write.
 */
export async function refileReminder(
  deps: Pick<PlanDeps, 'stores' | 'calendar'>,
  loaded: Versioned<Action>,
  plan: Plan,
  now: Date,
  after: 'change' | 'sweep' = 'change',
): Promise<void> {
  const next = withReminderSchedule(loaded.value, plan, deps.calendar, now, after);
  if (next.nextReminderOn === loaded.value.nextReminderOn) return;
  try {
    await deps.stores.actions.update(next, loaded.etag, loaded.value);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
