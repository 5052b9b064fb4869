/**
 * Importing a workbook as partnerships keep one (test/support/plan-workbook.ts) through the use case on
 * Azurite: the preview reads every sheet and writes nothing; confirming imports the good rows; an
 * "Ongoing" action has no deadline and no reminders; a re-import shows what it changes.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { hasDeadline } from '../../src/domain/action';
import { ValidationError } from '../../src/domain/errors';
import { parseWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { type ImportRequest, importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { planWorkbook, WORKBOOK_GOOD_ROWS, WORKBOOK_PROBLEM } from '../support/plan-workbook';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const clock = fixedClock('2027-01-11T09:00:00Z');

async function request(extra: Partial<ImportRequest> = {}): Promise<ImportRequest> {
  return {
    planId: 'leeds-2027',
    sheets: await parseWorkbook(await planWorkbook(), 'xlsx'),
    title: 'Leeds JTAI 2027',
    dryRun: true,
    actor: 'test',
    sourceName: 'plan.xlsx',
    ...extra,
  };
}

function run(stores: Stores, req: ImportRequest) {
  return importPlan({ stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() }, req);
}

describe('importing a plan workbook with title rows, two sheets, merged areas and timescales in words', () => {
  let stores: Stores;
  beforeEach(async () => {
    ({ stores } = await freshStores());
  });

  test('when it is previewed, then each sheet is named, the readings and the problem row are listed, and nothing is written', async () => {
    const report = await run(stores, await request());

    expect(report.sheets.map((s) => [s.name, s.included, s.headerRow])).toEqual([
      ['Front page', false, undefined],
      ['Theme 1 Sharing', true, 4],
      ['Theme 2 Health', true, 2],
    ]);
    expect(report.sheets[0]!.skippedBecause).toContain('no header row found');
    expect(report.actions.created).toEqual(['1.1', '1.2', '1.3', '2.1', '2.3', '2.4']);
    expect(report.actions.created).toHaveLength(WORKBOOK_GOOD_ROWS);
    expect(report.problems).toEqual([
      {
        sheet: WORKBOOK_PROBLEM.sheet,
        row: WORKBOOK_PROBLEM.row,
        actionId: WORKBOOK_PROBLEM.actionId,
        issues: [
          { field: 'due_date', reason: expect.stringContaining('"soon" is not a timescale I can read') },
        ],
      },
    ]);
    const reading = (actionId: string, column: string) =>
      report.readings.find((r) => r.actionId === actionId && r.column === column)?.reading;
    expect(reading('1.1', 'due_date')).toBe('31 Mar 2027 (end of March 2027)');
    expect(reading('1.2', 'due_date')).toBe('31 Dec 2027 (end of Q3 2027/28)');
    expect(reading('1.3', 'due_date')).toBe('"Ongoing": no deadline');
    expect(reading('1.3', 'rating')).toBe('status: Complete');
    expect(reading('2.1', 'due_date')).toBe('30 Jun 2027 (end of June 2027)');
    expect(reading('2.3', 'due_date')).toBe('31 Mar 2027');
    expect(reading('1.1', 'rating')).toBe('Green');
    // A real date cell needs no confirming.
    expect(reading('2.4', 'due_date')).toBeUndefined();
    expect(report.mapping).toEqual(
      expect.arrayContaining([
        { header: 'Latest update', column: 'note' },
        { header: 'Progress', column: 'note' },
        { header: 'Timescale', column: 'due_date' },
        { header: 'By when', column: 'due_date' },
      ]),
    );
    expect(report.ignoredHeaders).toEqual(['Partners involved']);
    expect(report.written).toBe(false);
    expect(await stores.plans.get('leeds-2027')).toBeUndefined();
  });

  test('when the good rows are imported, then areas are filled down, "Ongoing" has no deadline or reminder, an owner without an address is kept by name, and notes go into history', async () => {
    const report = await run(stores, await request({ dryRun: false, importGoodRows: true }));

    expect(report.written).toBe(true);
    const { areas, actions } = await stores.actions.readPlan('leeds-2027');
    expect(areas.map((a) => a.text)).toEqual([
      'Timely sharing of police protection notifications',
      'Waiting times for CAMHS assessments',
    ]);
    const byId = new Map(actions.map((a) => [a.value.id, a.value]));
    expect([...byId.keys()].sort()).toEqual(['1.1', '1.2', '1.3', '2.1', '2.3', '2.4']);
    expect(byId.get('1.2')!.areaId).toBe(byId.get('1.1')!.areaId);
    expect(byId.get('1.2')!.owners).toEqual([{ name: 'Sam Smith', email: '' }]);
    expect(byId.get('1.1')!.owners).toEqual([{ name: 'Jo Bloggs', email: 'jo.bloggs@example.org' }]);
    expect(byId.get('1.1')!.rating).toBe('green');
    expect(byId.get('2.3')!.rating).toBe('yellow');
    const ongoing = byId.get('1.3')!;
    expect(hasDeadline(ongoing)).toBe(false);
    expect(ongoing.lifecycle).toBe('complete');
    expect(ongoing.nextReminderOn).toBeUndefined();
    expect(byId.get('2.4')!.currentDueDate).toBe('2027-09-30');
    const history = await stores.history.listForAction('leeds-2027', '1.1');
    expect(history[0]!.note).toBe('Guidance drafted and out for comment');
  });

  test('when a header is mapped by the person, then the preview reads it as they chose', async () => {
    const report = await run(
      stores,
      await request({ choices: { mapping: { 'Partners involved': 'contributing_agencies' } } }),
    );

    expect(report.mapping).toContainEqual({ header: 'Partners involved', column: 'contributing_agencies' });
    await run(
      stores,
      await request({
        dryRun: false,
        importGoodRows: true,
        choices: { mapping: { 'Partners involved': 'contributing_agencies' } },
      }),
    );
    const action = await stores.actions.get('leeds-2027', '1.1');
    expect(action?.value.contributingAgencies).toEqual(['Health', 'Education']);
  });

  test('when a sheet is left out, then its rows are not read', async () => {
    const report = await run(stores, await request({ choices: { leaveOut: ['Theme 2 Health'] } }));

    expect(report.actions.created).toEqual(['1.1', '1.2', '1.3']);
    expect(report.problems).toEqual([]);
    expect(report.sheets.find((s) => s.name === 'Theme 2 Health')?.skippedBecause).toBe('left out');
  });

  test('when it is written without choosing to import the good rows, then it is refused and nothing is written', async () => {
    await expect(run(stores, await request({ dryRun: false }))).rejects.toBeInstanceOf(ValidationError);
    expect(await stores.plans.get('leeds-2027')).toBeUndefined();
  });

  test('when it is imported again, then the preview shows everything unchanged, and a changed row as changed', async () => {
    await run(stores, await request({ dryRun: false, importGoodRows: true }));
    const again = await run(stores, await request({ choices: { leaveOut: ['Theme 2 Health'] } }));

    expect(again.actions).toEqual({
      created: [],
      updated: [],
      unchanged: 3,
      notInFile: ['2.1', '2.3', '2.4'],
      // Issue 20: values edited in Action Tracker since the last import (none here).
      edited: [],
    });
    const remapped = await run(
      stores,
      await request({ choices: { mapping: { 'Partners involved': 'contributing_agencies' } } }),
    );
    // Changed on purpose (issue 19): the preview names fields by label, never by code name.
    // Changed on purpose (issue 20): the preview gives old → new for lists too.
    expect(remapped.actions.updated).toEqual([
      { id: '1.1', fields: ['Contributing agencies: none → Health; Education'] },
    ]);
  });
});
