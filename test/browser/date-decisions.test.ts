/**
 * Issue 20, point 1, in headless Chromium against the built server in local mode (its embedded Azurite,
 * the demo plan): a date request decided from the page a "Please decide" e-mail opens (at 320 px, axe
 * finding nothing serious) and from the dashboard's action detail, each through the one use case; a page
 * left open while the other surface decided is told who decided, and nothing is recorded twice.
 */
import type { TabActionDetail } from '../../src/http/dashboard-api/api-types';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

const SECRET = 'a-date-decision-browser-secret-of-32-chars';
const keys = updatePageKeys(Buffer.from(SECRET));
const COORDINATOR = 'partnership.manager@example.org';
/** Owns 2.2. */
const OWNER = 'icb.camhs@example.org';
const ACTION = '2.2';

/** A Tuesday to Thursday `weeks` weeks ahead (never a bank holiday Monday or Good Friday), as an ISO date. */
function workingDayAhead(weeks: number): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + weeks * 7);
  while (![2, 3, 4].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
  // Not Christmas week either.
  if (day.getUTCMonth() === 11 && day.getUTCDate() >= 20) day.setUTCDate(day.getUTCDate() + 14);
  while (![2, 3, 4].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

describeWithChromium(suiteTitle('date decisions in headless Chromium'), () => {
  const session = new TabSession();
  let opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start({ env: { LINK_SIGNING_SECRET: SECRET } });
  }, 60_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  afterEach(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    opened = [];
  });

  const linkPath = (email: string) =>
    `/update/${makeUpdateToken(keys, { email, planId: DEMO_PLAN, actionId: ACTION }, new Date())}`;

  async function detail(): Promise<TabActionDetail> {
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/${ACTION}`, {
      headers: { 'X-Local-User': COORDINATOR },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TabActionDetail;
  }

  /** The owner asks for `date` from their own update link, as the form posts it. */
  async function ownerAsks(date: string, reason: string): Promise<string> {
    const url = `${session.url}${linkPath(OWNER)}`;
    const page = await fetch(url);
    const html = await page.text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
    const asked = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      },
      body: new URLSearchParams({
        csrf: field('csrf'),
        version: field('version'),
        verb: 'date.request',
        revisedDate: date,
        reason,
      }).toString(),
    });
    expect(asked.status).toBe(200);
    const id = (await detail()).action.pendingDateRequest?.id;
    expect(id).toBeDefined();
    return id!;
  }

  const decisionsIn = (d: TabActionDetail) =>
    d.history.filter((e) => /New due date (approved|rejected)/.test(e.summary));

  test('when the coordinator opens the page from their "Please decide" e-mail on a phone, then axe finds nothing serious and Approve records the new date once', async () => {
    const date = workingDayAhead(10);
    await ownerAsks(date, 'The provider starts a month late');
    const tab = await session.openPage(linkPath(COORDINATOR), { width: 320, height: 640 });
    opened.push(tab);
    const { page } = tab;
    const form = page.getByRole('form', { name: 'Decide on the new due date' });
    await form.waitFor({ state: 'visible' });
    await expect(form.textContent()).resolves.toContain('The provider starts a month late');
    const findings = serious(await runAxe(page));
    expect(describeFindings(findings)).toBe('');
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document.documentElement;
      return {
        scroll: root.scrollWidth,
        inner: (globalThis as unknown as { innerWidth: number }).innerWidth,
      };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: screenshotPath('decide-page'), fullPage: true });

    const before = decisionsIn(await detail()).length;
    await form.getByLabel('Comment (optional)').fill('Agreed at the partnership meeting');
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: /^Approve / }).click()]);
    if ((await page.locator('.banner').count()) === 0) throw new Error(await page.content());
    await expect(page.locator('.banner').textContent()).resolves.toContain('approved');
    await expect(page.getByRole('form', { name: 'Decide on the new due date' }).count()).resolves.toBe(0);

    const after = await detail();
    expect(after.action.pendingDateRequest).toBeUndefined();
    expect(decisionsIn(after)).toHaveLength(before + 1);
    expect(after.history.find((e) => e.note === 'Agreed at the partnership meeting')).toBeDefined();
    expect(tab.problems).toEqual([]);
  }, 60_000);

  test('when the coordinator rejects in the dashboard detail, then the history shows it, and the e-mail page left open is told it was decided', async () => {
    const date = workingDayAhead(14);
    await ownerAsks(date, 'Waiting for the ICB board');
    // The coordinator's page from the e-mail, opened first and left open.
    const left = await session.openPage(linkPath(COORDINATOR), { width: 1280, height: 900 });
    opened.push(left);
    await left.page.getByRole('form', { name: 'Decide on the new due date' }).waitFor();

    const tab = await session.open();
    opened.push(tab);
    const { page } = tab;
    const before = await detail();
    await page.getByRole('button', { name: new RegExp(`^${ACTION.replace('.', '\\.')} `) }).click();
    const dialog = page.getByRole('dialog', { name: `Action ${ACTION}` });
    await dialog.waitFor({ state: 'visible' });
    const form = dialog.getByRole('form', { name: 'Decide on the new due date' });
    await expect(form.textContent()).resolves.toContain('Waiting for the ICB board');
    expect(describeFindings(serious(await runAxe(page)))).toBe('');
    await form.getByLabel('Comment (optional)').fill('Keep the current date, please');
    await form.getByRole('button', { name: 'Reject' }).click();
    await dialog.locator('#detail-status').getByText('new date not approved', { exact: false }).waitFor();
    await expect(dialog.getByRole('form', { name: 'Decide on the new due date' }).count()).resolves.toBe(0);
    await expect(dialog.locator('.timeline-entry').first().textContent()).resolves.toContain(
      'Keep the current date, please',
    );
    await page.screenshot({ path: screenshotPath('decide-detail') });
    const after = await detail();
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.action.pendingDateRequest).toBeUndefined();
    expect(tab.problems).toEqual([]);

    // The page left open still shows the request; its Approve is told who decided, and records nothing.
    const stale = left.page.getByRole('form', { name: 'Decide on the new due date' });
    await Promise.all([
      left.page.waitForEvent('load'),
      stale.getByRole('button', { name: /^Approve / }).click(),
    ]);
    await expect(left.page.locator('.banner').textContent()).resolves.toContain(
      'That date request has been dealt with already. It was rejected by',
    );
    expect((await detail()).history.length).toBe(after.history.length);
  }, 60_000);
});
