/**
 * The built server (`node dist/src/app/main.js`) as a user starts it in local mode: no app id, its
 * embedded Azurite and the demo plan in a fresh DATA_DIR, in its own process group so it can be stopped
 * with its Azurite. For tests and benches that need the real process (its heap, its event loop).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/storage/azurite';
import { ROOT, waitFor } from './processes';

const READY_MS = 60_000;
/** The project root, whether this runs from test/ (jest) or compiled in dist/test/ (the bench). */
const PROJECT = existsSync(join(ROOT, 'package.json')) ? ROOT : join(ROOT, '..');
const STOP_MS = 10_000;

export interface BuiltServer {
  url: string;
  /** What the process has printed so far. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
  /** The server's process id (a bench reads its processor time). */
  pid: number | undefined;
}

export interface BuiltServerOptions {
  /**
   * Keep the data here (the embedded Azurite's folder is `<dataDir>/data`) and leave it on stop, so a
   * later start carries on with the same data (the journey's simulated months). Default: a fresh temp
   * folder, removed on stop.
   */
  dataDir?: string;
  /** Settings the defaults below would otherwise override (SCHEDULER, DEMO_PLAN). */
  overrides?: Record<string, string>;
  /** Listen on this port (default: a free one). */
  port?: number;
}

export async function startBuiltServer(
  env: Record<string, string> = {},
  options: BuiltServerOptions = {},
): Promise<BuiltServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'built-server-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(PROJECT, 'dist', 'src', 'app', 'main.js')], {
    cwd: PROJECT,
    env: {
      LOG_LEVEL: 'warn',
      ...env,
      PATH: process.env.PATH,
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      SCHEDULER: 'off',
      DEMO_PLAN: 'auto',
      // Empty counts as unset and beats a developer's .env: local mode, embedded storage.
      MicrosoftAppId: '',
      STORAGE_CONNECTION_STRING: '',
      STORAGE_ACCOUNT_URL: '',
      HOST: '',
      TABLE_PREFIX: '',
      ...options.overrides,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    const group = child.pid;
    if (group !== undefined) {
      // SIGTERM to the server only: it stops its own Azurite and exits.
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, STOP_MS)))]);
      clearTimeout(timer);
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // ESRCH: the group has gone already.
      }
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (!alive()) throw new Error('exited');
      const response = await fetch(`${url}/healthz`);
      return response.status === 200 ? true : undefined;
    }, READY_MS);
  } catch {
    await stop();
    throw new Error(`the server did not become healthy within ${READY_MS / 1000} s:\n${output}`);
  }
  return { url, output: () => output, alive, stop, pid: child.pid };
}

/**
 * Polls /healthz every `everyMs` until `until` settles; returns each answer's time in ms (a failed or
 * non-200 answer counts as Infinity), so a test can bound the server's responsiveness meanwhile.
 */
export async function healthzWhile(url: string, until: Promise<unknown>, everyMs = 50): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    const probe = () =>
      fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) }).then(
        (r) => r.status === 200,
        () => undefined,
      );
    // Once more on a network error: a pooled connection the server's keep-alive timeout closed is not a stall.
    const ok = (await probe()) ?? (await probe()) ?? false;
    times.push(ok ? performance.now() - started : Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return times;
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
