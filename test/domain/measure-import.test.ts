import { isMeasureSheet, measureColumnForHeader, readMeasureSheets } from '../../src/domain/measure-import';

const HEADER = [
  'Ref',
  'Indicator',
  'Area',
  'Baseline',
  'Baseline as at',
  'Target',
  'Target by',
  'Better when',
  'Frequency',
  'Reporter',
  'Latest',
  'Latest date',
];
const context = {
  areas: [{ id: 'AFI1', text: 'Information sharing' }],
  actionIds: new Set(['1.1']),
  today: '2026-12-06',
};

function readOne(cells: Partial<Record<string, string>>) {
  const row = HEADER.map((h) => cells[h] ?? '');
  return readMeasureSheets([{ name: 'Measures', rows: [HEADER, row] }], context);
}

const base = {
  Ref: 'M1',
  Indicator: 'Strategy discussions with police and health present',
  Area: 'Information sharing',
  Baseline: '41%',
  'Baseline as at': '31/03/2026',
  Target: '85%',
  'Target by': '31 Mar 2027',
  Frequency: 'Monthly',
  Reporter: 'mash.manager@example.org',
};

describe('reading a Measures sheet', () => {
  test.each([
    ['Measure / Indicator', 'name'],
    ['KPI', 'name'],
    ['Polarity', 'better'],
    ['Good is', 'better'],
    ['Reporter e-mail', 'reporter'],
    ['Reporter email', 'reporter'],
    ['Baseline date', 'baseline_date'],
    ['Latest period', 'latest_date'],
  ])('when a header reads "%s", then it holds %s', (header, column) => {
    expect(measureColumnForHeader(header)).toBe(column);
  });

  test.each([
    ['Higher is better', { better: 'higher' }],
    ['Lower', { better: 'lower' }],
    ['decrease', { better: 'lower' }],
    ['Between 12 and 18', { better: 'within', low: 12, high: 18 }],
  ])('when "Better when" reads "%s", then the polarity is %j', (text, polarity) => {
    // A target in the better direction, so only the polarity is under test.
    const [baseline, target] = polarity.better === 'lower' ? ['20', '16'] : ['14', '16'];
    const read = readOne({ ...base, Baseline: baseline, Target: target, 'Better when': text });
    expect(read.problems).toEqual([]);
    expect(read.measures[0]?.measure.polarity).toEqual(polarity);
  });

  test.each([
    ['Nov 2026', '2026-11'],
    ['2026-11', '2026-11'],
    ['30/11/2026', '2026-11'],
    ['2026-11-30', '2026-11'],
  ])('when the latest date reads "%s", then the value is for %s', (text, period) => {
    const read = readOne({ ...base, Latest: '72', 'Latest date': text });
    expect(read.problems).toEqual([]);
    expect(read.measures[0]?.latest).toEqual({ period, value: 72 });
  });

  test('when the area is given by its text and the unit by a % sign, then both are read, and the unit reading is shown', () => {
    const read = readOne(base);
    expect(read.measures[0]?.measure).toMatchObject({
      areaId: 'AFI1',
      unit: 'percentage',
      kind: 'better-off',
    });
    expect(read.readings).toContainEqual(
      expect.objectContaining({ column: 'unit', reading: 'read as percentage' }),
    );
  });

  test('when the latest figure is for a month not yet begun or over 100%, then the row is refused with readMeasureValue’s words', () => {
    expect(readOne({ ...base, Latest: '72', 'Latest date': 'Jan 2027' }).problems[0]?.issues).toEqual([
      { field: 'latest_date', reason: 'Jan 2027 has not begun yet' },
    ]);
    expect(readOne({ ...base, Latest: '120', 'Latest date': 'Nov 2026' }).problems[0]?.issues).toEqual([
      { field: 'latest', reason: 'is a percentage, so at most 100' },
    ]);
  });

  test('when a sheet is named Measures or has a measures header and no action column, then it is a measures sheet; a plan sheet is not', () => {
    expect(isMeasureSheet({ name: 'Impact measures', rows: [] })).toBe(true);
    expect(isMeasureSheet({ name: 'Sheet1', rows: [HEADER] })).toBe(true);
    expect(
      isMeasureSheet({
        name: 'Plan',
        rows: [['Area', 'Action', 'Lead agency', 'Owner', 'Timescale', 'Measure', 'Baseline', 'Target']],
      }),
    ).toBe(false);
  });
});
