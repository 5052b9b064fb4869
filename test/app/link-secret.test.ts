/**
 * The data folder's link secret (issue 20): made once, 32 random bytes, readable by its owner only, and
 * the same for processes that start together (the server and a CLI command run at the same moment).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkSecretFor } from '../../src/app/compose';
import { loadConfig } from '../../src/app/config';
import { dataDirLinkSecret, LINK_SECRET_FILE } from '../../src/app/link-secret';
import { finished, ROOT } from '../support/processes';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'link-secret-'));
  dirs.push(dir);
  return join(dir, 'data');
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('when eight processes start together on one data folder, then they all use the one secret made, kept with mode 0600', async () => {
  const dataDir = freshDir();
  const script = `process.stdout.write(require(${JSON.stringify(join(ROOT, 'dist', 'src', 'app', 'link-secret.js'))}).dataDirLinkSecret(${JSON.stringify(dataDir)}).toString('base64'))`;
  const runs = await Promise.all(
    Array.from({ length: 8 }, () => finished(spawn(process.execPath, ['-e', script], { cwd: ROOT }))),
  );
  for (const run of runs) expect(run.code).toBe(0);
  const secrets = new Set(runs.map((run) => run.stdout));
  expect(secrets.size).toBe(1);
  const file = join(dataDir, LINK_SECRET_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(Buffer.from([...secrets][0]!, 'base64').toString()).toBe(readFileSync(file, 'utf8').trim());
  // 32 random bytes, as base64url text.
  expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')).toHaveLength(32);
  expect(dataDirLinkSecret(dataDir).equals(Buffer.from([...secrets][0]!, 'base64'))).toBe(true);
});

test('when LINK_SIGNING_SECRET is set, then no secret file is made; locally without one, it is; with an app id it is required', () => {
  const dataDir = freshDir();
  const set = 'a-configured-secret-of-at-least-32-chars';
  expect(linkSecretFor(loadConfig({ DATA_DIR: dataDir, LINK_SIGNING_SECRET: set })).toString()).toBe(set);
  expect(() => statSync(join(dataDir, LINK_SECRET_FILE))).toThrow();
  const production = {
    DATA_DIR: dataDir,
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    MicrosoftAppPassword: 'x',
  };
  // A per-process secret would make every link die on a restart or on the other instance.
  expect(() => loadConfig(production)).toThrow('LINK_SIGNING_SECRET: is required when MicrosoftAppId is set');
  expect(linkSecretFor(loadConfig({ ...production, LINK_SIGNING_SECRET: set })).toString()).toBe(set);
  expect(() => statSync(join(dataDir, LINK_SECRET_FILE))).toThrow();
  const local = linkSecretFor(loadConfig({ DATA_DIR: dataDir }));
  expect(linkSecretFor(loadConfig({ DATA_DIR: dataDir })).equals(local)).toBe(true);
  expect(statSync(join(dataDir, LINK_SECRET_FILE)).isFile()).toBe(true);
});
