/**
 * The two shortcuts the measures list and the dashboard's tables take (issue 21's performance): the
 * latest values kept beside a measure decide its status exactly as every value would, and each period's
 * standing worked out in one pass is what assessMeasure says on the day after the period closed.
 */
import { addDays } from '../../src/domain/dates';
import {
  assessHistory,
  assessMeasure,
  latestDecides,
  latestValues,
  type Measure,
  type MeasureValue,
  periodContaining,
} from '../../src/domain/measures';

const base: Measure = {
  id: 'M1',
  areaId: '1',
  actionIds: [],
  name: 'Return interviews within 72 hours',
  definition: '',
  source: '',
  unit: 'percentage',
  polarity: { better: 'higher' },
  baseline: { value: 60, date: '2025-01-31' },
  target: { value: 90, date: '2026-12-31' },
  frequency: 'monthly',
  reporter: 'analyst@council.example',
  kind: 'how-well',
};

const shapes: [string, Partial<Measure>][] = [
  ['higher, monthly', {}],
  [
    'lower, quarterly',
    { polarity: { better: 'lower' }, frequency: 'quarterly', target: { value: 30, date: '2026-12-31' } },
  ],
  ['within a range, termly', { polarity: { better: 'within', low: 65, high: 75 }, frequency: 'termly' }],
];

/** A deterministic stream of entries: months in a jumbled order, some periods corrected, some twice. */
function entries(count: number, seed: number): MeasureValue[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, (_, i) => {
    const month = Math.floor(next() * 20);
    const period = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    // Reported in increasing instants, as a store appends them, with the odd one out of order.
    const minutes = i * 10 + (next() < 0.1 ? -15 : 0);
    return {
      measureId: 'M1',
      period,
      value: Math.round(50 + next() * 45),
      reportedBy: 'analyst@council.example',
      reportedAt: new Date(Date.UTC(2026, 8, 1, 9, minutes)).toISOString(),
    };
  });
}

describe('the latest values kept beside a measure', () => {
  test.each(shapes)(
    '%s: kept one entry at a time, they decide the status as every value does',
    (_, shape) => {
      const measure = { ...base, ...shape };
      for (const seed of [1, 2, 3, 4, 5]) {
        const all = entries(40, seed);
        let kept: MeasureValue[] = [];
        for (const [i, entry] of all.entries()) {
          kept = latestValues([...kept, entry]);
          const sofar = all.slice(0, i + 1);
          expect(kept).toEqual(latestValues(sofar));
          for (const today of ['2026-08-15', '2026-09-01', '2027-02-10']) {
            if (!latestDecides(kept, today)) continue;
            expect(assessMeasure(measure, kept, today)).toEqual(assessMeasure(measure, sofar, today));
          }
        }
      }
    },
  );

  test('a kept value for a month after today (a clock set back) does not decide: the values are read instead', () => {
    const kept = latestValues(entries(10, 7));
    const latestMonth = kept.at(-1)!.period;
    expect(latestDecides(kept, `${latestMonth}-01`)).toBe(true);
    const before = periodContaining('monthly', latestMonth);
    expect(latestDecides(kept, addDays(`${before.start}-01`, -1))).toBe(false);
  });
});

describe('each period’s standing in one pass', () => {
  test.each(shapes)(
    '%s: the same as assessing each period on the day after it closed, with the values up to it',
    (_, shape) => {
      const measure = { ...base, ...shape };
      for (const seed of [11, 12, 13]) {
        const all = entries(30, seed);
        const history = assessHistory(measure, all);
        expect(history.length).toBeGreaterThan(5);
        for (const { value, assessment } of history) {
          const period = periodContaining(measure.frequency, value.period);
          const upTo = all.filter((v) => v.period <= value.period);
          expect(assessment).toEqual(assessMeasure(measure, upTo, addDays(period.end, 1)));
        }
      }
    },
  );
});
