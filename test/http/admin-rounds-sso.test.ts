/**
 * The management page's rounds signed in through Teams, on the HTTP app as the server composes it
 * (compose-http, Azurite with the demo plan, the real e-mail channel to a loopback SMTP server, the tab's
 * SSO against a stand-in for Entra ID): the coordinator starts a round and its requests go out by e-mail
 * at once, through the same channel the scheduler uses; a lead's token is refused and starts nothing.
 */
import type { TabRounds } from '../../src/http/dashboard-api/admin-rounds-types';
import type { TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import type { SmtpSink } from '../email/smtp-sink';
import type { EntraPerson } from '../support/entra-tokens';
import { fakeEntraFor, type ProductionApp, startProductionAppWithMail } from '../support/production-app';
import { fixedClock } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const HOST = 'tracker.example.org';
/** Wednesday 15 Jan 2025, 10:00 in London: inside the send window. */
const NOW = '2025-01-15T10:00:00Z';
const ROUNDS = `/api/tab/admin/plans/${PLAN}/rounds`;
const COORDINATOR: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'partnership.manager@example.org',
};
const LEAD: EntraPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  email: 'director.children@example.org',
};
/** Owns 2.1 and 2.2 in the demo plan; not in Teams, so reached by e-mail. */
const OWNER = 'icb.camhs@example.org';

const clock = fixedClock(NOW);
const entra = fakeEntraFor(HOST, clock);
let sink: SmtpSink;
let app: ProductionApp;

beforeAll(async () => {
  ({ app, sink } = await startProductionAppWithMail({ host: HOST, clock, entra }));
}, 30_000);

afterAll(async () => {
  await app?.close();
});

async function call(
  person: EntraPerson,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.url}${ROUNDS}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${await entra.accessToken(person)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

test('when a lead signed in through Teams tries to start a round, then it is refused and nothing starts', async () => {
  const refused = await call(LEAD, '', { group: '' });
  expect(refused.status).toBe(403);
  expect((refused.body as TabAdminResult & { ok: false }).error).toMatch(/coordinator/i);
  expect(await app.stores.rounds.list(PLAN)).toEqual([]);
});

test('when the coordinator signed in through Teams starts a round, then the owners are e-mailed at once and the section shows it open', async () => {
  const before = (await call(COORDINATOR, '')).body as TabRounds;
  expect(before.sends).toBe(true);
  expect(before.scopes.map((s) => s.name)).toEqual(['The whole plan']);

  const started = await call(COORDINATOR, '', { group: '', responseDue: '2025-01-29' });
  expect(started.status).toBe(200);
  const message = (started.body as TabAdminResult & { ok: true }).message;
  expect(message).toMatch(
    /^Round 1 \(the whole plan\) started: \d+ actions, \d+ owners, responses due 29 Jan 2025\./,
  );
  expect(message).toMatch(/Requests: [1-9]\d* sent/);
  const subjects = sink.received
    .filter((m) => m.envelopeTo.includes(OWNER))
    .map((m) => m.parsed.subject ?? '');
  expect(subjects).toEqual(
    expect.arrayContaining([
      'Round 1: please update action 2.1 by 29 Jan 2025',
      'Round 1: please update action 2.2 by 29 Jan 2025',
    ]),
  );
  const after = (await call(COORDINATOR, '')).body as TabRounds;
  expect(after.scopes[0]?.open?.label).toBe('Round 1, opened 15 Jan 2025; responses due 29 Jan 2025');
});
