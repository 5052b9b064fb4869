/**
 * Rate limits, through the built server as `npm start` runs it (the composition in compose-http), with
 * low limits set in the environment: per person and per address on /api/messages, /api/tab and report
 * links; and per address on the e-mail update page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Router } from 'express';
import { assembleBot } from '../../src/app/compose';
import { loadConfig } from '../../src/app/config';
import { rateLimitsOf } from '../../src/app/rate-limits';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import {
  addressOf,
  messagesLimits,
  perAddress,
  perTeamsSender,
  refuseAsJson,
} from '../../src/http/rate-limits';
import { appLinks } from '../../src/http/report-links';
import { createApp, listen } from '../../src/http/server';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { freePort } from '../../src/storage/azurite';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { finished, ROOT, waitFor } from '../support/processes';
import { freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const SECRET = 'a-rate-limit-test-secret-of-32-characters!';
const PER_PERSON = 3;
const PER_ADDRESS = 6;
const COORDINATOR = 'partnership.manager@example.org';
const LEAD = 'director.children@example.org';
const OWNER = 'icb.camhs@example.org';

let server: ChildProcess;
let exit: ReturnType<typeof finished>;
let url: string;

beforeAll(async () => {
  const { stores, prefix } = await freshStores();
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.now() - 60_000) },
    random: seededRandom(),
    calendar: new UkHolidayCalendar(),
  });
  const port = await freePort();
  server = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'app', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      DEMO_PLAN: 'off',
      SCHEDULER: 'off',
      LINK_SIGNING_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: String(PER_PERSON),
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS),
    },
  });
  exit = finished(server);
  url = `http://127.0.0.1:${port}`;
  await waitFor(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 30_000);
}, 40_000);

afterAll(async () => {
  server.kill('SIGTERM');
  await exit;
});

async function expectJsonRefusal(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  const seconds = Number(response.headers.get('retry-after'));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(await response.json()).toEqual({ error: `Too many requests: try again in ${seconds} seconds.` });
}

test('when one person calls the tab API too often, then they get 429 with Retry-After, and others still get in until the address is over its limit', async () => {
  const me = (email: string) => fetch(`${url}/api/tab/me`, { headers: { 'X-Local-User': email } });
  for (let i = 0; i < PER_PERSON; i++) expect((await me(COORDINATOR)).status).toBe(200);
  await expectJsonRefusal(await me(COORDINATOR));
  // The address has made 4 of its 6; another person is counted afresh.
  expect((await me(LEAD)).status).toBe(200);
  expect((await me(LEAD)).status).toBe(200);
  await expectJsonRefusal(await me(OWNER));
});

test('when one Teams user posts activities too often, then 429 (what the Bot Framework expects), then the address is limited too', async () => {
  // Activities with no serviceUrl are refused (400) by the route itself: the limit is counted before that.
  const post = (from: string) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'a1', from: { id: from }, text: 'help' }),
    });
  // The limiter reads the body with the bot's own parser: its refusals are still the bot's.
  const raw = (body: string) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const tooBig = await raw(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
  expect(tooBig.status).toBe(413);
  const notJson = await raw('{ not json');
  expect(notJson.status).toBe(400);
  expect(await notJson.json()).toEqual({ error: 'Invalid activity: the body is not valid JSON' });
  // Two of the address's six used; now one Teams user, three times, then refused.
  for (let i = 0; i < PER_PERSON; i++) expect((await post('29:one')).status).toBe(400);
  await expectJsonRefusal(await post('29:one'));
  // Six made: another user is refused too, by the address limit.
  await expectJsonRefusal(await post('29:two'));
});

test('when a report link is opened too often, then a short page says to wait, with Retry-After; then the address is limited too', async () => {
  const links = appLinks({ secret: Buffer.from(SECRET), baseUrl: url, clock: { now: () => new Date() } });
  const link = (email: string) => links.reportUrl({ planId: PLAN, format: 'csv', email });
  const coordinatorLink = link(COORDINATOR);
  for (let i = 0; i < PER_PERSON; i++) expect((await fetch(coordinatorLink)).status).toBe(200);
  const refused = await fetch(coordinatorLink);
  expect(refused.status).toBe(429);
  const seconds = Number(refused.headers.get('retry-after'));
  expect(seconds).toBeGreaterThan(0);
  expect(refused.headers.get('content-type')).toContain('text/html');
  expect(await refused.text()).toContain(`Please try again in ${seconds} seconds.`);
  const leadLink = link(LEAD);
  expect((await fetch(leadLink)).status).toBe(200);
  expect((await fetch(leadLink)).status).toBe(200);
  expect((await fetch(link('someone@example.org'))).status).toBe(429);
});

test('when one address tries many update links, then the update page refuses it with 429 and Retry-After', async () => {
  const { stores } = await freshStores();
  const logger = createLogger('silent');
  const router = updatePageRouter({
    stores,
    clock: { now: () => new Date() },
    calendar: new UkHolidayCalendar(),
    random: seededRandom(),
    logger,
    keys: updatePageKeys(Buffer.from(SECRET)),
    secureCookies: false,
    perAddressPerMinute: 2,
  });
  const page = await listen(createApp({ stores, logger, routers: [router] }), 0, '127.0.0.1');
  try {
    // Each a different (forged) link: the per-link limit never comes into it.
    expect((await fetch(`${page.url}/update/forged-1.x`)).status).toBe(403);
    expect((await fetch(`${page.url}/update/forged-2.x`)).status).toBe(403);
    const refused = await fetch(`${page.url}/update/forged-3.x`);
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(await refused.text()).toContain(`Please try again in ${seconds} seconds.`);
  } finally {
    page.server.closeAllConnections();
    page.server.close();
  }
});

test.each([
  [
    'in production (behind App Service), the address in X-Forwarded-For is the one counted',
    true,
    [200, 200, 200],
  ],
  [
    'locally, X-Forwarded-For is ignored: a caller cannot make itself look like someone else',
    false,
    [200, 429, 429],
  ],
])('%s', async (...[_what, production, statuses]: [string, boolean, number[]]) => {
  const { stores } = await freshStores();
  const limited = Router().get(
    '/limited',
    perAddress({ perPersonPerMinute: 1, perAddressPerMinute: 1 }, refuseAsJson),
    (_req, res) => {
      res.json({ ok: true });
    },
  );
  const app = await listen(
    createApp({ stores, logger: createLogger('silent'), production, routers: [limited] }),
    0,
    '127.0.0.1',
  );
  try {
    const seen: number[] = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      seen.push((await fetch(`${app.url}/limited`, { headers: { 'X-Forwarded-For': client } })).status);
    }
    expect(seen).toEqual(statuses);
  } finally {
    app.server.closeAllConnections();
    app.server.close();
  }
});

test.each([
  ['an IPv4 address with a port', (port: number) => `203.0.113.5:${port}`],
  ['a bracketed IPv6 address with a port', (port: number) => `[2001:db8::5]:${port}`],
  ['something that is not an address', (port: number) => `client-${port}`],
])(
  'in production, when X-Forwarded-For carries %s that changes on every request, then the limit still holds',
  async (...[, forwarded]: [string, (port: number) => string]) => {
    const { stores } = await freshStores();
    const limited = Router().get(
      '/limited',
      perAddress({ perPersonPerMinute: 2, perAddressPerMinute: 2 }, refuseAsJson),
      (_req, res) => {
        res.json({ ok: true });
      },
    );
    const app = await listen(
      createApp({ stores, logger: createLogger('silent'), production: true, routers: [limited] }),
      0,
      '127.0.0.1',
    );
    try {
      const seen: number[] = [];
      for (const port of [40000, 40001, 40002, 40003]) {
        const headers = { 'X-Forwarded-For': forwarded(port) };
        seen.push((await fetch(`${app.url}/limited`, { headers })).status);
      }
      expect(seen).toEqual([200, 200, 429, 429]);
    } finally {
      app.server.closeAllConnections();
      app.server.close();
    }
  },
);

test('the address counted is the IP without its port, in any of the forms a proxy writes', () => {
  const of = (ip: string) => addressOf({ ip, socket: {} } as unknown as Parameters<typeof addressOf>[0]);
  expect(of('203.0.113.5:40000')).toBe(of('203.0.113.5'));
  expect(of('::ffff:203.0.113.5')).toBe(of('203.0.113.5'));
  expect(of('[2001:db8::5]:443')).toBe(of('2001:db8::5'));
  expect(of('[2001:db8::5]')).toBe(of('2001:db8::5'));
  expect(of('203.0.113.5')).not.toBe(of('203.0.113.6'));
  expect(of('not an address')).toBe(of('another: thing'));
});

test('with an app id, when posts without a valid token name a victim as the sender, then each is refused 401 and none counts against the victim', async () => {
  const { stores } = await freshStores();
  const logger = createLogger('silent');
  const limits = { perPersonPerMinute: 3, perAddressPerMinute: 1000 };
  const bot = assembleBot(
    {
      MicrosoftAppId: '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      MicrosoftAppPassword: 'a-client-secret-never-used-here',
    },
    {
      stores,
      clock: { now: () => new Date() },
      logger,
      calendar: new UkHolidayCalendar(),
      afterParse: perTeamsSender(limits),
    },
  );
  const app = await listen(
    createApp({ stores, logger, production: true, routers: [messagesLimits(limits), bot.router] }),
    0,
    '127.0.0.1',
  );
  try {
    const victim = { id: '29:victim', name: 'Vic Tim', aadObjectId: '66666666-6666-4666-8666-666666666666' };
    const forged = JSON.stringify({
      type: 'message',
      id: 'forged',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: victim,
      recipient: { id: '28:bot', name: 'Action Tracker' },
      conversation: { id: 'a:victim-chat', conversationType: 'personal' },
      text: 'help',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: forged,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
  } finally {
    app.server.closeAllConnections();
    app.server.close();
  }
});

test('when no limits are set, then production gets 120 a person and 600 an address, and local use far more', () => {
  const appId = { MicrosoftAppId: '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a' };
  expect(rateLimitsOf(appId)).toEqual({ perPersonPerMinute: 120, perAddressPerMinute: 600 });
  expect(rateLimitsOf({})).toEqual({ perPersonPerMinute: 6000, perAddressPerMinute: 30000 });
  const set = loadConfig({ RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '50' });
  expect(rateLimitsOf({ ...set, ...appId })).toEqual({ perPersonPerMinute: 10, perAddressPerMinute: 50 });
  expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow('RATE_LIMIT_PER_MINUTE');
});
