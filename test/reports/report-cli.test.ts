import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

// Runs the built CLI (dist/): `npm test` builds first; after editing, `npm run build` before `npx jest`.
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const prefix = `R${randomBytes(4).toString('hex')}`;

function cli(args: string[]) {
  return runBuiltCli(args, { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
}

describe('npm run cli -- report', () => {
  test('when a plan is reported as html, xlsx and csv, then each file is written and the counts are printed', async () => {
    expect(
      (await cli(['import', NORTHUMBERLAND_CSV, '--plan', 'nland', '--title', 'Northumberland'])).code,
    ).toBe(0);
    const html = join(dir, 'report.html');
    const done = await cli(['report', '--plan', 'nland', '--format', 'html', '--out', html]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`written to ${html}`);
    expect(done.stdout).toMatch(/Yellow +7/);
    expect(readFileSync(html, 'utf8')).toContain('<!DOCTYPE html>');

    expect((await cli(['report', '--plan', 'nland', '--out', join(dir, 'r.xlsx')])).code).toBe(0);
    expect(readFileSync(join(dir, 'r.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(
      (await cli(['report', '--plan', 'nland', '--format', 'csv', '--out', join(dir, 'r.csv')])).code,
    ).toBe(0);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);

    const wrong = await cli(['report', '--plan', 'nland', '--format', 'pdf', '--out', join(dir, 'r.pdf')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain('--format must be one of html, xlsx, csv');
    expect((await cli(['report', '--plan', 'nope', '--out', join(dir, 'n.html')])).code).toBe(3);
  }, 60_000);
});
