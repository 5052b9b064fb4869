/**
 * Issue 20, "local mode that works out of the box": without LINK_SIGNING_SECRET, a round started from the
 * built CLI e-mails links (to the local catcher under DATA_DIR) that the built server, started on the same
 * DATA_DIR, opens. Both read the one secret kept in the data folder; the links name the server's PORT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { LINK_SECRET_FILE } from '../../src/app/link-secret';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { isWorkingDay } from '../../src/domain/working-days';
import { openUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { freePort } from '../../src/storage/azurite';
import { LEEDS_CSV } from '../support/plans';
import { ROOT, runBuiltCli, waitFor } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

const dataDir = mkdtempSync(join(tmpdir(), 'link-secret-cli-'));
let server: ChildProcess | undefined;

afterAll(async () => {
  if (server?.pid !== undefined && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The round starts at 10:00 on the next working day (inside any send window, so it sends at once), with
 * responses due on a working day about five weeks on: past the 21 days links used to last.
 */
function roundDates(): { now: string; dueUk: string; dueIso: string } {
  const calendar = new UkHolidayCalendar();
  const day = (offset: number) =>
    new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  let start = 1;
  while (!isWorkingDay(day(start), 'ENG', calendar)) start += 1;
  let due = start + 38;
  while (!isWorkingDay(day(due), 'ENG', calendar)) due += 1;
  const [y, m, d] = day(due).split('-');
  return { now: `${day(start)}T10:00:00Z`, dueUk: `${d}/${m}/${y}`, dueIso: day(due) };
}

test('when a round is started from the CLI with no LINK_SIGNING_SECRET, then its e-mailed links open on the server using the same DATA_DIR', async () => {
  const port = await freePort();
  const env = {
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: `L${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    PORT: String(port),
    // Empty counts as unset and beats a developer's .env: local mode, no secret, no relay, PUBLIC_HOSTNAME unset.
    LINK_SIGNING_SECRET: '',
    MicrosoftAppId: '',
    SMTP_URL: '',
    PUBLIC_HOSTNAME: '',
    HOST: '',
    SCHEDULER: 'off',
    DEMO_PLAN: 'off',
    LOG_LEVEL: 'warn',
  };
  expect((await runBuiltCli(['import', LEEDS_CSV, '--plan', 'leeds', '--title', 'Leeds'], env)).code).toBe(0);
  const dates = roundDates();
  const started = await runBuiltCli(
    ['round', 'start', '--plan', 'leeds', '--due', dates.dueUk, '--now', dates.now],
    env,
  );
  expect(started.stdout).toContain('Round 1');
  expect(started.code).toBe(0);

  // The secret the CLI made: in the data folder, for its owner only.
  const secretFile = join(dataDir, LINK_SECRET_FILE);
  expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  const keys = updatePageKeys(Buffer.from(readFileSync(secretFile, 'utf8').trim()));

  const mailDir = join(dataDir, 'mail');
  const files = readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
  expect(files.length).toBeGreaterThan(0);
  const parsed = await simpleParser(readFileSync(join(mailDir, files[0]!)));
  const link = /href="(http:\/\/[^"]*\/update\/[A-Za-z0-9_-]+)"/.exec(String(parsed.html))?.[1];
  expect(link).toBeDefined();
  // The link names the port the server listens on (PUBLIC_HOSTNAME follows PORT), and lives to the
  // end of the round's response date.
  expect(link!.startsWith(`http://localhost:${port}/update/`)).toBe(true);
  const claims = openUpdateToken(keys, link!.slice(link!.lastIndexOf('/') + 1));
  expect(claims).toBeDefined();
  expect(claims!.x).toBeGreaterThan(Date.parse(`${dates.dueIso}T23:00:00Z`));

  server = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined),
    60_000,
  ).catch(() => {
    throw new Error(`the server did not start:\n${output}`);
  });
  const page = await fetch(link!.replace(`http://localhost:${port}`, base));
  const html = await page.text();
  expect(html).toContain('You are updating action');
  expect(page.status).toBe(200);
}, 120_000);
