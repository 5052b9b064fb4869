import { CANONICAL_COLUMNS } from '../../src/domain/spreadsheet-columns';
/**
 * The reminder sweep under the conditions production will throw at it: two sweeps at once, a process
 * killed in the middle of a send, and a Bot Connector that throttles, fails and refuses. Everything is
 * real except Teams itself: Azurite storage, botbuilder's HTTP stack, the built CLI as a child process.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { assembleBot } from '../../src/app/compose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { createApp, listen } from '../../src/http/server';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { createLogger } from '../../src/support/logger';
import type { Channel } from '../../src/usecases/delivery/channel';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { Clock, Stores } from '../../src/usecases/ports/index';
import { runSweep } from '../../src/usecases/sweep/run-sweep';
import type { SweepReport } from '../../src/usecases/sweep/sweep-report';
import {
  BOT_ACCOUNT,
  LOCALE,
  personalChat,
  TENANT_ID,
  type TestUser,
  teamsMessage,
} from '../support/activities';
import { cardOf, cardText } from '../support/cards';
import { type ConnectorStub, type RecordedActivity, startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';
import { finished, ROOT } from '../support/processes';
import { fixedClock, freshStores, seededRandom, testConnectionString } from '../support/test-stores';

/** Monday 3 March 2025: the plan is imported, and every action is filed under its first reminder. */
const IMPORTED_AT = '2025-03-03T10:00:00.000Z';
/** Thursday 6 March 2025, 10:00 in London (GMT): a working day, inside the 09:00–17:00 window. */
const SWEEP_AT = '2025-03-06T10:00:00.000Z';
/** Due Thursday 20 March: the 14-days-before step falls on the sweep day. */
const DUE = '2025-03-20';
const STEP = 'before-14';
const LATER_DUE = '2025-09-30';

const calendar = new UkHolidayCalendar();
const silent = createLogger('silent');

function person(n: number, role = 'owner'): TestUser {
  const email = `${role}${n}@example.org`;
  return {
    id: `29:${role}-${n}`,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
    aadObjectId: `00000000-0000-4000-8000-${String(n + (role === 'owner' ? 0 : 500)).padStart(12, '0')}`,
    email,
    userPrincipalName: email,
    givenName: role,
    surname: String(n),
    tenantId: TENANT_ID,
    userRole: 'user',
  };
}

interface PlannedAction {
  id: string;
  owners: TestUser[];
  due: string;
}

/** Canonical spreadsheet rows for the plan; several owners share a cell separated by `;`. */
function planRows(actions: PlannedAction[]): string[][] {
  return [
    [...CANONICAL_COLUMNS],
    ...actions.map((a) => [
      a.id.split('.')[0]!,
      `Area ${a.id.split('.')[0]}`,
      a.id,
      `Action ${a.id}: review multi-agency practice and report to the partnership`,
      'Police',
      a.owners.map((o) => o.name).join('; '),
      a.owners.map((o) => o.email).join('; '),
      '2025-01-01',
      a.due,
      'amber',
      `Measure for ${a.id}`,
    ]),
  ];
}

async function importAt(
  stores: Stores,
  planId: string,
  actions: PlannedAction[],
  coordinators: string[] = [],
): Promise<void> {
  await importPlan(
    { stores, clock: fixedClock(IMPORTED_AT), random: seededRandom(), calendar },
    {
      planId,
      title: `Plan ${planId}`,
      rows: planRows(actions),
      details: { coordinators },
      dryRun: false,
      actor: 'test',
      sourceName: 'generated',
    },
  );
}

/** Every (action, owner) nudge the plan owes on the sweep day, as `conversation id|action id`. */
function expectedNudges(actions: PlannedAction[], conversationOf: (u: TestUser) => string): string[] {
  return actions
    .filter((a) => a.due === DUE)
    .flatMap((a) => a.owners.map((o) => `${conversationOf(o)}|${a.id}`))
    .sort();
}

/** The action a nudge card is about, from its refresh data (undefined for any other card). */
function nudgeActionId(card: unknown): string | undefined {
  const refresh = (card as { refresh?: { action?: { verb?: string; data?: { actionId?: string } } } })
    .refresh;
  return refresh?.action?.verb === 'action.refresh' ? refresh.action.data?.actionId : undefined;
}

function nudgesAt(stub: ConnectorStub): string[] {
  return stub.activities
    .filter((a) => nudgeActionId(cardOf(a)) !== undefined)
    .map((a) => `${a.conversationId}|${nudgeActionId(cardOf(a))}`)
    .sort();
}

/** Messages the bot tried to post, whatever the answer (proactive sends go out as replyToActivity). */
function sendsIn(stub: ConnectorStub) {
  return stub.requests.filter(
    (r) => r.operation === 'sendToConversation' || r.operation === 'replyToActivity',
  );
}

function personalChatId(user: TestUser): string {
  return personalChat(user).conversation.id;
}

function sentRows(report: SweepReport) {
  return report.rows.filter((r) => r.outcome === 'sent' && r.actionId !== '—');
}

/** A bot process: its own table clients over the same tables, its own adapter, pacing and notifier. */
interface BotProcess {
  stores: Stores;
  channel: Channel;
  botUrl: string;
  close(): Promise<void>;
}

async function startBotProcess(prefix: string, clock: Clock): Promise<BotProcess> {
  const stores = createStores(new TableClients({ connectionString: testConnectionString() }, prefix));
  const bot = assembleBot({ MicrosoftAppType: 'SingleTenant' }, { stores, clock, logger: silent, calendar });
  const { server, url } = await listen(
    createApp({ stores, logger: silent, routers: [bot.router] }),
    0,
    '127.0.0.1',
  );
  return { stores, channel: bot.channel, botUrl: url, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** People become reachable as in Teams: by messaging the bot in personal chat. */
async function messageTheBot(bot: BotProcess, stub: ConnectorStub, users: TestUser[]): Promise<void> {
  for (const user of users) {
    stub.members.set(user.id, user);
    const answer = await postActivity(bot.botUrl, teamsMessage({ user, text: 'help', serviceUrl: stub.url }));
    expect(answer.status).toBe(200);
    const stored = (await bot.stores.users.get(user.aadObjectId))?.value;
    expect(stored?.conversationReference).toBeDefined();
  }
  stub.clear();
}

function sweepWith(stores: Stores, channel: Channel, clock: Clock, claimant: string): Promise<SweepReport> {
  return runSweep({ stores, channel, calendar, clock, claimant }, { dryRun: false });
}

describe('two sweeps at once', () => {
  const owners = Array.from({ length: 10 }, (_, i) => person(i));
  // 30 actions due for their 14-day reminder on the sweep day, every fifth with a second owner
  // (36 nudges in all), and 5 actions whose reminders are months away.
  const actions: PlannedAction[] = [
    ...Array.from({ length: 30 }, (_, i) => ({
      id: `${(i % 3) + 1}.${i + 1}`,
      owners: i % 5 === 0 ? [owners[i % 10]!, owners[(i + 3) % 10]!] : [owners[i % 10]!],
      due: DUE,
    })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `4.${i + 1}`, owners: [owners[i]!], due: LATER_DUE })),
  ];

  let stub: ConnectorStub;
  let first: BotProcess;
  let second: BotProcess;
  let prefix: string;

  beforeEach(async () => {
    const fresh = await freshStores();
    prefix = fresh.prefix;
    await importAt(fresh.stores, 'busy', actions);
    stub = await startConnectorStub();
    const clock = fixedClock(SWEEP_AT);
    first = await startBotProcess(prefix, clock);
    second = await startBotProcess(prefix, clock);
    await messageTheBot(first, stub, owners);
  });

  afterEach(async () => {
    await first.close();
    await second.close();
    await stub.close();
  });

  test('when two processes sweep the same 30 due actions concurrently, then every nudge arrives exactly once and a third sweep sends nothing', async () => {
    const clock = fixedClock(SWEEP_AT);
    const [a, b] = await Promise.all([
      sweepWith(first.stores, first.channel, clock, 'sweeper-a'),
      sweepWith(second.stores, second.channel, clock, 'sweeper-b'),
    ]);

    const expected = expectedNudges(actions, personalChatId);
    expect(expected).toHaveLength(36);
    expect(nudgesAt(stub)).toEqual(expected);
    // The sends were split between the two (which got which is up to the race); none were lost.
    expect(sentRows(a).length + sentRows(b).length).toBe(36);
    expect([...a.rows, ...b.rows].filter((r) => r.outcome === 'failed')).toEqual([]);
    const ledger = await Promise.all(
      actions
        .filter((x) => x.due === DUE)
        .flatMap((x) =>
          x.owners.map((o) => first.stores.ledger.get('busy', `${x.id}|${DUE}|${STEP}|${o.email}`)),
        ),
    );
    expect(ledger.map((r) => r?.state)).toEqual(Array(36).fill('sent'));

    stub.clear();
    const third = await sweepWith(
      createStores(new TableClients({ connectionString: testConnectionString() }, prefix)),
      first.channel,
      clock,
      'sweeper-c',
    );
    expect(sentRows(third)).toEqual([]);
    expect(stub.activities).toEqual([]);
    expect(stub.requests).toEqual([]);
  }, 30_000);
});

/**
 * A Bot Connector that takes `delayMs` to accept each message. A message counts as delivered only if
 * the answer was actually written: if the sender's connection is gone by then (the process was
 * killed), Teams never accepted it.
 */
interface SlowConnector {
  url: string;
  /** `conversation id|action id` of every accepted nudge, in order. */
  delivered: string[];
  /** Nudges whose sender vanished before the answer. */
  abandoned: string[];
  /** Called as each message arrives, with its 1-based number, before it is answered. */
  onArrival: (n: number) => void;
  /** While set, messages are not answered: they wait until their sender goes (and are abandoned). */
  hold: boolean;
  /** Resolves when every request received so far has been answered or abandoned. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function startSlowConnector(delayMs: number): Promise<SlowConnector> {
  const pending = new Set<Promise<void>>();
  let arrivals = 0;
  let nextId = 1;
  const connector: SlowConnector = {
    url: '',
    delivered: [],
    abandoned: [],
    onArrival: () => undefined,
    hold: false,
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () => closeServer(server),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      attachments?: { content?: unknown }[];
    };
    const key = `${decodeURIComponent(match[1]!)}|${nudgeActionId(body.attachments?.[0]?.content) ?? '?'}`;
    connector.onArrival(++arrivals);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    while (connector.hold && !(gone || res.destroyed || req.socket.destroyed))
      await new Promise((resolve) => setTimeout(resolve, 20));
    if (gone || res.destroyed || req.socket.destroyed) {
      connector.abandoned.push(key);
      return;
    }
    connector.delivered.push(key);
    const payload = JSON.stringify({ id: String(nextId++) });
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    const work = handle(req, res)
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      })
      .finally(() => pending.delete(work));
    pending.add(work);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  connector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return connector;
}

describe('a sweep process killed in the middle of a send', () => {
  const owners = Array.from({ length: 6 }, (_, i) => person(i));
  // 12 actions due for a reminder, two with a second owner: 14 nudges.
  const actions: PlannedAction[] = Array.from({ length: 12 }, (_, i) => ({
    id: `1.${i + 1}`,
    owners: i === 2 || i === 7 ? [owners[i % 6]!, owners[(i + 1) % 6]!] : [owners[i % 6]!],
    due: DUE,
  }));
  const chatOf = (user: TestUser) => `a:1slow-${user.aadObjectId}`;

  let connector: SlowConnector;

  beforeEach(async () => {
    connector = await startSlowConnector(150);
  });

  afterEach(async () => {
    await connector.close();
  });

  test('when the CLI sweep is killed mid-send and re-run, then the in-flight nudge waits for its claim to go stale and every nudge is delivered exactly once', async () => {
    const prefix = `K${randomBytes(5).toString('hex')}`;
    const tables = new TableClients({ connectionString: testConnectionString() }, prefix);
    await tables.ensureTables();
    const stores = createStores(tables);
    await importAt(stores, 'crash', actions);
    // Reachable owners: the conversation reference the bot stores from a personal-chat message.
    for (const owner of owners) {
      await stores.users.put({
        aadObjectId: owner.aadObjectId,
        name: owner.name,
        email: owner.email,
        tenantId: TENANT_ID,
        conversationReference: {
          bot: { ...BOT_ACCOUNT },
          conversation: { conversationType: 'personal', tenantId: TENANT_ID, id: chatOf(owner) },
          channelId: 'msteams',
          locale: LOCALE,
          serviceUrl: connector.url,
          user: { id: owner.id, name: owner.name, aadObjectId: owner.aadObjectId },
        },
        emailCheckedAt: IMPORTED_AT,
        updatedAt: IMPORTED_AT,
      });
    }
    const expected = expectedNudges(actions, chatOf);
    expect(expected).toHaveLength(14);

    const sweep = (now: string) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'dist', 'src', 'cli', 'index.js'), 'sweep', '--now', now],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH,
            STORAGE_CONNECTION_STRING: testConnectionString(),
            TABLE_PREFIX: prefix,
            LOG_LEVEL: 'silent',
          },
        },
      );
      return { child, done: finished(child) };
    };

    // Run 1: killed while messages are with Teams, unanswered. The sweep sends several at once, so the
    // kill leaves some delivered and some abandoned in flight. Teams stops answering first, and the kill
    // waits until what it did answer is recorded: a kill between Teams' answer and the ledger's record
    // is the one window no design closes (that nudge would go twice), and a loaded machine widens it.
    const killed = sweep(SWEEP_AT);
    connector.onArrival = (n) => {
      if (n !== 10) return;
      connector.hold = true;
      void (async () => {
        const giveUpAt = Date.now() + 15_000;
        while (Date.now() < giveUpAt) {
          const sent = (await stores.ledger.listByPrefix('crash', '')).filter((r) => r.state === 'sent');
          if (sent.length >= connector.delivered.length) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        killed.child.kill('SIGKILL');
      })();
    };
    const crash = await killed.done;
    connector.hold = false;
    expect(crash.code).toBeNull();
    await connector.settled();
    connector.onArrival = () => undefined;
    const abandoned = [...connector.abandoned];
    expect(abandoned.length).toBeGreaterThan(0);
    expect(connector.delivered.length).toBeGreaterThan(0);
    expect(connector.delivered.length + abandoned.length).toBeLessThan(expected.length);

    // Run 2, same instant: the dead process's claims are still fresh, so their nudges are left alone.
    const rerun = await sweep(SWEEP_AT).done;
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    await connector.settled();
    // Claimed by the dead process but not yet sent (waiting for its pacing turn) also waits for the claim
    // to go stale, so at most the rest are delivered now, and none twice.
    expect(connector.delivered.length).toBeLessThanOrEqual(expected.length - abandoned.length);
    expect(new Set(connector.delivered).size).toBe(connector.delivered.length);
    for (const inFlight of abandoned) expect(connector.delivered).not.toContain(inFlight);

    // Run 3, 11 minutes on: the claims are stale, taken over, and those nudges finally go.
    const later = new Date(Date.parse(SWEEP_AT) + 11 * 60_000).toISOString();
    const takeover = await sweep(later).done;
    expect(takeover.stderr).toBe('');
    expect(takeover.code).toBe(0);
    await connector.settled();
    for (const inFlight of abandoned)
      expect(connector.delivered.filter((k) => k === inFlight)).toHaveLength(1);
    expect([...connector.delivered].sort()).toEqual(expected);
  }, 45_000);
});

describe('faults at the connector', () => {
  const owner = person(1);
  const coordinator = person(1, 'coordinator');
  /** A coordinator who has never talked to the bot. */
  const silentCoordinator = person(2, 'coordinator');
  const actions: PlannedAction[] = [{ id: '1.1', owners: [owner], due: DUE }];
  const ledgerKey = `1.1|${DUE}|${STEP}|${owner.email}`;

  let stub: ConnectorStub;
  let bot: BotProcess;
  let clock: ReturnType<typeof fixedClock>;
  const sweep = () => sweepWith(bot.stores, bot.channel, clock, 'sweeper');
  const toCoordinator = (): RecordedActivity[] =>
    stub.activities.filter((a) => a.conversationId === personalChatId(coordinator));

  beforeEach(async () => {
    const fresh = await freshStores();
    await importAt(fresh.stores, 'faults', actions, [coordinator.email, silentCoordinator.email]);
    stub = await startConnectorStub();
    clock = fixedClock(SWEEP_AT);
    bot = await startBotProcess(fresh.prefix, clock);
    await messageTheBot(bot, stub, [owner, coordinator]);
  });

  afterEach(async () => {
    await bot.close();
    await stub.close();
  });

  test('when Teams throttles with 429 and Retry-After: 0, then the nudge is retried and delivered once', async () => {
    stub.failNext(429, 1, { 'Retry-After': '0' });
    const report = await sweep();
    expect(sentRows(report).map((r) => `${r.actionId} ${r.owner} ${r.step}`)).toEqual([
      `1.1 ${owner.email} ${STEP}`,
    ]);
    expect(nudgesAt(stub)).toEqual([`${personalChatId(owner)}|1.1`]);
    expect(sendsIn(stub).map((r) => r.status)).toEqual([429, 201]);
    expect((await bot.stores.ledger.get('faults', ledgerKey))?.state).toBe('sent');
  }, 30_000);

  test('when Teams keeps throttling past botbuilder’s own retries, then the notifier retries and the nudge is delivered once', async () => {
    // botbuilder's pipeline makes 4 tries (1 + 3 retries on Retry-After); the 5th try is the notifier's.
    stub.failNext(429, 5, { 'Retry-After': '0' });
    const report = await sweep();
    expect(sentRows(report).map((r) => `${r.actionId} ${r.owner}`)).toEqual([`1.1 ${owner.email}`]);
    expect(nudgesAt(stub)).toEqual([`${personalChatId(owner)}|1.1`]);
    expect(sendsIn(stub).map((r) => r.status)).toEqual([429, 429, 429, 429, 429, 201]);
    expect((await bot.stores.ledger.get('faults', ledgerKey))?.state).toBe('sent');
  }, 30_000);

  test('when Teams answers 500 every time, then the sweep reports it failed, and the next sweep delivers it once', async () => {
    stub.failNext(500, 20);
    const report = await sweep();
    expect(report.rows.map((r) => `${r.actionId} ${r.owner} ${r.outcome} ${r.reason}`)).toEqual([
      `1.1 ${owner.email} failed http-500`,
    ]);
    expect(stub.activities).toEqual([]);
    const tries = sendsIn(stub);
    expect(tries.length).toBeGreaterThan(1); // botbuilder's own retries
    expect(tries.every((r) => r.status === 500)).toBe(true);
    expect(await bot.stores.ledger.get('faults', ledgerKey)).toMatchObject({
      state: 'failed',
      outcome: 'http-500',
    });

    stub.clear(); // Teams recovers
    clock.set('2025-03-06T10:15:00Z');
    const next = await sweep();
    expect(sentRows(next).map((r) => `${r.actionId} ${r.owner}`)).toEqual([`1.1 ${owner.email}`]);
    expect(nudgesAt(stub)).toEqual([`${personalChatId(owner)}|1.1`]);
    expect((await bot.stores.ledger.get('faults', ledgerKey))?.state).toBe('sent');

    stub.clear();
    clock.set('2025-03-06T10:30:00Z');
    const after = await sweep();
    expect(sentRows(after)).toEqual([]);
    expect(stub.activities).toEqual([]);
  }, 30_000);

  test('when Teams answers 403, then the owner is marked unreachable and the reachable coordinator is told once', async () => {
    stub.failNext(403, 1);
    const report = await sweep();
    expect(report.rows.map((r) => `${r.actionId} ${r.owner} ${r.outcome} ${r.reason}`)).toEqual([
      `1.1 ${owner.email} unreachable removed Action Tracker or blocked it`,
      `— ${coordinator.email} sent list of 1 reminder that could not be delivered`,
      `— ${silentCoordinator.email} unreachable coordinator cannot be reached either`,
    ]);
    const user = (await bot.stores.users.get(owner.aadObjectId))!.value;
    expect(user.unreachableSince).toBe(SWEEP_AT);
    expect(user.conversationReference).toBeUndefined();
    expect(await bot.stores.ledger.get('faults', ledgerKey)).toMatchObject({
      state: 'skipped',
      outcome: 'unreachable',
    });
    // One request to the owner (403s are not retried), one card to the coordinator who can be reached.
    expect(
      stub.requests.map((r) => `${r.params.conversationId === personalChatId(owner)} ${r.status}`),
    ).toEqual(['true 403', 'false 201']);
    expect(stub.activities).toHaveLength(1);
    expect(toCoordinator()).toHaveLength(1);
    const text = cardText(cardOf(toCoordinator()[0]));
    expect(text).toContain('Reminders I could not deliver');
    expect(text).toContain(`(${owner.email}): removed Action Tracker or blocked it`);
    expect(text).toContain('**1.1** Action 1.1');

    stub.clear();
    clock.set('2025-03-06T14:00:00Z');
    const later = await sweep();
    expect(later.rows).toEqual([]);
    expect(stub.requests).toEqual([]);
  }, 30_000);
});
