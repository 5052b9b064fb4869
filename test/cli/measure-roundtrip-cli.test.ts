/**
 * Issue 21 through the built CLI: a workbook with a Measures sheet imported, exported with its Measures
 * sheet, imported into a new plan with nothing lost; the CSV report's measures in a sibling file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { toXlsx } from '../../src/spreadsheets/write-spreadsheet';
import { generatedPlanRows } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

const dir = mkdtempSync(join(tmpdir(), 'measure-cli-'));
const prefix = `M${randomBytes(4).toString('hex')}`;
const cli = (args: string[]) =>
  runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });

/** A month that has certainly ended, whatever day the test runs: two months ago. */
function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
}

const MEASURES = [
  [
    'Ref',
    'Indicator',
    'Area',
    'Baseline',
    'Baseline date',
    'Target',
    'Target date',
    'Better when',
    'Frequency',
    'Reporter email',
    'Latest',
    'Latest date',
  ],
  [
    'M1',
    'Return interviews within 72 hours',
    'AFI1',
    '55%',
    '2020-03-31',
    '90%',
    '2035-03-31',
    'higher',
    'monthly',
    'analyst@police.example',
    '74',
    monthsAgo(2),
  ],
  [
    'M2',
    'Repeat missing episodes per child',
    'AFI2',
    '3.2',
    '2020-03-31',
    '2',
    '2035-03-31',
    'lower',
    'monthly',
    'missing.lead@example.org',
    '2.9',
    monthsAgo(2),
  ],
];

describe('measures through the CLI', () => {
  test('when a workbook with a Measures sheet is imported, exported and imported again into a new plan, then the measures and latest values are the same; the CSV report writes them beside the actions', async () => {
    const file = join(dir, 'plan.xlsx');
    writeFileSync(file, await toXlsx(generatedPlanRows(3), 'Plan', [{ name: 'Measures', rows: MEASURES }]));
    const preview = await cli(['import', file, '--plan', 'first', '--title', 'First', '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Sheet "Measures" (measures): "Ref" → ref, "Indicator" → name');
    expect(preview.stdout).toContain('measures: 2 created, 0 updated, 0 unchanged, 2 latest values recorded');
    expect((await cli(['import', file, '--plan', 'first', '--title', 'First'])).code).toBe(0);

    const exported = join(dir, 'export.xlsx');
    const done = await cli(['export', '--plan', 'first', '--out', exported]);
    expect(done.stdout).toContain('Exported 3 actions and 2 measures of plan first');
    const sheets = await readWorkbook(exported);
    expect(sheets.map((s) => s.name)).toEqual(['first', 'Measures']);

    expect((await cli(['import', exported, '--plan', 'second', '--title', 'Second'])).code).toBe(0);
    const listed = async (plan: string) => (await cli(['measures', '--plan', plan])).stdout;
    expect(await listed('second')).toEqual(await listed('first'));
    expect(await listed('second')).toContain('Return interviews within 72 hours');
    // A second import of the export changes nothing.
    const again = await cli(['import', exported, '--plan', 'second']);
    expect(again.stdout).toContain('measures: 0 created, 0 updated, 2 unchanged, 0 latest values recorded');

    const csv = join(dir, 'report.csv');
    const report = await cli(['report', '--plan', 'first', '--out', csv]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`Its measures written to ${join(dir, 'report-measures.csv')}`);
    const measuresCsv = readFileSync(join(dir, 'report-measures.csv'), 'utf8');
    expect(measuresCsv.split('\r\n')[0]).toBe(
      '\uFEFFArea,Area for improvement,Measure,Kind,Unit,Better when,Baseline,Baseline date,Latest,Latest period,Target,Target date,Status,Why,In words',
    );
    expect(measuresCsv).toContain('Repeat missing episodes per child');
    // The action table stays one table, as before.
    expect(readFileSync(csv, 'utf8')).not.toContain('Repeat missing episodes per child');
  }, 120_000);
});
