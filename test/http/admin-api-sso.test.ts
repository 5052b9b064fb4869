/**
 * The plan management API signed in through Teams: Entra ID tokens signed by a test key whose JWKS is
 * served over HTTP (only Entra is stood in for), the real router, use cases and Azurite. A group named
 * in PLAN_CREATORS is matched against the token's `groups` claim; everything else follows the policy.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { TabAdminMe, TabAdminPlan, TabAdminResult } from '../../src/http/dashboard-api/admin-types';
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
const RESOURCE = `api://localhost:3978/${APP_ID}`;
const NOW = '2025-01-15T10:00:00Z';
const CREATORS_GROUP = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const COORDINATOR = { oid: '11111111-1111-4111-8111-111111111111', email: 'partnership.manager@example.org' };
const OWNER = { oid: '33333333-3333-4333-8333-333333333333', email: 'icb.camhs@example.org' };
const NEWCOMER = { oid: '66666666-6666-4666-8666-666666666666', email: 'new.manager@example.org' };

let stores: Stores;
let api: string;
let servers: Server[];
let signingKey: KeyLike;
const clock = fixedClock(NOW);

async function listen(handler: express.Express): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const keys = express();
  keys.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
  const jwks = await listen(keys);
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
  const planCreators = { emails: [], groups: [CREATORS_GROUP] };
  const app = await listen(
    createApp({
      stores,
      logger,
      routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers, tokens, planCreators })],
    }),
  );
  api = app.url;
  servers = [jwks.server, app.server];
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

async function tokenFor(person: { oid: string; email: string }, groups?: string[]): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT({
    tid: TENANT,
    oid: person.oid,
    preferred_username: person.email,
    name: person.email,
    scp: 'access_as_user',
    ...(groups ? { groups } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(RESOURCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
}

async function call(path: string, token: string | undefined, body?: unknown): Promise<Response> {
  return fetch(`${api}${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
  });
}

describe('the plan management API signed in through Teams', () => {
  test('when the token carries a group PLAN_CREATORS names, then the person may create a plan and becomes its coordinator', async () => {
    const token = await tokenFor(NEWCOMER, [
      CREATORS_GROUP.toUpperCase(),
      '00000000-0000-4000-8000-000000000000',
    ]);
    const me = (await (await call('/api/tab/admin/me', token)).json()) as TabAdminMe;
    expect(me).toEqual({ mayCreatePlans: true });
    const created = await call('/api/tab/admin/plans', token, {
      id: 'wakefield-2025',
      title: 'Wakefield JTAI',
    });
    expect(created.status).toBe(200);
    expect(((await created.json()) as TabAdminResult).ok).toBe(true);
    expect((await stores.plans.get('wakefield-2025'))!.value.coordinators).toEqual([NEWCOMER.email]);
  });

  test('when the token carries no such group, then creating is refused with the reason, and nothing is created', async () => {
    const token = await tokenFor(OWNER, ['00000000-0000-4000-8000-000000000000']);
    expect((await (await call('/api/tab/admin/me', token)).json()) as TabAdminMe).toEqual({
      mayCreatePlans: false,
    });
    const refused = await call('/api/tab/admin/plans', token, { id: 'owner-plan', title: 'Mine' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as TabAdminResult & { error: string }).error).toContain(
      'can create plans',
    );
    expect(await stores.plans.get('owner-plan')).toBeUndefined();
  });

  test('when the coordinator saves settings with a token, then they are saved; an owner is refused; no token is a 401', async () => {
    const token = await tokenFor(COORDINATOR);
    const view = (await (await call(`/api/tab/admin/plans/${PLAN}`, token)).json()) as TabAdminPlan;
    const saved = await call(`/api/tab/admin/plans/${PLAN}/settings`, token, {
      revision: view.revision,
      settings: { ...view.settings, oversightBody: 'Leeds Safeguarding Children Partnership Board' },
    });
    expect(saved.status).toBe(200);
    expect((await stores.plans.get(PLAN))!.value.oversightBody).toBe(
      'Leeds Safeguarding Children Partnership Board',
    );

    const owner = await call(`/api/tab/admin/plans/${PLAN}/settings`, await tokenFor(OWNER), {
      revision: '1',
      settings: view.settings,
    });
    expect(owner.status).toBe(403);
    expect((await call(`/api/tab/admin/plans/${PLAN}`, undefined)).status).toBe(401);
    // A body that is not an object of the form's values is a 400 that says so.
    const malformed = await call(`/api/tab/admin/plans/${PLAN}/settings`, token, {
      revision: '1',
      settings: 'x',
    });
    expect(malformed.status).toBe(400);
  });
});
