/**
 * When a reporter whose value is still missing is chased (issue 21), table-tested on the pure rule: a
 * round's steps counted back from its response date, or the schedule's weekly rhythm after the period's
 * end; never on the day of the request it follows, never on a weekend or bank holiday. And the chase's
 * ledger key, one per round, step, measure, period and receiver, read back apart from the requests.
 */
import {
  type DeliveryKey,
  formatDeliveryKey,
  formatDeliveryKeyPrefix,
  parseDeliveryKey,
  quietWhilePaused,
} from '../../src/domain/delivery-key';
import { measureChaseDue } from '../../src/domain/measure-chase';
import { periodContaining, type ReportingPeriod } from '../../src/domain/measures';
import type { Round } from '../../src/domain/monitoring-round';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminder-policy';
import type { HolidayCalendar } from '../../src/domain/working-days';

const settings = DEFAULT_REMINDER_SETTINGS; // 14, 7 and 1 days before; every 7 days overdue
/** Good Friday and Easter Monday 2025. */
const calendar: HolidayCalendar = { isBankHoliday: (date) => date === '2025-04-18' || date === '2025-04-21' };
const december = periodContaining('monthly', '2024-12'); // ends Tue 31 Dec 2024
const march = periodContaining('monthly', '2025-03'); // ends Mon 31 Mar 2025

const round: Round = {
  planId: 'p',
  number: 2,
  status: 'open',
  openedAt: '2025-01-15T10:00:00.000Z',
  openedOn: '2025-01-15',
  openedBy: { name: 'Coordinator' },
  responseDue: '2025-01-29',
  requested: [],
};

describe('a round’s chase for a value', () => {
  test.each([
    ['the day the round opened', '2025-01-15', '2025-01-15', undefined],
    ['the day before the first chase step', '2025-01-21', '2025-01-15', undefined],
    ['a week before the response date', '2025-01-22', '2025-01-15', 'before-7'],
    ['a later day, the step still the latest', '2025-01-24', '2025-01-15', 'before-7'],
    ['the day before the response date', '2025-01-28', '2025-01-15', 'before-1'],
    ['the response date', '2025-01-29', '2025-01-15', 'due'],
    ['after the response date', '2025-01-30', '2025-01-15', undefined],
    ['a Saturday', '2025-01-25', '2025-01-15', undefined],
    ['the step’s day, asked that same day (cover just begun)', '2025-01-22', '2025-01-22', undefined],
    ['the next step after a late request', '2025-01-28', '2025-01-22', 'before-1'],
  ])('when it is %s (%s, asked on %s), then the step is %s', (_what, today, askedOn, step) => {
    const due = measureChaseDue({ round, period: december, askedOn }, today, settings, calendar);
    expect(due?.name).toBe(step);
  });
});

describe('the schedule’s chase for a value, between rounds', () => {
  test.each<[string, string, string, string | undefined, ReportingPeriod]>([
    ['the period’s last day', '2024-12-31', '2024-12-31', undefined, december],
    ['a week after it, asked the day after it ended', '2025-01-07', '2025-01-01', 'overdue-1', december],
    ['the day after asking, the last step before it', '2025-01-16', '2025-01-15', undefined, december],
    ['three weeks after it, asked on the 15th', '2025-01-21', '2025-01-15', 'overdue-3', december],
    ['between steps, the latest not yet taken', '2025-01-23', '2025-01-15', 'overdue-3', december],
    // 31 Mar + 14 = Mon 14 Apr; + 21 = Mon 21 Apr, Easter Monday: the step moves to Tue 22 Apr.
    ['Easter Monday', '2025-04-21', '2025-04-01', undefined, march],
    ['the working day after Easter Monday', '2025-04-22', '2025-04-01', 'overdue-3', march],
  ])('when it is %s (%s, asked on %s), then the step is %s', (_what, today, askedOn, step, period) => {
    expect(measureChaseDue({ period, askedOn }, today, settings, calendar)?.name).toBe(step);
  });
});

describe('the chase’s ledger key', () => {
  test('when a chase is keyed, then it reads back whole, sits apart from the requests’ prefix and waits while the reporter has paused reminders', () => {
    for (const round of [3, 0]) {
      const key: DeliveryKey = {
        kind: 'measure-chase',
        round,
        step: 'before-7',
        measureId: 'M1',
        period: '2026-11',
        recipient: 'analyst@police.example',
      };
      const stored = formatDeliveryKey(key);
      expect(stored).toBe(`measure-chase|${round}|before-7|M1|2026-11|analyst@police.example`);
      expect(parseDeliveryKey(stored)).toEqual(key);
      expect(stored.startsWith(formatDeliveryKeyPrefix({ kind: 'measure-chase' }))).toBe(true);
      expect(stored.startsWith(formatDeliveryKeyPrefix({ kind: 'measure' }))).toBe(false);
      expect(quietWhilePaused(key)).toBe(true);
    }
    expect(
      quietWhilePaused({
        kind: 'measure',
        round: 1,
        measureId: 'M1',
        period: '2026-11',
        recipient: 'a@b.org',
      }),
    ).toBe(false);
    expect(parseDeliveryKey('measure-chase|1|request|M1|2026-11|a@example.org')).toBeUndefined();
    expect(parseDeliveryKey('measure-chase|1|before-7|M1|Nov 2026|a@example.org')).toBeUndefined();
  });
});
