import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { ImportInterruptedError, ValidationError } from '../../src/domain/errors';
import { EXPORT_COLUMNS } from '../../src/domain/spreadsheet-columns';
import { parseCsv, parseXlsx, readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { toCsv, toXlsx } from '../../src/spreadsheets/write-spreadsheet';
import { exportPlan } from '../../src/usecases/plans/export-plan';
import { type ImportRequest, importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { generatedPlanRows, LEEDS_CSV, NORTHUMBERLAND_CSV } from '../support/plans';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const clock = fixedClock('2024-10-01T09:00:00Z');

function request(planId: string, rows: string[][], extra: Partial<ImportRequest> = {}): ImportRequest {
  return {
    planId,
    rows,
    title: `Plan ${planId}`,
    dryRun: false,
    actor: 'test',
    sourceName: 'test.csv',
    ...extra,
  };
}

async function run(stores: Stores, req: ImportRequest) {
  return importPlan({ stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() }, req);
}

/** The canonical columns of an export, to compare with the file that was imported. */
function canonicalPart(rows: string[][]): string[][] {
  return rows.map((row) => row.slice(0, 11));
}

describe('import and export round trip', () => {
  test.each([
    ['Northumberland 2019', NORTHUMBERLAND_CSV, 22],
    ['Leeds 2024', LEEDS_CSV, 11],
  ])(
    'when the %s sample is imported and exported, then the export holds the same cells',
    async (_name, file, count) => {
      const { stores } = await freshStores();
      const original = await readSpreadsheet(file);
      const report = await run(stores, request('sample', original));
      expect(report.actions.created).toHaveLength(count);

      const exported = await exportPlan(stores, 'sample', 'test', clock.now());
      expect(exported[0]).toEqual([...EXPORT_COLUMNS]);
      expect(canonicalPart(exported)).toEqual(original);

      // And through the file formats, into a second plan: the stored plans are identical.
      const viaCsv = await parseCsv(Buffer.from(toCsv(exported), 'utf8'));
      const viaXlsx = await parseXlsx(await toXlsx(exported, 'sample'));
      expect(viaCsv).toEqual(exported);
      expect(viaXlsx).toEqual(exported);
      await run(stores, request('copy', viaXlsx));
      const a = await stores.actions.readPlan('sample');
      const b = await stores.actions.readPlan('copy');
      const strip = (c: typeof a) => ({
        areas: c.areas.map(({ planId: _p, ...rest }) => rest),
        actions: c.actions
          .map(({ value: { planId: _p, ...rest } }) => rest)
          .sort((x, y) => x.id.localeCompare(y.id)),
      });
      expect(strip(b)).toEqual(strip(a));
    },
  );

  test('when a generated 5,000-action plan is imported and exported, then nothing is lost', async () => {
    const { stores } = await freshStores();
    const rows = generatedPlanRows(5000);
    const report = await run(stores, request('big', rows));
    expect(report.actions.created).toHaveLength(5000);
    const exported = await exportPlan(stores, 'big', 'test', clock.now());
    const sortRows = (r: string[][]) => [r[0], ...r.slice(1).sort((x, y) => (x[2]! < y[2]! ? -1 : 1))];
    expect(sortRows(canonicalPart(exported))).toEqual(sortRows(rows));
  }, 120_000);

  test('when the same file is imported again, then everything is unchanged and no history is added', async () => {
    const { stores } = await freshStores();
    const rows = await readSpreadsheet(NORTHUMBERLAND_CSV);
    await run(stores, request('again', rows));
    const before = await stores.history.listForAction('again', '1.1');
    const second = await run(stores, request('again', rows));
    expect(second.actions).toEqual({
      created: [],
      updated: [],
      unchanged: 22,
      notInFile: [],
      edited: [],
    });
    expect(await stores.history.listForAction('again', '1.1')).toEqual(before);
  });

  test('when a changed file is re-imported, then only changed actions update and their history grows', async () => {
    const { stores } = await freshStores();
    const rows = await readSpreadsheet(NORTHUMBERLAND_CSV);
    await run(stores, request('changed', rows));
    const changed = rows.map((row) => [...row]);
    changed[1]![9] = 'amber'; // 1.1 green → amber
    changed[2]![8] = '31/01/2021'; // 1.2 due date, day-first
    const withoutLast = changed.slice(0, -1); // 6.1 left out of the file
    clock.set('2024-10-02T09:00:00Z');
    const report = await run(stores, request('changed', withoutLast));
    expect(report.actions.updated).toEqual([
      // Changed on purpose (issue 19): the preview names fields by label, with old → new values.
      { id: '1.1', fields: ['Rating: Green → Amber'] },
      {
        id: '1.2',
        fields: [
          'Baseline due date: 31 Dec 2020 → 31 Jan 2021',
          'Current due date: 31 Dec 2020 → 31 Jan 2021',
        ],
      },
    ]);
    expect(report.actions.notInFile).toEqual(['6.1']);
    expect(await stores.actions.get('changed', '6.1')).toBeDefined();
    const history = await stores.history.listForAction('changed', '1.1');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      oldRating: 'green',
      newRating: 'amber',
      source: 'import',
      changedFields: ['rating'],
    });
  });

  test('when a file has bad rows, then every problem is reported with row and column, and nothing is written', async () => {
    const { stores } = await freshStores();
    const rows = await readSpreadsheet(LEEDS_CSV);
    rows[3]![8] = '12/31/2024';
    rows[5]![6] = 'not-an-address';
    rows[7]![9] = 'purple';
    rows.push(['', '', '', '', '', '', '', '', '', '', ''], ['', '', '', '', '', '', '', '', '', '', '']);
    const attempt = run(stores, request('bad', rows));
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 4, field: 'due_date' },
      { row: 6, field: 'owner_email' },
      { row: 8, field: 'rating' },
    ]);
    expect(await stores.plans.get('bad')).toBeUndefined();
    expect((await stores.actions.readPlan('bad')).actions).toHaveLength(0);
  });

  test('when an import is a dry run, then it reports what would change and writes nothing', async () => {
    const { stores } = await freshStores();
    const report = await run(stores, request('dry', await readSpreadsheet(LEEDS_CSV), { dryRun: true }));
    expect(report.actions.created).toHaveLength(11);
    expect(await stores.plans.get('dry')).toBeUndefined();
  });

  test('when cells look like formulas, then the export neutralises them and a re-import restores the text', async () => {
    const { stores } = await freshStores();
    const rows = await readSpreadsheet(LEEDS_CSV);
    rows[1]![3] = '=HYPERLINK("https://evil.example","click")';
    rows[2]![10] = '+44 113 000 0000 helpline';
    rows[3]![5] = '@Head of Service';
    await run(stores, request('formula', rows));
    const exported = await exportPlan(stores, 'formula', 'test', clock.now());
    const csv = toCsv(exported);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(csv).toContain("'+44 113 000 0000 helpline");
    expect(csv).toContain("'@Head of Service");
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(dir, 'plan.csv'), csv);
    expect(readFileSync(join(dir, 'plan.csv'), 'utf8')).toBe(csv);
    const reread = await readSpreadsheet(join(dir, 'plan.csv'));
    expect(reread[1]![3]).toBe(rows[1]![3]);
    expect(reread[3]![5]).toBe('@Head of Service');
  });

  test('when a plan is exported, then the audit trail records who took the export', async () => {
    const { stores } = await freshStores();
    await run(stores, request('audited', await readSpreadsheet(LEEDS_CSV)));
    await exportPlan(stores, 'audited', 'cli:alice', new Date('2024-10-05T12:00:00Z'));
    const events = await stores.audit.list('audited');
    expect(events.map((e) => e.event)).toEqual(['plan.exported', 'plan.imported']);
    expect(events[0]).toMatchObject({ actor: 'cli:alice', details: { actions: 11 } });
  });
});

describe('an import interrupted by someone else’s change', () => {
  test('when an action changes while a large import is writing, then what was saved is indexed and has history, and running it again finishes', async () => {
    const { stores } = await freshStores();
    const rows = generatedPlanRows(150);
    await run(stores, request('busy', rows));
    const changed = rows.map((row, i) =>
      i === 0 ? row : row.map((cell, c) => (c === 10 ? `${cell} (revised)` : cell)),
    );
    clock.set('2024-10-06T09:00:00Z');
    // Someone saves action 10.8 (in the second batch of 100) after the import has read the plan.
    const racing: Stores = {
      ...stores,
      actions: {
        ...stores.actions,
        readPlan: stores.actions.readPlan.bind(stores.actions),
        writeMany: async (planId, writes) => {
          const loaded = (await stores.actions.get('busy', '10.8'))!;
          await stores.actions.update({ ...loaded.value, rating: 'red' }, loaded.etag, loaded.value);
          return stores.actions.writeMany(planId, writes);
        },
      },
    };
    const attempt = await run(racing, request('busy', changed)).catch((e: unknown) => e);
    expect(attempt).toBeInstanceOf(ImportInterruptedError);
    expect((attempt as Error).message).toBe(
      'Plan busy changed while it was being imported: 100 of 150 changes were saved, with their history. Run the same import again to finish; saved changes will show as unchanged.',
    );
    // A saved change has its history; the reminder index and "mine" still find every action.
    const first = changed[1]![2]!;
    const history = await stores.history.listForAction('busy', first);
    expect(history.map((h) => h.changedFields)).toEqual(
      expect.arrayContaining([['successMeasure'], ['created']]),
    );
    expect((await stores.actions.listByOwner('owner0@example.org')).length).toBe(2);

    const again = await run(stores, request('busy', changed));
    expect(again.actions.updated).toHaveLength(50);
    expect(again.actions.unchanged).toBe(100);
    const events = await stores.audit.list('busy');
    expect(events.map((e) => e.event)).toContain('plan.import-interrupted');
  });
});
