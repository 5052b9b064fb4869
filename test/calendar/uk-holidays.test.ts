import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';

const calendar = new UkHolidayCalendar();

describe('UK bank holidays from date-holidays', () => {
  test.each([
    ['2025-12-25', 'ENG', true],
    ['2025-08-25', 'ENG', true],
    ['2025-08-04', 'ENG', false],
    ['2025-08-04', 'SCT', true], // Scotland's summer bank holiday is the first Monday
    ['2025-03-17', 'NIR', true], // St Patrick's Day
    ['2025-03-17', 'ENG', false],
    ['2026-12-28', 'ENG', true], // Boxing Day substitute
    ['2025-03-30', 'ENG', false], // Mother's Day is an observance, not a holiday
  ] as const)('%s in %s is a bank holiday: %s', (date, region, expected) => {
    expect(calendar.isBankHoliday(date, region)).toBe(expected);
  });
});
