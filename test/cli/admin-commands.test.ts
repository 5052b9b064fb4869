/** `delegate` and `plan settings` as a user runs them: the built CLI against the test Azurite. */
import { randomBytes } from 'node:crypto';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

function cli(args: string[], prefix: string) {
  return runBuiltCli(args, {
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
    SCHEDULER: 'off',
  });
}

describe('npm run cli -- delegate and plan settings', () => {
  const prefix = `A${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const imported = await cli(
      ['import', NORTHUMBERLAND_CSV, '--plan', 'nland', '--title', 'Northumberland JTAI'],
      prefix,
    );
    expect(imported.code).toBe(0);
  }, 60_000);

  test('when settings are set, then they are saved and shown; a bad value exits 1 naming it and changes nothing', async () => {
    const set = await cli(
      ['plan', 'settings', '--plan', 'nland', '--set', 'digestDay=wednesday', '--set', 'region=WLS'],
      prefix,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Saved region, digestDay for plan nland.');
    expect(set.stdout).toMatch(/digestDay\s+wednesday/);
    expect(set.stdout).toMatch(/region\s+WLS \(Wales\)/);

    const bad = await cli(['plan', 'settings', '--plan', 'nland', '--set', 'windowEnd=07:00'], prefix);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('windowEnd: must be later than the start of the send window');
    const unknown = await cli(['plan', 'settings', '--plan', 'nland', '--set', 'colour=blue'], prefix);
    expect(unknown.code).toBe(2);
    const shown = await cli(['plan', 'settings', '--plan', 'nland'], prefix);
    expect(shown.stdout).toMatch(/windowEnd\s+17:00/);
  }, 60_000);

  test('when cover is given for an owner, then it is listed and can be ended; cover for someone who owns nothing is refused', async () => {
    const list = await cli(['list', '--plan', 'nland'], prefix);
    const owner = /\s([a-z0-9.]+@[a-z0-9.]+)\s/.exec(list.stdout)?.[1];
    expect(owner).toBeDefined();
    const today = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const given = await cli(
      [
        'delegate',
        '--plan',
        'nland',
        '--owner',
        owner!,
        '--delegate',
        'Cover@Example.org',
        '--name',
        'Cover Person',
        '--from',
        today,
        '--until',
        until,
      ],
      prefix,
    );
    expect(given.code).toBe(0);
    expect(given.stdout).toContain(`cover@example.org covers for ${owner} in plan nland`);
    const listed = await cli(['delegate', '--plan', 'nland', '--list'], prefix);
    expect(listed.stdout).toContain('Cover Person <cover@example.org>');
    const id = listed.stdout
      .split('\n')
      .find((line) => line.includes('cover@example.org'))
      ?.trim()
      .split(/\s+/)[0];
    const ended = await cli(['delegate', '--plan', 'nland', '--end', id!], prefix);
    expect(ended.stdout).toContain(`Cover ${id} removed from plan nland`);

    const refused = await cli(
      [
        'delegate',
        '--plan',
        'nland',
        '--owner',
        'nobody@example.org',
        '--delegate',
        'x@example.org',
        '--from',
        today,
        '--until',
        until,
      ],
      prefix,
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('owner: nobody@example.org owns no action in this plan');
  }, 60_000);
});
