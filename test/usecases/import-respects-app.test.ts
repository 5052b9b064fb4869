/**
 * A re-import that respects edits made in Action Tracker (issue 20, point 5), through the use cases on
 * Azurite: a plan is imported, its owner and success measure are corrected in the dashboard, and the
 * workbook (still holding the old values) is imported again with a new "Monitoring group" column. The
 * preview flags both edits with who made them and when; applying keeps them and sets the group; the
 * history says they were kept; choosing the file's value for one takes it and the history says so.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { describeHistoryChange } from '../../src/domain/history-summary';
import { cardVersion } from '../../src/domain/status-change';
import { editActionAs } from '../../src/usecases/admin/action-admin';
import { addGroup } from '../../src/usecases/groups/monitoring-groups';
import { type ImportRequest, importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import type { Actor } from '../../src/usecases/shared/actor';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'respect-2027';
const COORDINATOR: Actor = { aadObjectId: 'aad-jo', name: 'Jo Bloggs', email: 'jo.bloggs@council.gov.uk' };
const HEADER = [
  'Area number',
  'Area for improvement',
  'Ref',
  'Action',
  'Lead agency',
  'Owner',
  'Owner e-mail',
  'Due date',
  'Success measure',
];
const ROWS = [
  [
    'A1',
    'Sharing',
    '1.1',
    'Refresh guidance',
    'Police',
    'Pat Lee',
    'pat.lee@police.uk',
    '31/03/2027',
    'Guidance out',
  ],
  [
    'A2',
    'Health',
    '2.1',
    'Run the panel',
    'ICB',
    'Sam Green',
    'sam.green@icb.nhs.uk',
    '13/01/2027',
    'Panel meets monthly',
  ],
];
/** The same workbook with a Monitoring group column added: 2.1 to the board, 1.1 to the panel. */
const WITH_GROUPS = [
  [...HEADER, 'Monitoring group'],
  [...ROWS[0]!, 'Missing children panel'],
  [...ROWS[1]!, 'Partnership board'],
];

const clock = fixedClock('2026-11-02T09:00:00Z');
const calendar = new UkHolidayCalendar();
let stores: Stores;
const deps = () => ({ stores, clock, calendar, random: seededRandom() });

function run(rows: string[][], extra: Partial<ImportRequest> = {}) {
  return importPlan(deps(), {
    planId: PLAN,
    rows,
    title: 'Respect plan',
    details: { coordinators: [COORDINATOR.email] },
    dryRun: false,
    importGoodRows: true,
    actor: COORDINATOR.email,
    sourceName: 'plan.xlsx',
    ...extra,
  });
}

beforeEach(async () => {
  ({ stores } = await freshStores());
  clock.set('2026-11-02T09:00:00Z');
  await run([HEADER, ...ROWS]);
  for (const name of ['Partnership board', 'Missing children panel'])
    await addGroup(deps(), {
      planId: PLAN,
      actor: COORDINATOR.email,
      group: { name, cadence: 'quarterly', oversightBody: name, meetings: ['2027-02-10'] },
    });
  // Thursday 3 Dec 2026: the owner and the success measure of 2.1 are corrected in the dashboard.
  clock.set('2026-12-03T10:15:00Z');
  const imported = (await stores.actions.get(PLAN, '2.1'))!.value;
  const edited = await editActionAs(deps(), COORDINATOR, {
    planId: PLAN,
    actionId: '2.1',
    version: cardVersion(imported),
    fields: {
      description: 'Run the panel',
      areaId: 'A2',
      leadAgency: 'ICB',
      owners: 'Alex Khan <alex.khan@icb.nhs.uk>',
      successMeasure: 'Panel meets fortnightly',
    },
  });
  expect(edited).toMatchObject({ kind: 'saved', value: { changed: ['owners', 'successMeasure'] } });
  clock.set('2026-12-06T09:00:00Z');
});

describe('re-importing a workbook after edits in the dashboard', () => {
  test('when the workbook gains a Monitoring group column, then the preview flags the edits, old → new, and names the group', async () => {
    const preview = await run(WITH_GROUPS, { dryRun: true });

    expect(preview.actions.updated).toEqual([
      { id: '1.1', fields: ['Monitoring group: none → Missing children panel'] },
      { id: '2.1', fields: ['Monitoring group: none → Partnership board'] },
    ]);
    expect(preview.actions.edited).toEqual([
      {
        actionId: '2.1',
        field: 'owners',
        label: 'Owners',
        appValue: 'Alex Khan <alex.khan@icb.nhs.uk>',
        fileValue: 'Sam Green <sam.green@icb.nhs.uk>',
        editedAt: '2026-12-03T10:15:00.000Z',
        editedBy: 'Jo Bloggs',
        edited: 'edited in Action Tracker on 3 Dec 2026 by Jo Bloggs',
        took: 'app',
      },
      {
        actionId: '2.1',
        field: 'successMeasure',
        label: 'Success measure',
        appValue: 'Panel meets fortnightly',
        fileValue: 'Panel meets monthly',
        editedAt: '2026-12-03T10:15:00.000Z',
        editedBy: 'Jo Bloggs',
        edited: 'edited in Action Tracker on 3 Dec 2026 by Jo Bloggs',
        took: 'app',
      },
    ]);
    expect(preview.written).toBe(false);
  });

  test('when it is applied as previewed, then the edits are kept, the group is set, and the history says kept', async () => {
    const report = await run(WITH_GROUPS);

    expect(report.written).toBe(true);
    const action = (await stores.actions.get(PLAN, '2.1'))!.value;
    expect(action.owners).toEqual([{ name: 'Alex Khan', email: 'alex.khan@icb.nhs.uk' }]);
    expect(action.successMeasure).toBe('Panel meets fortnightly');
    const plan = (await stores.plans.get(PLAN))!.value;
    const board = plan.monitoringGroups!.find((g) => g.name === 'Partnership board')!;
    expect(action.monitoringGroupId).toBe(board.id);

    const [latest] = await stores.history.listForAction(PLAN, '2.1');
    expect(latest).toMatchObject({ source: 'import', changedFields: ['monitoringGroupId'] });
    expect(latest!.importChoices).toEqual([
      { field: 'owners', took: 'app', editedAt: '2026-12-03T10:15:00.000Z', editedBy: 'Jo Bloggs' },
      { field: 'successMeasure', took: 'app', editedAt: '2026-12-03T10:15:00.000Z', editedBy: 'Jo Bloggs' },
    ]);
    expect(describeHistoryChange(latest!)).toBe(
      'Changed: monitoring group; Kept the value edited in Action Tracker: owners, success measure',
    );
    const audit = (await stores.audit.list(PLAN, 20)).find(
      (e) => e.event === 'plan.imported' && e.at === '2026-12-06T09:00:00.000Z',
    );
    expect(audit?.details).toMatchObject({ actionsUpdated: 2, appValuesKept: 2, fileValuesTaken: 0 });

    // Imported again, the kept edits are still flagged (and kept): the file has not set them since.
    const again = await run(WITH_GROUPS, { dryRun: true });
    expect(again.actions.updated).toEqual([]);
    expect(again.actions.edited.map((e) => [e.actionId, e.field, e.took])).toEqual([
      ['2.1', 'owners', 'app'],
      ['2.1', 'successMeasure', 'app'],
    ]);
  });

  test('when the file’s owners are chosen, then they are taken, the success measure is kept, and the history says which way each went', async () => {
    const report = await run(WITH_GROUPS, { takeFile: [{ actionId: '2.1', field: 'owners' }] });

    expect(report.actions.updated).toContainEqual({
      id: '2.1',
      fields: [
        'Owners: Alex Khan <alex.khan@icb.nhs.uk> → Sam Green <sam.green@icb.nhs.uk>',
        'Monitoring group: none → Partnership board',
      ],
    });
    expect(report.actions.edited.map((e) => [e.field, e.took])).toEqual([
      ['owners', 'file'],
      ['successMeasure', 'app'],
    ]);
    const action = (await stores.actions.get(PLAN, '2.1'))!.value;
    expect(action.owners).toEqual([{ name: 'Sam Green', email: 'sam.green@icb.nhs.uk' }]);
    expect(action.successMeasure).toBe('Panel meets fortnightly');
    const [latest] = await stores.history.listForAction(PLAN, '2.1');
    expect(latest!.changedFields).toEqual(['owners', 'monitoringGroupId']);
    expect(describeHistoryChange(latest!)).toBe(
      "Changed: owners, monitoring group; Kept the value edited in Action Tracker: success measure; Took the file's value over the edit in Action Tracker: owners",
    );

    // The file set the owners now, so a later import no longer flags them; the success measure still is.
    const again = await run(WITH_GROUPS, { dryRun: true });
    expect(again.actions.edited.map((e) => e.field)).toEqual(['successMeasure']);
  });

  test('when the file differs only in the edited values, then nothing changes in the action but the history records them kept', async () => {
    const report = await run([HEADER, ...ROWS]);

    expect(report.actions.updated).toEqual([]);
    expect(report.actions.unchanged).toBe(2);
    const action = (await stores.actions.get(PLAN, '2.1'))!.value;
    expect(action.owners).toEqual([{ name: 'Alex Khan', email: 'alex.khan@icb.nhs.uk' }]);
    expect(action.revision).toBe(1);
    const [latest] = await stores.history.listForAction(PLAN, '2.1');
    expect(describeHistoryChange(latest!)).toBe(
      'Kept the value edited in Action Tracker: owners, success measure',
    );
  });
});
