import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/storage/azurite';
import { finished, ROOT, runBuiltCli, waitFor } from '../support/processes';
import { testConnectionString } from '../support/test-stores';

describe('npm start on a fresh machine', () => {
  test('when started with no storage configured, then it runs an embedded Azurite with the demo plan and stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
    const server = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], { cwd: ROOT, env });
    const exit = finished(server);
    try {
      const health = await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        return response.ok
          ? ((await response.json()) as { status: string; storage: { reachable: boolean } })
          : undefined;
      }, 30_000);
      expect(health).toMatchObject({
        status: 'ready',
        storage: { reachable: true },
        scheduler: { state: 'running' },
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(existsSync(join(dataDir, 'azurite', 'azurite.json'))).toBe(true);

      // The CLI shares the server's Azurite rather than opening the same files a second time.
      const list = await runBuiltCli(['list', '--plan', 'demo-leeds-syv'], { DATA_DIR: dataDir });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(
        'Leeds JTAI: serious youth violence (demo) (demo-leeds-syv), 4 areas, 11 actions',
      );
      expect(list.stdout).toContain('Coordinators: partnership.manager@example.org');
    } finally {
      server.kill('SIGTERM');
    }
    const { code } = await exit;
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'azurite', 'azurite.json'))).toBe(false);
  }, 60_000);
});

describe('a production install (npm ci --omit=dev: no Azurite)', () => {
  const withoutAzurite = ['--require', join(ROOT, 'test', 'fixtures', 'without-azurite.cjs')];
  const main = join(ROOT, 'dist', 'src', 'app', 'main.js');

  test('when storage is configured, then the server starts and answers without the azurite package', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: `T${port}`,
      DEMO_PLAN: 'off',
      SCHEDULER: 'off',
    };
    const server = spawn(process.execPath, [...withoutAzurite, main], { cwd: ROOT, env });
    const exit = finished(server);
    try {
      await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      }, 30_000);
    } finally {
      server.kill('SIGTERM');
    }
    expect((await exit).code).toBe(0);
  }, 60_000);

  test('when no storage is configured, then it stops at once and says how to get the embedded store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
    const env = {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
    const server = spawn(process.execPath, [...withoutAzurite, main], { cwd: ROOT, env });
    const { code, stderr } = await finished(server);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'No storage is configured, and the embedded store (Azurite, a development dependency) is not installed.',
    );
    expect(stderr).toContain('set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL');
  }, 60_000);
});
