/**
 * When the scheduler may send anything (reminders, escalations, round requests and chases, digests):
 * only on a working day of the plan's nation (no weekends, no bank holidays) and inside the plan's send
 * window in its own time zone. Pure: the instant, the calendar and the settings come in. One rule, so
 * nothing the scheduler sends can reach someone at 01:13 on a Sunday by going round it.
 */
import { addDays, calendarDateIn, formatUkDate, instantAt, localTimeIn } from './dates';
import { inSendWindow, type ReminderSettings } from './reminder-policy';
import { type HolidayCalendar, isWorkingDay, workingDayOnOrAfter } from './working-days';

/** The parts of a plan's reminder settings that say when messages may go. */
export type SendWindow = Pick<ReminderSettings, 'windowStart' | 'windowEnd' | 'region'>;

/** Whether a scheduled message may go at `now`: a working day, inside the window (start inclusive, end exclusive). */
export function maySendNow(
  settings: SendWindow,
  timeZone: string,
  calendar: HolidayCalendar,
  now: Date,
): boolean {
  return (
    isWorkingDay(calendarDateIn(timeZone, now), settings.region, calendar) &&
    inSendWindow(localTimeIn(timeZone, now), settings)
  );
}

/**
 * `now` when a message may go now; otherwise the moment the window next opens on a working day (today's
 * window when it has not opened yet, else the next working day's).
 */
export function nextSendMoment(
  settings: SendWindow,
  timeZone: string,
  calendar: HolidayCalendar,
  now: Date,
): Date {
  if (maySendNow(settings, timeZone, calendar, now)) return now;
  const today = calendarDateIn(timeZone, now);
  const day =
    isWorkingDay(today, settings.region, calendar) && localTimeIn(timeZone, now) < settings.windowStart
      ? today
      : workingDayOnOrAfter(addDays(today, 1), settings.region, calendar);
  return instantAt(day, settings.windowStart, timeZone);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "09:00 on Mon 7 Dec 2026" in the plan's time zone: when queued messages will go. */
export function formatSendMoment(moment: Date, timeZone: string): string {
  const date = calendarDateIn(timeZone, moment);
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];
  return `${localTimeIn(timeZone, moment)} on ${weekday} ${formatUkDate(date)}`;
}
