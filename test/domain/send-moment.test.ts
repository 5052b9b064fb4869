import { instantAt } from '../../src/domain/dates';
import { type DigestSchedule, digestDueAt } from '../../src/domain/digest-schedule';
import { responseDateWarnings } from '../../src/domain/monitoring-round';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminder-policy';
import { formatSendMoment, maySendNow, nextSendMoment } from '../../src/domain/send-moment';
import type { HolidayCalendar } from '../../src/domain/working-days';

/** A hand-written calendar for the tests: the real one (date-holidays) is tested in test/calendar. */
const HOLIDAYS = new Set([
  '2025-08-25', // summer bank holiday (Monday)
  '2026-12-25', // Christmas Day (Friday)
  '2026-12-28', // Boxing Day's substitute (Monday)
  '2027-01-01', // New Year's Day (Friday)
]);
const calendar: HolidayCalendar = { isBankHoliday: (date) => HOLIDAYS.has(date) };
const LONDON = 'Europe/London';
const window = DEFAULT_REMINDER_SETTINGS; // 09:00–17:00, England

describe('nextSendMoment and maySendNow (09:00–17:00 in London, working days only)', () => {
  test.each([
    ['Sunday 01:13', '2026-12-06T01:13:00Z', '2026-12-07T09:00:00.000Z'],
    ['Monday 08:59, before the window opens', '2026-12-07T08:59:00Z', '2026-12-07T09:00:00.000Z'],
    ['Monday 09:00, the window opens (start inclusive)', '2026-12-07T09:00:00Z', 'now'],
    ['Monday 16:59, the last minute of the window', '2026-12-07T16:59:00Z', 'now'],
    [
      'Monday 17:00, the window has closed (end exclusive)',
      '2026-12-07T17:00:00Z',
      '2026-12-08T09:00:00.000Z',
    ],
    ['Friday evening', '2026-12-11T17:30:00Z', '2026-12-14T09:00:00.000Z'],
    ['a bank holiday Monday at 11:00 BST', '2025-08-25T10:00:00Z', '2025-08-26T08:00:00.000Z'],
    [
      'Christmas Day: past the weekend and the substitute Boxing Day',
      '2026-12-25T10:00:00Z',
      '2026-12-29T09:00:00.000Z',
    ],
    ['Christmas Eve evening', '2026-12-24T18:00:00Z', '2026-12-29T09:00:00.000Z'],
    [
      'the Saturday before the clocks go forward: Monday 09:00 BST',
      '2026-03-28T12:00:00Z',
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'Friday 17:30 BST before the clocks go back: Monday 09:00 GMT',
      '2026-10-23T16:30:00Z',
      '2026-10-26T09:00:00.000Z',
    ],
    ['08:30 UTC in summer is 09:30 BST, inside the window', '2026-06-10T08:30:00Z', 'now'],
    ['07:30 UTC in summer is 08:30 BST, before it', '2026-06-10T07:30:00Z', '2026-06-10T08:00:00.000Z'],
  ])('%s', (_, at, expected) => {
    const now = new Date(at);
    const next = nextSendMoment(window, LONDON, calendar, now);
    expect(maySendNow(window, LONDON, calendar, now)).toBe(expected === 'now');
    expect(next.toISOString()).toBe(expected === 'now' ? now.toISOString() : expected);
    // The moment it names is itself one when sending is allowed.
    expect(maySendNow(window, LONDON, calendar, next)).toBe(true);
  });

  test('a plan in another time zone keeps its own window and its own clock changes', () => {
    const newYork = { ...window, windowStart: '08:00', windowEnd: '18:00' };
    // Saturday 7 Mar 2026, noon in New York; the clocks there go forward on Sunday 8 Mar.
    const next = nextSendMoment(newYork, 'America/New_York', calendar, new Date('2026-03-07T17:00:00Z'));
    expect(next.toISOString()).toBe('2026-03-09T12:00:00.000Z'); // 08:00 EDT
  });

  test('a window time the clocks skip comes out when that time would have been', () => {
    expect(instantAt('2026-03-29', '01:30', LONDON).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt('2026-10-25', '09:00', LONDON).toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(instantAt('2026-07-01', '09:00', LONDON).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  test('the moment is said in the plan’s time zone with its weekday', () => {
    expect(formatSendMoment(new Date('2026-12-07T09:00:00Z'), LONDON)).toBe('09:00 on Mon 7 Dec 2026');
    expect(formatSendMoment(new Date('2026-03-30T08:00:00Z'), LONDON)).toBe('09:00 on Mon 30 Mar 2026');
  });
});

describe('responseDateWarnings', () => {
  test.each([
    ['2027-01-13', []],
    ['2026-12-23', []],
    ['2026-12-24', ['24 Dec 2026 falls between Christmas and New Year']],
    ['2026-12-28', ['28 Dec 2026 falls between Christmas and New Year', '28 Dec 2026 is a bank holiday']],
    ['2027-01-01', ['1 Jan 2027 falls between Christmas and New Year', '1 Jan 2027 is a bank holiday']],
    ['2027-01-02', ['2 Jan 2027 is a Saturday']],
    ['2025-08-25', ['25 Aug 2025 is a bank holiday']],
    ['2026-12-27', ['27 Dec 2026 falls between Christmas and New Year', '27 Dec 2026 is a Sunday']],
  ])('%s', (date, expected) => {
    expect(responseDateWarnings(date, 'ENG', calendar)).toEqual(expected);
  });
});

describe('digestDueAt (Monday digests, 09:00–17:00 in London)', () => {
  const schedule = (overrides: Partial<DigestSchedule> = {}): DigestSchedule => ({
    settings: window,
    timeZone: LONDON,
    digestOffset: 0,
    createdAt: '2025-01-06T10:00:00Z',
    ...overrides,
  });

  test.each([
    ['Sunday 01:10', {}, '2026-12-06T01:10:00Z', false],
    ['Monday 08:45, before the window opens', {}, '2026-12-07T08:45:00Z', false],
    ['Monday 09:00', {}, '2026-12-07T09:00:00Z', true],
    ['Wednesday, a digest missed on Monday', {}, '2026-12-09T10:00:00Z', true],
    ['Wednesday 20:00, outside the window', {}, '2026-12-09T20:00:00Z', false],
    ['Saturday, a week not yet sent', {}, '2026-12-12T10:00:00Z', false],
    [
      'a plan imported at 01:10 on Sunday, that Sunday at 10:00',
      { createdAt: '2026-12-06T01:10:00Z' },
      '2026-12-06T10:00:00Z',
      false,
    ],
    ['the same plan on Monday 09:00', { createdAt: '2026-12-06T01:10:00Z' }, '2026-12-07T09:00:00Z', true],
    [
      'a plan made on Tuesday, on Wednesday',
      { createdAt: '2026-12-08T10:00:00Z' },
      '2026-12-09T10:00:00Z',
      false,
    ],
    ['the same plan the Monday after', { createdAt: '2026-12-08T10:00:00Z' }, '2026-12-14T09:00:00Z', true],
    ['a bank holiday Monday', {}, '2025-08-25T09:00:00Z', false],
    ['the Tuesday after it, 09:00 BST', {}, '2025-08-26T08:00:00Z', true],
    [
      'a window from 08:00, at 08:15',
      { settings: { ...window, windowStart: '08:00' } },
      '2026-12-07T08:15:00Z',
      false,
    ],
    [
      'a window from 08:00, at 08:30',
      { settings: { ...window, windowStart: '08:00' } },
      '2026-12-07T08:30:00Z',
      true,
    ],
    ['a Wednesday digest, on Monday', { digestOffset: 2 }, '2026-12-07T10:00:00Z', false],
    ['a Wednesday digest, on Wednesday', { digestOffset: 2 }, '2026-12-09T09:00:00Z', true],
  ] as const)('%s', (_, overrides, at, expected) => {
    expect(digestDueAt(schedule(overrides), calendar, new Date(at))).toBe(expected);
  });
});
