/** `measures` and `measure add|value` as an operator runs them, on Azurite, through the built CLI. */
import { randomBytes } from 'node:crypto';
import { LEEDS_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

const prefix = `M${randomBytes(4).toString('hex')}`;
const cli = (...args: string[]) =>
  runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
const NOW = ['--now', '2026-12-07T10:00:00Z'];

describe('npm run cli -- measures / measure', () => {
  test('when an operator adds a measure and records values, then the table shows its status and a correction is kept', async () => {
    expect((await cli('import', LEEDS_CSV, '--plan', 'leeds', '--title', 'Leeds', '--yes')).code).toBe(0);
    expect((await cli('measures', '--plan', 'leeds')).stdout).toContain(
      'Plan leeds has no impact measures yet.',
    );

    const added = await cli(
      'measure',
      'add',
      '--plan',
      'leeds',
      '--measure',
      'M1',
      '--area',
      'AFI2',
      '--actions',
      '2.1,2.2',
      '--name',
      'CAMHS assessments within 18 weeks',
      '--unit',
      'percentage',
      '--better',
      'higher',
      '--baseline',
      '48',
      '--baseline-date',
      '2026-03-31',
      '--target',
      '80',
      '--target-date',
      '2027-03-31',
      '--frequency',
      'monthly',
      '--reporter',
      'icb.analyst@nhs.example',
      '--kind',
      'how-well',
      ...NOW,
    );
    expect(added.stdout).toContain('Added measure M1 "CAMHS assessments within 18 weeks" to plan leeds');
    expect(added.code).toBe(0);

    const first = await cli(
      'measure',
      'value',
      '--plan',
      'leeds',
      '--measure',
      'M1',
      '--period',
      '2026-11',
      '--value',
      '75',
      ...NOW,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Recorded 75% for M1 in Nov 2026');
    expect(first.stdout).toContain(
      '48% (31 Mar 2026) → 75% (Nov 2026) → 80% by 31 Mar 2027; higher is better; on track',
    );

    const corrected = await cli(
      'measure',
      'value',
      '--plan',
      'leeds',
      '--measure',
      'M1',
      '--period',
      '2026-11',
      '--value',
      '60',
      ...NOW,
    );
    expect(corrected.stdout).toContain('Corrected M1 for Nov 2026: 75% → 60% (both are kept in its history)');

    const listed = await cli('measures', '--plan', 'leeds', ...NOW);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /M1 CAMHS assessments within 18 weeks\s+AFI2\s+How well did we do it\?\s+48%\s+60% \(Nov 2026\)\s+80%\s+off track: 60% in Nov 2026 against 69\.4% expected/,
    );
  });

  test('when a value is not a number, for the future or over 100%, then nothing is stored and the reason is given', async () => {
    const bad = await cli(
      'measure',
      'value',
      '--plan',
      'leeds',
      '--measure',
      'M1',
      '--period',
      '2027-05',
      '--value',
      '140',
      ...NOW,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Nothing was written. 2 problems:');
    expect(bad.stdout).toContain('value: is a percentage, so at most 100');
    expect(bad.stdout).toContain('period: May 2027 has not begun yet');
    const missing = await cli(
      'measure',
      'value',
      '--plan',
      'leeds',
      '--measure',
      'M9',
      '--period',
      '2026-11',
      '--value',
      '1',
      ...NOW,
    );
    expect(missing.code).toBe(3);
    expect(missing.stdout).toContain('Measure M9 was not found.');
  });
});
