import { ValidationError } from '../../src/domain/errors';
import {
  assessMeasure,
  currentValues,
  describeMeasure,
  expectedOn,
  type Measure,
  type MeasureValue,
  periodContaining,
  periodOwed,
  readMeasure,
  readMeasureValue,
  valueOwed,
} from '../../src/domain/measures';

const returnInterviews: Measure = {
  id: 'M1',
  areaId: '1',
  actionIds: ['1.1'],
  name: 'Return interviews within 72 hours',
  definition: 'Share of return home interviews offered within 72 hours of a child coming back',
  source: 'Children’s social care case system',
  unit: 'percentage',
  polarity: { better: 'higher' },
  baseline: { value: 60, date: '2026-01-31' },
  target: { value: 90, date: '2026-12-31' },
  frequency: 'monthly',
  reporter: 'analyst@council.example',
  kind: 'how-well',
};

const value = (period: string, v: number, reportedAt = `${period}-28T10:00:00Z`): MeasureValue => ({
  measureId: 'M1',
  period,
  value: v,
  reportedBy: 'analyst@council.example',
  reportedAt,
});

describe('reporting periods', () => {
  test.each([
    ['monthly', '2026-11', '2026-11', '2026-11-30', 'Nov 2026'],
    ['quarterly', '2026-11', '2026-10', '2026-12-31', 'Oct–Dec 2026'],
    ['quarterly', '2027-02', '2027-01', '2027-03-31', 'Jan–Mar 2027'],
    ['termly', '2026-10', '2026-09', '2026-12-31', 'autumn term 2026'],
    ['termly', '2027-02', '2027-01', '2027-03-31', 'spring term 2027'],
    ['termly', '2027-06', '2027-04', '2027-08-31', 'summer term 2027'],
  ] as const)('%s containing %s starts %s, ends %s (%s)', (frequency, month, start, end, label) => {
    expect(periodContaining(frequency, month)).toEqual({ start, end, label });
  });

  test.each([
    ['monthly', '2026-12-06', '2026-11'],
    ['monthly', '2027-01-01', '2026-12'],
    ['quarterly', '2026-12-06', '2026-07'],
    ['quarterly', '2027-01-15', '2026-10'],
    ['termly', '2026-12-06', '2026-04'],
  ] as const)('%s on %s owes %s', (frequency, today, start) => {
    expect(periodOwed(frequency, today).start).toBe(start);
  });
});

describe('the line from baseline to target', () => {
  test.each([
    ['2025-12-01', 60],
    ['2026-01-31', 60],
    ['2026-12-31', 90],
    ['2027-06-01', 90],
  ])('on %s expects %d', (date, expected) => {
    expect(expectedOn(returnInterviews, date)).toBe(expected);
  });

  test('half-way along it expects half-way', () => {
    const halfway = expectedOn(
      { baseline: { value: 0, date: '2026-01-01' }, target: { value: 100, date: '2026-01-11' } },
      '2026-01-06',
    );
    expect(halfway).toBe(50);
  });
});

describe('status from the numbers', () => {
  const today = '2026-12-06';
  test.each<[string, Partial<Measure>, MeasureValue[], string, string | undefined]>([
    ['nothing reported', {}, [], 'no-data', undefined],
    ['the value owed is missing (latest is October)', {}, [value('2026-10', 95)], 'no-data', undefined],
    [
      'above the line, higher is better',
      {},
      [value('2026-10', 80), value('2026-11', 88)],
      'on-track',
      'better',
    ],
    [
      'below the line, higher is better',
      {},
      [value('2026-10', 84), value('2026-11', 70)],
      'off-track',
      'worse',
    ],
    [
      'below the line is on track when lower is better',
      {
        polarity: { better: 'lower' },
        baseline: { value: 30, date: '2026-01-31' },
        target: { value: 10, date: '2026-12-31' },
      },
      [value('2026-11', 11)],
      'on-track',
      undefined,
    ],
    [
      'above the line is off track when lower is better',
      {
        polarity: { better: 'lower' },
        baseline: { value: 30, date: '2026-01-31' },
        target: { value: 10, date: '2026-12-31' },
      },
      [value('2026-11', 25)],
      'off-track',
      undefined,
    ],
    [
      'inside the band',
      { polarity: { better: 'within', low: 12, high: 18 }, unit: 'count' },
      [value('2026-11', 15)],
      'on-track',
      undefined,
    ],
    [
      'outside the band',
      { polarity: { better: 'within', low: 12, high: 18 }, unit: 'count' },
      [value('2026-11', 22)],
      'off-track',
      undefined,
    ],
    [
      'a correction supersedes the first entry for the period',
      {},
      [value('2026-11', 50, '2026-12-01T09:00:00Z'), value('2026-11', 89, '2026-12-02T09:00:00Z')],
      'on-track',
      undefined,
    ],
    ['a value for a later period than today is ignored', {}, [value('2027-01', 99)], 'no-data', undefined],
  ])('%s', (_name, change, values, status, trend) => {
    const assessment = assessMeasure({ ...returnInterviews, ...change }, values, today);
    expect(assessment.status).toBe(status);
    expect(assessment.trend).toBe(trend);
  });

  test('a missing value says which period is owed', () => {
    const assessment = assessMeasure(returnInterviews, [value('2026-09', 95)], '2026-12-06');
    expect(assessment.reason).toBe('the latest value is for Sep 2026; Nov 2026 is missing');
    expect(assessment.missing?.start).toBe('2026-11');
  });

  test('the paper line gives baseline, latest and target with dates, direction and status in words', () => {
    const assessment = assessMeasure(returnInterviews, [value('2026-11', 88)], '2026-12-06');
    expect(describeMeasure(returnInterviews, assessment)).toBe(
      '60% (31 Jan 2026) → 88% (Nov 2026) → 90% by 31 Dec 2026; higher is better; on track',
    );
  });

  test('corrections keep every entry and count the newest', () => {
    const entries = [
      value('2026-11', 50, '2026-12-02T09:00:00Z'),
      value('2026-11', 40, '2026-12-01T09:00:00Z'),
    ];
    expect(currentValues(entries).map((v) => v.value)).toEqual([50]);
  });

  test('a value is owed until the period owed has one', () => {
    expect(valueOwed(returnInterviews, [value('2026-10', 80)], '2026-12-06')?.label).toBe('Nov 2026');
    expect(valueOwed(returnInterviews, [value('2026-11', 80)], '2026-12-06')).toBeUndefined();
  });
});

describe('reading a reported value', () => {
  const today = '2026-12-06';
  const refusal = (input: { value?: string; period?: string }, measure: Partial<Measure> = {}) => {
    try {
      readMeasureValue(input, { ...returnInterviews, ...measure }, today);
    } catch (error) {
      if (error instanceof ValidationError) return error.message;
      throw error;
    }
    return 'accepted';
  };

  test.each<[string, { value?: string; period?: string }, Partial<Measure>, string]>([
    ['not a number', { value: 'about 70', period: '2026-11' }, {}, 'value: "about 70" is not a number'],
    ['empty', { value: ' ', period: '2026-11' }, {}, 'value: is required: type a number'],
    [
      'a percentage over 100',
      { value: '140', period: '2026-11' },
      {},
      'value: is a percentage, so at most 100',
    ],
    [
      'negative',
      { value: '-3', period: '2026-11' },
      {},
      'value: cannot be negative for a measure in percentage',
    ],
    [
      'a fraction of a count',
      { value: '2.5', period: '2026-11' },
      { unit: 'count' },
      'value: is a count, so a whole number',
    ],
    [
      'an absurd number of days',
      { value: '50000', period: '2026-11' },
      { unit: 'days' },
      'value: 50000 is more than 3,660: check the figure',
    ],
    ['a period in the future', { value: '70', period: '2027-01' }, {}, 'period: Jan 2027 has not begun yet'],
    [
      'not a month',
      { value: '70', period: 'November' },
      {},
      'period: "November" is not a month like 2026-11',
    ],
  ])('refuses %s', (_name, input, measure, message) => {
    expect(refusal(input, measure)).toBe(message);
  });

  test('accepts a figure with a percent sign and files a quarterly value under its quarter', () => {
    expect(readMeasureValue({ value: '71.5%', period: '2026-11' }, returnInterviews, today)).toEqual({
      period: '2026-11',
      value: 71.5,
    });
    expect(
      readMeasureValue(
        { value: '3', period: '2026-11' },
        { ...returnInterviews, frequency: 'quarterly' },
        today,
      ).period,
    ).toBe('2026-10');
  });
});

describe('reading a measure', () => {
  const input = {
    id: 'M2',
    areaId: '2',
    name: 'Repeat missing episodes per child',
    unit: 'Number',
    better: 'lower',
    baseline: '3.1',
    baselineDate: '2026-03-31',
    target: '2',
    targetDate: '2027-03-31',
    frequency: 'Quarterly',
    reporter: 'Analyst@Police.example',
    kind: 'better-off',
  };

  test('reads a whole definition', () => {
    const measure = readMeasure(input);
    expect(measure).toMatchObject({
      unit: 'number',
      frequency: 'quarterly',
      reporter: 'analyst@police.example',
    });
    expect(measure.polarity).toEqual({ better: 'lower' });
  });

  test('refuses a target worse than the baseline and says every problem at once', () => {
    expect(() => readMeasure({ ...input, target: '4', unit: 'litres', frequency: '' })).toThrow(
      'unit: "litres" is not one of number, percentage, days, count; frequency: "" is not one of monthly, quarterly, termly; target: is worse than the baseline, but lower is better',
    );
  });

  test('refuses a target date before the baseline', () => {
    expect(() => readMeasure({ ...input, targetDate: '2026-01-01' })).toThrow(
      'targetDate: must be after the baseline date',
    );
  });
});
