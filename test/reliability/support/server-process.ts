/**
 * The built server (`node dist/src/app/main.js`) as a child process, configured only through its environment,
 * as it runs in production. Every child started here is remembered and killed when the test file ends,
 * or when the test process itself exits, so a failing scenario leaves no process behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/storage/azurite';
import { ROOT } from '../../support/processes';

export interface ServerOptions {
  storage: string;
  prefix: string;
  /** The server's clock starts here and runs on at real pace. */
  clockStart: string;
  scheduler: 'on' | 'off';
  /** Default every second (node-cron's six-field form). */
  sweepSchedule?: string;
  /** A name for logs and failure messages. */
  name: string;
  /** More settings (an SMTP relay, say). */
  env?: Record<string, string>;
}

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote (pino JSON lines at LOG_LEVEL warn, and any crash output). */
  output(): string;
  /** Parsed log lines whose `msg` matches. */
  logLines(msg: RegExp): Record<string, unknown>[];
  alive(): boolean;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();
/** A working directory without a .env file, so nothing but the given environment configures the server. */
let cwd: string | undefined;
const everyServer: ServerProcess[] = [];

/** Writes each server's output to test-artifacts/reliability/logs/<tag>-<name>.log, for the post-mortem. */
export function saveLogs(tag: string): void {
  const dir = join(ROOT, 'test-artifacts', 'reliability', 'logs');
  mkdirSync(dir, { recursive: true });
  for (const server of everyServer.splice(0)) {
    const file = `${tag}-${server.name}`.replace(/[^a-z0-9.-]+/gi, '-');
    writeFileSync(join(dir, `${file}.log`), server.output());
  }
}

/** Kills whatever is still running: afterAll calls this, and so does process exit as a last resort. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...started].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
      started.delete(child);
    }),
  );
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  cwd = undefined;
}

process.once('exit', () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    STORAGE_CONNECTION_STRING: options.storage,
    TABLE_PREFIX: options.prefix,
    DEMO_PLAN: 'off',
    SCHEDULER: options.scheduler,
    SWEEP_SCHEDULE: options.sweepSchedule ?? '*/1 * * * * *',
    CLOCK_START: options.clockStart,
    ...options.env,
  };
  cwd ??= mkdtempSync(join(tmpdir(), 'reliability-cwd-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    // A chatty failure must not grow without bound: keep the last 2 MB.
    if (output.length > 4_000_000) output = output.slice(-2_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      started.delete(child);
      resolve({ code, signal });
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    name: options.name,
    url,
    pid: child.pid!,
    child,
    output: () => output,
    logLines: (msg) =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return {};
          }
        })
        .filter((line) => typeof line.msg === 'string' && msg.test(line.msg)),
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    kill: async (signal) => {
      if (server.alive()) child.kill(signal);
      return exited;
    },
  };
  everyServer.push(server);
  await waitForHealth(server, 30_000);
  return server;
}

/**
 * Until `path` answers 200: /healthz (liveness: the server listens only once its tables exist) or
 * /readyz (readiness: storage answers and the scheduler runs).
 */
export async function waitForHealth(
  server: ServerProcess,
  timeoutMs: number,
  path: '/healthz' | '/readyz' = '/healthz',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.alive()) {
      throw new Error(`${server.name} exited before it was healthy:\n${server.output().slice(-3000)}`);
    }
    const status = await health(server, 2_000, path).catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(`${server.name} not healthy after ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function health(
  server: Pick<ServerProcess, 'url'>,
  timeoutMs = 10_000,
  path: '/healthz' | '/readyz' = '/healthz',
): Promise<number> {
  const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return response.status;
}

/** /readyz's answer: status and body. */
export async function readiness(
  server: Pick<ServerProcess, 'url'>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** SIGTERM, as App Service stops an instance: the server finishes what it is sending and exits 0. */
export async function stopServer(
  server: ServerProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!server.alive()) return server.exited;
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  const result = await server.kill('SIGTERM');
  clearTimeout(timer);
  return result;
}
