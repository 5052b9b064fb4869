import Holidays from 'date-holidays';
import type { IsoDate } from '../domain/dates';
import type { HolidayCalendar, HolidayRegion } from '../domain/working-days';

/**
 * UK bank holidays from the maintained `date-holidays` data (substitute days included), per nation.
 * Public and bank holidays count; observances such as Mother's Day do not.
 */
export class UkHolidayCalendar implements HolidayCalendar {
  private readonly byRegionYear = new Map<string, Set<IsoDate>>();

  isBankHoliday(date: IsoDate, region: HolidayRegion): boolean {
    const year = Number(date.slice(0, 4));
    const key = `${region}|${year}`;
    let days = this.byRegionYear.get(key);
    if (!days) {
      const holidays = new Holidays('GB', region).getHolidays(year) || [];
      days = new Set(
        holidays.filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)),
      );
      this.byRegionYear.set(key, days);
    }
    return days.has(date);
  }
}
