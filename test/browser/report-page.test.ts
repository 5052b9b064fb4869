/**
 * The report page a card's link opens, in headless Chromium, against the HTTP app composed with an app id
 * (test/support/production-app.ts). Inside Teams: a stand-in Teams host page (served as
 * https://teams.microsoft.com, the origin teams-js trusts) frames the app as the personal tab on the deep
 * link's sub-page and answers teams-js's messages — initialize, getContext, getAuthToken — with an access
 * token from the Entra stand-in: Teams and Entra are the parts that cannot run here. The app is served as
 * https://tracker.example.org through the browser's routing, so nothing leaves the machine.
 * Outside Teams: the page opened on its own says to open it from Teams.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { reportLinkInSubPage } from '../../src/dashboard-page/report-link';
import type { EntraPerson } from '../support/entra-tokens';
import { fakeEntraFor, type ProductionApp, startProductionApp, TENANT } from '../support/production-app';
import { fixedClock } from '../support/test-stores';
import { CHROMIUM, describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { screenshotPath } from './tab-session';

const HOST = 'tracker.example.org';
const APP_ORIGIN = `https://${HOST}`;
const TEAMS_HOST = 'https://teams.microsoft.com/test-host';
const PLAN = 'demo-leeds-syv';
const NOW = '2025-01-15T10:00:00Z';
/** teams-js fetches its list of Teams origins from Microsoft's CDN; aborted here, and it falls back. */
const EXPECTED_NOISE = /res\.cdn\.office\.net|net::ERR_FAILED/;

const LEAD: EntraPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  email: 'director.children@example.org',
};
const COORDINATOR: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'partnership.manager@example.org',
};

/**
 * A Teams host, as much of it as the pages use: it frames `contentUrl` and answers teams-js's requests
 * (the teams-js 2 postMessage protocol: a request's id and uuid come back with the answer's args).
 */
function teamsHostPage(contentUrl: string, subEntityId: string, person: EntraPerson, token: string): string {
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: true,
    supports: {
      app: {},
      appEntity: {},
      authentication: {},
      pages: { appButton: {}, tabs: {}, config: {} },
      teamsCore: {},
    },
  };
  const context = {
    entityId: 'dashboard',
    subEntityId,
    theme: 'default',
    locale: 'en-gb',
    tid: TENANT,
    loginHint: person.email,
    userPrincipalName: person.email,
    userObjectId: person.oid,
    hostClientType: 'web',
    frameContext: 'content',
    appSessionId: 'test-session',
  };
  const answers = {
    initialize: ['content', 'web', JSON.stringify(runtime), '2.0.0'],
    getContext: [context],
    'authentication.getAuthToken': [true, token],
  };
  // The host's own page: inline script is fine here (it is Teams' page, not ours).
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams (test host)</title></head>
<body><iframe id="tab" title="Action Tracker" src="${contentUrl}" width="1200" height="800"></iframe>
<script>
const answers = ${JSON.stringify(answers)};
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || typeof message.func !== 'string' || !(message.func in answers)) return;
  event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args: answers[message.func] }, event.origin);
});
</script></body></html>`;
}

describeWithChromium(suiteTitle('the report page a card’s link opens, in headless Chromium'), () => {
  const clock = fixedClock(NOW);
  const entra = fakeEntraFor(HOST, clock);
  let app: ProductionApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await entra.start();
    app = await startProductionApp({
      host: HOST,
      clock,
      entra,
      seededAt: new Date(Date.parse(NOW) - 60_000),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    app?.close();
    entra.stop();
  }, 30_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  /** A browser context where the app answers as https://tracker.example.org and the host as Teams. */
  async function browse(hostPage?: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      acceptDownloads: true,
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === APP_ORIGIN) {
        const response = await route.fetch({ url: `${app.url}${url.pathname}${url.search}` });
        return route.fulfill({ response });
      }
      if (hostPage && url.href === TEAMS_HOST) {
        return route.fulfill({ status: 200, contentType: 'text/html', body: hostPage });
      }
      return route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const where = message.location()?.url ?? '';
      if (message.type() === 'error' && !EXPECTED_NOISE.test(message.text()) && !EXPECTED_NOISE.test(where))
        problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  }

  /** The personal tab opened by the card's button for `owner`'s link, signed in to Teams as `person`. */
  async function openInTeams(person: EntraPerson, linkFor: EntraPerson) {
    const url = new URL(app.links.reportUrl({ planId: PLAN, format: 'csv', email: linkFor.email }));
    const { subEntityId } = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string };
    expect(reportLinkInSubPage(subEntityId)).toBeTruthy();
    const host = teamsHostPage(`${APP_ORIGIN}/tab`, subEntityId, person, await entra.accessToken(person));
    const browsing = await browse(host);
    await browsing.page.goto(TEAMS_HOST);
    const frame = browsing.page.frameLocator('#tab');
    return { ...browsing, frame };
  }

  test('when the lead the link was made for opens it in Teams, then the tab hands it to the report page, which downloads the report for them', async () => {
    const { page, frame, problems } = await openInTeams(LEAD, LEAD);
    const button = frame.getByRole('button', { name: 'Download the progress report (CSV)' });
    await button.waitFor({ timeout: 20_000 });
    const tab = page.frames().find((f) => f.url().startsWith(`${APP_ORIGIN}/tab/report`));
    expect(tab?.url()).toMatch(/\/tab\/report#/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('demo-leeds-syv-progress-2025-01-15.csv');
    await frame.getByText('Downloaded demo-leeds-syv-progress-2025-01-15.csv.').waitFor();
    const events = (await app.stores.audit.list(PLAN, 5)).map((e) => `${e.event} ${e.actor}`);
    expect(events).toContain(`plan.reported ${LEAD.email}`);
    const findings = await runAxe(tab!);
    expect(describeFindings(serious(findings))).toBe('');
    await page.screenshot({ path: screenshotPath('report-link-in-teams') });
    expect(problems).toEqual([]);
  }, 60_000);

  test('when someone else opens the lead’s link in Teams, then the page says it was made for someone else and nothing downloads', async () => {
    const { page, frame, problems } = await openInTeams(COORDINATOR, LEAD);
    const button = frame.getByRole('button', { name: /Download the progress report/ });
    await button.waitFor({ timeout: 20_000 });
    let downloaded = false;
    page.on('download', () => {
      downloaded = true;
    });
    await button.click();
    await frame
      .getByRole('alert')
      .getByText('This report link was made for someone else, so it does not open the report for you.', {
        exact: false,
      })
      .waitFor();
    expect(downloaded).toBe(false);
    // The browser logs the API's 403 as a failed load; nothing else.
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  }, 60_000);

  test('when the page is opened outside Teams, then it says plainly to open the report from Teams, sends nothing, and passes axe', async () => {
    const link = reportLinkInSubPage(
      (
        JSON.parse(
          new URL(app.links.reportUrl({ planId: PLAN, format: 'html', email: LEAD.email })).searchParams.get(
            'context',
          )!,
        ) as { subEntityId: string }
      ).subEntityId,
    )!;
    const { page, problems } = await browse();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${APP_ORIGIN}/tab/report#${encodeURIComponent(link)}`);
    await page
      .getByRole('alert')
      .getByText(
        'Open this report from Microsoft Teams. A report link works only in Teams, where you are signed in',
        {
          exact: false,
        },
      )
      .waitFor();
    expect(await page.getByRole('button', { name: /Download/ }).count()).toBe(0);
    expect(asked.filter((path) => path.startsWith('/api/'))).toEqual([]);
    const findings = await runAxe(page);
    expect(describeFindings(serious(findings))).toBe('');
    await page.screenshot({ path: screenshotPath('report-link-outside-teams') });
    expect(problems).toEqual([]);
  }, 60_000);
});
