/**
 * The measure page a reporter's e-mail opens (/update/measure/:token, issue 21) in headless Chromium, as a
 * phone opens it: 320 px wide, in light, dark and forced colours (Windows high contrast), with JavaScript
 * off for the submits. axe-core finds nothing serious and nothing scrolls sideways; a value submitted is
 * stored; bad values (not a number, outside the unit's sane range, a period in the future, a percentage
 * over 100) are refused beside the field with nothing stored; an expired or forged link opens nothing.
 */
import type { Server } from 'node:http';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { createApp, listen } from '../../src/http/server';
import { makeMeasureToken } from '../../src/http/update-page/measure-link';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { defineMeasure } from '../../src/usecases/measures/measures';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { operatorActor } from '../../src/usecases/shared/actor';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';
import { CHROMIUM, hasChromium } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';

const PLAN = 'demo-leeds-syv';
/** Wednesday 15 Jan 2025, 10:00 in London: December 2024's values are owed. */
const NOW = '2025-01-15T10:00:00Z';
const REPORTER = 'analyst@police.example';
const keys = updatePageKeys(Buffer.from('a-browser-test-secret-of-32-characters'));
const DAY = 86_400_000;

let stores: Stores;
let server: Server;
let url: string;
let browser: Browser;
/** The server's clock: moved on before a correction, so no two values share a timestamp. */
const clock = fixedClock(NOW);

const THEMES: [string, BrowserContextOptions][] = [
  ['light', { colorScheme: 'light' }],
  ['dark', { colorScheme: 'dark' }],
  ['forced colours', { forcedColors: 'active' }],
];

const maybe = hasChromium ? describe : describe.skip;

maybe('the measure page in a browser', () => {
  beforeAll(async () => {
    const calendar = new UkHolidayCalendar();
    ({ stores } = await freshStores());
    const seedClock = { now: () => new Date(Date.parse(NOW) - 60_000) };
    const deps = { stores, clock: seedClock, calendar, random: seededRandom() };
    await seedDemoPlan(deps);
    const measure = (id: string, unit: string, name: string, baseline: string, target: string) =>
      defineMeasure(deps, operatorActor('test'), PLAN, {
        id,
        areaId: 'AFI1',
        name,
        definition: 'Monthly figure from the case system',
        source: 'Children’s social care',
        unit,
        better: Number(target) > Number(baseline) ? 'higher' : 'lower',
        baseline,
        baselineDate: '2024-03-31',
        target,
        targetDate: '2025-12-31',
        frequency: 'monthly',
        reporter: REPORTER,
        kind: 'how-well',
      });
    expect(await measure('M1', 'percentage', 'Return interviews within 72 hours', '55', '90')).toMatchObject({
      kind: 'saved',
    });
    expect(await measure('M2', 'days', 'Days from referral to strategy discussion', '9', '3')).toMatchObject({
      kind: 'saved',
    });
    const logger = createLogger('silent');
    const router = updatePageRouter({
      stores,
      clock,
      calendar,
      random: seededRandom(3),
      logger,
      keys,
      secureCookies: false,
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

  /** A measure link as the e-mail carries it, made a day ago and good for a fortnight unless said. */
  const link = (measureId: string, made = Date.parse(NOW) - DAY, expires = Date.parse(NOW) + 14 * DAY) =>
    `${url}/update/measure/${makeMeasureToken(keys, { email: REPORTER, planId: PLAN, measureId }, new Date(made), new Date(expires))}`;

  const values = (measureId: string) => stores.measures.listValues(PLAN, measureId);

  async function inPage<T>(options: BrowserContextOptions, use: (page: Page) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, ...options });
    try {
      const page = await context.newPage();
      // A step that hangs fails with its own name, well inside the test's time.
      page.setDefaultTimeout(10_000);
      return await use(page);
    } finally {
      await context.close();
    }
  }

  async function expectFitsAndAxeClean(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document.documentElement;
      return root.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(describeFindings(serious(await runAxe(page)))).toBe('');
  }

  async function submit(page: Page, form: { value: string; period?: string; note?: string }) {
    await page.getByLabel(/^Value for /).fill(form.value);
    if (form.period !== undefined) await page.getByLabel('Period', { exact: true }).fill(form.period);
    if (form.note !== undefined) await page.getByLabel('Note (optional)').fill(form.note);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Submit value' }).click(),
    ]);
    return response?.status();
  }

  test.each(THEMES)(
    'when opened at 320 px in %s, then it shows the measure and the period owed, axe finds nothing serious and nothing scrolls sideways',
    async (_theme, options) => {
      await inPage(options, async (page) => {
        const response = await page.goto(link('M1'));
        expect(response?.status()).toBe(200);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          'Measure M1: Return interviews within 72 hours',
        );
        await expect(page.getByLabel('Value for Dec 2024')).toBeDefined();
        await expect(page.getByLabel('Period', { exact: true }).inputValue()).resolves.toBe('2024-12');
        await expect(page.locator('.facts').textContent()).resolves.toContain('55% (31 Mar 2024)');
        await expectFitsAndAxeClean(page);
      });
    },
    30_000,
  );

  test.each([
    ['not a number', 'M1', { value: 'about seventy' }, 'The value "about seventy" is not a number'],
    ['a percentage over 100', 'M1', { value: '120' }, 'The value is a percentage, so at most 100'],
    [
      'a period in the future',
      'M1',
      { value: '70', period: '2025-06' },
      'The period Jun 2025 has not begun yet',
    ],
    [
      'beyond the sane range for days',
      'M2',
      { value: '5000' },
      'The value 5000 is more than 3,660: check the figure',
    ],
    ['negative days', 'M2', { value: '-2' }, 'The value cannot be negative for a measure in days'],
  ])(
    'when the value given is %s, then the page refuses it beside its field, keeps what was typed, stays axe clean and stores nothing',
    async (_what, measureId, form: { value: string; period?: string }, message) => {
      await inPage({}, async (page) => {
        await page.goto(link(measureId));
        expect(await submit(page, form)).toBe(422);
        await expect(page.getByRole('status').textContent()).resolves.toContain('Not saved');
        const field = form.period ? '#measure-period-error' : '#measure-value-error';
        await expect(page.locator(field).textContent()).resolves.toBe(`Problem: ${message}`);
        // The field names its problem to a screen reader, and what was typed is still there.
        const described = form.period ? 'Period' : /^Value for /;
        await expect(
          page
            .getByLabel(described, { exact: typeof described === 'string' })
            .getAttribute('aria-describedby'),
        ).resolves.toContain(field.slice(1));
        await expect(page.getByLabel(/^Value for /).inputValue()).resolves.toBe(form.value);
        await expectFitsAndAxeClean(page);
      });
      expect(await values(measureId)).toEqual([]);
    },
    30_000,
  );

  test('when a good value is submitted with JavaScript off, then it is stored as the reporter’s and the page says so; a correction in dark mode is stored beside it and the page stays axe clean', async () => {
    // JavaScript off, as a locked-down phone may have it (axe needs it on, so it checks the correction).
    await inPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(link('M1'));
      expect(await submit(page, { value: '71', note: 'Dip sample of 50' })).toBe(200);
      await expect(page.getByRole('status').textContent()).resolves.toContain('71% recorded for Dec 2024');
    });
    expect(await values('M1')).toEqual([
      expect.objectContaining({
        period: '2024-12',
        value: 71,
        reportedBy: REPORTER,
        note: 'Dip sample of 50',
      }),
    ]);
    clock.set('2025-01-15T10:20:00Z');
    await inPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(link('M1'));
      expect(await submit(page, { value: '73' })).toBe(200);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        '73% recorded for Dec 2024, correcting the earlier 71% (both are kept in the history)',
      );
      await expectFitsAndAxeClean(page);
    });
    expect((await values('M1')).map((v) => [v.value, v.reportedAt]).sort()).toEqual([
      [71, '2025-01-15T10:00:00.000Z'],
      [73, '2025-01-15T10:20:00.000Z'],
    ]);
  }, 60_000);

  test.each([
    ['expired', () => link('M1', Date.parse(NOW) - 20 * DAY, Date.parse(NOW) - DAY)],
    [
      'forged (one character changed)',
      () => {
        const good = link('M1');
        const last = good.at(-1) === 'A' ? 'B' : 'A';
        return `${good.slice(0, -1)}${last}`;
      },
    ],
  ])(
    'when the link is %s, then the page opens nothing of the measure, says so plainly and is axe clean',
    async (_what, made) => {
      await inPage({}, async (page) => {
        const response = await page.goto(made());
        expect(response?.status()).toBe(403);
        await expect(page.locator('h1').textContent()).resolves.toBe('This link has expired or is not valid');
        expect(await page.content()).not.toContain('Return interviews');
        expect(await page.locator('form').count()).toBe(0);
        await expectFitsAndAxeClean(page);
      });
    },
    30_000,
  );
});
