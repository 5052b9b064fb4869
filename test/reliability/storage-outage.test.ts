/**
 * Storage goes away in the middle of a sweep and comes back: while it is down the server says so (a card
 * in chat, a 503 on /healthz) and changes nothing; once it is back every due nudge goes out exactly once
 * and nothing saved before the outage is lost. The scenario runs its own Azurite, persisting to a
 * temporary folder so the data survives the stop and restart, on a port that stays the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAzurite, startAzurite } from '../../src/storage/azurite';
import type { Stores } from '../../src/usecases/ports/index';
import { teamsMessage } from '../support/activities';
import {
  assertExactlyOnce,
  awaitDeliveries,
  countBy,
  describeTally,
  ledgerRows,
  tally,
} from './support/exactly-once';
import { type FaultConnector, startFaultConnector } from './support/fault-connector';
import { post, pressCardButton } from './support/http';
import {
  CLOCK_START,
  enrol,
  expectedNudges,
  importAt,
  openTestStores,
  person,
  personalChatId,
  plannedActions,
  uniquePrefix,
} from './support/plan';
import { Checks, printReport } from './support/report';
import {
  health,
  killAllServers,
  readiness,
  type ServerProcess,
  saveLogs,
  startServer,
  stopServer,
  waitForHealth,
} from './support/server-process';

const SCENARIO = 'storage outage';
const PLAN = 'outage';
const owners = Array.from({ length: 4 }, (_, i) => person(i + 1));
// 20 actions due for a reminder (24 nudges), and 5.1–5.4 due months away: the ones updated by hand.
const actions = plannedActions(owners, 20, 4);
const expected = expectedNudges(actions);
const ownerOf = (actionId: string) => actions.find((a) => a.id === actionId)!.owners[0]!;

const dataDir = mkdtempSync(join(tmpdir(), 'reliability-azurite-'));
let azurite: RunningAzurite | undefined;
let connector: FaultConnector;
let stores: Stores;
let storage: string;
let prefix: string;
let server: ServerProcess;

beforeAll(async () => {
  azurite = await startAzurite({ location: dataDir });
  storage = azurite.connectionString;
  prefix = uniquePrefix();
  stores = await openTestStores(storage, prefix);
  await importAt(stores, PLAN, actions);
  connector = await startFaultConnector();
  await enrol(stores, connector, owners);
});

afterAll(async () => {
  await killAllServers();
  saveLogs('storage-outage');
  await connector?.close();
  await azurite?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  printReport();
});

async function version(actionId: string): Promise<string> {
  return String((await stores.actions.get(PLAN, actionId))!.value.revision ?? 0);
}

describe('Azurite stopped mid-sweep and started again', () => {
  const updatedBefore = '5.1';
  const triedDuring = '5.2';
  const triedOnTab = '5.3';

  test('when storage stops while nudges are in flight, then /readyz answers 503, chat, card presses and the dashboard say it is temporarily unavailable, and nothing is saved', async () => {
    expect(expected).toHaveLength(24);
    const checks = new Checks();
    // Teams holds its answers, so the sweep is mid-send when storage goes.
    connector.freeze();
    server = await startServer({ name: 'server', storage, prefix, clockStart: CLOCK_START, scheduler: 'on' });

    // An owner updates an action just before the outage.
    const before = await pressCardButton(server, connector.url, ownerOf(updatedBefore), 'action.update', {
      planId: PLAN,
      actionId: updatedBefore,
      version: await version(updatedBefore),
      rating: 'green',
      note: 'Saved just before the outage',
    });
    expect(before).toMatchObject({ status: 200, invokeStatus: 200 });
    expect(before.text).toContain('Updated by Owner');

    await connector.waitUntil(
      () => connector.inFlight() >= 8,
      20_000,
      () => `${connector.inFlight()} in flight`,
    );
    const inFlight = connector.inFlight();
    await azurite!.stop();
    // Teams answers now: these nudges reach their owners while the server cannot write that down.
    connector.thaw();
    const outageStarted = Date.now();

    await checks.run(
      {
        scenario: SCENARIO,
        fault: `Azurite stopped mid-sweep (${inFlight} sends in flight)`,
        checked: 'GET /readyz not ready, GET /healthz (liveness) still up',
      },
      async () => {
        const ready = await readiness(server);
        const live = await health(server, 10_000, '/healthz');
        expect({ readyz: ready.status, healthz: live }).toEqual({ readyz: 503, healthz: 200 });
        expect(ready.body).toMatchObject({ storage: { reachable: false } });
        return `/readyz ${ready.status} (storage unreachable), /healthz ${live}`;
      },
    );

    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'Azurite down',
        checked: 'chat "mine" is answered with a "temporarily unavailable" card',
      },
      async () => {
        const owner = owners[0]!;
        const sent = connector.delivered.length;
        const answer = await post(
          `${server.url}/api/messages`,
          teamsMessage({ user: owner, text: 'mine', serviceUrl: connector.url }),
          { timeoutMs: 30_000 },
        );
        expect(answer.status).toBe(200);
        const replies = () =>
          connector.delivered
            .slice(sent)
            .filter((d) => d.operation === 'replyToActivity' && d.conversationId === personalChatId(owner));
        await connector
          .waitUntil(
            () => replies().length > 0,
            10_000,
            () => 'no reply',
          )
          .catch(() => undefined);
        const [reply] = replies();
        if (!reply) throw new Error(`no answer at all in chat (HTTP ${answer.status} after ${answer.ms} ms)`);
        if (!reply.isCard)
          throw new Error(`answered with plain text, not a card: "${reply.text}" (HTTP ${answer.status})`);
        expect(reply.text).toMatch(/temporarily unavailable/i);
        return `HTTP ${answer.status} in ${answer.ms} ms; card: "${reply.text.split('\n').join(' / ')}"`;
      },
    );

    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'Azurite down',
        checked: 'a card update press is answered "temporarily unavailable"',
      },
      async () => {
        const press = await pressCardButton(server, connector.url, ownerOf(triedDuring), 'action.update', {
          planId: PLAN,
          actionId: triedDuring,
          version: '0',
          rating: 'green',
          note: 'Tried during the outage',
        });
        expect(press.status).toBe(200);
        expect(press.text).toMatch(/temporarily unavailable/i);
        return `HTTP ${press.status}, invoke ${press.invokeStatus}, card: "${press.text.split('\n').join(' / ')}"`;
      },
    );
    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'Azurite down',
        checked: 'dashboard API: read and update answer 503, not 500',
      },
      async () => {
        const as = { 'X-Local-User': ownerOf(triedOnTab).email };
        const read = await fetch(`${server.url}/api/tab/plans/${PLAN}`, {
          headers: as,
          signal: AbortSignal.timeout(30_000),
        });
        const readBody = await read.text();
        const update = await post(
          `${server.url}/api/tab/plans/${PLAN}/actions/${triedOnTab}`,
          { version: '0', rating: 'green', note: 'Tried on the dashboard during the outage' },
          { headers: as },
        );
        if (read.status !== 503 || update.status !== 503 || !/temporarily unavailable/i.test(update.text))
          throw new Error(
            `GET /api/tab/plans/${PLAN} → ${read.status} ${readBody.slice(0, 120)}; POST …/actions/${triedOnTab} → ${update.status} ${update.text.slice(0, 120)}`,
          );
        return `GET plan ${read.status}, POST update ${update.status}: ${JSON.parse(readBody).error ?? readBody}`;
      },
    );
    // Sweeps keep failing for a while, as they would in a real outage.
    const rest = 6_000 - (Date.now() - outageStarted);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    expect(server.alive()).toBe(true);
    checks.assertAll();
  });

  test('when storage comes back, then every due nudge is delivered exactly once and the update made before the outage is kept', async () => {
    const checks = new Checks();
    const outageDeliveries = tally(connector, expected).deliveredOnce;
    // Same ports for both services: the server reconnects to its tables and to the sweeper lease.
    azurite = await startAzurite({ location: dataDir, port: azurite!.port, blobPort: azurite!.blobPort });
    await waitForHealth(server, 30_000, '/readyz');
    const result = await awaitDeliveries(connector, expected, 45_000, 5_000);

    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'Azurite started again (same data, same port)',
        checked: 'every due nudge delivered exactly once',
      },
      async () => {
        const ledger = countBy(await ledgerRows(storage, prefix), (r) => r.state);
        assertExactlyOnce(result, `ledger ${JSON.stringify(ledger)}`);
        return `${describeTally(result)} (${outageDeliveries} accepted by Teams while storage was down)`;
      },
    );

    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'Azurite started again',
        checked: 'updates: before the outage kept, during it not saved',
      },
      async () => {
        const kept = (await stores.actions.get(PLAN, updatedBefore))!.value;
        expect(kept.rating).toBe('green');
        const history = await stores.history.listForAction(PLAN, updatedBefore);
        expect(history.map((h) => h.note)).toContain('Saved just before the outage');
        const untouched = (await stores.actions.get(PLAN, triedDuring))!.value;
        expect(untouched.rating).toBe('amber');
        const noHistory = await stores.history.listForAction(PLAN, triedDuring);
        expect(noHistory.map((h) => h.note)).not.toContain('Tried during the outage');
        expect((await stores.actions.get(PLAN, triedOnTab))!.value.rating).toBe('amber');
        return `${updatedBefore} still green with its note; ${triedDuring} (card) and ${triedOnTab} (dashboard) unchanged`;
      },
    );
    checks.assertAll();
  });

  test('when the claims left during the outage go stale, then nothing is sent a second time', async () => {
    expect(await stopServer(server)).toEqual({ code: 0, signal: null });
    const ledger = await ledgerRows(storage, prefix);
    const delivered = connector.delivered.length;
    // A server 11 minutes on (see kill-restart.test.ts for why the clock moves) takes over every claim
    // still open: a nudge Teams accepted during the outage but the ledger never heard about would go again.
    const later = await startServer({
      name: 'server 11 min later',
      storage,
      prefix,
      clockStart: new Date(Date.parse(CLOCK_START) + 11 * 60_000).toISOString(),
      scheduler: 'on',
    });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const result = tally(connector, expected);
    const checks = new Checks();
    await checks.run(
      {
        scenario: SCENARIO,
        fault: 'restart 11 min on (claims from the outage stale)',
        checked: 'no nudge sent a second time',
      },
      async () => {
        const open = ledger.filter((r) => r.state !== 'sent');
        assertExactlyOnce(
          result,
          `${connector.delivered.length - delivered} messages sent after the restart; ledger before it: ${JSON.stringify(countBy(ledger, (r) => r.state))} (${open.map((r) => decodeURIComponent(r.rowKey).split('|')[0]).join(', ')} not recorded as sent)`,
        );
        expect(connector.delivered.length).toBe(delivered);
        return `${describeTally(result)}; nothing sent after the restart; ledger ${JSON.stringify(countBy(ledger, (r) => r.state))}`;
      },
    );
    expect(await stopServer(later)).toEqual({ code: 0, signal: null });
    checks.assertAll();
  });
});
