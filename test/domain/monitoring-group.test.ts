import { ValidationError } from '../../src/domain/errors';
import {
  createMonitoringGroup,
  nextRoundFor,
  periodOf,
  roundDatesFor,
  roundToOpenToday,
  workingDaysBefore,
} from '../../src/domain/monitoring-group';
import type { HolidayCalendar } from '../../src/domain/working-days';

// England 2027: Good Friday 26 Mar, Easter Monday 29 Mar, early May bank holiday 3 May.
const HOLIDAYS = new Set(['2027-03-26', '2027-03-29', '2027-05-03']);
const calendar: HolidayCalendar = { isBankHoliday: (date) => HOLIDAYS.has(date) };

const councilGroup = createMonitoringGroup({
  id: 'council',
  name: 'Council actions',
  cadence: 'monthly',
  oversightBody: 'DMT',
  meetings: ['2027-05-12', '2027-04-14', '2027-06-09', '2027-04-14'],
  autoOpenWorkingDaysBefore: 10,
});

describe('monitoring groups', () => {
  test('when meetings are given out of order and twice, then they are kept sorted and once', () => {
    expect(councilGroup.meetings).toEqual(['2027-04-14', '2027-05-12', '2027-06-09']);
    expect(councilGroup.responseWorkingDaysBefore).toBe(10);
  });

  test('when counting working days back, then weekends and bank holidays are skipped', () => {
    // Wed 14 Apr 2027 back 10 working days, over Easter Monday: Wed 31 Mar.
    expect(workingDaysBefore('2027-04-14', 10, 'ENG', calendar)).toBe('2027-03-31');
    // A Saturday meeting with 0 days counts from the Friday before.
    expect(workingDaysBefore('2027-04-17', 0, 'ENG', calendar)).toBe('2027-04-16');
  });

  test('when a meeting is set, then responses are due 10 working days before and the round opens 10 before that', () => {
    expect(roundDatesFor(councilGroup, '2027-05-12', 'ENG', calendar)).toEqual({
      meeting: '2027-05-12',
      // Back from Wed 12 May over the 3 May bank holiday: Tue 27 Apr.
      responseDue: '2027-04-27',
      opensOn: '2027-04-13',
    });
  });

  test('when the next meeting’s response date has passed, then the round is for the meeting after', () => {
    expect(nextRoundFor(councilGroup, '2027-03-01', 'ENG', calendar)?.meeting).toBe('2027-04-14');
    expect(nextRoundFor(councilGroup, '2027-03-31', 'ENG', calendar)?.meeting).toBe('2027-05-12');
    expect(nextRoundFor(councilGroup, '2027-06-30', 'ENG', calendar)).toBeUndefined();
  });

  test('when the opening day comes, then the round opens once and not before', () => {
    const none = new Set<string>();
    expect(roundToOpenToday(councilGroup, '2027-04-12', none, 'ENG', calendar)).toBeUndefined();
    expect(roundToOpenToday(councilGroup, '2027-04-13', none, 'ENG', calendar)?.meeting).toBe('2027-05-12');
    expect(roundToOpenToday(councilGroup, '2027-04-20', none, 'ENG', calendar)?.meeting).toBe('2027-05-12');
    expect(
      roundToOpenToday(councilGroup, '2027-04-20', new Set(['2027-05-12']), 'ENG', calendar),
    ).toBeUndefined();
  });

  test('when a group opens rounds by hand, then nothing opens by itself', () => {
    const manual = createMonitoringGroup({ ...councilGroup, autoOpenWorkingDaysBefore: undefined });
    expect(roundToOpenToday(manual, '2027-04-20', new Set(), 'ENG', calendar)).toBeUndefined();
  });

  test('when asked for a period, then it runs from the day after one meeting to the next', () => {
    expect(periodOf(councilGroup, '2027-04-20')).toEqual({
      from: '2027-04-15',
      to: '2027-05-12',
      label: 'for the DMT meeting on 12 May 2027',
    });
    expect(periodOf(councilGroup, '2027-04-14').to).toBe('2027-04-14');
    expect(periodOf(councilGroup, '2027-01-01')).toEqual({
      to: '2027-04-14',
      label: 'for the DMT meeting on 14 Apr 2027',
    });
    expect(periodOf(councilGroup, '2027-07-01')).toEqual({
      from: '2027-06-10',
      label: 'since the DMT meeting on 9 Jun 2027',
    });
  });

  test('when a group is badly given, then every problem is named at once', () => {
    try {
      createMonitoringGroup({
        id: 'x',
        name: ' ',
        cadence: 'bi-monthly',
        oversightBody: 'LSCP Executive',
        meetings: ['31/02/2027'],
        responseWorkingDaysBefore: -1,
        autoOpenWorkingDaysBefore: 1.5,
      });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual([
        'name',
        'meetings',
        'response working days before',
        'open working days before',
      ]);
    }
  });
});
