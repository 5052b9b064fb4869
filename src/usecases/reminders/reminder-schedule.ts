import type { Action } from '../../domain/action';
import { calendarDateIn } from '../../domain/dates';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { nextReminderDate, reminderLookDate } from '../../domain/reminder-policy';
import type { HolidayCalendar } from '../../domain/working-days';

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
