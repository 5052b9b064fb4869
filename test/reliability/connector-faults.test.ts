/**
 * The Bot Connector misbehaving under the real server's sweeps: throttling (429 with Retry-After), server
 * errors (500) and requests that never get an answer. Every due nudge must still arrive, and none twice.
 */
import type { Stores } from '../../src/usecases/ports/index';
import { testConnectionString } from '../support/test-stores';
import {
  assertExactlyOnce,
  awaitDeliveries,
  countBy,
  describeTally,
  ledgerRows,
  skippedSweeps,
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

const SCENARIO = 'connector faults';
const owners = Array.from({ length: 6 }, (_, i) => person(i + 1));
// 30 actions due for their 14-day reminder (every fifth with a second owner: 36 nudges), 4 not due.
const actions = plannedActions(owners, 30, 4);
const expected = expectedNudges(actions);
const storage = testConnectionString();

let connector: FaultConnector;
let stores: Stores;
let prefix: string;
let server: ServerProcess | undefined;

beforeEach(async () => {
  prefix = uniquePrefix();
  stores = await openTestStores(storage, prefix);
  await importAt(stores, 'faults', actions);
  connector = await startFaultConnector();
  await enrol(stores, connector, owners);
});

afterEach(async () => {
  if (server) await stopServer(server);
  server = undefined;
  await killAllServers();
  await connector.close();
});

afterAll(() => {
  saveLogs('connector-faults');
  printReport();
});

/** Waits for the nudges, then checks each arrived once and the ledger recorded every one as sent. */
async function exactlyOnce(checks: Checks, fault: string, within: number, extra: () => Promise<string>) {
  const result = await awaitDeliveries(connector, expected, within, 4_000);
  await checks.run(
    { scenario: SCENARIO, fault, checked: 'every due nudge delivered exactly once' },
    async () => {
      const ledger = countBy(await ledgerRows(storage, prefix), (r) => r.state);
      assertExactlyOnce(
        result,
        `ledger ${JSON.stringify(ledger)}; ${connector.inFlight()} sends still unanswered; ${skippedSweeps(server!.output())} sweeps skipped as "still running"`,
      );
      expect(ledger).toEqual({ sent: expected.length });
      return `${describeTally(result)}; ${await extra()}`;
    },
  );
}

test('when Teams throttles the first 12 sends with 429 and Retry-After: 1, then they are retried after the pause and every nudge arrives exactly once', async () => {
  expect(expected).toHaveLength(36);
  const checks = new Checks();
  connector.script = ({ n }) =>
    n > 12
      ? { kind: 'deliver', delayMs: 10 }
      : { kind: 'fail', status: 429, headers: { 'Retry-After': '1' } };
  server = await startServer({ name: '429', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' });
  await exactlyOnce(checks, '429 Too Many Requests, Retry-After: 1 (first 12 sends)', 60_000, async () => {
    expect(connector.faultsServed['429']).toBe(12);
    return `${connector.faultsServed['429']}×429 answered, each retried; ${connector.arrivals()} requests for ${expected.length} nudges`;
  });
  checks.assertAll();
});

test('when Teams answers 500 six times in a row to the nudges of four actions, then later sweeps retry them and each arrives exactly once', async () => {
  const checks = new Checks();
  const unlucky = new Set(['1.1', '2.2', '3.3', '4.4']);
  const unluckyNudges = expected.filter((k) => unlucky.has(k.split('|')[1]!)).length;
  // botbuilder makes 4 tries of a 500 itself; 6 failures outlast them, so the sweep records a failure
  // and a later sweep (through the ledger's retry of a failed delivery) must send it.
  connector.script = ({ nudge, previousArrivals }) =>
    nudge && unlucky.has(nudge.actionId) && previousArrivals < 6
      ? { kind: 'fail', status: 500 }
      : { kind: 'deliver', delayMs: 10 };
  server = await startServer({ name: '500', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' });
  await exactlyOnce(checks, `500 Internal Server Error ×6 for ${unluckyNudges} nudges`, 80_000, async () => {
    const ledger = await ledgerRows(storage, prefix);
    const retried = ledger.filter((r) => r.attempts > 1).length;
    expect(connector.faultsServed['500']).toBe(unluckyNudges * 6);
    expect(retried).toBe(unluckyNudges);
    return `${connector.faultsServed['500']}×500 answered; ${retried} nudges sent by a later sweep`;
  });
  checks.assertAll();
});

test('when the connector never answers the first 3 sends, then the server gives up on them, retries, and every nudge arrives exactly once', async () => {
  const checks = new Checks();
  // A connection Teams accepts and never answers: the sender must time out and try again (the nudge was
  // never accepted, so sending it again is not a duplicate).
  connector.script = ({ n }) => (n <= 3 ? { kind: 'hang' } : { kind: 'deliver', delayMs: 10 });
  server = await startServer({ name: 'hang', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' });
  await exactlyOnce(checks, 'no answer at all (first 3 sends hang)', 70_000, async () => {
    expect(connector.faultsServed.hang).toBe(3);
    return `${connector.faultsServed.hang} sends hung; ${connector.abandoned.length} given up by the server and sent again`;
  });
  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'after the hung sends',
      checked: '/readyz reports the scheduler healthy only if sweeps finish',
    },
    async () => {
      const ready = await readiness(server!);
      const lastSweepAt = (ready.body as { scheduler?: { lastSweepAt?: string } })?.scheduler?.lastSweepAt;
      const age = lastSweepAt ? Math.round((Date.now() - Date.parse(lastSweepAt)) / 1000) : undefined;
      // A sweep runs every second: one that last finished more than 30 s ago is stuck.
      if (ready.status === 200 && (age === undefined || age > 30))
        throw new Error(
          `/readyz 200 although ${age === undefined ? 'no sweep has ever finished (no lastSweepAt)' : `no sweep has finished for ${age} s`}`,
        );
      return `/readyz ${ready.status}, last sweep finished ${age ?? '?'} s ago`;
    },
  );
  const running = server!;
  server = undefined;
  await checks.run(
    {
      scenario: SCENARIO,
      fault: 'SIGTERM after the hung sends',
      checked: 'graceful shutdown exits 0 within 15 s',
    },
    async () => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        running.kill('SIGTERM'),
        new Promise<'still running'>((resolve) => {
          timer = setTimeout(() => resolve('still running'), 15_000);
        }),
      ]);
      clearTimeout(timer);
      if (stopped === 'still running')
        throw new Error(`still running 15 s after SIGTERM (${connector.inFlight()} sends unanswered)`);
      expect(stopped).toEqual({ code: 0, signal: null });
      return `exit code 0 after ${Date.now() - started} ms`;
    },
  );
  checks.assertAll();
}, 120_000);
