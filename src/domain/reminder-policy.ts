/**
 * When owners are reminded. Pure: it is given the calendar, the plan's settings and today's date, and
 * says which reminder step (if any) is due. Each step has a stable key (with each owner's address, a
 * delivery key), so the delivery ledger can make sure it is sent exactly once.
 */
import { type Action, hasDeadline } from './action';
import { addDays, daysBetween, type IsoDate } from './dates';
import { isOpen } from './lifecycle';
import {
  type HolidayCalendar,
  type HolidayRegion,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './working-days';

export interface ReminderSettings {
  /** Days before the current due date to remind, e.g. [14, 7, 1]. */
  daysBefore: number[];
  /** Remind every this many days while overdue. */
  overdueEveryDays: number;
  /** Local send window, "HH:MM" 24-hour, start inclusive, end exclusive. */
  windowStart: string;
  windowEnd: string;
  region: HolidayRegion;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  daysBefore: [14, 7, 1],
  overdueEveryDays: 7,
  windowStart: '09:00',
  windowEnd: '17:00',
  region: 'ENG',
};

/** "before-14", "due", "overdue-3" (the third weekly reminder after the due date). */
export type ReminderStepName = `before-${number}` | 'due' | `overdue-${number}`;

export interface ReminderStep {
  name: ReminderStepName;
  /** The working day it is sent on. */
  date: IsoDate;
}

/**
 * Every step for the action's current due date up to `until`, in date order. Steps that land on the
 * same working day collapse into the most urgent one, so an owner never gets two reminders a day.
 */
export function reminderSteps(
  dueDate: IsoDate,
  settings: ReminderSettings,
  calendar: HolidayCalendar,
  until: IsoDate,
): ReminderStep[] {
  const { region } = settings;
  const steps: ReminderStep[] = [];
  const before = [...new Set(settings.daysBefore)].filter((d) => d > 0).sort((a, b) => b - a);
  for (const days of before) {
    // Before the deadline a non-working day moves earlier, so the reminder still comes before it.
    steps.push({
      name: `before-${days}`,
      date: workingDayOnOrBefore(addDays(dueDate, -days), region, calendar),
    });
  }
  steps.push({ name: 'due', date: workingDayOnOrBefore(dueDate, region, calendar) });
  const every = Math.max(1, settings.overdueEveryDays);
  for (let n = 1; ; n++) {
    // After the deadline it moves later: a reminder that something is overdue is never sent early.
    const date = workingDayOnOrAfter(addDays(dueDate, n * every), region, calendar);
    if (date > until) break;
    steps.push({ name: `overdue-${n}`, date });
  }
  const byDate = new Map<IsoDate, ReminderStep>();
  for (const step of steps) byDate.set(step.date, step); // later (more urgent) steps win
  return [...byDate.values()].filter((s) => s.date <= until).sort((a, b) => (a.date < b.date ? -1 : 1));
}

export interface ReminderContext {
  today: IsoDate;
  settings: ReminderSettings;
  calendar: HolidayCalendar;
}

/** Why nothing is due for an action today; shown by `sweep --dry-run`. */
export type NoReminderReason = 'closed' | 'no-deadline' | 'snoozed' | 'not-a-working-day' | 'nothing-due';

/** A reminder's delivery key before the recipient is known (see delivery-key.ts). */
export interface ReminderStepKey {
  kind: 'reminder';
  actionId: string;
  dueDate: IsoDate;
  step: ReminderStepName;
}

export type ReminderDecision =
  | { due: true; step: ReminderStep; key: ReminderStepKey }
  | { due: false; reason: NoReminderReason };

/**
 * The step to send today, if any: the latest step whose date has come. An earlier step that was missed
 * (the service was down) is superseded by it, never sent late on top of it.
 */
export function reminderDue(action: Action, context: ReminderContext): ReminderDecision {
  if (!isOpen(action.lifecycle)) return { due: false, reason: 'closed' };
  // "Ongoing" or "TBC": nothing to remind anyone of.
  if (!hasDeadline(action)) return { due: false, reason: 'no-deadline' };
  if (action.snoozedUntil && context.today < action.snoozedUntil) return { due: false, reason: 'snoozed' };
  if (!isWorkingDay(context.today, context.settings.region, context.calendar)) {
    return { due: false, reason: 'not-a-working-day' };
  }
  const settings = effectiveSettings(action, context.settings);
  const steps = reminderSteps(action.currentDueDate, settings, context.calendar, context.today);
  const step = steps.at(-1);
  if (!step) return { due: false, reason: 'nothing-due' };
  return { due: true, step, key: reminderKey(action.id, action.currentDueDate, step) };
}

/**
 * Where the sweep's by-date index files the action after a change: today when a step is due and may not
 * have been sent (the ledger stops a resend), otherwise the next date a step falls on.
 */
export function reminderLookDate(action: Action, context: ReminderContext): IsoDate | undefined {
  return reminderDue(action, context).due ? context.today : nextReminderDate(action, context);
}

/** The first date after `today` on which a step falls: where the sweep files an action it has handled. */
export function nextReminderDate(action: Action, context: ReminderContext): IsoDate | undefined {
  if (!isOpen(action.lifecycle) || !hasDeadline(action)) return undefined;
  const settings = effectiveSettings(action, context.settings);
  const later = [context.today, action.currentDueDate].sort().at(-1)!;
  const horizon = addDays(later, 60);
  const next = reminderSteps(action.currentDueDate, settings, context.calendar, horizon).find(
    (s) => s.date > context.today,
  );
  if (!next) return undefined;
  // A snooze holds the next look until it ends.
  if (action.snoozedUntil && next.date < action.snoozedUntil) return action.snoozedUntil;
  return next.date;
}

/** The due date is part of the key: when an approved revision moves it, the steps start afresh. */
export function reminderKey(actionId: string, dueDate: IsoDate, step: ReminderStep): ReminderStepKey {
  return { kind: 'reminder', actionId, dueDate, step: step.name };
}

function effectiveSettings(action: Action, settings: ReminderSettings): ReminderSettings {
  return action.reminderDaysBefore ? { ...settings, daysBefore: action.reminderDaysBefore } : settings;
}

/**
 * Whether `localTime` ("HH:MM") is inside the send window. The time of day only: whether a scheduled
 * message may go at all (working days too) is `maySendNow` in send-moment.ts.
 */
export function inSendWindow(
  localTime: string,
  settings: Pick<ReminderSettings, 'windowStart' | 'windowEnd'>,
): boolean {
  return localTime >= settings.windowStart && localTime < settings.windowEnd;
}

/** Undefined for an action with no deadline. */
export function daysUntilDue(action: Action, today: IsoDate): number | undefined {
  return hasDeadline(action) ? daysBetween(today, action.currentDueDate) : undefined;
}
