/**
 * Chat commands over HTTP: the real server, bot and Azurite storage, with the connector stub answering
 * instantly, so what is measured is the bot's own work per command.
 */
import autocannon from 'autocannon';
import { assembleBot } from '../../src/app/compose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { createApp, listen } from '../../src/http/server';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { createLogger } from '../../src/support/logger';
import { grantRoleAs } from '../../src/usecases/people/people-service';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { operatorActor } from '../../src/usecases/shared/actor';
import { TENANT_ID, type TestUser, teamsCardExecute, teamsMessage } from '../support/activities';
import { cardOf, cardText } from '../support/cards';
import { startConnectorStub } from '../support/connector-stub';
import { generatedPlanRows } from '../support/plans';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

const benchUser = (email: string, id: string): TestUser => ({
  id: `29:${id}`,
  name: id,
  aadObjectId: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
  email,
  userPrincipalName: email,
  givenName: id,
  surname: 'Bench',
  tenantId: TENANT_ID,
  userRole: 'user',
});

export interface InvokeBenchRow {
  actions: number;
  invokes: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * action.update invokes, one after another as a person would press Save, each on the current version so
 * every one takes the full path: identify, check, validate, write with ETag, history, audit, render.
 */
export async function benchCardUpdates(
  connectionString: string,
  size: number,
  invokes = 200,
): Promise<InvokeBenchRow> {
  const tables = new TableClients({ connectionString }, `Inv${size}`);
  await tables.ensureTables();
  const stores = createStores(tables);
  const clock = { now: () => new Date() };
  const calendar = new UkHolidayCalendar();
  const planId = `invoke-${size}`;
  await importPlan(
    { stores, clock, random: Math.random, calendar },
    {
      planId,
      title: `Invoke ${size}`,
      rows: generatedPlanRows(size),
      dryRun: false,
      actor: 'bench',
      sourceName: 'generated',
    },
  );
  const owner = benchUser('owner7@example.org', '2');
  const actionId = (await stores.actions.listByOwner(owner.email))[0]!.id;
  const stub = await startConnectorStub({ members: [owner] });
  const logger = createLogger('silent');
  const bot = assembleBot({ MicrosoftAppType: 'SingleTenant' }, { stores, clock, logger, calendar });
  const { server, url } = await listen(createApp({ stores, logger, routers: [bot.router] }), 0, '127.0.0.1');
  try {
    const latencies: number[] = [];
    for (let i = 0; i < invokes; i++) {
      const rating = i % 2 === 0 ? 'yellow' : 'green';
      const activity = teamsCardExecute({
        user: owner,
        serviceUrl: stub.url,
        verb: 'action.update',
        data: { planId, actionId, version: String(i), rating, note: `Progress note ${i}` },
      });
      const started = performance.now();
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const body = (await response.json()) as {
        value?: { body?: { text?: string; items?: { text?: string }[] }[] };
      };
      latencies.push(performance.now() - started);
      if (!JSON.stringify(body).includes('Updated by'))
        throw new Error(`invoke ${i} did not update: ${JSON.stringify(body).slice(0, 300)}`);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    return { actions: size, invokes, p50: at(0.5), p99: at(0.99), max: latencies.at(-1)! };
  } finally {
    server.close();
    server.closeAllConnections();
    await stub.close();
  }
}

export interface BotBenchRow {
  actions: number;
  command: string;
  /** For "mine": how many actions the asking owner has in the store. */
  ownedActions?: number;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  errors: number;
  readPlanMs: number;
}

export async function benchBotCommands(connectionString: string, sizes: number[]): Promise<BotBenchRow[]> {
  const rows: BotBenchRow[] = [];
  for (const size of sizes) {
    const tables = new TableClients({ connectionString }, `Bot${size}`);
    await tables.ensureTables();
    const stores = createStores(tables);
    const clock = { now: () => new Date('2025-06-01T09:00:00Z') };
    const planId = `bench-${size}`;
    await importPlan(
      { stores, clock, random: Math.random, calendar: new UkHolidayCalendar() },
      {
        planId,
        title: `Bench ${size}`,
        rows: generatedPlanRows(size),
        dryRun: false,
        actor: 'bench',
        sourceName: 'generated',
      },
    );
    const coordinator = benchUser('coordinator@example.org', '1');
    const owner = benchUser('owner7@example.org', '2');
    await grantRoleAs({ stores, clock }, operatorActor('bench'), {
      planId,
      email: coordinator.email,
      role: 'coordinator',
    });

    const stub = await startConnectorStub({ members: [coordinator, owner] });
    const logger = createLogger('silent');
    const bot = assembleBot(
      { MicrosoftAppType: 'SingleTenant' },
      { stores, clock, logger, calendar: new UkHolidayCalendar() },
    );
    const { server, url } = await listen(
      createApp({ stores, logger, routers: [bot.router] }),
      0,
      '127.0.0.1',
    );
    try {
      const readStart = performance.now();
      await stores.actions.readPlan(planId);
      const readPlanMs = performance.now() - readStart;
      for (const [user, command] of [
        [coordinator, 'summary'],
        [owner, 'mine'],
      ] as const) {
        const body = JSON.stringify(teamsMessage({ user, text: command, serviceUrl: stub.url }));
        stub.clear();
        // One turn first, so the person is known and their e-mail cached, as in steady use.
        await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        const ownedActions =
          command === 'mine' ? (await stores.actions.listByOwner(owner.email)).length : undefined;
        // The turn's reply is sent before its HTTP response; late replies to the previous command may sit beside it.
        const expected = command === 'mine' ? `${ownedActions} open, most urgent first` : 'Summary on';
        if (!stub.activities.some((a) => cardText(cardOf(a)).includes(expected)))
          throw new Error(`"${command}" did not answer with "${expected}"`);
        stub.clear();
        const result = await autocannon({
          url: `${url}/api/messages`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          connections: CONNECTIONS,
          duration: DURATION_SECONDS,
        });
        rows.push({
          actions: size,
          command,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requestsPerSecond: result.requests.average,
          errors: result.errors + result.non2xx,
          readPlanMs,
          ...(ownedActions === undefined ? {} : { ownedActions }),
        });
        stub.clear();
      }
    } finally {
      server.close();
      server.closeAllConnections();
      await stub.close();
    }
  }
  return rows;
}

/**
 * "mine" at scale against the summary of a small plan: an owner of many actions in a large store must
 * not wait longer than a coordinator of a small plan does for its summary (p99 of each).
 */
export function mineAtScaleLine(rows: readonly BotBenchRow[], large = 5000, small = 500): string {
  const mine = rows.find((r) => r.command === 'mine' && r.actions === large);
  const summary = rows.find((r) => r.command === 'summary' && r.actions === small);
  if (!mine || !summary) return `mine at scale: not measured (needs ${large} and ${small} actions)`;
  const verdict = mine.p99 <= summary.p99 ? 'within' : 'OVER';
  return `mine for an owner of ${mine.ownedActions} actions in a ${large}-action store: p99 ${mine.p99} ms; summary at ${small} actions: p99 ${summary.p99} ms (${verdict} target: mine ≤ summary)`;
}
