/**
 * The CLI's re-import over values edited in Action Tracker (issue 20, point 5), on the built CLI and
 * Azurite: the dry run names each change old → new and flags the dashboard's edits with who and when;
 * without a choice they are kept; `--take-file 2.1:owners` takes the file's owners; a --take-file that
 * names nothing edited is refused with exit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/app/system-clock';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { calendarDateIn, formatUkDate } from '../../src/domain/dates';
import { cardVersion } from '../../src/domain/status-change';
import { editActionAs } from '../../src/usecases/admin/action-admin';
import { addGroup } from '../../src/usecases/groups/monitoring-groups';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { runBuiltCli } from '../support/processes';
import { freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = 'takefile';
const COORDINATOR = { aadObjectId: 'aad-jo', name: 'Jo Bloggs', email: 'jo.bloggs@council.gov.uk' };
const HEADER =
  'Area number,Area for improvement,Ref,Action,Lead agency,Owner,Owner e-mail,Due date,Success measure';
const ROW_11 = 'A1,Sharing,1.1,Refresh guidance,Police,Pat Lee,pat.lee@police.uk,31/03/2027,Guidance out';
const ROW_21 =
  'A2,Health,2.1,Run the panel,ICB,Sam Green,sam.green@icb.nhs.uk,13/01/2027,Panel meets monthly';
const dir = mkdtempSync(join(tmpdir(), 'take-file-'));
const withGroups = join(dir, 'plan-with-groups.csv');
writeFileSync(
  withGroups,
  `${HEADER},Monitoring group\n${ROW_11},Partnership board\n${ROW_21},Partnership board\n`,
);

let prefix: string;
let stores: Stores;
const deps = () => ({
  stores,
  clock: systemClock,
  calendar: new UkHolidayCalendar(),
  random: seededRandom(),
});
const cli = (args: string[]) =>
  runBuiltCli(['import', withGroups, '--plan', PLAN, ...args], {
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
  });

beforeEach(async () => {
  ({ stores, prefix } = await freshStores());
  await importPlan(deps(), {
    planId: PLAN,
    rows: [HEADER, ROW_11, ROW_21].map((line) => line.split(',')),
    title: 'Take file',
    details: { coordinators: [COORDINATOR.email] },
    dryRun: false,
    actor: COORDINATOR.email,
    sourceName: 'plan.csv',
  });
  await addGroup(deps(), {
    planId: PLAN,
    actor: COORDINATOR.email,
    group: {
      name: 'Partnership board',
      cadence: 'quarterly',
      oversightBody: 'Board',
      meetings: ['2027-02-10'],
    },
  });
  // Corrected in the dashboard a moment after the import (the history orders by time).
  await new Promise((resolve) => setTimeout(resolve, 5));
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
  expect(edited).toMatchObject({ kind: 'saved' });
}, 30_000);

describe('action-tracker import over edits made in Action Tracker', () => {
  test('when it is a dry run, then each change is named old → new and the edits are flagged as kept, with how to take the file’s', async () => {
    const dry = await cli(['--dry-run']);

    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2.1: Monitoring group: none → Partnership board');
    const today = formatUkDate(calendarDateIn('Europe/London', new Date()));
    expect(dry.stdout).toContain(
      `2.1 Owners: Alex Khan <alex.khan@icb.nhs.uk> (Action Tracker) → Sam Green <sam.green@icb.nhs.uk> (file), edited in Action Tracker on ${today} by Jo Bloggs: keeping Action Tracker's value`,
    );
    expect(dry.stdout).toContain(
      '2.1 Success measure: Panel meets fortnightly (Action Tracker) → Panel meets monthly (file)',
    );
    expect(dry.stdout).toContain('--take-file 2.1:owners');
    expect(dry.stdout).not.toContain('monitoringGroupId');
  }, 30_000);

  test('when --take-file 2.1:owners is given, then the file’s owners are taken and the success measure kept', async () => {
    const run = await cli(['--take-file', '2.1:owners', '--yes']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '2.1 Owners: Alex Khan <alex.khan@icb.nhs.uk> (Action Tracker) → Sam Green <sam.green@icb.nhs.uk> (file)',
    );
    expect(run.stdout).toContain("took the file's value");
    expect(run.stdout).toContain("kept Action Tracker's value");
    const action = (await stores.actions.get(PLAN, '2.1'))!.value;
    expect(action.owners).toEqual([{ name: 'Sam Green', email: 'sam.green@icb.nhs.uk' }]);
    expect(action.successMeasure).toBe('Panel meets fortnightly');
    expect(action.monitoringGroupId).toBeDefined();
    const [latest] = await stores.history.listForAction(PLAN, '2.1');
    expect(latest!.importChoices?.map((c) => [c.field, c.took])).toEqual([
      ['owners', 'file'],
      ['successMeasure', 'app'],
    ]);
  }, 30_000);

  test('when --take-file names a value not edited in Action Tracker, then it exits 2 and writes nothing', async () => {
    const run = await cli(['--take-file', '1.1:owners', '--yes']);

    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      '--take-file 1.1:owners: the file does not change a value of action 1.1 edited in Action Tracker',
    );
    expect((await stores.actions.get(PLAN, '2.1'))!.value.monitoringGroupId).toBeUndefined();
  }, 30_000);
});
