/**
 * kill -9 of the real server in the middle of a reminder sweep, then a restart: every due nudge reaches
 * its owner exactly once.
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
  type ServerProcess,
  saveLogs,
  startServer,
  stopServer,
} from './support/server-process';

const SCENARIO = 'kill -9 mid-sweep';
/**
 * The restarted server's clock starts 11 minutes after the first one's. A claim left by a process that
 * died is taken over only once it is 10 minutes old (DeliveryLedger's stale-claim rule, which is what stops
 * two live senders both sending); the server's clock runs at real pace, so restarting at CLOCK_START
 * would leave the dead process's in-flight nudges "busy" for ten real minutes, longer than any test may
 * take. Starting the second process 11 minutes on is exactly the situation of a restart that took that
 * long, and still 10:11 on the same working day, inside the send window.
 */
const RESTART_CLOCK = new Date(Date.parse(CLOCK_START) + 11 * 60_000).toISOString();

const owners = Array.from({ length: 8 }, (_, i) => person(i + 1));
const actions = plannedActions(owners, 40, 6);
const expected = expectedNudges(actions);
const storage = testConnectionString();
let connector: FaultConnector;

afterAll(async () => {
  await killAllServers();
  saveLogs('kill-restart');
  await connector?.close();
  printReport();
});

test('when the server is killed with SIGKILL while nudges are in flight and then restarted, then every due nudge is delivered exactly once', async () => {
  expect(expected).toHaveLength(48);
  const prefix = uniquePrefix();
  const stores = await openTestStores(storage, prefix);
  await importAt(stores, 'kill', actions);
  connector = await startFaultConnector();
  await enrol(stores, connector, owners);
  const checks = new Checks();

  // Teams takes 300 ms to accept each message, so a sweep is still sending when the kill comes.
  connector.script = () => ({ kind: 'deliver', delayMs: 300 });
  const half = Math.floor(expected.length / 2);
  let first: ServerProcess | undefined;
  let killedAt = -1;
  connector.onArrival = () => {
    if (killedAt >= 0 || connector.delivered.length < half) return;
    killedAt = connector.delivered.length;
    // Freeze, let the server record what Teams has already accepted, then kill: the one window no design
    // can close (Teams accepted a message, the process died before writing that down; Teams has no
    // idempotency key) is deliberately kept out, so what is measured is what the server controls. Every
    // message still waiting for its answer is lost with the process, as in a real crash.
    connector.freeze();
    setTimeout(() => first?.child.kill('SIGKILL'), 1_000);
  };

  first = await startServer({ name: 'server 1', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' });
  let timer: NodeJS.Timeout | undefined;
  const death = await Promise.race([
    first.exited,
    new Promise<'still running after 60 s'>((resolve) => {
      timer = setTimeout(() => resolve('still running after 60 s'), 60_000);
    }),
  ]);
  clearTimeout(timer);
  // The process's exit is reported before its sockets' closing is: give the connector a moment to see the
  // connections drop, then thaw; the held messages find their sender gone (Teams never accepted them).
  await new Promise((resolve) => setTimeout(resolve, 500));
  connector.thaw();
  await connector.waitUntil(
    () => connector.inFlight() === 0,
    5_000,
    () => `${connector.inFlight()} in flight`,
  );

  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'SIGKILL of server 1 once half the nudges were accepted',
      checked: 'the kill landed mid-sweep, nothing sent twice so far',
    },
    async () => {
      expect(death).toEqual({ code: null, signal: 'SIGKILL' });
      const before = tally(connector, expected);
      expect(before.duplicates).toEqual([]);
      // Mid-sweep: some delivered, some lost in flight with the process, some not yet attempted.
      expect(connector.abandoned.length).toBeGreaterThan(0);
      expect(before.deliveredOnce).toBeGreaterThanOrEqual(half);
      expect(before.deliveredOnce + connector.abandoned.length).toBeLessThan(expected.length);
      const ledger = await ledgerRows(storage, prefix);
      return `killed after ${killedAt} accepted; ${connector.abandoned.length} in flight lost with it; ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`;
    },
  );

  connector.onArrival = () => undefined;
  connector.script = () => ({ kind: 'deliver', delayMs: 20 });
  const second = await startServer({
    name: 'server 2',
    storage,
    prefix,
    clockStart: RESTART_CLOCK,
    scheduler: 'on',
  });
  const after = await awaitDeliveries(connector, expected, 60_000, 5_000);

  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'restart as server 2 (clock 11 min on: dead claims stale)',
      checked: 'every due nudge delivered exactly once across both processes',
    },
    async () => {
      const ledger = await ledgerRows(storage, prefix);
      assertExactlyOnce(after, `ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`);
      expect(countBy(ledger, (r) => r.state)).toEqual({ sent: expected.length });
      const takenOver = ledger.filter((r) => r.attempts > 1).length;
      return `${describeTally(after)}; ${takenOver} stale claims taken over by server 2`;
    },
  );

  await checks.run(
    { scenario: SCENARIO, fault: 'SIGTERM of server 2', checked: 'graceful shutdown exits 0' },
    async () => {
      const stopped = await stopServer(second);
      expect(stopped).toEqual({ code: 0, signal: null });
      return 'exit code 0';
    },
  );
  checks.assertAll();
});
