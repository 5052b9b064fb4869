import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { formatUkDate } from '../../src/domain/dates';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { planWorkbook } from '../support/plan-workbook';
import { LEEDS_CSV, NORTHUMBERLAND_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));

function cli(args: string[], prefix: string) {
  return runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
}

function newPrefix(): string {
  return `C${randomBytes(4).toString('hex')}`;
}

describe('npm run cli', () => {
  test('when a sample is imported, then the report shows the column mapping and counts, and list shows the plan', async () => {
    const prefix = newPrefix();
    const imported = await cli(
      ['import', NORTHUMBERLAND_CSV, '--plan', 'nland', '--title', 'Northumberland JTAI'],
      prefix,
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('"due_date" → due_date');
    expect(imported.stdout).toContain('actions: 22 created, 0 updated, 0 unchanged');

    const again = await cli(['import', NORTHUMBERLAND_CSV, '--plan', 'nland'], prefix);
    expect(again.stdout).toContain('actions: 0 created, 0 updated, 22 unchanged');

    const role = await cli(
      ['role', '--plan', 'nland', '--email', 'Business.Manager@Example.org', '--role', 'coordinator'],
      prefix,
    );
    expect(role.stdout).toContain('business.manager@example.org is now a coordinator of plan nland');

    const list = await cli(['list', '--plan', 'nland'], prefix);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Northumberland JTAI (nland), 6 areas, 22 actions');
    expect(list.stdout).toContain('Coordinators: business.manager@example.org');
    expect(list.stdout).toMatch(/5\.2 +Deliver MSET roadshows.*31 Jul 2020 +Red/);
  }, 60_000);

  test('when a coordinator sets how an owner is reached, then it is recorded and audited, and owners shows each channel', async () => {
    const prefix = newPrefix();
    expect(
      (await cli(['import', NORTHUMBERLAND_CSV, '--plan', 'nland', '--title', 'Northumberland'], prefix))
        .code,
    ).toBe(0);

    const set = await cli(
      ['contact', '--plan', 'nland', '--email', 'YOS.Manager@example.org', '--channel', 'both'],
      prefix,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('yos.manager@example.org is now reached by: both');
    // No Teams chat yet, so of "both" only e-mail is open (the CLI runs locally: the catcher is on).
    expect(set.stdout).toContain('yos.manager@example.org: E-mail (chose Teams and e-mail)');
    const stores = createStores(new TableClients({ connectionString: testConnectionString() }, prefix));
    expect((await stores.audit.list('nland', 1))[0]).toMatchObject({
      event: 'contact.channel-set',
      actor: expect.stringMatching(/^cli:/),
      details: { email: 'yos.manager@example.org', channel: 'both', from: 'auto' },
    });

    const owners = await cli(['owners', '--plan', 'nland'], prefix);
    expect(owners.code).toBe(0);
    expect(owners.stdout).toMatch(
      /YOS Manager +yos\.manager@example\.org +\d+ +E-mail +chose Teams and e-mail; not in Teams: has not installed Action Tracker/,
    );
    expect(owners.stdout).toMatch(
      /Head of Service Looked After Children +lac\.head@example\.org +\d+ +E-mail +not in Teams/,
    );

    const stranger = await cli(
      ['contact', '--plan', 'nland', '--email', 'nobody@example.org', '--channel', 'email'],
      prefix,
    );
    expect(stranger.code).toBe(3);
    expect(stranger.stdout).toContain(
      'nobody@example.org in plan nland (not an owner, coordinator or lead of it) was not found.',
    );
    const wrong = await cli(
      ['contact', '--plan', 'nland', '--email', 'yos.manager@example.org', '--channel', 'pigeon'],
      prefix,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain('--channel must be one of auto, teams, email, both');
  }, 90_000);

  test('when a file has bad rows, then it exits 1, lists row, column and reason, and writes nothing', async () => {
    const prefix = newPrefix();
    const rows = await readSpreadsheet(LEEDS_CSV);
    rows[2]![8] = '31/02/2025';
    rows[4]![0] = '';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
    const result = await cli(['import', bad, '--plan', 'leeds', '--title', 'Leeds'], prefix);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Nothing was written. 2 problems:');
    expect(result.stdout).toContain('row 3, due_date: "31/02/2025" is not a date');
    // A blank area number is filled down from the row above, whose area's text differs.
    expect(result.stdout).toContain('row 5, area: differs from the text given for area AFI1 on row 2');
    expect(result.stdout).toContain('Run again with --yes to import the 9 good rows');
    const list = await cli(['list'], prefix);
    expect(list.stdout).toContain('No plans yet');
  }, 60_000);

  test('when a workbook as partnerships keep it is imported with no flags, then it prints its readings and problem rows, and --yes imports the good rows', async () => {
    const prefix = newPrefix();
    const file = join(dir, 'partnership-plan.xlsx');
    writeFileSync(file, await planWorkbook());

    const first = await cli(['import', file, '--plan', 'leeds-wb', '--title', 'Leeds 2027'], prefix);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Sheet "Theme 1 Sharing": header on row 4, 3 rows');
    expect(first.stdout).toContain('Sheet "Front page": not read (no header row found');
    expect(first.stdout).toContain(
      'Theme 1 Sharing row 6, action 1.2, due_date: "Q3 2027/28" → 31 Dec 2027 (end of Q3 2027/28)',
    );
    expect(first.stdout).toContain(
      'Theme 1 Sharing row 7, action 1.3, due_date: "Ongoing" → "Ongoing": no deadline',
    );
    expect(first.stdout).toContain(
      'Theme 2 Health row 4, action 2.2: due_date "soon" is not a timescale I can read',
    );
    expect(first.stdout).toContain('Run again with --yes to import the 6 good rows');
    expect((await cli(['list'], prefix)).stdout).toContain('No plans yet');

    const yes = await cli(
      [
        'import',
        file,
        '--plan',
        'leeds-wb',
        '--title',
        'Leeds 2027',
        '--yes',
        '--map',
        'Partners involved=contributing_agencies',
      ],
      prefix,
    );
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('"Partners involved" → contributing_agencies');
    expect(yes.stdout).toContain('actions: 6 created, 0 updated, 0 unchanged');
    const list = await cli(['list', '--plan', 'leeds-wb'], prefix);
    expect(list.stdout).toMatch(/1\.3 +Keep the front door rota.*no deadline/);

    const one = await cli(
      ['import', file, '--plan', 'leeds-wb', '--sheet', 'Theme 1 Sharing', '--dry-run'],
      prefix,
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Sheet "Theme 2 Health": not read (not the sheet chosen)');
    expect(one.stdout).toContain('actions: 0 created, 0 updated, 3 unchanged');
    expect(one.stdout).toContain('kept, not in this file: 2.1, 2.3, 2.4');
    const badMap = await cli(['import', file, '--plan', 'leeds-wb', '--map', 'Timescale=when'], prefix);
    expect(badMap.code).toBe(2);
    expect(badMap.stdout).toContain('--map "Timescale=when" should be "Header=column"');
  }, 90_000);

  test('when a plan is exported to xlsx and csv, then both files are written and re-import as unchanged', async () => {
    const prefix = newPrefix();
    await cli(['import', LEEDS_CSV, '--plan', 'leeds', '--title', 'Leeds'], prefix);
    for (const format of ['csv', 'xlsx']) {
      const out = join(dir, `leeds-${prefix}.${format}`);
      const exported = await cli(['export', '--plan', 'leeds', '--format', format, '--out', out], prefix);
      expect(exported.stdout).toContain(`Exported 11 actions of plan leeds to ${out}`);
      const reimported = await cli(['import', out, '--plan', 'leeds'], prefix);
      expect(reimported.stdout).toContain('actions: 0 created, 0 updated, 11 unchanged');
    }
  }, 60_000);

  test('when the command or options are wrong, then it exits 2 or 3 with a specific message', async () => {
    const prefix = newPrefix();
    const unknown = await cli(['frobnicate'], prefix);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('unknown command "frobnicate"');
    const noPlan = await cli(['export', '--format', 'csv', '--out', join(dir, 'x.csv')], prefix);
    expect(noPlan.code).toBe(2);
    expect(noPlan.stdout).toContain('--plan is required');
    const missing = await cli(
      ['export', '--plan', 'nope', '--format', 'csv', '--out', join(dir, 'x.csv')],
      prefix,
    );
    expect(missing.code).toBe(3);
    expect(missing.stdout).toContain('Plan nope was not found.');
  }, 60_000);

  test('when someone asks for help (help, --help, -h or nothing), then it lists every command, one line each, and exits 0', async () => {
    for (const args of [['help'], ['--help'], ['-h'], []]) {
      const help = await runBuiltCli(args, {});
      expect(help.code).toBe(0);
      expect(help.stdout).not.toContain('unknown command');
      // Each command the CLI runs has its own line under "Commands:" naming it and what it is for.
      const list = help.stdout.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
      for (const command of [
        'import',
        'export',
        'report',
        'round',
        'sweep',
        'digest',
        'revoke-links',
        'purge',
      ]) {
        expect(list).toMatch(new RegExp(`^  ${command} +\\S.*$`, 'm'));
      }
    }
    const one = await runBuiltCli(['help', 'sweep'], {});
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('sweep  [--now <ISO date-time>] [--dry-run]');
    const unknown = await runBuiltCli(['help', 'frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain('unknown command "frobnicate"');
  }, 60_000);

  test('when a sweep finds nothing due, then it says why: none today, when the next reminders are, and the send window', async () => {
    const { stores, prefix } = await freshStores();
    await seedDemoPlan({
      stores,
      clock: { now: () => new Date('2026-11-02T10:00:00Z') },
      random: seededRandom(),
      calendar: new UkHolidayCalendar(),
    });
    const filed = (await stores.actions.readPlan('demo-leeds-syv')).actions
      .map((a) => a.value.nextReminderOn)
      .filter((d): d is string => d !== undefined)
      .sort();
    const next = filed[0]!;
    const count = filed.filter((d) => d === next).length;
    // Two days before the first reminder: nothing in the sweep's reach, inside and outside the window.
    const quietDay = new Date(Date.parse(`${next}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    const nextWords = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${next}T12:00:00Z`).getUTCDay()]} ${formatUkDate(next)}`;
    const reminders = `${count} reminder${count === 1 ? '' : 's'}`;

    const inside = await cli(['sweep', '--dry-run', '--now', `${quietDay}T11:00:00Z`], prefix);
    expect(inside.code).toBe(0);
    expect(inside.stdout).toContain(
      `Nothing due: no reminders fall due today (next: ${reminders} on ${nextWords}).`,
    );

    const outside = await cli(['sweep', '--dry-run', '--now', `${quietDay}T20:00:00Z`], prefix);
    expect(outside.stdout).toContain(
      `Nothing due: no reminders fall due today (next: ${reminders} on ${nextWords}); outside the send window 09:00–17:00.`,
    );
  }, 60_000);

  test('when the configuration is invalid, then it stops with one readable line', async () => {
    const result = await runBuiltCli(['list'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration is not valid: PORT: Expected number, received nan');
  });
});
