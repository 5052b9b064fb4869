import type { Action } from '../../src/domain/action';
import { parseCommand } from '../../src/domain/chat-command';
import { ValidationError } from '../../src/domain/errors';
import {
  compareSnapshots,
  describeComparison,
  type Round,
  requestsFor,
  responseDateFor,
  roundChaseDue,
  roundProgress,
} from '../../src/domain/monitoring-round';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminder-policy';
import type { HolidayCalendar } from '../../src/domain/working-days';

// Good Friday and Easter Monday 2025.
const calendar: HolidayCalendar = { isBankHoliday: (date) => date === '2025-04-18' || date === '2025-04-21' };
const settings = DEFAULT_REMINDER_SETTINGS;

function action(id: string, overrides: Partial<Action> = {}): Action {
  return {
    planId: 'p',
    id,
    areaId: 'A',
    description: `Action ${id}`,
    leadAgency: 'Police',
    owners: [{ name: `Owner ${id}`, email: `owner${id}@example.org` }],
    contributingAgencies: [],
    baselineDueDate: '2025-06-30',
    currentDueDate: '2025-06-30',
    lifecycle: 'in_progress',
    successMeasure: '',
    evidenceLinks: [],
    lastUpdatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function round(overrides: Partial<Round> = {}): Round {
  return {
    planId: 'p',
    number: 2,
    status: 'open',
    openedAt: '2025-04-01T09:00:00.000Z',
    openedOn: '2025-04-01',
    openedBy: { name: 'Pat Manager' },
    responseDue: '2025-04-22',
    requested: [],
    ...overrides,
  };
}

describe('opening a round', () => {
  test('when no date is given, then responses are due in 14 days, on a working day', () => {
    // 1 Apr + 14 = Tue 15 Apr.
    expect(responseDateFor(undefined, '2025-04-01', settings, calendar)).toBe('2025-04-15');
    // 7 Apr + 14 = Mon 21 Apr (Easter Monday) → Thu 17 Apr, before the Good Friday too.
    expect(responseDateFor(undefined, '2025-04-07', settings, calendar)).toBe('2025-04-17');
  });

  test.each([
    ['2025-04-01', 'must be after today (1 Apr 2025)'],
    ['2025-03-01', 'must be after today (1 Apr 2025)'],
    ['2025-07-03', 'must be within 92 days (by 2 Jul 2025)'],
  ])('when the response date is %s, then it is refused: %s', (date, reason) => {
    expect(() => responseDateFor(date, '2025-04-01', settings, calendar)).toThrow(ValidationError);
    expect(() => responseDateFor(date, '2025-04-01', settings, calendar)).toThrow(reason);
  });

  test('only open actions with owners are asked, in plan order', () => {
    const requests = requestsFor([
      action('1.10'),
      action('1.2'),
      action('1.3', { lifecycle: 'complete' }),
      action('1.4', { owners: [] }),
      action('2.1', {
        owners: [
          { name: 'A', email: 'a@x.org' },
          { name: 'B', email: 'b@x.org' },
        ],
      }),
    ]);
    expect(requests).toEqual([
      { actionId: '1.2', owners: ['owner1.2@example.org'] },
      { actionId: '1.10', owners: ['owner1.10@example.org'] },
      { actionId: '2.1', owners: ['a@x.org', 'b@x.org'] },
    ]);
  });
});

describe('chasing', () => {
  const open = round();
  test.each([
    ['2025-04-01', undefined, 'the day it opened: the request itself went then'],
    ['2025-04-08', 'before-14', 'fourteen days before the response date'],
    ['2025-04-10', 'before-14', 'a missed chase is not repeated, the latest due one stands'],
    ['2025-04-15', 'before-7', 'seven days before'],
    [
      '2025-04-17',
      'before-1',
      'the day before 22 Apr falls on Easter Monday, so the last working day before',
    ],
    ['2025-04-19', undefined, 'Saturday'],
    ['2025-04-21', undefined, 'Easter Monday'],
    ['2025-04-22', 'due', 'the response date'],
    ['2025-04-23', undefined, 'after the response date'],
  ])('on %s the chase due is %s (%s)', (today, step, _why) => {
    expect(roundChaseDue(open, today, settings, calendar)?.name).toBe(step);
  });

  test('a closed round chases nobody', () => {
    expect(roundChaseDue(round({ status: 'closed' }), '2025-04-22', settings, calendar)).toBeUndefined();
  });
});

describe('round progress', () => {
  test('an update since the round opened is a response; closed actions count as answered; grouped by agency', () => {
    const actions = [
      action('1.1', { lastUpdatedAt: '2025-04-02T10:00:00.000Z' }),
      action('1.2'),
      action('1.3', { leadAgency: 'Integrated Care Board' }),
      action('1.4', { lifecycle: 'complete' }),
      action('1.5', { owners: [{ name: 'Owner 1.2', email: 'owner1.2@example.org' }] }),
    ];
    const progress = roundProgress(round({ requested: requestsFor(actions) }), actions);
    expect(progress).toMatchObject({ requested: 4, responded: 1, awaiting: 3 });
    expect(progress.byAgency).toEqual([
      {
        agency: 'Police',
        responded: 1,
        awaiting: 2,
        awaitingOwners: [{ email: 'owner1.2@example.org', actions: ['1.2', '1.5'] }],
      },
      {
        agency: 'Integrated Care Board',
        responded: 0,
        awaiting: 1,
        awaitingOwners: [{ email: 'owner1.3@example.org', actions: ['1.3'] }],
      },
    ]);
  });
});

describe('comparing snapshots', () => {
  const item = (
    actionId: string,
    rating: Action['rating'],
    due = '2025-06-30',
    lifecycle: Action['lifecycle'] = 'in_progress',
  ) => ({
    actionId,
    currentDueDate: due,
    lifecycle,
    ...(rating ? { rating } : {}),
  });

  test('rating movements, newly rated and new actions, removed ones, slipped dates and completions', () => {
    const before = [
      item('1.1', 'red'),
      item('1.2', 'green'),
      item('1.3', 'amber'),
      item('1.4', undefined),
      item('9.9', 'red'),
    ];
    const after = [
      item('1.1', 'amber', '2025-08-31'),
      item('1.2', 'yellow'),
      item('1.3', 'amber', '2025-06-30', 'complete'),
      item('1.4', 'green'),
      item('2.1', 'red'),
    ];
    const comparison = compareSnapshots(before, after);
    expect(comparison).toMatchObject({
      improved: 1,
      worsened: 1,
      unchanged: 1,
      newlyRated: 1,
      added: 1,
      removed: ['9.9'],
    });
    expect(comparison.movements).toEqual([
      { actionId: '1.1', from: 'red', to: 'amber', movement: 'improved' },
      { actionId: '1.2', from: 'green', to: 'yellow', movement: 'worsened' },
      { actionId: '1.4', to: 'green', movement: 'newly rated' },
      { actionId: '2.1', to: 'red', movement: 'new' },
    ]);
    expect(comparison.slipped).toEqual([{ actionId: '1.1', from: '2025-06-30', to: '2025-08-31', days: 62 }]);
    expect(comparison.completed).toEqual(['1.3']);
    expect(describeComparison(comparison, 'round 1')).toBe(
      'Since round 1: 1 improved, 1 worsened, 1 unchanged, 1 newly rated, 1 new, 1 with later due dates.',
    );
  });
});

describe('round commands', () => {
  test.each([
    ['round', { name: 'round-status' }],
    ['round status', { name: 'round-status' }],
    ['Round start', { name: 'round-start' }],
    ['round start due 31/01/2027', { name: 'round-start', due: '2027-01-31' }],
    ['round start by 31 Jan 2027', { name: 'round-start', due: '2027-01-31' }],
    ['round start due 2027-01-31', { name: 'round-start', due: '2027-01-31' }],
    ['round close', { name: 'round-close' }],
    ['round close 3', { name: 'round-close', round: 3 }],
    ['report', { name: 'report' }],
    ['progress report', { name: 'report' }],
  ])('"%s" reads as %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  test.each([
    ['round start due someday', 'needs-argument'],
    ['round close three', 'unknown'],
    ['round sideways', 'needs-argument'],
  ])('"%s" is answered with help (%s)', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });
});
