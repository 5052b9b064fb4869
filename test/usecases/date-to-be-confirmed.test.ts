/**
 * "TBC" in a plan's due date column is a date still owed, not "Ongoing": imported through the use case on
 * Azurite, it is stored as its own kind of no deadline, never reminded, listed to coordinators as "date
 * to be confirmed", shown as "Date to be confirmed", and exported as "TBC" so a re-import reads it back.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { hasDeadline, isDateToBeConfirmed } from '../../src/domain/action';
import { actionFacts, dueText } from '../../src/domain/action-facts';
import { formatDueDate, noDeadlineOf } from '../../src/domain/deadline';
import { computeDigest } from '../../src/domain/digest';
import { summarisePlan } from '../../src/domain/plan-summary';
import { exportPlan } from '../../src/usecases/plans/export-plan';
import { type ImportRequest, importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { buildPlanProgressReport } from '../../src/usecases/reports/build-progress-report';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'tbc-plan';
const clock = fixedClock('2027-01-11T10:00:00Z');
const HEADER = [
  'area_id',
  'area',
  'action_id',
  'action',
  'lead_agency',
  'owner_name',
  'owner_email',
  'start_date',
  'due_date',
  'rating',
  'success_measure',
];
const row = (id: string, due: string) => [
  'AFI1',
  'Sharing police protection notifications',
  id,
  `Action ${id}`,
  'Police',
  'Jo Bloggs',
  'jo.bloggs@example.org',
  '2027-01-01',
  due,
  '',
  'Measured',
];

function importRows(stores: Stores, rows: string[][], extra: Partial<ImportRequest> = {}) {
  return importPlan(
    { stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() },
    {
      planId: PLAN,
      sheets: [{ name: 'Plan', rows }],
      title: 'TBC plan',
      dryRun: false,
      actor: 'test',
      sourceName: 'plan.csv',
      ...extra,
    },
  );
}

describe('a due date "TBC"', () => {
  let stores: Stores;
  beforeAll(async () => {
    ({ stores } = await freshStores());
    await importRows(stores, [HEADER, row('1.1', 'TBC'), row('1.2', 'Ongoing'), row('1.3', '31/03/2027')]);
  });

  const actionsById = async () =>
    new Map((await stores.actions.readPlan(PLAN)).actions.map((a) => [a.value.id, a.value]));

  test('when it is imported, then it is a date to be confirmed, distinct from Ongoing, and never reminded', async () => {
    const byId = await actionsById();
    const tbc = byId.get('1.1')!;
    const ongoing = byId.get('1.2')!;
    expect(hasDeadline(tbc)).toBe(false);
    expect(isDateToBeConfirmed(tbc)).toBe(true);
    expect(isDateToBeConfirmed(ongoing)).toBe(false);
    expect(tbc.nextReminderOn).toBeUndefined();
    expect(formatDueDate(tbc.currentDueDate, noDeadlineOf(tbc))).toBe('Date to be confirmed');
    expect(formatDueDate(ongoing.currentDueDate, noDeadlineOf(ongoing))).toBe('no deadline');
    expect(dueText(tbc, '2027-01-11')).toBe('Date to be confirmed');
  });

  test('when a coordinator reads the digest, the summary, the facts and the report, then it is listed as date to be confirmed', async () => {
    const byId = await actionsById();
    const actions = [...byId.values()];
    const digest = computeDigest(actions, '2027-01-11', 'monthly', undefined);
    expect(digest.dateToBeConfirmed.map((a) => a.id)).toEqual(['1.1']);
    expect(digest.overdue.map((a) => a.id)).toEqual([]);
    expect(summarisePlan(actions, '2027-01-11').dateToBeConfirmed).toBe(1);
    const plan = (await stores.plans.get(PLAN))!.value;
    expect(actionFacts({ plan, action: byId.get('1.1')!, today: '2027-01-11' })).toContainEqual([
      'Due',
      'Date to be confirmed',
    ]);
    const report = await buildPlanProgressReport(stores, PLAN, 'test', clock.now(), 'csv');
    const reportRows = report.areas.flatMap((area) => area.rows);
    expect(reportRows.find((r) => r.id === '1.1')).toMatchObject({ currentDue: 'Date to be confirmed' });
    expect(reportRows.find((r) => r.id === '1.2')).toMatchObject({ currentDue: 'no deadline' });
  });

  test('when the plan is exported and re-imported, then "TBC" and "Ongoing" each come back as they were', async () => {
    const rows = await exportPlan(stores, PLAN, 'test', clock.now());
    const dueColumn = rows[0]!.indexOf('due_date');
    const idColumn = rows[0]!.indexOf('action_id');
    const cells = new Map(rows.slice(1).map((r) => [r[idColumn], r[dueColumn]]));
    expect(cells.get('1.1')).toBe('TBC');
    expect(cells.get('1.2')).toBe('Ongoing');
    expect(cells.get('1.3')).toBe('2027-03-31');

    const again = await importRows(stores, rows);
    expect(again.actions.updated).toEqual([]);
    expect(again.actions.unchanged).toBe(3);
    expect(isDateToBeConfirmed((await actionsById()).get('1.1')!)).toBe(true);
  });

  test('when a later file says "Ongoing" where it said "TBC", then it is no longer owed, and the preview says so', async () => {
    const preview = await importRows(
      stores,
      [HEADER, row('1.1', 'Ongoing'), row('1.2', 'Ongoing'), row('1.3', '31/03/2027')],
      {
        dryRun: true,
      },
    );
    expect(preview.actions.updated.map((u) => u.id)).toEqual(['1.1']);
    await importRows(stores, [
      HEADER,
      row('1.1', 'Ongoing'),
      row('1.2', 'Ongoing'),
      row('1.3', '31/03/2027'),
    ]);
    expect(isDateToBeConfirmed((await actionsById()).get('1.1')!)).toBe(false);
  });
});
