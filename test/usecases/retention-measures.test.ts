/**
 * The retention purge keeps a plan's impact measures (issue 21): before erasing, the export carries the
 * Measures sheet the import reads (definitions and latest values) and every value ever reported, each
 * correction beside what it corrected, so nothing of the measures is lost that the plan's owners may need.
 * On real parts: Azurite, and the built CLI writing the files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { readWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { recordMeasureValue } from '../../src/usecases/measures/measures';
import { MEASURES_SHEET } from '../../src/usecases/plans/export-plan';
import { seedDemoMeasures, seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { closePlanForGood, preparePurge } from '../../src/usecases/retention/retention';
import { operatorActor } from '../../src/usecases/shared/actor';
import { runBuiltCli } from '../support/processes';
import { fixedClock, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const calendar = new UkHolidayCalendar();

/** The demo plan with its three measures and a year of values, one corrected, then closed. */
async function closedPlanWithMeasures(prefix: string) {
  const tables = new TableClients({ connectionString: testConnectionString() }, prefix);
  await tables.ensureTables();
  const stores = createStores(tables);
  const clock = fixedClock('2025-01-15T10:00:00Z');
  const deps = { stores, clock, random: seededRandom(), calendar };
  await seedDemoPlan(deps);
  expect(await seedDemoMeasures(deps)).toBe(true);
  const [measure] = (await stores.measures.list(PLAN)).map((m) => m.value);
  const first = (await stores.measures.listValues(PLAN, measure!.id)).at(-1)!;
  clock.set('2025-01-16T11:00:00Z');
  const corrected = await recordMeasureValue(deps, operatorActor('test'), {
    planId: PLAN,
    measureId: measure!.id,
    period: first.period,
    value: String(first.value + 1),
    note: 'Late returns added',
  });
  expect(corrected).toMatchObject({ kind: 'saved' });
  await closePlanForGood(deps, PLAN, 'ops');
  return { stores, clock, measure: measure!, first };
}

describe('the purge keeps the measures', () => {
  test('when a plan with measures is prepared for purging, then the export holds the Measures sheet and every value reported, the correction beside the first figure', async () => {
    const { stores, clock, measure, first } = await closedPlanWithMeasures(
      `RM${randomBytes(4).toString('hex')}`,
    );
    clock.set('2026-01-17T10:00:00Z');
    const prepared = await preparePurge({ stores, clock }, PLAN, 'ops', 365);

    const sheet = prepared.measureRows!;
    const [header, ...rows] = sheet;
    expect(header).toEqual(
      expect.arrayContaining(['Ref', 'Baseline', 'Target', 'Reporter e-mail', 'Latest']),
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(
      (await stores.measures.list(PLAN)).map((m) => m.value.id).sort(),
    );

    const [valuesHeader, ...values] = prepared.measureValueRows;
    expect(valuesHeader).toEqual(['measure_id', 'period', 'value', 'reported_by', 'reported_at', 'note']);
    expect(values).toHaveLength((await stores.measures.listValues(PLAN)).length);
    const ofPeriod = values.filter((v) => v[0] === measure.id && v[1] === first.period);
    expect(ofPeriod).toEqual([
      [measure.id, first.period, String(first.value), first.reportedBy, expect.any(String), ''],
      [measure.id, first.period, String(first.value + 1), 'test', '16 Jan 2025, 11:00', 'Late returns added'],
    ]);
  });

  test('when a plan without measures is prepared, then there is no Measures sheet and the values file is its header alone', async () => {
    const prefix = `RM${randomBytes(4).toString('hex')}`;
    const tables = new TableClients({ connectionString: testConnectionString() }, prefix);
    await tables.ensureTables();
    const stores = createStores(tables);
    const clock = fixedClock('2025-01-15T10:00:00Z');
    await seedDemoPlan({ stores, clock, random: seededRandom(), calendar });
    await closePlanForGood({ stores, clock }, PLAN, 'ops');
    clock.set('2026-01-17T10:00:00Z');
    const prepared = await preparePurge({ stores, clock }, PLAN, 'ops', 365);
    expect(prepared.measureRows).toBeUndefined();
    expect(prepared.measureValueRows).toHaveLength(1);
  });

  test('when the CLI purges to a workbook or a CSV, then the measures are written (a sheet, or a file beside it) with every value, before the plan and its measures are erased', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const prefix = `RM${randomBytes(4).toString('hex')}`;
      const { stores, measure } = await closedPlanWithMeasures(prefix);
      const env = { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix };
      const dir = mkdtempSync(join(tmpdir(), 'purge-measures-'));
      const out = join(dir, `plan.${format}`);
      const later = new Date(Date.now() + 400 * 86_400_000).toISOString();
      const purged = await runBuiltCli(['purge', '--plan', PLAN, '--out', out, '--now', later], env);
      expect(purged.code).toBe(0);
      expect(purged.stdout).toContain('Exported its 3 measures to');
      expect(purged.stdout).toContain('Plan demo-leeds-syv is erased.');

      const measuresTable =
        format === 'xlsx'
          ? (await readWorkbook(out)).find((sheet) => sheet.name === MEASURES_SHEET)?.rows
          : (await readWorkbook(join(dir, 'plan-measures.csv')))[0]?.rows;
      expect(measuresTable?.map((row) => row[0])).toEqual(expect.arrayContaining(['Ref', measure.id]));
      if (format === 'csv') expect(existsSync(join(dir, 'plan-measures.csv'))).toBe(true);
      const valuesFile = readFileSync(join(dir, 'plan-measure-values.csv'), 'utf8');
      expect(valuesFile).toContain('measure_id,period,value,reported_by,reported_at,note');
      expect(valuesFile).toContain('Late returns added');

      expect(await stores.measures.list(PLAN)).toEqual([]);
      expect(await stores.measures.listValues(PLAN)).toEqual([]);
    }
  }, 120_000);
});
