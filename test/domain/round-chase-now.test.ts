/**
 * "Chase now" brings the next scheduled chase forward (so the schedule does not send that step again),
 * and after the response date it is that day's one-off overdue chase. Pure; the calendar is a stub.
 */
import type { Round } from '../../src/domain/monitoring-round';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminder-policy';
import { chaseNowStep } from '../../src/domain/round-chase-now';
import type { HolidayCalendar } from '../../src/domain/working-days';

// Good Friday and Easter Monday 2025.
const calendar: HolidayCalendar = { isBankHoliday: (date) => date === '2025-04-18' || date === '2025-04-21' };
const settings = { ...DEFAULT_REMINDER_SETTINGS, daysBefore: [14, 7, 1] };

const round: Round = {
  planId: 'p',
  number: 2,
  status: 'open',
  openedAt: '2025-04-01T09:00:00.000Z',
  openedOn: '2025-04-01',
  openedBy: { name: 'Pat Manager' },
  // Tuesday 22 Apr 2025: 7 days before is Tue 15 Apr; 1 day before is Easter Monday, so Thu 17 Apr.
  responseDue: '2025-04-22',
  requested: [],
};

describe('the step Chase now sends', () => {
  test.each([
    ['2025-04-02', 'before-14'],
    ['2025-04-08', 'before-14'],
    ['2025-04-09', 'before-7'],
    ['2025-04-15', 'before-7'],
    ['2025-04-16', 'before-1'],
    ['2025-04-17', 'before-1'],
    ['2025-04-22', 'due'],
  ])('when it is pressed on %s before the response date, then it brings forward %s', (today, step) => {
    expect(chaseNowStep(round, today, settings, calendar)).toBe(step);
  });

  test('when it is pressed after the response date, then it is a chase of its own for that day', () => {
    expect(chaseNowStep(round, '2025-04-23', settings, calendar)).toBe('overdue-1');
    expect(chaseNowStep(round, '2025-04-29', settings, calendar)).toBe('overdue-7');
  });
});
