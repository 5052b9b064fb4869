import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { ValidationError } from '../../src/domain/errors';
import { parseWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { toXlsx } from '../../src/spreadsheets/write-spreadsheet';
import { exportMeasureRows, exportPlan, MEASURES_SHEET } from '../../src/usecases/plans/export-plan';
import { type ImportRequest, importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { generatedPlanRows } from '../support/plans';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const clock = fixedClock('2026-12-06T09:00:00Z');
const ACTIONS = generatedPlanRows(3);

/** A performance team's sheet: a title row, then the headers they use, percentages typed with a sign. */
const MEASURES = [
  ['Impact measures — partnership plan'],
  [
    'Ref',
    'Measure / Indicator',
    'Area',
    'Baseline',
    'Baseline date',
    'Target',
    'Target date',
    'Polarity',
    'Frequency',
    'Reporter e-mail',
    'Latest',
    'Latest date',
    'Linked actions',
  ],
  [
    'M1',
    'Return interviews within 72 hours',
    'AFI1',
    '55%',
    '31/03/2026',
    '90%',
    '31/03/2027',
    'Higher is better',
    'Monthly',
    'Analyst@Police.example',
    '74',
    'Nov 2026',
    '1.1',
  ],
  [
    'M2',
    'Repeat missing episodes per child',
    'Area for improvement number 2',
    '3.2',
    '2026-03-31',
    '2',
    '2027-03-31',
    'Lower',
    'Quarterly',
    'missing.lead@example.org',
    '',
    '',
    '',
  ],
];

function request(
  planId: string,
  sheets: ImportRequest['sheets'],
  extra: Partial<ImportRequest> = {},
): ImportRequest {
  return {
    planId,
    sheets,
    title: `Plan ${planId}`,
    dryRun: false,
    actor: 'importer@example.org',
    sourceName: 'plan.xlsx',
    ...extra,
  };
}

const deps = (stores: Stores) => ({
  stores,
  clock,
  random: seededRandom(),
  calendar: new UkHolidayCalendar(),
});
const workbook = (measures: string[][] = MEASURES) => [
  { name: 'Plan', rows: ACTIONS },
  { name: 'Measures', rows: measures },
];

describe('importing a Measures sheet', () => {
  test('when a workbook has a Measures sheet in the headers people use, then the measures are defined and the latest figure is recorded as by the importer', async () => {
    const { stores } = await freshStores();
    const preview = await importPlan(deps(stores), request('impact', workbook(), { dryRun: true }));
    expect(preview.problems).toEqual([]);
    expect(preview.measures?.created).toEqual(['M1', 'M2']);
    expect(preview.measures?.values).toEqual([{ id: 'M1', period: '2026-11', value: 74 }]);
    expect(preview.measures?.sheets[0]?.mapping).toContainEqual({ header: 'Polarity', column: 'better' });
    // The Measures sheet is not read as a sheet of actions.
    expect(preview.sheets.map((s) => s.name)).toEqual(['Plan']);
    expect(await stores.measures.list('impact')).toEqual([]);

    const report = await importPlan(deps(stores), request('impact', workbook()));
    expect(report.written).toBe(true);
    const measures = (await stores.measures.list('impact')).map((m) => m.value);
    expect(measures.map((m) => [m.id, m.areaId, m.unit, m.polarity.better, m.frequency, m.reporter])).toEqual(
      [
        ['M1', 'AFI1', 'percentage', 'higher', 'monthly', 'analyst@police.example'],
        ['M2', 'AFI2', 'number', 'lower', 'quarterly', 'missing.lead@example.org'],
      ],
    );
    expect(measures[0]).toMatchObject({
      baseline: { value: 55, date: '2026-03-31' },
      target: { value: 90, date: '2027-03-31' },
      actionIds: ['1.1'],
    });
    const values = await stores.measures.listValues('impact');
    expect(values).toEqual([
      expect.objectContaining({
        measureId: 'M1',
        period: '2026-11',
        value: 74,
        reportedBy: 'importer@example.org',
      }),
    ]);
  });

  test('when a measure row has problems, then the preview lists them in readMeasure’s words and a write without "import the good rows" stores nothing', async () => {
    const { stores } = await freshStores();
    const bad = [
      ...MEASURES.slice(0, 2),
      [
        'M1',
        'Return interviews',
        'AFI1',
        '55%',
        '2026-03-31',
        '40%',
        '2027-03-31',
        'higher',
        'monthly',
        'a@b.example',
        '120',
        '2026-11',
      ],
      [
        'M9',
        'Strategy discussions',
        'AFI9',
        '10',
        '2026-03-31',
        '20',
        '2027-03-31',
        'higher',
        'fortnightly',
        'not-an-address',
        '',
        '',
      ],
      MEASURES[3]!,
    ];
    const preview = await importPlan(deps(stores), request('bad', workbook(bad), { dryRun: true }));
    const reasons = preview.problems.map((p) => [
      p.sheet,
      p.row,
      p.issues.map((i) => `${i.field} ${i.reason}`),
    ]);
    expect(reasons).toEqual([
      ['Measures', 3, ['measure M1: target is worse than the baseline, but higher is better']],
      [
        'Measures',
        4,
        [
          'measure M9: area "AFI9" is not an area of this plan',
          'measure M9: frequency "fortnightly" is not one of monthly, quarterly, termly',
          'measure M9: reporter "not-an-address" is not an e-mail address',
        ],
      ],
    ]);
    await expect(importPlan(deps(stores), request('bad', workbook(bad)))).rejects.toThrow(ValidationError);
    expect(await stores.measures.list('bad')).toEqual([]);
    // Import the good rows: M2 only.
    await importPlan(deps(stores), request('bad', workbook(bad), { importGoodRows: true }));
    expect((await stores.measures.list('bad')).map((m) => m.value.id)).toEqual(['M2']);
  });

  test('when the same file is imported again, then nothing is written and no value is duplicated; a changed target updates the definition and a changed latest figure is a correction', async () => {
    const { stores } = await freshStores();
    await importPlan(deps(stores), request('again', workbook()));
    const again = await importPlan(deps(stores), request('again', workbook()));
    expect(again.written).toBe(false);
    expect(again.measures).toMatchObject({ created: [], updated: [], unchanged: 2, values: [] });
    expect(await stores.measures.listValues('again')).toHaveLength(1);

    const changed = MEASURES.map((row) => [...row]);
    changed[2]![5] = '85%';
    changed[2]![10] = '76';
    // A correction a day later: the newer entry is the one that counts, the first stays in the history.
    clock.set('2026-12-07T09:00:00Z');
    const report = await importPlan(deps(stores), request('again', workbook(changed)));
    clock.set('2026-12-06T09:00:00Z');
    expect(report.written).toBe(true);
    expect(report.measures?.updated).toEqual([
      { id: 'M1', fields: ['Target: 90 (31 Mar 2027) → 85 (31 Mar 2027)'] },
    ]);
    expect((await stores.measures.get('again', 'M1'))?.value.target.value).toBe(85);
    const values = await stores.measures.listValues('again', 'M1');
    expect(values.map((v) => [v.period, v.value])).toEqual([
      ['2026-11', 74],
      ['2026-11', 76],
    ]);
  });

  test('when a measures CSV alone is imported into a plan, then its measures are added and no action changes', async () => {
    const { stores } = await freshStores();
    await importPlan(deps(stores), request('csv', [{ name: 'Plan', rows: ACTIONS }]));
    const report = await importPlan(deps(stores), request('csv', [{ name: 'measures', rows: MEASURES }]));
    expect(report.actions).toMatchObject({ created: [], updated: [] });
    expect(report.measures?.created).toEqual(['M1', 'M2']);
    expect((await stores.actions.readPlan('csv')).actions).toHaveLength(3);
  });
});

describe('exporting the Measures sheet', () => {
  test('when a plan with measures is exported to a workbook and imported into a new plan, then the measures and their latest values are the same', async () => {
    const { stores } = await freshStores();
    const within = [
      ...MEASURES,
      [
        'M3',
        'Caseload per social worker',
        'AFI3',
        '22',
        '2026-03-31',
        '16',
        '2027-03-31',
        'between 12 and 18',
        'termly',
        'hr@example.org',
        '19',
        '2026-10-15',
      ],
    ];
    await importPlan(deps(stores), request('first', workbook(within)));
    const rows = await exportPlan(stores, 'first', 'test', clock.now());
    const measureRows = await exportMeasureRows(stores, 'first');
    const bytes = await toXlsx(rows, 'first', [{ name: MEASURES_SHEET, rows: measureRows! }]);
    const sheets = await parseWorkbook(bytes, 'xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['first', 'Measures']);
    await importPlan(deps(stores), request('second', sheets));

    const defs = async (planId: string) => (await stores.measures.list(planId)).map((m) => m.value);
    expect(await defs('second')).toEqual(await defs('first'));
    expect((await defs('second')).find((m) => m.id === 'M3')?.polarity).toEqual({
      better: 'within',
      low: 12,
      high: 18,
    });
    const latest = async (planId: string) =>
      (await stores.measures.listValues(planId)).map((v) => [v.measureId, v.period, v.value]);
    expect(await latest('second')).toEqual(await latest('first'));
    expect(await latest('second')).toEqual([
      ['M1', '2026-11', 74],
      ['M3', '2026-09', 19],
    ]);
    // And a re-import of the export into the first plan changes nothing.
    const again = await importPlan(deps(stores), request('first', sheets));
    expect(again.written).toBe(false);
  });
});
