/**
 * The update page in headless Chromium, as a phone opens it from an e-mail: 320 px wide, JavaScript off,
 * light and dark. axe-core finds nothing serious, nothing scrolls sideways, and the form saves.
 */
import type { Server } from 'node:http';
import { type Browser, chromium } from 'playwright-core';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Action } from '../../src/domain/action';
import { createApp, listen } from '../../src/http/server';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';
import { CHROMIUM, hasChromium } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';

const PLAN = 'demo-leeds-syv';
const NOW = '2025-01-15T10:00:00Z';
const keys = updatePageKeys(Buffer.from('a-browser-test-secret-of-32-characters'));

let stores: Stores;
let server: Server;
let url: string;
let browser: Browser;
let target: Action;
let closing: Action;
/** The one-time codes the page had sent (by e-mail in production; test/http/update-page-links.test.ts). */
const codes: string[] = [];

const maybe = hasChromium ? describe : describe.skip;

maybe('the update page in a browser', () => {
  beforeAll(async () => {
    const calendar = new UkHolidayCalendar();
    ({ stores } = await freshStores());
    await seedDemoPlan({
      stores,
      clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
      random: seededRandom(),
      calendar,
    });
    const { actions } = await stores.actions.readPlan(PLAN);
    const open = actions
      .map((a) => a.value)
      .filter((a) => a.lifecycle === 'in_progress' && a.owners.length > 0);
    target = open[0]!;
    closing = open[1]!;
    const logger = createLogger('silent');
    const router = updatePageRouter({
      stores,
      clock: fixedClock(NOW),
      calendar,
      random: seededRandom(3),
      logger,
      keys,
      secureCookies: false,
      sendCode: async (_email, input) => {
        codes.push(input.code);
        return true;
      },
    });
    ({ server, url } = await listen(createApp({ stores, logger, routers: [router] }), 0, '127.0.0.1'));
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
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
  });

  const link = () =>
    `${url}/update/${makeUpdateToken(keys, { email: target.owners[0]!.email, planId: PLAN, actionId: target.id }, new Date(NOW))}`;

  test.each(['light', 'dark'] as const)(
    'when opened at 320 px in %s mode, then axe finds nothing serious and nothing scrolls sideways',
    async (colorScheme) => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme });
      try {
        const page = await context.newPage();
        const response = await page.goto(link());
        expect(response?.status()).toBe(200);
        await expect(page.locator('h1').textContent()).resolves.toBe(`Action ${target.id}`);
        const widths = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement;
          return {
            scroll: root.scrollWidth,
            inner: (globalThis as unknown as { innerWidth: number }).innerWidth,
          };
        });
        expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
        const findings = serious(await runAxe(page));
        expect(describeFindings(findings)).toBe('');
      } finally {
        await context.close();
      }
    },
    30_000,
  );

  test('when JavaScript is off, then submitting the form saves the update and shows it', async () => {
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto(link());
      await page.getByLabel(/^Green:/).check();
      await page.getByLabel('Progress note').fill('Agreed at the partnership board');
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Save update' }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Updated by');
      const [entry] = await stores.history.listForAction(PLAN, target.id, 1);
      expect(entry).toMatchObject({
        source: 'email',
        newRating: 'green',
        note: 'Agreed at the partnership board',
      });
    } finally {
      await context.close();
    }
  }, 30_000);

  test('when a form comes back with problems, then the page with the errors is still axe clean', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(link());
      await page.getByLabel(/^Red:/).check();
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Save update' }).click(),
      ]);
      await expect(page.locator('#progress-note-error').textContent()).resolves.toContain('Problem:');
      expect(describeFindings(serious(await runAxe(page)))).toBe('');
    } finally {
      await context.close();
    }
  }, 30_000);

  test('when an old link marks an action complete, then the code step is axe clean at 320 px in light and dark, refuses a wrong code and saves with the right one', async () => {
    const twoDaysAgo = new Date(Date.parse(NOW) - 2 * 24 * 60 * 60 * 1000);
    const old = `${url}/update/${makeUpdateToken(keys, { email: closing.owners[0]!.email, planId: PLAN, actionId: closing.id }, twoDaysAgo)}`;
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme });
      try {
        const page = await context.newPage();
        await page.goto(old);
        await page.getByLabel('Evidence of impact').fill('Single route live since December');
        await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: 'Mark complete' }).click(),
        ]);
        await expect(page.locator('h1').textContent()).resolves.toBe('Enter the code we sent you');
        const code = codes.at(-1)!;
        expect(await page.content()).not.toContain(code);
        const width = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement;
          return root.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth;
        });
        expect(width).toBeLessThanOrEqual(0);
        expect(describeFindings(serious(await runAxe(page)))).toBe('');

        await page.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000');
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Confirm' }).click()]);
        await expect(page.locator('#code-error').textContent()).resolves.toContain('That code is not right');
        expect(describeFindings(serious(await runAxe(page)))).toBe('');
        expect((await stores.actions.get(PLAN, closing.id))!.value.lifecycle).toBe('in_progress');
        if (colorScheme === 'dark') {
          await page.getByLabel('6-digit code').fill(code);
          await Promise.all([
            page.waitForNavigation(),
            page.getByRole('button', { name: 'Confirm' }).click(),
          ]);
          await expect(page.getByRole('status').textContent()).resolves.toContain('Updated by');
          expect((await stores.actions.get(PLAN, closing.id))!.value.lifecycle).toBe('complete');
        }
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});
