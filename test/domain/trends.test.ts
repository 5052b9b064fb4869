import { burndown, countRatings, ratingsOverTime } from '../../src/domain/trends';

const item = (
  rating: 'green' | 'red' | undefined,
  lifecycle: 'in_progress' | 'complete' | 'withdrawn',
  due: string,
) => ({
  lifecycle,
  baselineDueDate: due,
  ...(rating ? { rating } : {}),
});

describe('ratings over time', () => {
  test('one bar per closed round, then now, each counting every rating and the unrated', () => {
    const rounds = [
      {
        label: 'Round 1',
        date: '2025-01-31',
        items: [item('red', 'in_progress', '2025-03-31'), item(undefined, 'in_progress', '2025-06-30')],
      },
    ];
    const now = {
      date: '2025-02-10',
      items: [item('green', 'complete', '2025-03-31'), item('red', 'in_progress', '2025-06-30')],
    };
    expect(ratingsOverTime(rounds, now)).toEqual([
      { label: 'Round 1', date: '2025-01-31', counts: { green: 0, yellow: 0, amber: 0, red: 1, unrated: 1 } },
      {
        label: 'Now (10 Feb 2025)',
        date: '2025-02-10',
        counts: { green: 1, yellow: 0, amber: 0, red: 1, unrated: 0 },
      },
    ]);
    expect(countRatings([])).toEqual({ green: 0, yellow: 0, amber: 0, red: 0, unrated: 0 });
  });
});

describe('burn-down', () => {
  test('planned falls at each baseline due date; actual is known at rounds and today; withdrawn actions are left out', () => {
    const actions = [
      item('green', 'complete', '2025-02-15'),
      item('red', 'in_progress', '2025-03-20'),
      item('red', 'in_progress', '2025-04-30'),
      item(undefined, 'withdrawn', '2025-03-01'),
    ];
    const rounds = [
      {
        label: 'Round 1',
        date: '2025-02-28',
        items: [
          item('red', 'in_progress', '2025-02-15'),
          item('red', 'in_progress', '2025-03-20'),
          item('red', 'in_progress', '2025-04-30'),
        ],
      },
    ];
    const points = burndown(actions, rounds, '2025-03-10');
    expect(points.map((p) => [p.date, p.planned, p.actual])).toEqual([
      ['2025-01-31', 3, undefined],
      ['2025-02-28', 2, 3],
      ['2025-03-10', 2, 2],
      ['2025-03-31', 1, undefined],
      ['2025-04-30', 0, undefined],
    ]);
    expect(points[1]!.label).toBe('28 Feb 2025');
  });

  test('a plan of only withdrawn actions has no burn-down', () => {
    expect(burndown([item(undefined, 'withdrawn', '2025-03-01')], [], '2025-03-10')).toEqual([]);
  });
});
