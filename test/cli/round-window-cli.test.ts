/** `round start` from the CLI outside the plan's send window: nothing is sent, and it says when it will be. */
import { randomBytes } from 'node:crypto';
import { LEEDS_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

const prefix = `W${randomBytes(4).toString('hex')}`;
const cli = (...args: string[]) =>
  runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });

describe('npm run cli -- round start and the send window', () => {
  test('when an operator starts a round at 01:13 on a Sunday with responses due in Christmas week, then nothing is sent, it says when the requests go, and the date is flagged', async () => {
    expect((await cli('import', LEEDS_CSV, '--plan', 'leeds', '--title', 'Leeds')).code).toBe(0);
    // Sunday 7 Dec 2031, 01:13 in London (2031 has 2025's weekdays).
    const started = await cli(
      'round',
      'start',
      '--plan',
      'leeds',
      '--due',
      '29/12/2031',
      '--now',
      '2031-12-07T01:13:00Z',
    );
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('Round 1 (');
    expect(started.stdout).toContain('responses due 29 Dec 2031');
    expect(started.stdout).toContain(
      'Check the response date: 29 Dec 2031 falls between Christmas and New Year.',
    );
    expect(started.stdout).toContain(
      "Requests will go at 09:00 on Mon 8 Dec 2031, inside the plan's send window.",
    );
    // No delivery table: nothing was sent or tried.
    expect(started.stdout).not.toContain('Outcome');
  });
});
