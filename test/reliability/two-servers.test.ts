/**
 * Two instances of the real server on one store (same storage account and table prefix, both running the
 * scheduler), as App Service runs them when scaled out: each due nudge goes out once between them.
 */
import { testConnectionString } from '../support/test-stores';
import {
  assertExactlyOnce,
  awaitDeliveries,
  countBy,
  describeTally,
  ledgerRows,
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
import { killAllServers, saveLogs, startServer, stopServer } from './support/server-process';

const owners = Array.from({ length: 8 }, (_, i) => person(i + 1));
const actions = plannedActions(owners, 40, 6);
const expected = expectedNudges(actions);
const storage = testConnectionString();
let connector: FaultConnector;

afterAll(async () => {
  await killAllServers();
  saveLogs('two-servers');
  await connector?.close();
  printReport();
});

test('when two servers sweep the same store every second, then every due nudge is delivered exactly once between them', async () => {
  const prefix = uniquePrefix();
  const stores = await openTestStores(storage, prefix);
  await importAt(stores, 'twins', actions);
  connector = await startFaultConnector();
  await enrol(stores, connector, owners);
  // Slow enough that both servers' sweeps overlap, each finding the other's claims mid-send.
  connector.script = () => ({ kind: 'deliver', delayMs: 150 });
  connector.freeze();
  const [a, b] = await Promise.all([
    startServer({ name: 'server A', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' }),
    startServer({ name: 'server B', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' }),
  ]);
  // Both are up before anything is accepted, so both race for the same reminders from their first sweep.
  connector.thaw();
  const result = await awaitDeliveries(connector, expected, 60_000, 5_000);

  const checks = new Checks();
  await checks.run(
    {
      scenario: 'two servers, one store',
      fault: 'two instances, both SCHEDULER on, sweeping every second',
      checked: 'every due nudge delivered exactly once between them',
    },
    async () => {
      const ledger = await ledgerRows(storage, prefix);
      assertExactlyOnce(result, `ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`);
      expect(countBy(ledger, (r) => r.state)).toEqual({ sent: expected.length });
      const claimants = Object.values(countBy(ledger, (r) => r.claimedBy));
      return `${describeTally(result)}; sent by instance: ${claimants.sort((x, y) => y - x).join(' + ')}`;
    },
  );
  checks.assertAll();
  expect(await stopServer(a)).toEqual({ code: 0, signal: null });
  expect(await stopServer(b)).toEqual({ code: 0, signal: null });
});
