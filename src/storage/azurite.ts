/**
 * Runs Azurite from the npm package as a child process on loopback, so that `npm start` and the tests
 * need no Azure account and nothing installed by hand. Tables hold the data; the blob service holds the
 * sweeper's lease (one instance sweeps at a time). Azurite's combined entry point runs both in one
 * process (and a queue service nobody uses: the separate entry points cannot share one process).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

// Azurite's well-known development account; it only ever guards a loopback emulator.
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
// The combined entry point starts blob, queue and table in that order, and prints this last.
const STARTED = /Table service is successfully listening/;
const CLOSED = ['Blob', 'Queue', 'Table'].map((service) => `${service} service successfully closed`);

// The child exits when its parent does, even on SIGKILL: the IPC channel closing tells it.
const childBootstrap = (entryPoint: string) => `
process.on('disconnect', () => process.exit(0));
process.argv.splice(1, 0, 'azurite');
require(${JSON.stringify(entryPoint)});
`;

/**
 * Azurite is a development dependency (it brings old axios and xml2js with it): `npm ci` installs it for
 * `npm start` and the tests, while a production install (`npm ci --omit=dev`) has none and needs none,
 * since storage is then configured. So it is looked for only when the embedded store is asked for.
 */
function azuriteEntryPoint(): string {
  try {
    return require.resolve('azurite/dist/src/azurite.js');
  } catch {
    throw new Error(
      'No storage is configured, and the embedded store (Azurite, a development dependency) is not installed. ' +
        'In production set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL; for local use install with npm ci ' +
        '(which includes development dependencies).',
    );
  }
}

export interface AzuriteOptions {
  /** Folder for the table database and blobs; omitted means in memory (tests). */
  location?: string;
  /** Table service port; 0 picks a free one. */
  port?: number;
  /** Blob service port; 0 picks a free one. */
  blobPort?: number;
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  /** The table service's port. */
  port: number;
  blobPort: number;
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

/** Without `blobPort` the string names tables only (enough for a store that runs no sweeper). */
/** Several ports free at once: each listener stays open until all are found, so no two are the same. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(servers.map((server) => once(server, 'listening')));
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
    return address.port;
  });
  for (const server of servers) server.close();
  return ports;
}

export function azuriteConnectionString(port: number, blobPort?: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    ...(blobPort ? [`BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`] : []),
    `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
  ].join(';');
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const entryPoint = azuriteEntryPoint();
  // The queue service cannot be left out of the combined entry point; it gets a free port and no use.
  const [tableFree, blobFree, queuePort] = await freePorts(3);
  const port = options.port || tableFree!;
  const blobPort = options.blobPort || blobFree!;
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(blobPort),
    '--queueHost',
    '127.0.0.1',
    '--queuePort',
    String(queuePort),
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
  const child = spawn(process.execPath, ['-e', childBootstrap(entryPoint), '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  await waitForStart(child, options.startTimeoutMs ?? 20_000);
  return {
    port,
    blobPort,
    connectionString: azuriteConnectionString(port, blobPort),
    stop: () => stopChild(child),
  };
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
  // SIGINT runs Azurite's own shutdown, which saves its databases. The open IPC channel would keep the
  // child alive after that, so it is closed once every service says it is done; SIGKILL only if it hangs.
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (CLOSED.every((line) => output.includes(line)) && child.connected) child.disconnect();
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
      blobPort: running.blobPort,
      connectionString: azuriteConnectionString(running.port, running.blobPort),
      stop: async () => {},
      attached: true,
    };
  }
  const started = await startAzurite({ location });
  writeFileSync(
    lockFile,
    JSON.stringify({ pid: process.pid, port: started.port, blobPort: started.blobPort }),
  );
  return {
    ...started,
    attached: false,
    stop: async () => {
      await started.stop();
      rmSync(lockFile, { force: true });
    },
  };
}

function readLock(path: string): { pid: number; port: number; blobPort: number } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {
      pid?: unknown;
      port?: unknown;
      blobPort?: unknown;
    };
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.port === 'number' &&
      typeof parsed.blobPort === 'number'
    )
      return { pid: parsed.pid, port: parsed.port, blobPort: parsed.blobPort };
  } catch {
    // No lock, or a torn one (or one from a version without blobs): nobody usable is in the folder.
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
