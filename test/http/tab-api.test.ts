/**
 * The dashboard tab's API on the real server parts (express, use cases, Azurite), with Entra ID tokens
 * signed by a test key whose JWKS is served over HTTP, as Entra serves its own. Only Entra is stood in for.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { TabActionDetail, TabMe, TabPlanView, TabTrends } from '../../src/http/dashboard-api/api-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { TokenValidator } from '../../src/http/dashboard-api/tab-auth';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
const TENANT = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';
const OTHER_TENANT = '0e0e0e0e-1111-4222-8333-444444444444';
const RESOURCE = `api://localhost:3978/${APP_ID}`;
const NOW = '2025-01-15T10:00:00Z';

const COORDINATOR = { oid: '11111111-1111-4111-8111-111111111111', email: 'partnership.manager@example.org' };
const LEAD = { oid: '22222222-2222-4222-8222-222222222222', email: 'director.children@example.org' };
const OWNER = { oid: '33333333-3333-4333-8333-333333333333', email: 'icb.camhs@example.org' };
const STRANGER = { oid: '55555555-5555-4555-8555-555555555555', email: 'someone.else@example.org' };

let stores: Stores;
let clock: ReturnType<typeof fixedClock>;
let api: string;
let servers: Server[];
let signingKey: KeyLike;
let strangerKey: KeyLike;

async function listen(handler: express.Express): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const keys = express();
  keys.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
  const jwks = await listen(keys);

  clock = fixedClock(NOW);
  ({ stores } = await freshStores());
  const calendar = new UkHolidayCalendar();
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  const logger = createLogger('silent');
  const tokens = new TokenValidator(
    { appId: APP_ID, resource: RESOURCE, allowedTenants: [TENANT], jwksUrl: `${jwks.url}/keys` },
    clock,
  );
  const app = await listen(
    createApp({
      stores,
      logger,
      routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers, tokens })],
    }),
  );
  api = app.url;
  servers = [jwks.server, app.server];
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

interface TokenOptions {
  audience?: string;
  tenant?: string;
  issuer?: string;
  expiresAt?: number;
  key?: KeyLike;
  /** The delegated scopes; `null` leaves `scp` out, as in an ID token. */
  scope?: string | null;
}

async function tokenFor(person: { oid: string; email: string }, options: TokenOptions = {}): Promise<string> {
  const tenant = options.tenant ?? TENANT;
  const now = Math.floor(clock.now().getTime() / 1000);
  const scope = options.scope === undefined ? 'access_as_user' : options.scope;
  return new SignJWT({
    tid: tenant,
    oid: person.oid,
    preferred_username: person.email,
    name: person.email,
    ...(scope === null ? {} : { scp: scope }),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tenant}/v2.0`)
    .setAudience(options.audience ?? RESOURCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(options.key ?? signingKey);
}

async function call(
  path: string,
  person: { oid: string; email: string } | string | undefined,
  init: RequestInit = {},
): Promise<Response> {
  const token = typeof person === 'string' ? person : person ? await tokenFor(person) : undefined;
  return fetch(`${api}${path}`, {
    ...init,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...((init.headers as Record<string, string>) ?? {}),
    },
  });
}

describe('token validation', () => {
  test('when a coordinator calls with a valid token, then they get their plans', async () => {
    const response = await call('/api/tab/me', COORDINATOR);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const me = (await response.json()) as TabMe;
    expect(me.mode).toBe('teams');
    expect(me.localUsers).toBeUndefined();
    expect(me.plans).toEqual([expect.objectContaining({ id: PLAN, roles: ['coordinator'] })]);
  });

  test.each([
    ['no token', async () => undefined],
    [
      'an expired token',
      async () => tokenFor(COORDINATOR, { expiresAt: Math.floor(Date.parse(NOW) / 1000) - 600 }),
    ],
    ['the wrong audience', async () => tokenFor(COORDINATOR, { audience: 'api://elsewhere.example/other' })],
    ['a tenant that is not allowed', async () => tokenFor(COORDINATOR, { tenant: OTHER_TENANT })],
    [
      'an issuer for another tenant',
      async () => tokenFor(COORDINATOR, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
    ],
    ['a signature by another key', async () => tokenFor(COORDINATOR, { key: strangerKey })],
    ['a token that is not a JWT', async () => 'not-a-token'],
    [
      'an ID token (audience the app id, no scp claim)',
      async () => tokenFor(COORDINATOR, { audience: APP_ID, scope: null }),
    ],
    [
      'an access token for other scopes only',
      async () => tokenFor(COORDINATOR, { scope: 'User.Read openid' }),
    ],
  ])('when the request has %s, then it is refused with 401 and no data', async (_what, token) => {
    const value = await token();
    const response = await call(`/api/tab/plans/${PLAN}`, value ?? undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Sign in through Microsoft Teams to use the dashboard.' });
  });

  test('when the token is the app id audience (v1 style), then it is accepted', async () => {
    const response = await call('/api/tab/me', await tokenFor(LEAD, { audience: APP_ID }));
    expect(response.status).toBe(200);
  });
});

describe('authorisation, as in chat', () => {
  test('when someone with no part in the plan asks for it, its actions or its figures, then 404, word for word as for a plan that does not exist', async () => {
    const answer = async (path: string, person: typeof STRANGER) => {
      const response = await call(path, person);
      return { status: response.status, body: await response.json() };
    };
    const hidden = await answer(`/api/tab/plans/${PLAN}`, STRANGER);
    const missing = await answer('/api/tab/plans/no-such-plan', STRANGER);
    expect(hidden).toEqual({ status: 404, body: { error: `Plan ${PLAN} was not found.` } });
    expect(missing).toEqual({ status: 404, body: { error: 'Plan no-such-plan was not found.' } });

    // An action: the same answer whether the plan, the action or the right to see it is missing.
    const forbiddenAction = await answer(`/api/tab/plans/${PLAN}/actions/1.1`, STRANGER);
    expect(forbiddenAction).toEqual({ status: 404, body: { error: 'Action 1.1 was not found.' } });
    expect(await answer('/api/tab/plans/no-such-plan/actions/1.1', STRANGER)).toEqual(forbiddenAction);
    expect(await answer(`/api/tab/plans/${PLAN}/actions/1.1`, OWNER)).toEqual(forbiddenAction);
    expect(await answer(`/api/tab/plans/${PLAN}/actions/9.99`, OWNER)).toEqual({
      status: 404,
      body: { error: 'Action 9.99 was not found.' },
    });

    for (const figures of ['trends', 'export.csv', 'report.csv', 'compare?from=1&to=now']) {
      const there = await answer(`/api/tab/plans/${PLAN}/${figures}`, STRANGER);
      expect(there).toEqual({ status: 404, body: { error: `Plan ${PLAN} was not found.` } });
      expect(await answer(`/api/tab/plans/no-such-plan/${figures}`, STRANGER)).toEqual({
        status: 404,
        body: { error: 'Plan no-such-plan was not found.' },
      });
    }
  });

  test('when a stranger asks for any download, of any format or round, or posts an update, then the answer is word for word the one for a plan that does not exist', async () => {
    const answer = async (path: string, init: RequestInit = {}) => {
      const response = await call(path, STRANGER, init);
      return { status: response.status, body: await response.json() };
    };
    const downloads = [
      'report.html',
      'report.xlsx',
      'report.csv',
      'report.csv?round=2',
      'report.pdf',
      'export.csv',
    ];
    for (const download of downloads) {
      const there = await answer(`/api/tab/plans/${PLAN}/${download}`);
      const missing = await answer(`/api/tab/plans/no-such-plan/${download}`);
      expect(there.status).toBe(404);
      expect(JSON.stringify(missing)).toBe(JSON.stringify(there).replace(PLAN, 'no-such-plan'));
    }
    // A round that is not a number is refused before any plan is looked at: the same 400 for both.
    expect(await answer(`/api/tab/plans/${PLAN}/report.csv?round=x`)).toEqual(
      await answer('/api/tab/plans/no-such-plan/report.csv?round=x'),
    );
    const update = { method: 'POST', body: JSON.stringify({ version: '0', rating: 'green' }) };
    expect(await answer(`/api/tab/plans/${PLAN}/actions/2.1`, update)).toEqual(
      await answer('/api/tab/plans/no-such-plan/actions/2.1', update),
    );
  });

  test('when an owner opens the plan, then they see only their own actions, and not the plan-wide figures', async () => {
    const view = (await (await call(`/api/tab/plans/${PLAN}`, OWNER)).json()) as TabPlanView;
    expect(view.viewer).toEqual({ roles: [], seesWholePlan: false });
    expect(view.actions.map((a) => a.id)).toEqual(['2.1', '2.2']);
    expect(view.actions.every((a) => a.canUpdate)).toBe(true);
    // Another owner's action is not there for them; the plan's figures are there, and not theirs.
    expect((await call(`/api/tab/plans/${PLAN}/actions/1.1`, OWNER)).status).toBe(404);
    const trends = await call(`/api/tab/plans/${PLAN}/trends`, OWNER);
    expect(trends.status).toBe(403);
    expect(await trends.json()).toEqual({
      error: 'Plan-wide figures and reports are for the plan’s coordinators and leads.',
    });
    expect((await call(`/api/tab/plans/${PLAN}/report.csv`, OWNER)).status).toBe(403);
    expect((await call(`/api/tab/plans/${PLAN}/export.csv`, OWNER)).status).toBe(403);
  });

  test('when a lead opens the plan, then they see all of it but may not update', async () => {
    const view = (await (await call(`/api/tab/plans/${PLAN}`, LEAD)).json()) as TabPlanView;
    expect(view.viewer.seesWholePlan).toBe(true);
    expect(view.actions.length).toBeGreaterThan(10);
    expect(view.actions.some((a) => a.canUpdate)).toBe(false);
    expect(view.plan.ratings.map((r) => r.name)).toEqual(['Green', 'Yellow', 'Amber', 'Red']);
  });

  test('when unknown or malformed ids are asked for, then 404 with a message', async () => {
    expect((await call('/api/tab/plans/no-such-plan', COORDINATOR)).status).toBe(404);
    expect((await call(`/api/tab/plans/${PLAN}/actions/9.99`, COORDINATOR)).status).toBe(404);
    expect((await call('/api/tab/plans/..%2Fetc', COORDINATOR)).status).toBe(404);
    expect((await call('/api/tab/nothing-here', COORDINATOR)).status).toBe(404);
  });
});

describe('updating from the tab: the card’s validation and rules', () => {
  async function detail(person: typeof OWNER, actionId: string): Promise<TabActionDetail> {
    return (await (
      await call(`/api/tab/plans/${PLAN}/actions/${actionId}`, person)
    ).json()) as TabActionDetail;
  }
  const post = async (person: typeof OWNER, actionId: string, body: unknown) =>
    call(`/api/tab/plans/${PLAN}/actions/${actionId}`, person, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('when an owner rates red without a note, then 400 names the note and nothing changes; with a note it saves', async () => {
    const before = await detail(OWNER, '2.2');
    const refused = await post(OWNER, '2.2', { version: before.action.version, rating: 'red' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      ok: false,
      error: 'Nothing was saved. Please check the highlighted answers.',
      issues: [{ field: 'note', reason: 'say what has changed: the rating is getting worse' }],
    });
    expect((await stores.actions.get(PLAN, '2.2'))!.value.rating).toBe(before.action.rating);

    const saved = await post(OWNER, '2.2', {
      version: before.action.version,
      rating: 'red',
      note: 'Recruitment to the new posts has failed twice.',
    });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { ok: true; message: string; action: { rating: string } };
    expect(body.action.rating).toBe('red');
    const after = await detail(OWNER, '2.2');
    expect(after.history[0]).toMatchObject({
      summary: expect.stringContaining('→ Red'),
      note: 'Recruitment to the new posts has failed twice.',
      author: expect.stringContaining('in the dashboard'),
    });
    const [entry] = await stores.history.listForAction(PLAN, '2.2', 1);
    expect(entry?.source).toBe('tab');

    // The same form sent again with the old version: the action changed meanwhile.
    const stale = await post(OWNER, '2.2', { version: before.action.version, rating: 'green' });
    expect(stale.status).toBe(409);
  });

  test("when a coordinator records an update for an owner, then the history and the banner say on behalf of the owner; an owner's own update does not", async () => {
    const action = (await stores.actions.get(PLAN, '3.1'))!.value;
    const ownerName = action.owners[0]!.name;
    const before = await detail(COORDINATOR, '3.1');
    const saved = await post(COORDINATOR, '3.1', {
      version: before.action.version,
      rating: before.action.rating,
      note: 'Told me on the phone: the training is booked.',
    });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { message: string };
    expect(body.message).toContain(`Updated by ${COORDINATOR.email} on behalf of ${ownerName} at`);
    const after = await detail(COORDINATOR, '3.1');
    expect(after.history[0]).toMatchObject({
      author: `${COORDINATOR.email} on behalf of ${ownerName} (in the dashboard)`,
      note: 'Told me on the phone: the training is booked.',
    });
    const [entry] = await stores.history.listForAction(PLAN, '3.1', 1);
    expect(entry?.onBehalfOf).toEqual([ownerName]);

    const own = (await detail(OWNER, '2.2')).history[0]!;
    expect(own.author).not.toContain('on behalf of');
  });

  test('when a lead, or a stranger, posts an update, then it is refused and nothing changes', async () => {
    const current = await detail(LEAD, '2.1');
    const lead = await post(LEAD, '2.1', { version: current.action.version, rating: 'green' });
    expect(lead.status).toBe(403);
    expect(await lead.json()).toEqual({
      ok: false,
      error: 'Only the owners and the plan’s coordinators can update this action.',
    });
    // A stranger hears what they would for an action that does not exist.
    const stranger = await post(STRANGER, '2.1', { version: current.action.version, rating: 'green' });
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toEqual({ error: 'Action 2.1 was not found.' });
    const nowhere = await post(STRANGER, '9.99', { version: current.action.version, rating: 'green' });
    expect(await nowhere.json()).toEqual({ error: 'Action 9.99 was not found.' });
    expect((await stores.actions.get(PLAN, '2.1'))!.value.rating).toBe(current.action.rating);
  });

  test.each([
    ['malformed JSON', 400, '{"version": '],
    ['an array', 400, '[]'],
    ['a number for the note', 400, { version: '0', note: 5 }],
    ['no version', 400, { rating: 'green' }],
    ['a huge note', 400, { version: '0', note: 'x'.repeat(5000) }],
    ['a body over 16 KB', 413, { version: '0', note: 'x'.repeat(20_000) }],
  ])('when the body is %s, then %i and nothing changes', async (_what, status, body) => {
    const before = (await stores.actions.get(PLAN, '2.1'))!.value;
    const response = await post(OWNER, '2.1', body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBeTruthy();
    expect((await stores.actions.get(PLAN, '2.1'))!.value).toEqual(before);
  });
});

describe('figures and downloads for coordinators and leads', () => {
  test('trends give a bar for now and a burn-down; compare needs closed rounds', async () => {
    const trends = (await (await call(`/api/tab/plans/${PLAN}/trends`, LEAD)).json()) as TabTrends;
    expect(trends.rounds).toHaveLength(1);
    expect(trends.rounds[0]!.label).toBe('Now (15 Jan 2025)');
    const total = Object.values(trends.rounds[0]!.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10);
    expect(trends.burndown.some((p) => p.actual !== undefined && p.date === '2025-01-15')).toBe(true);
    const compare = await call(`/api/tab/plans/${PLAN}/compare?from=1&to=now`, LEAD);
    expect(compare.status).toBe(400);
    expect(((await compare.json()) as { error: string }).error).toContain('round 1 has not closed');
  });

  test('the report and the export download as files, and each download is audited', async () => {
    const csv = await call(`/api/tab/plans/${PLAN}/report.csv`, COORDINATOR);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="demo-leeds-syv-progress-2025-01-15.csv"',
    );
    // Issue 15: the report carries agreed commentary, never owners' raw notes.
    expect(await csv.text()).toContain('Agreed commentary');
    const xlsx = await call(`/api/tab/plans/${PLAN}/report.xlsx`, COORDINATOR);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const exported = await call(`/api/tab/plans/${PLAN}/export.csv`, LEAD);
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('1.1');
    expect((await call(`/api/tab/plans/${PLAN}/report.pdf`, COORDINATOR)).status).toBe(404);
    const events = (await stores.audit.list(PLAN, 5)).map((e) => `${e.event} ${e.actor}`);
    expect(events).toContain('plan.exported director.children@example.org');
    expect(events).toContain('plan.reported partnership.manager@example.org');
  });
});

describe('local mode (no app id, loopback only)', () => {
  test('when there is no token and no app id, then the page acts as a chosen demo person, labelled local', async () => {
    const calendar = new UkHolidayCalendar();
    const logger = createLogger('silent');
    const local = await listen(
      createApp({
        stores,
        logger,
        routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers })],
      }),
    );
    servers.push(local.server);
    const me = (await (await fetch(`${local.url}/api/tab/me`)).json()) as TabMe;
    expect(me.mode).toBe('local');
    expect(me.user.email).toBe('partnership.manager@example.org');
    expect(me.localUsers?.map((u) => u.email)).toEqual(
      expect.arrayContaining([
        'partnership.manager@example.org',
        'director.children@example.org',
        'icb.camhs@example.org',
      ]),
    );
    const asOwner = (await (
      await fetch(`${local.url}/api/tab/plans/${PLAN}`, {
        headers: { 'X-Local-User': 'icb.camhs@example.org' },
      })
    ).json()) as TabPlanView;
    expect(asOwner.actions.map((a) => a.id)).toEqual(['2.1', '2.2']);
  });
});
