/**
 * When a plan's weekly digest is due. Pure: the plan's schedule, the calendar and the instant come in.
 * It goes on the plan's digest weekday (the next working day after a bank holiday), from 08:30 or when
 * the plan's send window opens if that is later, and only inside the window on a working day; a digest
 * missed on its day (the service was down) goes on a later working day of the same week. A new plan's
 * first digest waits for the first digest day after it was made, never straight after an import.
 */
import { addDays, calendarDateIn, type IsoDate, instantAt, localTimeIn } from './dates';
import { digestDay, weekStartOf } from './digest';
import { maySendNow, type SendWindow } from './send-moment';
import type { HolidayCalendar } from './working-days';

/** The earliest local time a digest goes, when the send window opens earlier. */
export const DIGEST_TIME = '08:30';

export interface DigestSchedule {
  settings: SendWindow;
  timeZone: string;
  /** Days after Monday of the digest weekday (0 Monday … 6 Sunday). */
  digestOffset: number;
  /** When the plan was made (ISO instant). */
  createdAt: string;
}

/** This week's digest day and the local time it goes from. */
function digestMoment(schedule: DigestSchedule, today: IsoDate, calendar: HolidayCalendar) {
  const day = digestDay(
    addDays(weekStartOf(today), schedule.digestOffset),
    schedule.settings.region,
    calendar,
  );
  const time = schedule.settings.windowStart > DIGEST_TIME ? schedule.settings.windowStart : DIGEST_TIME;
  return { day, time };
}

export function digestDueAt(schedule: DigestSchedule, calendar: HolidayCalendar, now: Date): boolean {
  const { settings, timeZone } = schedule;
  if (!maySendNow(settings, timeZone, calendar, now)) return false;
  const today = calendarDateIn(timeZone, now);
  const { day, time } = digestMoment(schedule, today, calendar);
  if (today < day) return false;
  if (today === day && localTimeIn(timeZone, now) < time) return false;
  // A plan made after this week's digest moment waits for next week's: "never sent" is not "due".
  return Date.parse(schedule.createdAt) <= instantAt(day, time, timeZone).getTime();
}
