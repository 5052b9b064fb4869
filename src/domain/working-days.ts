import { addDays, type IsoDate } from './dates';

/** UK nations with their own bank holidays. England and Wales share a calendar but are kept distinct. */
export type HolidayRegion = 'ENG' | 'WLS' | 'SCT' | 'NIR';
export const HOLIDAY_REGIONS: readonly HolidayRegion[] = ['ENG', 'WLS', 'SCT', 'NIR'];

/** Which calendar days are bank holidays; the adapter behind it uses a maintained holiday library. */
export interface HolidayCalendar {
  isBankHoliday(date: IsoDate, region: HolidayRegion): boolean;
}

export function isWeekend(date: IsoDate): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(date: IsoDate, region: HolidayRegion, calendar: HolidayCalendar): boolean {
  return !isWeekend(date) && !calendar.isBankHoliday(date, region);
}

// No run of non-working days in the UK is this long; the bound only guards against a broken calendar.
const MAX_SEARCH_DAYS = 14;

/** `date` itself if it is a working day, else the nearest working day before it. */
export function workingDayOnOrBefore(
  date: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): IsoDate {
  return walk(date, -1, region, calendar);
}

/** `date` itself if it is a working day, else the nearest working day after it. */
export function workingDayOnOrAfter(
  date: IsoDate,
  region: HolidayRegion,
  calendar: HolidayCalendar,
): IsoDate {
  return walk(date, 1, region, calendar);
}

function walk(date: IsoDate, step: 1 | -1, region: HolidayRegion, calendar: HolidayCalendar): IsoDate {
  let day = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    if (isWorkingDay(day, region, calendar)) return day;
    day = addDays(day, step);
  }
  throw new Error(`No working day within ${MAX_SEARCH_DAYS} days of ${date}`);
}
