import type { Action } from '../../src/domain/action';
import {
  DEFAULT_REMINDER_SETTINGS,
  inSendWindow,
  nextReminderDate,
  type ReminderContext,
  reminderDue,
  reminderSteps,
} from '../../src/domain/reminder-policy';
import type { HolidayCalendar } from '../../src/domain/working-days';
import { isWorkingDay, workingDayOnOrAfter, workingDayOnOrBefore } from '../../src/domain/working-days';

/** A hand-written calendar for the tests: the real one (date-holidays) is tested in test/calendar. */
const HOLIDAYS = new Set([
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
]);
const calendar: HolidayCalendar = { isBankHoliday: (date) => HOLIDAYS.has(date) };

function action(overrides: Partial<Action> = {}): Action {
  return {
    planId: 'p',
    id: '1.1',
    areaId: 'A1',
    description: 'Do the thing',
    leadAgency: 'Police',
    owners: [{ name: 'Owner', email: 'owner@example.org' }],
    contributingAgencies: [],
    baselineDueDate: '2025-06-20',
    currentDueDate: '2025-06-20', // a Friday
    lifecycle: 'in_progress',
    successMeasure: '',
    evidenceLinks: [],
    ...overrides,
  };
}

const ctx = (today: string): ReminderContext => ({ today, settings: DEFAULT_REMINDER_SETTINGS, calendar });

describe('working days', () => {
  test('weekends and bank holidays are not working days; the nearest one is found either way', () => {
    expect(isWorkingDay('2025-06-20', 'ENG', calendar)).toBe(true);
    expect(isWorkingDay('2025-06-21', 'ENG', calendar)).toBe(false);
    expect(isWorkingDay('2025-05-05', 'ENG', calendar)).toBe(false);
    // Easter 2025: Good Friday 18 Apr and Easter Monday 21 Apr around a weekend.
    expect(workingDayOnOrBefore('2025-04-21', 'ENG', calendar)).toBe('2025-04-17');
    expect(workingDayOnOrAfter('2025-04-18', 'ENG', calendar)).toBe('2025-04-22');
    // Christmas 2025: Thu 25, Fri 26, weekend.
    expect(workingDayOnOrAfter('2025-12-25', 'ENG', calendar)).toBe('2025-12-29');
  });
});

describe('reminder steps', () => {
  test('when the due date is a Friday, then reminders fall 14, 7 and 1 days before, on the day, then weekly', () => {
    expect(reminderSteps('2025-06-20', DEFAULT_REMINDER_SETTINGS, calendar, '2025-07-15')).toEqual([
      { name: 'before-14', date: '2025-06-06' },
      { name: 'before-7', date: '2025-06-13' },
      { name: 'before-1', date: '2025-06-19' },
      { name: 'due', date: '2025-06-20' },
      { name: 'overdue-1', date: '2025-06-27' },
      { name: 'overdue-2', date: '2025-07-04' },
      { name: 'overdue-3', date: '2025-07-11' },
    ]);
  });

  test('when a reminder falls on a weekend before the deadline, then it moves to the working day before', () => {
    // Due Monday 23 Jun 2025: 7 days before is Monday 16; 1 day before is Sunday 22 → Friday 20.
    const steps = reminderSteps('2025-06-23', DEFAULT_REMINDER_SETTINGS, calendar, '2025-06-23');
    expect(steps).toContainEqual({ name: 'before-1', date: '2025-06-20' });
  });

  test('when the due date is a Sunday, then the due-day reminder replaces the day-before one on the Friday', () => {
    const steps = reminderSteps('2025-06-22', DEFAULT_REMINDER_SETTINGS, calendar, '2025-06-22');
    expect(steps.map((s) => `${s.name}@${s.date}`)).toEqual([
      'before-14@2025-06-06',
      'before-7@2025-06-13',
      'due@2025-06-20',
    ]);
  });

  test('when an overdue reminder falls on a bank holiday, then it moves to the next working day', () => {
    // Due Fri 18 Apr 2025 (Good Friday) → due reminder Thu 17; overdue-1 on Fri 25; due Mon 28 Apr:
    const steps = reminderSteps('2025-04-28', DEFAULT_REMINDER_SETTINGS, calendar, '2025-05-31');
    expect(steps).toContainEqual({ name: 'overdue-1', date: '2025-05-06' }); // Mon 5 May is a bank holiday
  });

  test('when the plan sets other reminder days, then those are used', () => {
    const steps = reminderSteps(
      '2025-06-20',
      { ...DEFAULT_REMINDER_SETTINGS, daysBefore: [3], overdueEveryDays: 14 },
      calendar,
      '2025-07-10',
    );
    expect(steps.map((s) => s.name)).toEqual(['before-3', 'due', 'overdue-1']);
    expect(steps.at(-1)).toEqual({ name: 'overdue-1', date: '2025-07-04' });
  });
});

describe('which reminder is due today', () => {
  test('when today is a reminder day, then that step is due with a key naming the due date', () => {
    expect(reminderDue(action(), ctx('2025-06-13'))).toEqual({
      due: true,
      step: { name: 'before-7', date: '2025-06-13' },
      key: { kind: 'reminder', actionId: '1.1', dueDate: '2025-06-20', step: 'before-7' },
    });
  });

  test('when a day between steps comes, then the last step is still the one due (the ledger stops a resend)', () => {
    expect(reminderDue(action(), ctx('2025-06-16'))).toMatchObject({ due: true, step: { name: 'before-7' } });
  });

  test('when nothing is due yet, or it is a weekend, then nothing is due and the reason says why', () => {
    expect(reminderDue(action(), ctx('2025-06-02'))).toEqual({ due: false, reason: 'nothing-due' });
    expect(reminderDue(action(), ctx('2025-06-14'))).toEqual({ due: false, reason: 'not-a-working-day' });
    expect(reminderDue(action(), ctx('2025-05-26'))).toEqual({ due: false, reason: 'not-a-working-day' });
  });

  test('when the action is complete, impact evidenced or withdrawn, then reminders stop', () => {
    for (const lifecycle of ['complete', 'impact_evidenced', 'withdrawn'] as const) {
      expect(reminderDue(action({ lifecycle }), ctx('2025-06-27'))).toEqual({ due: false, reason: 'closed' });
      expect(nextReminderDate(action({ lifecycle }), ctx('2025-06-27'))).toBeUndefined();
    }
  });

  test('when the owner snoozed the action, then nothing is due until the snooze ends', () => {
    const snoozed = action({ snoozedUntil: '2025-06-18' });
    expect(reminderDue(snoozed, ctx('2025-06-17'))).toEqual({ due: false, reason: 'snoozed' });
    expect(reminderDue(snoozed, ctx('2025-06-18'))).toMatchObject({ due: true, step: { name: 'before-7' } });
    // The next step (the day before, 19 Jun) comes after the snooze, so the index files it there.
    expect(nextReminderDate(snoozed, ctx('2025-06-13'))).toBe('2025-06-19');
    // A snooze past the next step holds the next look until the snooze ends.
    expect(nextReminderDate(action({ snoozedUntil: '2025-06-20' }), ctx('2025-06-13'))).toBe('2025-06-20');
  });

  test('when an approved revision moves the due date, then the keys change so the steps start afresh', () => {
    const moved = action({ currentDueDate: '2025-07-18' });
    expect(reminderDue(moved, ctx('2025-07-11'))).toMatchObject({
      key: { actionId: '1.1', dueDate: '2025-07-18', step: 'before-7' },
    });
  });

  test('when the action sets its own reminder days, then they override the plan', () => {
    const own = action({ reminderDaysBefore: [2] });
    expect(reminderDue(own, ctx('2025-06-13'))).toEqual({ due: false, reason: 'nothing-due' });
    expect(reminderDue(own, ctx('2025-06-18'))).toMatchObject({ due: true, step: { name: 'before-2' } });
  });
});

describe('next reminder date (where the sweep index files an action)', () => {
  test.each([
    ['2025-06-01', '2025-06-06'],
    ['2025-06-06', '2025-06-13'],
    ['2025-06-19', '2025-06-20'],
    ['2025-06-20', '2025-06-27'],
    ['2025-08-01', '2025-08-08'],
  ])('when today is %s, then the next look is %s', (today, next) => {
    expect(nextReminderDate(action(), ctx(today))).toBe(next);
  });
});

describe('send window', () => {
  test('09:00 is inside, 17:00 is outside', () => {
    expect(inSendWindow('08:59', DEFAULT_REMINDER_SETTINGS)).toBe(false);
    expect(inSendWindow('09:00', DEFAULT_REMINDER_SETTINGS)).toBe(true);
    expect(inSendWindow('16:59', DEFAULT_REMINDER_SETTINGS)).toBe(true);
    expect(inSendWindow('17:00', DEFAULT_REMINDER_SETTINGS)).toBe(false);
  });
});
