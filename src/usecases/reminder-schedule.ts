import type { Action } from '../domain/action';
import { calendarDateIn } from '../domain/dates';
import { type Plan, reminderSettingsOf } from '../domain/plan';
import { nextReminderDate } from '../domain/reminder-policy';
import type { HolidayCalendar } from '../domain/working-days';

/** The action with its next reminder date worked out, so the sweep's index files it correctly. */
export function withReminderSchedule(
  action: Action,
  plan: Plan,
  calendar: HolidayCalendar,
  now: Date,
): Action {
  const today = calendarDateIn(plan.timeZone, now);
  const next = nextReminderDate(action, { today, settings: reminderSettingsOf(plan), calendar });
  const { nextReminderOn: _previous, ...rest } = action;
  return next ? { ...rest, nextReminderOn: next } : rest;
}
