/**
 * Two instances of the real server on one store (same storage account and table prefix, both with the
 * scheduler on), as App Service runs them when scaled out. The sweeper lease elects one of them: it sends
 * every due nudge once and the other stands by (ready all the same). Killed with SIGKILL mid-sweep, the
 * sweeper's lease runs out and the standby takes over and finishes: nothing twice, nothing lost. Shut down
 * gracefully, the sweeper releases the lease and the standby takes over at once.
 */
import { testConnectionString } from '../support/test-stores';
import {
  assertExactlyOnce,
  awaitDeliveries,
  countBy,
  describeTally,
  ledgerRows,
  tally,
} from './support/exactly-once';
import { type FaultConnector, startFaultConnector } from './support/fault-connector';
import {
  CLOCK_START,
  enrol,
  expectedNudges,
  importAt,
  openTestStores,
  person,
  plannedActions,
  uniquePrefix,
} from './support/plan';
import { Checks, printReport } from './support/report';
import {
  killAllServers,
  readiness,
  type ServerProcess,
  saveLogs,
  startServer,
  stopServer,
} from './support/server-process';

const SCENARIO = 'two servers, one store';
/** The lease lasts 15 s (SWEEPER_LEASE_SECONDS); a standby tries every 5 s. */
const TAKEOVER_WITHIN_MS = 25_000;
/**
 * The standby's clock runs 11 minutes ahead: a claim left by a sweeper that died is taken over only once
 * it is 10 minutes old (see kill-restart.test.ts), and the test cannot wait ten real minutes. Both clocks
 * are inside the same working day's send window, so the same nudges are due for either.
 */
const STANDBY_CLOCK = new Date(Date.parse(CLOCK_START) + 11 * 60_000).toISOString();

const owners = Array.from({ length: 8 }, (_, i) => person(i + 1));
const actions = plannedActions(owners, 40, 6);
const expected = expectedNudges(actions);
const storage = testConnectionString();
let connector: FaultConnector;

beforeAll(async () => {
  connector = await startFaultConnector();
});

afterAll(async () => {
  await killAllServers();
  saveLogs('two-servers');
  await connector?.close();
  printReport();
});

type Role = 'sweeper' | 'standby' | undefined;

async function roleOf(server: ServerProcess): Promise<{ status: number; role: Role }> {
  const { status, body } = await readiness(server);
  return { status, role: (body as { scheduler?: { role?: Role } } | undefined)?.scheduler?.role };
}

async function waitForRole(server: ServerProcess, role: Role, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while ((await roleOf(server)).role !== role) {
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `${server.name} not ${role} after ${timeoutMs} ms: ${JSON.stringify(await roleOf(server))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

async function twoServers(prefix: string): Promise<[ServerProcess, ServerProcess]> {
  const stores = await openTestStores(storage, prefix);
  await importAt(stores, 'twins', actions);
  await enrol(stores, connector, owners);
  // Teams holds every answer until both are up, so nothing is sent before the standby is there.
  connector.freeze();
  // The first takes the lease; the second, with the later clock, must be the standby (see STANDBY_CLOCK).
  const sweeper = await startServer({
    name: `${prefix} A`,
    storage,
    prefix,
    clockStart: CLOCK_START,
    scheduler: 'on',
  });
  await waitForRole(sweeper, 'sweeper', 10_000);
  const standby = await startServer({
    name: `${prefix} B`,
    storage,
    prefix,
    clockStart: STANDBY_CLOCK,
    scheduler: 'on',
  });
  return [sweeper, standby];
}

test('when two servers run the scheduler on the same store, then one sweeps, the other stands by ready, and every due nudge is delivered once; stopped gracefully, the sweeper hands over at once', async () => {
  const prefix = uniquePrefix();
  connector.script = () => ({ kind: 'deliver', delayMs: 20 });
  const [sweeper, standby] = await twoServers(prefix);
  connector.thaw();
  const result = await awaitDeliveries(connector, expected, 60_000, 5_000);

  const checks = new Checks();
  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'two instances, both SCHEDULER on, sweeping every second',
      checked: 'one sweeper (lease), the other ready on standby; every nudge once',
    },
    async () => {
      const roles = await Promise.all([roleOf(sweeper), roleOf(standby)]);
      expect(roles).toEqual([
        { status: 200, role: 'sweeper' },
        { status: 200, role: 'standby' },
      ]);
      const ledger = await ledgerRows(storage, prefix);
      assertExactlyOnce(result, `ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`);
      expect(countBy(ledger, (r) => r.state)).toEqual({ sent: expected.length });
      const claimants = Object.values(countBy(ledger, (r) => r.claimedBy));
      expect(claimants).toEqual([expected.length]);
      return `${describeTally(result)}; sent by instance: ${claimants.join(' + ')} (one sweeper)`;
    },
  );

  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'SIGTERM of the sweeper',
      checked: 'lease released at shutdown: the standby sweeps at once',
    },
    async () => {
      expect(await stopServer(sweeper)).toEqual({ code: 0, signal: null });
      const handoverMs = await waitForRole(standby, 'sweeper', 10_000);
      // Well inside the 15 s lease: it was released, not left to run out.
      expect(handoverMs).toBeLessThan(7_000);
      return `standby became the sweeper ${(handoverMs / 1000).toFixed(1)} s after the sweeper exited`;
    },
  );
  expect(await stopServer(standby)).toEqual({ code: 0, signal: null });
  checks.assertAll();
});

test('when the sweeper is killed with SIGKILL mid-sweep, then the standby takes over once its lease runs out and finishes: every due nudge once, none lost', async () => {
  const prefix = uniquePrefix();
  // Teams takes 300 ms per message, so the sweep is still sending when the kill comes.
  connector.script = () => ({ kind: 'deliver', delayMs: 300 });
  const [sweeper, standby] = await twoServers(prefix);
  const half = Math.floor(expected.length / 2);
  let killedAt = -1;
  connector.onArrival = () => {
    if (killedAt >= 0 || connector.delivered.length < half) return;
    killedAt = connector.delivered.length;
    // As in kill-restart: freeze, let the sweeper record what Teams accepted, then kill it.
    connector.freeze();
    setTimeout(() => sweeper.child.kill('SIGKILL'), 1_000);
  };
  connector.thaw();
  const death = await sweeper.exited;
  const killedTime = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 500));
  connector.onArrival = () => undefined;
  connector.script = () => ({ kind: 'deliver', delayMs: 20 });
  const before = tally(connector, expected);
  connector.thaw();

  const checks = new Checks();
  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'SIGKILL of the sweeper once half the nudges were accepted',
      checked: 'killed mid-sweep; the standby took no part until then',
    },
    async () => {
      expect(death).toEqual({ code: null, signal: 'SIGKILL' });
      expect(before.duplicates).toEqual([]);
      expect(before.deliveredOnce).toBeGreaterThanOrEqual(half);
      expect(before.deliveredOnce).toBeLessThan(expected.length);
      const claimants = new Set((await ledgerRows(storage, prefix)).map((r) => r.claimedBy));
      expect(claimants.size).toBe(1);
      return `killed after ${killedAt} accepted; ${connector.abandoned.length} in flight lost with it`;
    },
  );

  await waitForRole(standby, 'sweeper', TAKEOVER_WITHIN_MS);
  const takeoverMs = Date.now() - killedTime;
  const after = await awaitDeliveries(connector, expected, 60_000, 5_000);
  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'the standby (clock 11 min on: dead claims stale)',
      checked: 'takes over within the lease period; every nudge once across both',
    },
    async () => {
      const ledger = await ledgerRows(storage, prefix);
      assertExactlyOnce(after, `ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`);
      expect(countBy(ledger, (r) => r.state)).toEqual({ sent: expected.length });
      expect(takeoverMs).toBeLessThan(TAKEOVER_WITHIN_MS);
      const takenOver = ledger.filter((r) => r.attempts > 1).length;
      return `standby sweeping ${(takeoverMs / 1000).toFixed(1)} s after the kill; ${describeTally(after)}; ${takenOver} stale claims taken over`;
    },
  );
  expect(await stopServer(standby)).toEqual({ code: 0, signal: null });
  checks.assertAll();
});
