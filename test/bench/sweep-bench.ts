/**
 * The reminder sweep at scale, against the bench's in-memory Azurite:
 *  - a dry-run sweep over 5,000 and 50,000 actions (200 plans), with the same 300 reminders due in both,
 *    showing that a sweep's cost follows the work due (the by-date index), not the size of the store;
 *  - 5,000 nudges delivered by a real sweep through the real ProactiveNotifier to a local Bot Connector
 *    that enforces Teams' 50 requests/s and throttles 5 % of requests at random.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { assembleBot } from '../../src/app/compose';
import { TEAMS_PACING, teamsChannel } from '../../src/bot/proactive-notifier';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { CANONICAL_COLUMNS } from '../../src/domain/spreadsheet-columns';
import { createStores } from '../../src/storage/open-stores';
import { AREA_PREFIX } from '../../src/storage/plan-item-entities';
import { TableClients } from '../../src/storage/table-clients';
import { createLogger } from '../../src/support/logger';
import type { Channel, MessageSender } from '../../src/usecases/delivery/channel';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores, TeamsUser } from '../../src/usecases/ports/index';
import { CATCH_UP_DAYS } from '../../src/usecases/sweep/keep-index';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import type { SweepReport } from '../../src/usecases/sweep/sweep-report';
import { BOT_ACCOUNT, LOCALE, TENANT_ID } from '../support/activities';
import { seededRandom } from '../support/test-stores';

/** Monday 3 March 2025: plans imported, actions filed under their first reminder date. */
export const IMPORTED_AT = new Date('2025-03-03T10:00:00Z');
/** Thursday 6 March 2025, 10:00 in London: a working day inside the send window. */
export const SWEEP_AT = new Date('2025-03-06T10:00:00Z');
/** Due Thursday 20 March: the 14-days-before reminder falls on the sweep day. */
export const DUE = '2025-03-20';
const PLANS = 200;
const DRY_RUN_ROUNDS = 5;
const IMPORT_CONCURRENCY = 8;
/** Nudges in the extra sweep whose notifier answers at once: the sweep's own cost per nudge. */
const INSTANT_NUDGES = 1000;
/** Teams allows 50 requests/s per app per tenant. */
export const TEAMS_LIMIT_PER_SECOND = 50;
const RANDOM_429_SHARE = 0.05;
/**
 * Retry-After on the random 429s. 0 by default: with 1 s the sweep, which sends one nudge at a time,
 * stalls a second for each of them (about 250 s for 5,000 nudges), beyond this bench's time budget.
 */
const RANDOM_429_RETRY_AFTER = process.env.BENCH_RANDOM_429_RETRY_AFTER ?? '0';
const DELIVERIES = Number(process.env.BENCH_NUDGES ?? 5000);

const calendar = new UkHolidayCalendar();

export const HEADER = [...CANONICAL_COLUMNS, 'lifecycle'];

export function row(p: number, j: number, ownerIndex: number, due: string, lifecycle: string): string[] {
  const area = (j % 5) + 1;
  return [
    `A${area}`,
    `Area for improvement ${area}`,
    `${area}.${Math.floor(j / 5) + 1}`,
    `Plan ${p} action ${j + 1}: review multi-agency practice and report to the partnership`,
    'Police',
    `Owner ${ownerIndex}`,
    `owner${ownerIndex}@example.org`,
    '2025-01-01',
    due,
    'amber',
    `Measure ${j + 1}`,
    lifecycle,
  ];
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One plan of `perPlan` actions: the first one or two are due for a reminder on the sweep day (300 over
 * 200 plans), a quarter are complete, the rest are due months ahead, spread over 300 days.
 */
function sweepPlanRows(p: number, perPlan: number): string[][] {
  const dueToday = p < 100 ? 2 : 1;
  const rows = [HEADER];
  for (let j = 0; j < perPlan; j++) {
    // About 20 owners a plan, as in real plans; 500 people in all.
    const owner = (p * 7 + (j % 20)) % 500;
    if (j < dueToday) rows.push(row(p, j, owner, DUE, 'in progress'));
    else if (j % 4 === 0) rows.push(row(p, j, owner, addDays('2025-02-01', j % 60), 'complete'));
    else rows.push(row(p, j, owner, addDays('2025-07-01', (j * 7 + p) % 300), 'in progress'));
  }
  return rows;
}

export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Owners 0…count-1 as people who have messaged the bot in personal chat: each has a stored conversation
 * reference on `serviceUrl`, so a sweep can reach them.
 */
export async function registerReachableOwners(
  stores: Stores,
  count: number,
  chatOf: (owner: number) => string,
  serviceUrl: string,
  tag: string,
): Promise<void> {
  await pool(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const aadObjectId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await stores.users.put({
        aadObjectId,
        name: `Owner ${i}`,
        email: `owner${i}@example.org`,
        tenantId: TENANT_ID,
        conversationReference: {
          bot: { ...BOT_ACCOUNT },
          conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: chatOf(i) },
          channelId: 'msteams',
          locale: LOCALE,
          serviceUrl,
          user: { id: `29:${tag}-owner-${i}`, name: `Owner ${i}`, aadObjectId },
        },
        emailCheckedAt: IMPORTED_AT.toISOString(),
        updatedAt: IMPORTED_AT.toISOString(),
      });
    },
  );
}

export async function importPlans(
  stores: Stores,
  plans: { id: string; rows: string[][] }[],
): Promise<number> {
  const start = performance.now();
  const random = seededRandom();
  await pool(plans, IMPORT_CONCURRENCY, async (plan) => {
    await importPlan(
      { stores, clock: { now: () => IMPORTED_AT }, random, calendar },
      {
        planId: plan.id,
        title: `Plan ${plan.id}`,
        rows: plan.rows,
        dryRun: false,
        actor: 'bench',
        sourceName: 'bench',
      },
    );
  });
  return performance.now() - start;
}

export async function openStores(
  connectionString: string,
  prefix: string,
): Promise<{ stores: Stores; tables: TableClients }> {
  const tables = new TableClients({ connectionString }, prefix);
  await tables.ensureTables();
  return { stores: createStores(tables), tables };
}

async function drain(query: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of query);
}

/**
 * The filtered (non-point) queries a sweep makes, done bare: one per reminder-index date it looks at,
 * and one per plan for its areas. Azurite answers every filtered query by testing each entity of the
 * table, so their cost grows with the table while Azure Tables serves them from the partition index.
 */
async function sweepQueriesMs(
  tables: TableClients,
  planIds: string[],
): Promise<{ indexMs: number; areasMs: number }> {
  const today = SWEEP_AT.toISOString().slice(0, 10);
  const start = performance.now();
  for (let offset = -CATCH_UP_DAYS - 1; offset <= 1; offset++) {
    const filter = `PartitionKey eq '${addDays(today, offset)}'`;
    await drain(tables.get('ReminderIndex').listEntities({ queryOptions: { filter } }));
  }
  const indexMs = performance.now() - start;
  for (const planId of planIds) {
    const filter = `PartitionKey eq '${planId}' and RowKey ge '${AREA_PREFIX}' and RowKey lt '${AREA_PREFIX}\uffff'`;
    await drain(tables.get('PlanItems').listEntities({ queryOptions: { filter } }));
  }
  return { indexMs, areasMs: performance.now() - start - indexMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A dry run must not send anything: every method of this notifier counts the attempt and refuses it. */
function refusingChannel(): { channel: Channel; calls: () => number } {
  let calls = 0;
  const notifier = new Proxy({} as MessageSender<TeamsUser>, {
    get: (_target, method) => async () => {
      calls++;
      throw new Error(`a dry run called notifier.${String(method)}`);
    },
  });
  return { channel: teamsChannel(notifier), calls: () => calls };
}

interface DryRunResult {
  actions: number;
  importMs: number;
  indexEntriesRead: number;
  actionsRead: number;
  due: number;
  sweepMs: number;
  /** The sweep's filtered queries done bare (median). */
  indexQueriesMs: number;
  areaQueriesMs: number;
}

interface DryRunStore {
  actions: number;
  importMs: number;
  stores: Stores;
  tables: TableClients;
  planIds: string[];
  times: number[];
  indexTimes: number[];
  areaTimes: number[];
  report?: SweepReport;
}

async function importDryRunStore(connectionString: string, perPlan: number): Promise<DryRunStore> {
  const { stores, tables } = await openStores(connectionString, `Sweep${perPlan}`);
  const plans = Array.from({ length: PLANS }, (_, p) => ({
    id: `plan-${p}`,
    rows: sweepPlanRows(p, perPlan),
  }));
  const importMs = await importPlans(stores, plans);
  return {
    actions: PLANS * perPlan,
    importMs,
    stores,
    tables,
    planIds: plans.map((p) => p.id),
    times: [],
    indexTimes: [],
    areaTimes: [],
  };
}

/**
 * Dry runs over both stores, alternating round by round (after one unmeasured warm-up each), so that
 * drift in the shared Azurite process (its heap grows with every import) falls on both sizes alike.
 */
async function benchDryRuns(connectionString: string, perPlanSizes: number[]): Promise<DryRunResult[]> {
  const stores: DryRunStore[] = [];
  for (const perPlan of perPlanSizes) stores.push(await importDryRunStore(connectionString, perPlan));
  const { channel, calls } = refusingChannel();
  for (let round = -1; round < DRY_RUN_ROUNDS; round++) {
    for (const store of stores) {
      const queries = await sweepQueriesMs(store.tables, store.planIds);
      const start = performance.now();
      store.report = await runSweep(
        {
          stores: store.stores,
          channel,
          calendar,
          clock: { now: () => SWEEP_AT },
          claimant: 'bench-dry-run',
        },
        { dryRun: true },
      );
      if (round < 0) continue;
      store.times.push(performance.now() - start);
      store.indexTimes.push(queries.indexMs);
      store.areaTimes.push(queries.areasMs);
    }
  }
  if (calls() > 0) throw new Error(`the dry run called the notifier ${calls()} times`);
  return stores.map((store) => ({
    actions: store.actions,
    importMs: store.importMs,
    indexEntriesRead: store.report!.indexEntriesRead,
    actionsRead: store.report!.actionsRead,
    due: store.report!.rows.filter((r) => r.step !== undefined).length,
    sweepMs: median(store.times),
    indexQueriesMs: median(store.indexTimes),
    areaQueriesMs: median(store.areaTimes),
  }));
}

/**
 * A Bot Connector that behaves like Teams under load: at most `limit` accepted messages in any one-second
 * window (over that: 429 with Retry-After), and a share of requests throttled at random regardless.
 */
export interface ThrottlingConnector {
  url: string;
  /** `conversation id|plan id|action id` of every accepted message, in order. */
  accepted: string[];
  acceptedAt: number[];
  /** When every message was posted, accepted or not. */
  attemptedAt: number[];
  overLimit429: number;
  random429: number;
  close(): Promise<void>;
}

export async function startThrottlingConnector(
  limit: number,
  randomShare: number,
): Promise<ThrottlingConnector> {
  const random = seededRandom(7);
  const window: number[] = [];
  const connector: ThrottlingConnector = {
    url: '',
    accepted: [],
    acceptedAt: [],
    attemptedAt: [],
    overLimit429: 0,
    random429: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const answer = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(payload)),
      ...headers,
    });
    res.end(payload);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      answer(res, 404, { error: { code: 'NotFound', message: 'no route' } });
      return;
    }
    const now = performance.now();
    connector.attemptedAt.push(now);
    while (window.length > 0 && now - window[0]! >= 1000) window.shift();
    if (window.length >= limit) {
      connector.overLimit429++;
      const wait = Math.max(1, Math.ceil((window[0]! + 1000 - now) / 1000));
      answer(
        res,
        429,
        { error: { code: 'Throttled', message: 'Too many requests.' } },
        { 'Retry-After': String(wait) },
      );
      return;
    }
    if (random() < randomShare) {
      connector.random429++;
      answer(
        res,
        429,
        { error: { code: 'Throttled', message: 'Too many requests.' } },
        RANDOM_429_RETRY_AFTER === '' ? {} : { 'Retry-After': RANDOM_429_RETRY_AFTER },
      );
      return;
    }
    window.push(now);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      attachments?: {
        content?: { refresh?: { action?: { data?: { planId?: string; actionId?: string } } } };
      }[];
    };
    const data = body.attachments?.[0]?.content?.refresh?.action?.data;
    connector.accepted.push(`${decodeURIComponent(match[1]!)}|${data?.planId}|${data?.actionId}`);
    connector.acceptedAt.push(now);
    answer(res, 201, { id: String(connector.accepted.length) });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, { error: { code: 'StubError', message: 'stub failed' } });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  connector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return connector;
}

/** The most messages the connector accepted in any one-second window. */
export function busiestSecond(times: number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

interface DeliveryResult {
  nudges: number;
  importMs: number;
  sweepMs: number;
  accepted: number;
  duplicates: number;
  lost: number;
  reportedSent: number;
  reportedFailed: number;
  reportedOther: number;
  silentlyLost: number;
  overLimit429: number;
  random429: number;
  busiestSecond: number;
}

async function benchDelivery(connectionString: string): Promise<DeliveryResult> {
  const { stores } = await openStores(connectionString, 'SweepDeliver');
  const perPlan = 250;
  const planCount = Math.ceil(DELIVERIES / perPlan);
  const owners = Math.ceil(DELIVERIES / 5);
  const expected = new Set<string>();
  const chatOf = (owner: number) => `a:1bench-owner-${owner}`;
  const plans = Array.from({ length: planCount }, (_, p) => {
    const rows = [HEADER];
    for (let j = 0; j < perPlan && p * perPlan + j < DELIVERIES; j++) {
      // 50 owners a plan with 5 nudges each, so no one conversation's 7/s limit is what paces the sweep.
      const owner = (p * 50 + (j % 50)) % owners;
      const r = row(p, j, owner, DUE, 'in progress');
      rows.push(r);
      expected.add(`${chatOf(owner)}|deliver-${p}|${r[2]}`);
    }
    return { id: `deliver-${p}`, rows };
  });
  const importMs = await importPlans(stores, plans);

  const connector = await startThrottlingConnector(TEAMS_LIMIT_PER_SECOND, RANDOM_429_SHARE);
  try {
    // Every owner has messaged the bot in personal chat: their conversation reference is stored.
    await registerReachableOwners(stores, owners, chatOf, connector.url, 'bench');
    const { channel } = assembleBot(
      { MicrosoftAppType: 'SingleTenant' },
      { stores, clock: { now: () => SWEEP_AT }, logger: createLogger('silent'), calendar },
    );
    const start = performance.now();
    const report = await runSweep(
      { stores, channel, calendar, clock: { now: () => SWEEP_AT }, claimant: 'bench-delivery' },
      { dryRun: false },
    );
    const sweepMs = performance.now() - start;

    const unique = new Set(connector.accepted);
    const nudgeRows = report.rows.filter((r) => r.actionId !== '—');
    const sentKeys = new Set(
      nudgeRows.filter((r) => r.outcome === 'sent').map((r) => `${r.planId}|${r.actionId}|${r.owner}`),
    );
    const deliveredKeys = new Set(
      [...unique].map((k) => {
        const [chat, planId, actionId] = k.split('|');
        return `${planId}|${actionId}|owner${chat!.replace('a:1bench-owner-', '')}@example.org`;
      }),
    );
    return {
      nudges: expected.size,
      importMs,
      sweepMs,
      accepted: connector.accepted.length,
      duplicates: connector.accepted.length - unique.size,
      lost: [...expected].filter((k) => !unique.has(k)).length,
      reportedSent: sentKeys.size,
      reportedFailed: nudgeRows.filter((r) => r.outcome === 'failed').length,
      reportedOther: nudgeRows.filter((r) => r.outcome !== 'sent' && r.outcome !== 'failed').length,
      silentlyLost: [...sentKeys].filter((k) => !deliveredKeys.has(k)).length,
      overLimit429: connector.overLimit429,
      random429: connector.random429,
      busiestSecond: busiestSecond(connector.acceptedAt),
    };
  } finally {
    await connector.close();
  }
}

/** The same real sweep over INSTANT_NUDGES nudges with a notifier that answers at once: storage only. */
async function benchInstantSweep(connectionString: string): Promise<{ nudges: number; sweepMs: number }> {
  const { stores } = await openStores(connectionString, 'SweepInstant');
  const perPlan = 250;
  const plans = Array.from({ length: Math.ceil(INSTANT_NUDGES / perPlan) }, (_, p) => {
    const rows = [HEADER];
    for (let j = 0; j < perPlan && p * perPlan + j < INSTANT_NUDGES; j++) {
      rows.push(row(p, j, (p * 50 + (j % 50)) % 200, DUE, 'in progress'));
    }
    return { id: `instant-${p}`, rows };
  });
  await importPlans(stores, plans);
  await pool(
    Array.from({ length: 200 }, (_, i) => i),
    16,
    async (i) => {
      await stores.users.put({
        aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        name: `Owner ${i}`,
        email: `owner${i}@example.org`,
        conversationReference: { conversation: { id: `a:1instant-${i}` } },
        updatedAt: IMPORTED_AT.toISOString(),
      });
    },
  );
  const instant: MessageSender<TeamsUser> = {
    sendNudge: async () => ({ status: 'sent' }),
    sendActionCard: async () => ({ status: 'sent' }),
    sendUndelivered: async () => ({ status: 'sent' }),
    sendDigest: async () => ({ status: 'sent' }),
    sendMeasureRequest: async () => ({ status: 'sent' }),
  };
  const start = performance.now();
  const report = await runSweep(
    {
      stores,
      channel: teamsChannel(instant),
      calendar,
      clock: { now: () => SWEEP_AT },
      claimant: 'bench-instant',
    },
    { dryRun: false },
  );
  const sweepMs = performance.now() - start;
  const sent = report.rows.filter((r) => r.outcome === 'sent').length;
  if (sent !== INSTANT_NUDGES) throw new Error(`instant sweep sent ${sent} of ${INSTANT_NUDGES}`);
  return { nudges: sent, sweepMs };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs both measurements and returns the lines to print. */
export async function benchSweep(connectionString: string): Promise<string[]> {
  const [small, large] = (await benchDryRuns(connectionString, [25, 250])) as [DryRunResult, DryRunResult];
  const ratio = large.sweepMs / small.sweepMs;
  const lines = [
    '',
    `reminder sweep, dry run (${PLANS} plans, 300 reminders due on the sweep day; median of ${DRY_RUN_ROUNDS}):`,
    'actions  import        index entries read  actions read  due  sweep ms',
    ...[small, large].map(
      (r) =>
        `${String(r.actions).padEnd(8)} ${s(r.importMs).padEnd(13)} ${String(r.indexEntriesRead).padEnd(19)} ${String(r.actionsRead).padEnd(13)} ${String(r.due).padEnd(4)} ${r.sweepMs.toFixed(0)}`,
    ),
    `  sweep time 50k ÷ 5k: ${ratio.toFixed(2)}× (target ≤ 1.5) ${ratio <= 1.5 ? 'met' : `MISSED by ${(ratio - 1.5).toFixed(2)}`}`,
    `  for comparison, ${CATCH_UP_DAYS + 3} one-date index queries (the sweep makes one date-range query instead): ${small.indexQueriesMs.toFixed(0)} → ${large.indexQueriesMs.toFixed(0)} ms (Azurite tests every entity of a table for each filtered query; Azure Tables reads only the partition)`,
  ];

  const d = await benchDelivery(connectionString);
  const instant = await benchInstantSweep(connectionString);
  const perNudge = instant.sweepMs / instant.nudges;
  const rate = d.accepted / (d.sweepMs / 1000);
  const share = rate / TEAMS_LIMIT_PER_SECOND;
  lines.push(
    '',
    `reminder sweep delivering ${d.nudges} nudges (real ProactiveNotifier; connector enforcing ${TEAMS_LIMIT_PER_SECOND}/s, ${RANDOM_429_SHARE * 100} % random 429s with Retry-After: ${RANDOM_429_RETRY_AFTER === '' ? 'none' : RANDOM_429_RETRY_AFTER}):`,
    `  plans imported in ${s(d.importMs)}; sweep took ${s(d.sweepMs)}`,
    `  accepted ${d.accepted} messages: ${rate.toFixed(1)}/s = ${share.toFixed(2)} of ${TEAMS_LIMIT_PER_SECOND}/s (target ≥ 0.90) ${share >= 0.9 ? 'met' : `MISSED by ${(0.9 - share).toFixed(2)}`}; busiest second ${d.busiestSecond}`,
    `  429s answered: ${d.overLimit429} over the limit, ${d.random429} random`,
    `  duplicates ${d.duplicates} (must be 0), lost ${d.lost} (must be 0)`,
    `  the same sweep over ${instant.nudges} nudges with a notifier that answers at once: ${perNudge.toFixed(1)} ms per nudge of storage work, one nudge at a time, so at most ${(1000 / perNudge).toFixed(0)}/s before any HTTP; the notifier's own pacing caps sends at ${TEAMS_PACING.perTenantPerSecond}/s`,
    `  sweep report: ${d.reportedSent} sent, ${d.reportedFailed} failed (retried next sweep), ${d.reportedOther} other; reported sent but never accepted: ${d.silentlyLost}`,
  );
  return lines;
}
