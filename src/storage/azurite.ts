/**
 * Runs Azurite's table service from the npm package as a child process on loopback, so that
 * `npm start` and the tests need no Azure account and nothing installed by hand.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

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
