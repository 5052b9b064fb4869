/** `group`, `action group|contacts` and `round … --group` as an operator runs them, on Azurite. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { LEEDS_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

const dir = mkdtempSync(join(tmpdir(), 'group-cli-'));
const prefix = `G${randomBytes(4).toString('hex')}`;
const cli = (...args: string[]) =>
  runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
// 2031 has 2025's weekdays; far enough ahead that the import (at the real clock) came before the round.
const NOW = ['--now', '2031-01-15T10:00:00Z'];

describe('npm run cli -- group / action / round', () => {
  test('when an operator sets up two groups and runs a round for one, then each step says what it did', async () => {
    expect((await cli('import', LEEDS_CSV, '--plan', 'leeds', '--title', 'Leeds')).code).toBe(0);

    const council = await cli(
      'group',
      'add',
      '--plan',
      'leeds',
      '--name',
      'Council actions',
      '--cadence',
      'monthly',
      '--oversight',
      'DMT',
      '--meetings',
      '12/02/2031,12/03/2031',
      '--open-days',
      '5',
    );
    expect(council.code).toBe(0);
    expect(council.stdout).toContain(
      'Added monitoring group "Council actions" (council-actions) to plan leeds',
    );
    expect(council.stdout).toContain(
      'monthly, DMT, meets 12 Feb 2031, 12 Mar 2031; responses due 10 working days before each meeting; rounds open by themselves 5 working days before responses are due.',
    );
    const partnership = await cli(
      'group',
      'add',
      '--plan',
      'leeds',
      '--name',
      'Partnership actions',
      '--cadence',
      'bi-monthly',
      '--oversight',
      'LSCP Executive',
    );
    expect(partnership.stdout).toContain('no meetings yet');
    const meetings = await cli(
      'group',
      'meetings',
      '--plan',
      'leeds',
      '--group',
      'partnership actions',
      '--add',
      '2031-05-07',
      '--add',
      '05/03/2031',
    );
    expect(meetings.stdout).toContain('Meetings of "Partnership actions": 5 Mar 2031, 7 May 2031');

    for (const id of ['1.3', '3.1', '4.3'])
      expect(
        (await cli('action', 'group', '--plan', 'leeds', '--action', id, '--group', 'council-actions')).code,
      ).toBe(0);
    const moved = await cli(
      'action',
      'group',
      '--plan',
      'leeds',
      '--action',
      '2.2',
      '--group',
      'Partnership actions',
    );
    expect(moved.stdout).toContain('Action 2.2 is monitored in Partnership actions');
    const contacts = await cli(
      'action',
      'contacts',
      '--plan',
      'leeds',
      '--action',
      '2.2',
      '--contacts',
      'Police: Jo Bloggs <jo@police.example.org>',
    );
    expect(contacts.stdout).toContain(
      'Action 2.2: contributing agencies Police; contacts Police: Jo Bloggs <jo@police.example.org>',
    );

    const list = await cli('group', 'list', '--plan', 'leeds', ...NOW);
    expect(list.stdout).toMatch(
      /council-actions +Council actions +monthly +DMT +3 +12 Feb 2031 +29 Jan 2031 +22 Jan 2031 +—/,
    );
    expect(list.stdout).toMatch(
      /partnership-actions +Partnership actions +bi-monthly +LSCP Executive +1 +5 Mar 2031 +19 Feb 2031 +by hand/,
    );
    expect(list.stdout).toContain('7 actions are in no group.');

    const started = await cli('round', 'start', '--plan', 'leeds', '--group', 'council actions', ...NOW);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(
      'Round 1 (Council actions) opened: 3 actions, 3 owners, responses due 29 Jan 2031 for the meeting on 12 Feb 2031.',
    );
    const status = await cli('round', 'status', '--plan', 'leeds', '--group', 'council-actions', ...NOW);
    expect(status.stdout).toContain(
      'Round 1 (Council actions), open, responses due 29 Jan 2031: 0 of 3 answered.',
    );
    // The partnership group's round is its own; the plan-wide round asks the actions in no group.
    const second = await cli('round', 'start', '--plan', 'leeds', '--group', 'partnership-actions', ...NOW);
    expect(second.stdout).toContain(
      'Round 2 (Partnership actions) opened: 1 actions, 1 owners, responses due 19 Feb 2031',
    );
    const ambiguous = await cli('round', 'close', '--plan', 'leeds', ...NOW);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain(
      'rounds 1 (Council actions), 2 (Partnership actions) are open; say which group or round number to close',
    );
    const closed = await cli('round', 'close', '--plan', 'leeds', '--group', 'council actions', ...NOW);
    expect(closed.stdout).toContain('Round 1 (Council actions) closed: snapshot of 3 actions');

    // A group with actions or an open round stays; bad input is named and changes nothing.
    const busy = await cli('group', 'remove', '--plan', 'leeds', '--group', 'partnership actions');
    expect(busy.code).toBe(1);
    expect(busy.stdout).toContain('"Partnership actions" still has 1 action (2.2)');
    const unknown = await cli('action', 'group', '--plan', 'leeds', '--action', '1.1', '--group', 'Housing');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('"Housing" is not a monitoring group of plan leeds');
    const cadence = await cli('group', 'add', '--plan', 'leeds', '--name', 'X', '--cadence', 'weekly');
    expect(cadence.code).toBe(2);
    expect(cadence.stdout).toContain('--cadence must be one of monthly, bi-monthly, quarterly');

    // An import names groups in a "Monitoring group" column; an unknown one is reported by row.
    const rows = await readSpreadsheet(LEEDS_CSV);
    rows[0]!.push('Monitoring group');
    for (const [i, row] of rows.slice(1).entries())
      row.push(i === 0 ? 'Partnership actions' : i === 1 ? 'Nowhere' : '');
    const file = join(dir, 'grouped.csv');
    writeFileSync(file, rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
    const refused = await cli('import', file, '--plan', 'leeds');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'row 3, monitoring_group: "Nowhere" is not a monitoring group of plan leeds',
    );
    rows[2]![rows[2]!.length - 1] = 'council-actions';
    writeFileSync(file, rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
    const imported = await cli('import', file, '--plan', 'leeds');
    expect(imported.stdout).toContain('"Monitoring group" → monitoring_group');
    // Changed on purpose (issue 19): the preview names the field by its label, with old → new values,
    // and a group by its name rather than its id.
    expect(imported.stdout).toMatch(
      /1\.1: Monitoring group: none → Partnership actions\n +1\.2: Monitoring group: none → Council actions/,
    );
  }, 300_000);
});
