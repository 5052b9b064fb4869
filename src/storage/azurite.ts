/**
 * Runs Azurite's table service from the npm package as a child process on loopback, so that
 * `npm start` and the tests need no Azure account and nothing installed by hand.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

// Azurite's well-known development account; it only ever guards a loopback emulator.
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTED = /successfully started/;

// The child exits when its parent does, even on SIGKILL: the IPC channel closing tells it.
const CHILD_BOOTSTRAP = `
process.on('disconnect', () => process.exit(0));
process.argv.splice(1, 0, 'azurite-table');
require(${JSON.stringify(require.resolve('azurite/dist/src/table/main.js'))});
`;

export interface AzuriteOptions {
  /** Folder for the table database; omitted means in memory (tests). */
  location?: string;
  /** 0 picks a free port. */
  port?: number;
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

export function azuriteConnectionString(port: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
  ].join(';');
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = options.port || (await freePort());
  const args = [
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else args.push('--inMemoryPersistence');
  const child = spawn(process.execPath, ['-e', CHILD_BOOTSTRAP, '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  await waitForStart(child, options.startTimeoutMs ?? 20_000);
  return { port, connectionString: azuriteConnectionString(port), stop: () => stopChild(child) };
}

function waitForStart(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (STARTED.test(output)) {
        cleanup();
        // Keep draining the pipes so a chatty child never blocks on a full buffer.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`Azurite exited (code ${code}) before starting: ${output.trim()}`));
    const fail = (error: Error) => {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // SIGINT runs Azurite's own shutdown, which saves its database. The open IPC channel would keep the
  // child alive after that, so it is closed once Azurite says it is done; SIGKILL only if it hangs.
  child.stdout?.on('data', (chunk: Buffer) => {
    if (/successfully closed/.test(chunk.toString()) && child.connected) child.disconnect();
  });
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One data folder must only ever have one Azurite. The server records its Azurite in the folder, so a
 * CLI run beside it (or a second start) uses the running one instead of opening the same files twice.
 */
export async function startOrAttachAzurite(
  location: string,
): Promise<RunningAzurite & { attached: boolean }> {
  const lockFile = join(location, 'azurite.json');
  const running = readLock(lockFile);
  if (running && isAlive(running.pid) && (await answers(running.port))) {
    return {
      port: running.port,
      connectionString: azuriteConnectionString(running.port),
      stop: async () => {},
      attached: true,
    };
  }
  const started = await startAzurite({ location });
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port: started.port }));
  return {
    ...started,
    attached: false,
    stop: async () => {
      await started.stop();
      rmSync(lockFile, { force: true });
    },
  };
}

function readLock(path: string): { pid: number; port: number } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; port?: unknown };
    if (typeof parsed.pid === 'number' && typeof parsed.port === 'number')
      return { pid: parsed.pid, port: parsed.port };
  } catch {
    // No lock, or a torn one: either way nobody is using the folder.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
