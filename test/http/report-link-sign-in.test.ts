/**
 * Report links with an app id (production), through the HTTP app as the server composes it
 * (compose-http, real Azurite, the real bot's links): a link alone gives nothing; the report page in
 * Teams gives it with the Teams SSO token of the person the link was made for, and to no one else.
 * Only Entra ID is stood in for (test/support/entra-tokens.ts).
 */
import { reportLinkInSubPage } from '../../src/dashboard-page/report-link';
import { TAB_CSP } from '../../src/http/dashboard-api/tab-static';
import { LINK_LIFETIME_MS, REPORT_SUB_PAGE_PREFIX } from '../../src/http/report-links';
import type { AppLinks, Stores } from '../../src/usecases/ports/index';
import type { EntraPerson } from '../support/entra-tokens';
import { APP_ID, fakeEntraFor, type ProductionApp, startProductionApp } from '../support/production-app';
import { fixedClock } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const HOST = 'tracker.example.org';
const NOW = '2025-01-15T10:00:00Z';

const LEAD: EntraPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  email: 'director.children@example.org',
};
const COORDINATOR: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'partnership.manager@example.org',
};
/** Owns actions in the plan but has no role in it: the report is not theirs to see. */
const OWNER: EntraPerson = { oid: '33333333-3333-4333-8333-333333333333', email: 'icb.camhs@example.org' };

const REFUSED = {
  invalid:
    'This report link has expired or is not valid. Ask Action Tracker for the report again ("report").',
  someoneElse:
    'This report link was made for someone else, so it does not open the report for you. If you need the report, ask Action Tracker for it yourself ("report").',
};

const clock = fixedClock(NOW);
const entra = fakeEntraFor(HOST, clock);
const apps: ProductionApp[] = [];
let links: AppLinks;
let stores: Stores;

async function startApp(env: Record<string, string> = {}): Promise<string> {
  const app = await startProductionApp({
    host: HOST,
    clock,
    entra,
    seededAt: new Date(Date.parse(NOW) - 60_000),
    env,
  });
  apps.push(app);
  ({ links, stores } = app);
  return app.url;
}

/** The signed link a card's button carries, as the page reads it from the deep link's sub-page. */
function signedLinkIn(cardUrl: string): string {
  const url = new URL(cardUrl);
  const { subEntityId } = JSON.parse(url.searchParams.get('context') ?? '{}') as { subEntityId?: string };
  const link = reportLinkInSubPage(subEntityId);
  if (!link) throw new Error(`no report link in ${cardUrl}`);
  return link;
}

function cardLink(email: string, format: 'html' | 'xlsx' | 'csv' = 'csv', planId = PLAN): string {
  return signedLinkIn(links.reportUrl({ planId, format, email }));
}

let origin: string;

beforeAll(async () => {
  await entra.start();
  origin = await startApp();
}, 30_000);

afterAll(() => {
  for (const app of apps) app.close();
  entra.stop();
});

async function takeReport(link: unknown, person?: EntraPerson): Promise<Response> {
  return fetch(`${origin}/api/tab/report-link`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(person ? { Authorization: `Bearer ${await entra.accessToken(person)}` } : {}),
    },
    body: JSON.stringify({ link }),
  });
}

async function expectRefused(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(response.headers.get('content-disposition')).toBeNull();
  expect(await response.json()).toEqual({ error });
}

describe('the card’s report button with an app id', () => {
  test('when a lead asks for the report, then each button is a Teams deep link into the personal tab carrying the signed link, for the page to hand on', () => {
    const url = new URL(links.reportUrl({ planId: PLAN, format: 'xlsx', email: LEAD.email }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/dashboard`);
    const { subEntityId } = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string };
    expect(subEntityId.startsWith(REPORT_SUB_PAGE_PREFIX)).toBe(true);
    // The page's copy of the prefix reads the same link out.
    expect(reportLinkInSubPage(subEntityId)).toBe(subEntityId.slice(REPORT_SUB_PAGE_PREFIX.length));
    expect(links.reportAccess).toBe('teams-sign-in');
  });

  test('when the signed link is opened on its own, in a browser, then it gives nothing and says to open it in Teams', async () => {
    const response = await fetch(`${origin}/reports/${cardLink(LEAD.email, 'html')}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.text()).toBe(
      'This report link opens only in Microsoft Teams, where you are signed in: press the button on Action Tracker’s report card in Teams, or ask Action Tracker for the report again ("report").',
    );
    expect((await stores.audit.list(PLAN, 20)).map((e) => e.event)).not.toContain('plan.reported');
  });
});

describe('the report page’s download: the signed link and the Teams SSO token together', () => {
  test('when the lead the link was made for is signed in, then the report downloads, audited as them', async () => {
    const response = await takeReport(cardLink(LEAD.email), LEAD);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="demo-leeds-syv-progress-2025-01-15.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('Agreed commentary');
    const events = (await stores.audit.list(PLAN, 5)).map((e) => `${e.event} ${e.actor}`);
    expect(events).toContain(`plan.reported ${LEAD.email}`);
  });

  test('when someone else is signed in, even a coordinator of the plan, then the link is refused in plain words and nothing is served', async () => {
    const link = cardLink(LEAD.email);
    await expectRefused(await takeReport(link, COORDINATOR), 403, REFUSED.someoneElse);
    await expectRefused(await takeReport(link, OWNER), 403, REFUSED.someoneElse);
  });

  test('when there is no Teams token, then 401 asks to sign in through Teams, and nothing is served', async () => {
    await expectRefused(
      await takeReport(cardLink(LEAD.email)),
      401,
      'Sign in through Microsoft Teams to use the dashboard.',
    );
  });

  test('when the link has expired, or is forged or altered, then it is refused as not valid, even for its own person', async () => {
    const link = cardLink(LEAD.email);
    clock.set(new Date(Date.parse(NOW) + LINK_LIFETIME_MS + 1000).toISOString());
    try {
      await expectRefused(await takeReport(link, LEAD), 403, REFUSED.invalid);
    } finally {
      clock.set(NOW);
    }
    const [payload, signature] = link.split('.') as [string, string];
    // The same claims for another plan, keeping the old signature.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, p: 'another-plan' })).toString('base64url');
    await expectRefused(await takeReport(`${altered}.${signature}`, LEAD), 403, REFUSED.invalid);
    await expectRefused(
      await takeReport(`${payload}.${'A'.repeat(signature.length)}`, LEAD),
      403,
      REFUSED.invalid,
    );
    await expectRefused(await takeReport('not-a-link', LEAD), 403, REFUSED.invalid);
    const empty = await takeReport('', LEAD);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { issues: unknown }).issues).toEqual([
      { field: 'link', reason: 'must be the report link from the card' },
    ]);
  });

  test('when the person has no role in the plan (taken away), or the plan is gone, then the refusal is word for word the same', async () => {
    const noRole = await takeReport(cardLink(OWNER.email), OWNER);
    const gone = await takeReport(cardLink(OWNER.email, 'csv', 'no-such-plan'), OWNER);
    expect(noRole.status).toBe(403);
    expect(gone.status).toBe(noRole.status);
    const words = await noRole.json();
    expect(await gone.json()).toEqual(words);
    expect((words as { error: string }).error).toContain('You no longer have a role in this plan');
  });
});

describe('the report page itself', () => {
  test('when /tab/report is served, then it carries the tab’s CSP (no inline script), no-store and no-referrer', async () => {
    const response = await fetch(`${origin}/tab/report`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(TAB_CSP);
    expect(TAB_CSP).toContain("script-src 'self'");
    expect(TAB_CSP).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/tab/report-page.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  test('when one address asks for the page or the download too often, then 429 with Retry-After', async () => {
    const limited = await startApp({ RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '2', RATE_LIMIT_PER_MINUTE: '2' });
    for (let i = 0; i < 2; i++) expect((await fetch(`${limited}/tab/report`)).status).toBe(200);
    const page = await fetch(`${limited}/tab/report`);
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    const take = async () =>
      fetch(`${limited}/api/tab/report-link`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${await entra.accessToken(LEAD)}`,
        },
        body: JSON.stringify({ link: cardLink(LEAD.email) }),
      });
    expect((await take()).status).toBe(200);
    expect((await take()).status).toBe(200);
    const refused = await take();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 30_000);
});
