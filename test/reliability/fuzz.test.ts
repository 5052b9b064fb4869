/**
 * A fuzz pass over the real server's inputs: /api/messages (activities and Adaptive Card invokes) and the
 * dashboard tab's update endpoint. Whatever arrives, the server answers 2xx or 4xx, never 5xx, stays up,
 * and the plans are exactly as they were. The requests come from a seeded generator: the seed is printed,
 * and RELIABILITY_SEED=<seed> replays the same ones.
 */
import { freePort } from '../../src/storage/azurite';
import type { Stores } from '../../src/usecases/ports/index';
import { teamsMessage } from '../support/activities';
import { testConnectionString } from '../support/test-stores';
import { countBy } from './support/exactly-once';
import { type FaultConnector, startFaultConnector } from './support/fault-connector';
import {
  authorisationCases,
  type FuzzCase,
  type FuzzWorld,
  forgedCoordinatorCases,
  fuzzSeed,
  type LazyCase,
  prng,
  structuralCases,
} from './support/fuzz';
import { post } from './support/http';
import { CLOCK_START, DUE, importAt, LATER_DUE, openTestStores, person, uniquePrefix } from './support/plan';
import { Checks, printReport } from './support/report';
import {
  health,
  killAllServers,
  type ServerProcess,
  saveLogs,
  startServer,
  stopServer,
} from './support/server-process';
import { differences, type Snapshot, snapshot } from './support/snapshot';

const SCENARIO = 'fuzz';
const PLAN = 'fuzz';
const OTHER_PLAN = 'elsewhere';
const seed = fuzzSeed();
const storage = testConnectionString();

const owner = person(1);
const otherOwner = person(2);
const thirdOwner = person(3);
const coordinator = person(1, 'coordinator');
const lead = person(1, 'lead');
const stranger = person(1, 'stranger');
const absentCoordinator = person(2, 'coordinator');

let connector: FaultConnector;
let stores: Stores;
let prefix: string;
let server: ServerProcess;
let world: FuzzWorld;

beforeAll(async () => {
  process.stdout.write(
    `\nfuzz seed: ${seed} (replay with RELIABILITY_SEED=${seed} npm run test:reliability)\n`,
  );
  prefix = uniquePrefix();
  stores = await openTestStores(storage, prefix);
  await importAt(
    stores,
    PLAN,
    [
      { id: '1.1', owners: [owner], due: DUE },
      { id: '1.2', owners: [owner], due: LATER_DUE },
      { id: '1.3', owners: [owner, otherOwner], due: DUE },
      { id: '2.1', owners: [otherOwner], due: DUE },
      { id: '2.2', owners: [otherOwner], due: LATER_DUE },
      { id: '2.3', owners: [thirdOwner], due: DUE },
    ],
    { coordinators: [coordinator.email], leads: [lead.email] },
  );
  await importAt(
    stores,
    OTHER_PLAN,
    [
      // Ids no action of the fuzzed plan has, so "snooze 7.1" can only mean this plan's.
      { id: '7.1', owners: [thirdOwner], due: DUE },
      { id: '7.2', owners: [thirdOwner], due: LATER_DUE },
    ],
    { coordinators: [absentCoordinator.email] },
  );
  connector = await startFaultConnector();
  // No scheduler: nothing but the fuzzed requests can change anything.
  server = await startServer({ name: 'fuzz', storage, prefix, clockStart: CLOCK_START, scheduler: 'off' });
  // The plan's people have talked to the bot, as they would have in Teams; the stranger is only in the roster.
  for (const user of [owner, otherOwner, thirdOwner, coordinator, lead, stranger])
    connector.members.set(user.id, user);
  for (const user of [owner, otherOwner, thirdOwner, coordinator, lead]) {
    const answer = await post(
      `${server.url}/api/messages`,
      teamsMessage({ user, text: 'help', serviceUrl: connector.url }),
    );
    expect(answer.status).toBe(200);
  }
  world = {
    serviceUrl: connector.url,
    deadServiceUrl: `http://127.0.0.1:${await freePort()}/`,
    planId: PLAN,
    otherPlanId: OTHER_PLAN,
    owner,
    ownActions: ['1.1', '1.2', '1.3'],
    foreignActions: ['2.1', '2.2', '2.3'],
    otherPlanActions: ['7.1', '7.2'],
    coordinator,
    stranger,
  };
}, 60_000);

afterAll(async () => {
  if (server) await stopServer(server);
  await killAllServers();
  saveLogs('fuzz');
  await connector?.close();
  printReport();
});

interface Outcome {
  fuzz: FuzzCase;
  status: number;
  ms: number;
  text: string;
  /** Rows of the plans this request changed (a snapshot is taken after every request). */
  changed: string[];
}

let last: Snapshot | undefined;

/** Sends one request and notes what it changed, so a change is pinned on the request that made it. */
async function sendAndWatch(fuzz: FuzzCase): Promise<Outcome> {
  last ??= await snapshot(storage, prefix);
  const outcome = await send(fuzz);
  const now = await snapshot(storage, prefix);
  const changed = differences(last, now);
  last = now;
  return { ...outcome, changed };
}

async function send(fuzz: FuzzCase): Promise<Omit<Outcome, 'changed'>> {
  const url = `${server.url}${fuzz.path}`;
  if (fuzz.method === 'POST' && fuzz.body !== undefined) {
    const answer = await post(url, fuzz.body, { headers: fuzz.headers, timeoutMs: 30_000 });
    return { fuzz, status: answer.status, ms: answer.ms, text: answer.text };
  }
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: fuzz.method,
      headers: fuzz.headers,
      signal: AbortSignal.timeout(30_000),
    });
    return {
      fuzz,
      status: response.status,
      ms: Date.now() - started,
      text: (await response.text()).slice(0, 300),
    };
  } catch (error) {
    return { fuzz, status: 0, ms: Date.now() - started, text: String((error as Error).message) };
  }
}

const bad = (o: Outcome) => o.status === 0 || o.status >= 500;

function describeBad(outcomes: Outcome[]): string {
  const failing = outcomes.filter(bad);
  return failing
    .slice(0, 25)
    .map(
      (o) =>
        `  ${o.status || 'no answer'} ← ${o.fuzz.method} ${o.fuzz.path.slice(0, 60)} [${o.fuzz.label.slice(0, 140)}] → ${o.text.replace(/\s+/g, ' ').slice(0, 160)}`,
    )
    .join('\n');
}

/** One row per category: how many requests, what they were answered, and no 5xx or silence. */
async function checkCategories(checks: Checks, outcomes: Outcome[]): Promise<void> {
  const categories = [...new Set(outcomes.map((o) => o.fuzz.category))];
  for (const category of categories) {
    const mine = outcomes.filter((o) => o.fuzz.category === category);
    const statuses = countBy(mine, (o) => String(o.status || 'none'));
    const summary = Object.entries(statuses)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${n}×${status}`)
      .join(', ');
    await checks.run(
      {
        scenario: SCENARIO,
        fault: `${category} (${mine.length} requests)`,
        checked: 'every answer 2xx/4xx, none 5xx or missing',
      },
      async () => {
        const failing = mine.filter(bad);
        if (failing.length > 0)
          throw new Error(
            `${failing.length} of ${mine.length} answered 5xx or not at all (${summary})\n${describeBad(mine)}`,
          );
        const slowest = Math.max(...mine.map((o) => o.ms));
        return `${summary}; slowest ${slowest} ms`;
      },
    );
  }
}

async function checkAliveAndUnchanged(
  checks: Checks,
  what: string,
  before: Snapshot,
  errorsBefore: number,
  outcomes: Outcome[],
) {
  await checks.run({ scenario: SCENARIO, fault: what, checked: 'server alive, /healthz 200' }, async () => {
    expect(server.alive()).toBe(true);
    expect(await health(server)).toBe(200);
    const errors = server
      .logLines(/./)
      .filter((l) => Number(l.level) >= 50)
      .slice(errorsBefore);
    const kinds = countBy(
      errors,
      (l) => `${l.msg}${(l.err as { name?: string })?.name ? ` (${(l.err as { name: string }).name})` : ''}`,
    );
    return `pid ${server.pid} still up; error log lines: ${errors.length === 0 ? 'none' : JSON.stringify(kinds)}`;
  });
  await checks.run(
    { scenario: SCENARIO, fault: what, checked: 'plans, actions, history, indexes, rounds unchanged' },
    async () => {
      const after = await snapshot(storage, prefix);
      const diff = differences(before, after);
      if (diff.length > 0) {
        const culprits = outcomes
          .filter((o) => o.changed.length > 0)
          .map((o) => `  ${o.fuzz.label} (HTTP ${o.status}) → ${o.changed.join('; ')}`);
        throw new Error(
          `${diff.length} rows changed by ${culprits.length} requests\n${culprits.slice(0, 20).join('\n')}\n  rows: ${diff.slice(0, 20).join('; ')}`,
        );
      }
      return `${after.size} rows identical (ETags included)`;
    },
  );
}

async function versionOf(planId: string, actionId: string): Promise<string> {
  return String((await stores.actions.get(planId, actionId))?.value.revision ?? 0);
}

async function runLazy(cases: LazyCase[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const make of cases) outcomes.push(await sendAndWatch(await make(versionOf)));
  return outcomes;
}

const errorLines = () => server.logLines(/./).filter((l) => Number(l.level) >= 50).length;

test('when /api/messages and the tab API get malformed JSON, wrong types, huge strings and unknown verbs, then every answer is 2xx or 4xx, the server stays up and nothing changes', async () => {
  const checks = new Checks();
  const before = await snapshot(storage, prefix);
  const errorsBefore = errorLines();
  const cases = structuralCases(prng(seed), world);
  expect(cases.length).toBeGreaterThan(350);
  const outcomes: Outcome[] = [];
  for (const fuzz of cases) outcomes.push(await sendAndWatch(fuzz));
  await checkCategories(checks, outcomes);
  await checkAliveAndUnchanged(
    checks,
    `structural fuzz, seed ${seed} (${cases.length} requests)`,
    before,
    errorsBefore,
    outcomes,
  );
  checks.assertAll();
}, 120_000);

test('when people without the right send valid-looking changes (other owners’ actions, other plans, strangers, no identity, identity in card data), then each is refused with 2xx/4xx and nothing changes', async () => {
  const checks = new Checks();
  const before = await snapshot(storage, prefix);
  const errorsBefore = errorLines();
  const outcomes = await runLazy(authorisationCases(world));
  await checkCategories(checks, outcomes);
  await checkAliveAndUnchanged(
    checks,
    `authorisation fuzz (${outcomes.length} requests)`,
    before,
    errorsBefore,
    outcomes,
  );
  checks.assertAll();
}, 120_000);

test('when an activity claims the coordinator’s identity but the roster says the sender is someone else, then it is refused and nothing changes', async () => {
  const checks = new Checks();
  const before = await snapshot(storage, prefix);
  const errorsBefore = errorLines();
  const sentBefore = connector.delivered.length;
  const outcomes = await runLazy(forgedCoordinatorCases(world));
  await checkCategories(checks, outcomes);
  await checkAliveAndUnchanged(
    checks,
    `forged coordinator (${outcomes.length} requests)`,
    before,
    errorsBefore,
    outcomes,
  );
  await checks.run(
    { scenario: SCENARIO, fault: 'forged coordinator', checked: 'answers: refused, not acted on' },
    async () => {
      const accepted = outcomes.filter((o) =>
        /Updated by|No reminders about this action until|Monitoring round \d+ (started|is open)|round \d+/i.test(
          o.text,
        ),
      );
      const proactive = connector.delivered
        .slice(sentBefore)
        .filter((d) => d.operation === 'sendToConversation');
      if (accepted.length > 0 || proactive.length > 0) {
        throw new Error(
          `${accepted.length} of ${outcomes.length} forged requests were acted on; ${proactive.length} proactive cards sent\n${accepted
            .map((o) => `  ${o.fuzz.label} → ${o.text.replace(/\s+/g, ' ').slice(0, 200)}`)
            .join('\n')}`,
        );
      }
      return 'every forged request refused';
    },
  );
  checks.assertAll();
}, 120_000);
