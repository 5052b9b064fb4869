import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { appLinks, LINK_LIFETIME_MS, reportRouter, verifyReportLink } from '../../src/http/report-links';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { LEAD as LEAD_USER, startBotHarness } from '../support/bot-harness';
import { cardText } from '../support/cards';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const secret = Buffer.from('a-secret-of-more-than-thirty-two-characters');
const clock = fixedClock('2025-01-15T10:00:00Z');

describe('links from cards', () => {
  test('in Teams the dashboard link opens the personal tab on the plan; locally, the page', () => {
    const teams = appLinks({ secret, baseUrl: 'https://tracker.example.org', clock, appId: 'app-id' });
    const url = new URL(teams.dashboardUrl('demo-leeds-syv'));
    expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/entity/app-id/dashboard');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'demo-leeds-syv' });
    const local = appLinks({ secret, baseUrl: 'http://localhost:3978', clock });
    expect(local.dashboardUrl('demo-leeds-syv')).toBe('http://localhost:3978/tab?plan=demo-leeds-syv');
  });

  test('a report link carries who, what and until when, and is refused once expired, altered or re-signed', () => {
    const links = appLinks({ secret, baseUrl: 'https://tracker.example.org', clock });
    const url = links.reportUrl({ planId: 'p1', format: 'xlsx', email: 'lead@example.org', round: 2 });
    const token = url.split('/reports/')[1]!;
    const now = clock.now();
    expect(verifyReportLink(token, secret, now)).toEqual({
      p: 'p1',
      f: 'xlsx',
      e: 'lead@example.org',
      r: 2,
      x: now.getTime() + LINK_LIFETIME_MS,
    });
    expect(verifyReportLink(token, secret, new Date(now.getTime() + LINK_LIFETIME_MS + 1))).toBeUndefined();
    expect(
      verifyReportLink(token, Buffer.from('another-secret-of-thirty-two-characters!'), now),
    ).toBeUndefined();
    const [payload, signature] = token.split('.');
    expect(verifyReportLink(`${payload}x.${signature}`, secret, now)).toBeUndefined();
    expect(verifyReportLink(`${token}.extra`, secret, now)).toBeUndefined();
    expect(verifyReportLink('', secret, now)).toBeUndefined();
  });
});

describe('the report a link opens', () => {
  const PLAN = 'demo-leeds-syv';
  const LEAD = 'director.children@example.org';
  let stores: Stores;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    ({ stores } = await freshStores());
    await seedDemoPlan({
      stores,
      clock: { now: () => new Date(clock.now().getTime() - 60_000) },
      random: seededRandom(),
      calendar: new UkHolidayCalendar(),
    });
    const logger = createLogger('silent');
    server = createServer(
      createApp({ stores, logger, routers: [reportRouter({ stores, clock, logger, secret })] }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test("when the HTML report is opened, then no other site may frame it (frame-ancestors 'none')", async () => {
    const link = appLinks({ secret, baseUrl: origin, clock }).reportUrl({
      planId: PLAN,
      format: 'html',
      email: LEAD,
    });
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

// Changed on purpose (issue 16): the card used to say "anyone with this link can open the report"; with an
// app id that is no longer true, and locally it says what is true there.
test('when a lead asks for the report locally, then the card says plainly that the links open the report with no sign-in', async () => {
  const harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
  try {
    const card = await harness.say(LEAD_USER, 'report');
    const text = cardText(card);
    expect(text).toContain(
      'Local mode: nobody is signed in, so these links open the report directly on this computer, for 24 hours.',
    );
    expect(text).not.toContain('only for you');
    expect(text).not.toContain('only to you');
    const urls = buttonUrls(card);
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(url.startsWith(`${harness.botUrl}/reports/`)).toBe(true);
  } finally {
    await harness.close();
  }
});

test('when a lead asks for the report with an app id, then the card says the report is given only to them, signed in to Teams, and its buttons open Teams', async () => {
  const harness = await startBotHarness({ now: '2025-01-15T10:00:00Z', linksAppId: 'app-id' });
  try {
    const card = await harness.say(LEAD_USER, 'report');
    expect(cardText(card)).toContain(
      'Each button opens Action Tracker in Teams, where you are signed in, and gives the report only to you, for 24 hours; anyone else who opens it is refused.',
    );
    expect(cardText(card)).not.toContain('Anyone with this link');
    const urls = buttonUrls(card);
    expect(urls).toHaveLength(4);
    for (const url of urls)
      expect(url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/app-id\/dashboard\?context=/);
  } finally {
    await harness.close();
  }
});

/** The URLs of the card's Action.OpenUrl buttons. */
function buttonUrls(card: unknown): string[] {
  const actions = (card as { actions?: { type: string; url?: string }[] }).actions ?? [];
  return actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url ?? '');
}
