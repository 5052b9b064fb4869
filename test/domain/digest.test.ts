import type { Action } from '../../src/domain/action';
import { computeDigest, digestDay, periodStartOf, weekStartOf } from '../../src/domain/digest';
import type { HolidayCalendar } from '../../src/domain/working-days';

const calendar: HolidayCalendar = { isBankHoliday: (date) => date === '2025-05-05' };

function action(id: string, overrides: Partial<Action> = {}): Action {
  return {
    planId: 'p',
    id,
    areaId: 'A',
    description: `Action ${id}`,
    leadAgency: 'Police',
    owners: [{ name: `Owner ${id}`, email: `owner${id}@example.org` }],
    contributingAgencies: [],
    baselineDueDate: '2025-03-31',
    currentDueDate: '2025-03-31',
    lifecycle: 'in_progress',
    successMeasure: '',
    evidenceLinks: [],
    lastUpdatedAt: '2025-01-06T10:00:00.000Z',
    ...overrides,
  };
}

describe('digest calendar', () => {
  test('weeks start on Monday; the digest goes on Monday or the next working day', () => {
    expect(weekStartOf('2025-01-15')).toBe('2025-01-13');
    expect(weekStartOf('2025-01-19')).toBe('2025-01-13');
    expect(weekStartOf('2025-01-20')).toBe('2025-01-20');
    expect(digestDay('2025-05-05', 'ENG', calendar)).toBe('2025-05-06');
  });

  test.each([
    ['2025-05-20', 'monthly', '2025-05-01'],
    ['2025-05-20', 'bi-monthly', '2025-05-01'],
    ['2025-06-20', 'bi-monthly', '2025-05-01'],
    ['2025-06-20', 'quarterly', '2025-04-01'],
    ['2025-03-31', 'quarterly', '2025-01-01'],
  ] as const)('on %s a %s plan is in the period from %s', (date, cadence, start) => {
    expect(periodStartOf(date, cadence)).toBe(start);
  });
});

describe('computeDigest', () => {
  const actions = [
    action('1.1', { rating: 'green' }),
    action('1.2', { rating: 'red', currentDueDate: '2025-01-10', baselineDueDate: '2025-01-10' }),
    action('1.3', { rating: 'red' }),
    action('1.4', { rating: 'amber', currentDueDate: '2025-02-10', baselineDueDate: '2025-01-31' }),
    action('1.5', { lifecycle: 'complete', rating: 'green', lastUpdatedAt: '2025-01-19T09:00:00.000Z' }),
    action('1.6', { lastUpdatedAt: '2024-12-20T10:00:00.000Z' }),
  ];

  test('when there is no earlier digest, then counts have no change and every red counts as new', () => {
    const digest = computeDigest(actions, '2025-01-20', 'monthly', undefined);
    expect(digest.ratings).toEqual([
      { rating: 'green', count: 2 },
      { rating: 'yellow', count: 0 },
      { rating: 'amber', count: 1 },
      { rating: 'red', count: 2 },
      { rating: 'unrated', count: 1 },
    ]);
    expect(digest.newlyRed.map((a) => a.id)).toEqual(['1.2', '1.3']);
    expect(digest.overdue.map((a) => a.id)).toEqual(['1.2']);
    expect(digest.rescheduled.map((a) => a.id)).toEqual(['1.4']);
    expect(digest.dueSoon.map((a) => a.id)).toEqual(['1.4']);
    expect(digest.recentlyCompleted.map((a) => a.id)).toEqual(['1.5']);
    // Monthly plan: the period began 1 Jan; 1.6 was last updated in December.
    expect(digest.quietOwners).toEqual([
      { name: 'Owner 1.6', email: 'owner1.6@example.org', openActions: 1 },
    ]);
    expect(digest.figures).toEqual({
      weekStart: '2025-01-20',
      byRating: { green: 2, yellow: 0, amber: 1, red: 2, unrated: 1 },
      redIds: ['1.2', '1.3'],
    });
  });

  test('when last week had figures, then the change is shown and only new reds are new', () => {
    const previous = {
      weekStart: '2025-01-13',
      byRating: { green: 1, yellow: 0, amber: 2, red: 1, unrated: 2 },
      redIds: ['1.2'],
    };
    const digest = computeDigest(actions, '2025-01-20', 'monthly', previous);
    expect(digest.ratings.find((r) => r.rating === 'green')).toEqual({
      rating: 'green',
      count: 2,
      change: 1,
    });
    expect(digest.ratings.find((r) => r.rating === 'amber')).toEqual({
      rating: 'amber',
      count: 1,
      change: -1,
    });
    expect(digest.newlyRed.map((a) => a.id)).toEqual(['1.3']);
  });
});
