import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
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

  test("when a paper is made with its covering report's inputs, then they are in it; a bad date writes nothing", async () => {
    expect(
      (await cli(['import', NORTHUMBERLAND_CSV, '--plan', 'nland2', '--title', 'Northumberland'])).code,
    ).toBe(0);
    const out = join(dir, 'paper.docx');
    const paper = [
      ...['report', '--plan', 'nland2', '--format', 'docx', '--out', out],
      ...['--committee', "Families and Children's Overview and Scrutiny Committee", '--date', '16/07/2020'],
      ...['--author', 'Executive Director of Children’s Services'],
      ...[
        '--recommendation',
        'Acknowledge the progress made.',
        '--recommendation',
        'Identify any areas for additional scrutiny.',
      ],
    ];
    const made = await cli(paper);
    expect(made.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const text = (await zip.file('word/document.xml')!.async('string'))
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;/g, "'");
    expect(text).toContain("Committee: Families and Children's Overview and Scrutiny Committee");
    expect(text).toContain('Date: 16 Jul 2020');
    expect(text).toContain('Report author: Executive Director of Children’s Services');
    expect(text).toContain('Acknowledge the progress made.');
    expect(text).toContain('Identify any areas for additional scrutiny.');

    const badOut = join(dir, 'bad.docx');
    const bad = await cli(['report', '--plan', 'nland2', '--out', badOut, '--date', '31/13/2020']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain('date: "31/13/2020" is not a date');
    expect(existsSync(badOut)).toBe(false);
  }, 60_000);
});
