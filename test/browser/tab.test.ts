/**
 * The dashboard tab in headless Chromium against the real built server in local mode (no app id, on
 * loopback, its embedded Azurite with the demo plan): the board and its filters, the action detail by
 * keyboard, themes, downloads, an owner's update through the same validation as the card, and axe-core.
 *
 * The server, the browser and the page helpers are in ./tab-session.ts; axe in ./tab-axe.ts.
 * Screenshots go to test-artifacts/tab-*.png. Skipped, with an install hint, without /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type {
  TabActionDetail,
  TabPlanView,
  TabTrends,
  TabUpdateResult,
} from '../../src/http/dashboard-api/api-types';
import { PRIYA, teamsMessage } from '../support/activities';
import { startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';
import { describeWithChromium, suiteTitle } from './playground-session';
import { type AxeFinding, describeFindings, runAxe, serious, WCAG_TAGS } from './tab-axe';
import {
  boardReady,
  cardIds,
  columnCounts,
  DEMO_PLAN,
  DEMO_TITLE,
  screenshotPath,
  type TabPage,
  TabSession,
} from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';

function summary(findings: readonly AxeFinding[]): string {
  const listed = findings.map((f) => `${f.impact} ${f.id}`).join(', ');
  return `${findings.length} violations, ${serious(findings).length} serious or critical${listed ? ` (${listed})` : ''}`;
}
const OWNER = 'icb.camhs@example.org';
const OWNER_NAME = "ICB Children's Mental Health Commissioner";

describeWithChromium(suiteTitle('the dashboard tab in headless Chromium'), () => {
  const session = new TabSession();
  let opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start();
  }, 60_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  afterEach(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    opened = [];
  });

  async function open(query?: string): Promise<TabPage> {
    const tab = await session.open(query);
    opened.push(tab);
    return tab;
  }

  /** The API as the page's user sees it (local mode: the X-Local-User header names who). */
  async function api<T>(path: string, user?: string): Promise<T> {
    const response = await fetch(`${session.url}${path}`, {
      headers: user ? { 'X-Local-User': user } : {},
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  /** No script errors or CSP violations; `expected` are problems the test caused on purpose. */
  function expectNoProblems(tab: TabPage, expected: RegExp[] = []): void {
    expect(tab.problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))).toEqual([]);
  }

  /** Chromium logs the 400 that refuses an invalid update as a failed resource load. */
  const REFUSED_UPDATE = /Failed to load resource: the server responded with a status of 400/;

  test('when the coordinator opens the tab on the demo plan, then every quadrant shows its heading and count, and the counts add up to the plan', async () => {
    const tab = await open(`plan=${DEMO_PLAN}&theme=default`);
    const { page } = tab;
    const view = await api<TabPlanView>(`/api/tab/plans/${DEMO_PLAN}`);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_TITLE);
    await expect(page.getByText('Local mode — not signed in.').isVisible()).resolves.toBe(true);
    const counts = await columnCounts(page);
    expect(counts.map((c) => c.rating)).toEqual([...view.plan.ratings.map((r) => r.rating), 'unrated']);
    for (const info of view.plan.ratings) {
      const column = page.locator(`#board .column[data-rating="${info.rating}"]`);
      await expect(column.getByRole('heading', { level: 3 }).textContent()).resolves.toContain(info.name);
      await expect(column.getByText(info.heading, { exact: true }).isVisible()).resolves.toBe(true);
      const expected = view.actions.filter((a) => a.rating === info.rating).length;
      expect(counts.find((c) => c.rating === info.rating)?.count).toBe(expected);
    }
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(view.actions.length);
    expect((await cardIds(page)).length).toBe(view.actions.length);
    await expect(page.locator('#board-summary').textContent()).resolves.toContain(
      `Showing all ${view.actions.length} actions`,
    );
    // Overdue is said in words, not only in colour.
    const overdue = view.actions.filter((a) => a.overdue).map((a) => a.id);
    expect(overdue.length).toBeGreaterThan(0);
    for (const id of overdue) {
      const badge = page.locator(`.card[data-action-id="${id}"] .overdue-badge`);
      await expect(badge.isVisible()).resolves.toBe(true);
      await expect(badge.textContent()).resolves.toContain('Overdue');
    }
    await page.locator('#trends canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('default'), fullPage: true });
    expectNoProblems(tab);
  }, 30_000);

  test('when the link names a plan the person has no role in, then the page says so and shows their plan', async () => {
    const tab = await open('plan=no-such-plan');
    const { page } = tab;
    await expect(page.locator('#alert').textContent()).resolves.toBe(
      `You have no role in the plan “no-such-plan”, so ${DEMO_TITLE} is shown instead.`,
    );
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_TITLE);
    await expect(page.getByLabel('Action plan').inputValue()).resolves.toBe(DEMO_PLAN);
    expect(new URL(page.url()).searchParams.get('plan')).toBe(DEMO_PLAN);
    expectNoProblems(tab);
  }, 30_000);

  test('when the coordinator filters by lead agency Police, then only Police actions remain and the counts follow', async () => {
    const tab = await open();
    const { page } = tab;
    const view = await api<TabPlanView>(`/api/tab/plans/${DEMO_PLAN}`);
    const police = view.actions.filter((a) => a.leadAgency === 'Police');
    expect(police.length).toBeGreaterThan(0);
    expect(police.length).toBeLessThan(view.actions.length);

    await page.getByLabel('Lead agency').selectOption('Police');

    expect((await cardIds(page)).sort()).toEqual(police.map((a) => a.id).sort());
    const agencies = await page
      .locator('#board .card')
      .evaluateAll((cards) =>
        cards.map((card) => card.querySelector('.facts div:first-child dd')?.textContent ?? ''),
      );
    expect(agencies.every((agency) => agency === 'Police')).toBe(true);
    const counts = await columnCounts(page);
    for (const { rating, count } of counts) {
      expect(count).toBe(police.filter((a) => (a.rating ?? 'unrated') === rating).length);
    }
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(police.length);
    await expect(page.locator('#board-summary').textContent()).resolves.toContain(
      `Showing ${police.length} of ${view.actions.length} actions`,
    );
    expect(new URL(page.url()).searchParams.get('agency')).toBe('Police');

    // The filter is in the address, so a reload (or a shared link) shows the same.
    await page.reload();
    await boardReady(page);
    expect((await cardIds(page)).sort()).toEqual(police.map((a) => a.id).sort());
    await expect(page.getByLabel('Lead agency').inputValue()).resolves.toBe('Police');
    await page.screenshot({ path: screenshotPath('filtered-police'), fullPage: true });

    // Search matches owner names too, within the other filters until they are cleared.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Search').fill('designated nurse');
    expect(await cardIds(page)).toEqual(
      view.actions.filter((a) => a.owners.some((o) => /designated nurse/i.test(o.name))).map((a) => a.id),
    );
    expect(new URL(page.url()).searchParams.get('agency')).toBeNull();
    expectNoProblems(tab);
  }, 30_000);

  test("when action 2.1's card is focused and Enter pressed, then its detail shows the history; Escape closes it and focus returns to the card", async () => {
    const tab = await open();
    const { page } = tab;
    const detail = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/2.1`);
    expect(detail.history.length).toBeGreaterThan(0);

    const card = page.getByRole('button', { name: /^2\.1 / });
    await card.focus();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Action 2.1' });
    await dialog.waitFor({ state: 'visible' });
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('detail-title');
    await expect(dialog.getByText(detail.action.description, { exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await expect(dialog.getByText(detail.action.successMeasure, { exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await expect(dialog.getByRole('heading', { name: /^History/ }).isVisible()).resolves.toBe(true);
    const entries = dialog.locator('.timeline-entry');
    await expect(entries.count()).resolves.toBe(detail.history.length);
    await expect(entries.first().textContent()).resolves.toContain(detail.history[0]?.summary ?? '?');
    await page.screenshot({ path: screenshotPath('detail') });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.locator(':focus').getAttribute('data-open-action')).resolves.toBe('2.1');
    expectNoProblems(tab);
  }, 30_000);

  test('when the dark or high-contrast theme is chosen, then the page wears it', async () => {
    const background = (page: Page) =>
      page
        .locator('body')
        .evaluate((body) => body.ownerDocument.defaultView?.getComputedStyle(body).backgroundColor);

    const dark = await open(`plan=${DEMO_PLAN}&theme=dark`);
    await expect(dark.page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(background(dark.page)).resolves.toBe('rgb(31, 31, 31)');
    await dark.page.locator('#trends canvas').first().waitFor();
    await dark.page.screenshot({ path: screenshotPath('dark'), fullPage: true });

    // Local mode's theme switch, on a page that opened in the default theme.
    const contrast = await open(`plan=${DEMO_PLAN}&theme=default`);
    await contrast.page.getByLabel('Theme').selectOption('contrast');
    await expect(contrast.page.locator('html').getAttribute('data-theme')).resolves.toBe('contrast');
    await expect(background(contrast.page)).resolves.toBe('rgb(0, 0, 0)');
    expect(new URL(contrast.page.url()).searchParams.get('theme')).toBe('contrast');
    await contrast.page.locator('#trends canvas').first().waitFor();
    await contrast.page.screenshot({ path: screenshotPath('contrast'), fullPage: true });
    expectNoProblems(dark);
    expectNoProblems(contrast);
  }, 30_000);

  test('when the coordinator downloads the CSV progress report, then the file is a .csv with the header row and every action', async () => {
    const tab = await open();
    const { page } = tab;
    const view = await api<TabPlanView>(`/api/tab/plans/${DEMO_PLAN}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Progress report (CSV)' }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^demo-leeds-syv-progress.*\.csv$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header).toContain('Action');
    expect(header).toContain('Rating');
    for (const action of view.actions) {
      expect(rows.some((row) => row.includes(`,${action.id},`))).toBe(true);
    }
    await page.locator('#status').getByText(`Downloaded ${download.suggestedFilename()}`).waitFor();

    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Action export (CSV)' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.csv$/);
    expectNoProblems(tab);
  }, 30_000);

  test('when an owner saves Red with no note, then the note field says why and nothing is saved; with a note, it saves and the history shows it', async () => {
    const tab = await open();
    const { page } = tab;
    const owned = (await api<TabPlanView>(`/api/tab/plans/${DEMO_PLAN}`, OWNER)).actions.map((a) => a.id);
    expect(owned).toEqual(['2.1', '2.2']);

    await Promise.all([page.waitForEvent('load'), page.getByLabel('Act as').selectOption(OWNER)]);
    await boardReady(page);
    await expect(page.locator('#local-banner').textContent()).resolves.toContain(`Acting as ${OWNER_NAME}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Your actions' }).isVisible()).resolves.toBe(
      true,
    );
    expect((await cardIds(page)).sort()).toEqual(owned);
    await expect(page.locator('#trends').isHidden()).resolves.toBe(true);
    await expect(page.locator('#downloads').isHidden()).resolves.toBe(true);

    // 2.2 is amber: red with no note is a worsening without a word of why.
    const before = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/2.2`, OWNER);
    expect(before.action.rating).toBe('amber');
    await page.getByRole('button', { name: /^2\.2 / }).click();
    const dialog = page.getByRole('dialog', { name: 'Action 2.2' });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByLabel('Rating').selectOption('red');
    await dialog.getByRole('button', { name: 'Save update' }).click();

    const note = dialog.getByLabel('Progress note');
    const error = dialog.locator('#update-note-error');
    await error.waitFor({ state: 'visible' });
    await expect(error.textContent()).resolves.toMatch(/say what has changed/i);
    await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(note.getAttribute('aria-describedby')).resolves.toContain('update-note-error');
    await expect(dialog.getByLabel('Rating').inputValue()).resolves.toBe('red');
    const unchanged = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/2.2`, OWNER);
    expect(unchanged.action.rating).toBe('amber');
    expect(unchanged.action.version).toBe(before.action.version);
    expect(unchanged.history.length).toBe(before.history.length);
    await page.screenshot({ path: screenshotPath('owner-refused') });

    const words = 'Referral route pilot paused: the provider withdrew in October.';
    await note.fill(words);
    await dialog.getByRole('button', { name: 'Save update' }).click();
    await dialog.locator('.timeline-entry').nth(before.history.length).waitFor();
    await expect(dialog.locator('.timeline-entry').first().textContent()).resolves.toContain(words);
    await expect(dialog.locator('#detail-status').textContent()).resolves.not.toBe('');
    await expect(dialog.locator('#update-note-error').count()).resolves.toBe(0);
    const saved = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/2.2`, OWNER);
    expect(saved.action.rating).toBe('red');
    expect(saved.history.length).toBe(before.history.length + 1);
    await page.screenshot({ path: screenshotPath('owner-saved') });

    // The board behind has been refreshed: 2.2 is now in the red column.
    await page.keyboard.press('Escape');
    await page.locator('#board .column[data-rating="red"] .card[data-action-id="2.2"]').waitFor();
    expectNoProblems(tab, [REFUSED_UPDATE]);
  }, 30_000);

  test('when the action changed after its detail was opened, then saving says so, reloads it and keeps what was typed', async () => {
    const tab = await open();
    const { page } = tab;
    await page.getByRole('button', { name: /^1\.3 / }).click();
    const dialog = page.getByRole('dialog', { name: 'Action 1.3' });
    await dialog.waitFor({ state: 'visible' });
    const before = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/1.3`);

    // Meanwhile the owner updates it (from the card, or here: the same API).
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/1.3`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': 'yjs.head@example.org' },
      body: JSON.stringify({ version: before.action.version, note: 'Data sharing agreement signed.' }),
    });
    expect(((await response.json()) as TabUpdateResult).ok).toBe(true);

    const typed = 'Front door access is live in two of three teams.';
    await dialog.getByLabel('Progress note').fill(typed);
    await dialog.getByRole('button', { name: 'Save update' }).click();
    await dialog.locator('#detail-status').getByText('updated by someone else', { exact: false }).waitFor();
    await expect(dialog.getByLabel('Progress note').inputValue()).resolves.toBe(typed);
    await expect(dialog.locator('.timeline-entry').first().textContent()).resolves.toContain(
      'Data sharing agreement signed.',
    );
    const after = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/1.3`);
    expect(after.history.length).toBe(before.history.length + 1);

    // Saving again now goes through, on the reloaded version.
    await dialog.getByRole('button', { name: 'Save update' }).click();
    await dialog.locator('.timeline-entry').nth(after.history.length).waitFor();
    await expect(dialog.locator('.timeline-entry').first().textContent()).resolves.toContain(typed);
    expectNoProblems(tab, [/status of 409/]);
  }, 30_000);

  test('when a monitoring round has closed and an action moved since, then the trends show the round and Compare rounds lists the move', async () => {
    // The coordinator runs a round from Teams chat (the bot's /api/messages, replies to a local connector stub).
    const coordinator = {
      ...PRIYA,
      name: 'Partnership Business Manager',
      email: COORDINATOR,
      userPrincipalName: COORDINATOR,
    };
    const stub = await startConnectorStub({ members: [coordinator] });
    try {
      for (const text of ['round start', 'round close 1']) {
        const posted = await postActivity(
          session.url,
          teamsMessage({ user: coordinator, serviceUrl: stub.url, text }),
        );
        expect(posted.status).toBeLessThan(300);
      }
    } finally {
      await stub.close();
    }
    const trends = await api<TabTrends>(`/api/tab/plans/${DEMO_PLAN}/trends`);
    expect(trends.closedRounds.map((round) => round.number)).toEqual([1]);

    // After the round, 3.2 gets its first rating (through the tab's API, as the coordinator).
    const before = await api<TabActionDetail>(`/api/tab/plans/${DEMO_PLAN}/actions/3.2`);
    expect(before.action.rating).toBeUndefined();
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/3.2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': COORDINATOR },
      body: JSON.stringify({
        version: before.action.version,
        rating: 'amber',
        note: 'Training needs analysis started late.',
      }),
    });
    expect(((await response.json()) as TabUpdateResult).ok).toBe(true);

    const tab = await open();
    const { page } = tab;
    await page.locator('#trends canvas').first().waitFor();
    await expect(
      page.getByText('No monitoring round has closed yet', { exact: false }).count(),
    ).resolves.toBe(0);
    // The numbers behind the chart, a click away.
    await page.getByText('Ratings at each round as a table').click();
    const roundsTable = page.getByRole('table', {
      name: 'Number of actions by rating at each monitoring round',
    });
    await expect(roundsTable.locator('tbody tr').count()).resolves.toBe(2);
    await expect(roundsTable.locator('tbody tr').first().locator('th').textContent()).resolves.toBe(
      trends.rounds[0]?.label,
    );

    await expect(page.getByLabel('From round', { exact: true }).inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('To round', { exact: true }).inputValue()).resolves.toBe('now');
    await page.getByRole('button', { name: 'Compare' }).click();
    const movements = page.getByRole('table', { name: 'Rating movements' });
    await movements.waitFor();
    const row = movements.locator('tbody tr', { has: page.locator('th', { hasText: /^3\.2$/ }) });
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('Amber');
    await expect(page.locator('.compare-result').textContent()).resolves.toContain('1 newly rated');

    // The report can now be taken as the round closed.
    await expect(page.getByLabel('Report on').locator('option').count()).resolves.toBe(2);
    await page.locator('#trends').screenshot({ path: screenshotPath('trends-compare') });
    expectNoProblems(tab);
  }, 45_000);

  test('when axe-core checks the page in each theme and with the detail open, then it finds no serious or critical violations', async () => {
    const report: string[] = [];
    for (const theme of ['default', 'dark', 'contrast']) {
      const tab = await open(`plan=${DEMO_PLAN}&theme=${theme}`);
      const { page } = tab;
      await page.locator('#trends canvas').first().waitFor();
      // With a comparison of rounds listed (a round closed in the test before), grouped by area, and the
      // tables behind the charts open, so all of them are checked too.
      const compare = page.getByRole('button', { name: 'Compare' });
      if ((await compare.count()) > 0) {
        await compare.click();
        await page.locator('.compare-result h4').waitFor();
      }
      await page.getByLabel('Group by').selectOption('area');
      await page.locator('details').evaluateAll((all) => {
        for (const details of all) (details as { open: boolean }).open = true;
      });
      const findings = await runAxe(page);
      report.push(`${theme}: ${summary(findings)}`);
      expect(describeFindings(serious(findings))).toBe('');

      await page.getByRole('button', { name: /^2\.1 / }).click();
      await page.getByRole('dialog', { name: 'Action 2.1' }).waitFor({ state: 'visible' });
      // And with a refused update showing its errors.
      await page.getByRole('dialog').getByRole('button', { name: 'Save update' }).click();
      await page.locator('.error-summary:not([hidden])').waitFor();
      const withDetail = await runAxe(page);
      report.push(`${theme} with the detail open: ${summary(withDetail)}`);
      expect(describeFindings(serious(withDetail))).toBe('');
      expectNoProblems(tab, [REFUSED_UPDATE]);
    }
    // The channel tab's configuration page.
    const configure = await session.openPage('/tab/configure');
    opened.push(configure);
    await configure.page.getByRole('radio', { name: DEMO_TITLE, exact: false }).waitFor();
    const configureFindings = await runAxe(configure.page);
    report.push(`configuration page: ${summary(configureFindings)}`);
    expect(describeFindings(serious(configureFindings))).toBe('');
    expectNoProblems(configure);
    console.warn(`axe-core (${WCAG_TAGS.join(', ')}):\n${report.join('\n')}`);
  }, 60_000);
});

describeWithChromium(suiteTitle('the dashboard tab outside Teams when the server has an app id'), () => {
  const session = new TabSession();

  beforeAll(async () => {
    await session.start({ signedIn: true });
  }, 60_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  test('when the page is opened in a plain browser, then it says to open Action Tracker in Teams and offers no demo user', async () => {
    const tab = await session.openPage(`/tab?plan=${DEMO_PLAN}`);
    const { page } = tab;
    const alert = page.locator('#alert');
    await alert.getByText('Open Action Tracker in Microsoft Teams to sign in').waitFor();
    await expect(alert.getAttribute('role')).resolves.toBe('alert');
    await expect(page.locator('#local-banner').isHidden()).resolves.toBe(true);
    await expect(page.locator('#actions').isHidden()).resolves.toBe(true);
    await expect(page.getByLabel('Act as').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('not-signed-in') });
    // The API's 401 is the only thing the browser logs.
    expect(tab.problems.filter((problem) => !/status of 401/.test(problem))).toEqual([]);
    await tab.context.close();
  }, 30_000);
});
