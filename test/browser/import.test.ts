/**
 * Importing a spreadsheet from the dashboard in headless Chromium, against the real built server in local
 * mode (its embedded Azurite and the demo plan): upload a partnership's workbook (title rows, two sheets,
 * merged area cells, timescales in words) as a new plan, see the readings and the problem row, change one
 * column's mapping, import the good rows, then find the new plan linked and in both pickers; axe-core on
 * the preview; usable at 320 px. The upload's API
 * refuses a hostile workbook fast and someone who does not coordinate the plan.
 */
import type { TabActionDetail, TabMe, TabPlanView } from '../../src/http/dashboard-api/api-types';
import type { TabImportAnswer } from '../../src/http/dashboard-api/import-types';
import { hostileXlsx, inlineCell, sheetXml } from '../spreadsheets/hostile-xlsx';
import { planWorkbook, WORKBOOK_GOOD_ROWS } from '../support/plan-workbook';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

const OWNER = 'icb.camhs@example.org';

describeWithChromium(suiteTitle('importing a spreadsheet from the dashboard in headless Chromium'), () => {
  const session = new TabSession();
  let opened: TabPage[] = [];

  beforeAll(async () => {
    // PLAN_CREATORS names the demo coordinator, who uploads a new plan below.
    await session.start({ env: { PLAN_CREATORS: 'partnership.manager@example.org' } });
  }, 60_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  afterEach(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    opened = [];
  });

  async function upload(body: object, user?: string): Promise<{ status: number; json: unknown; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${session.url}/api/tab/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(user ? { 'X-Local-User': user } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json(), ms: performance.now() - started };
  }

  test('when the coordinator uploads a partnership workbook, changes one mapping and imports the good rows, then the new plan holds them', async () => {
    const tab = await session.open(`plan=${DEMO_PLAN}`);
    opened.push(tab);
    const { page } = tab;
    const me = (await (await fetch(`${session.url}/api/tab/me`)).json()) as TabMe;

    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
    await page.getByLabel('Plan', { exact: true }).selectOption('');
    await page.getByLabel('New plan id').fill('leeds-wb');
    await page.getByLabel('New plan title').fill('Leeds partnership plan 2027');
    await page.getByLabel('Spreadsheet (.csv or .xlsx, up to 5 MB)').setInputFiles({
      name: 'partnership-plan.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await planWorkbook(),
    });
    await page.getByRole('button', { name: 'Preview' }).click();

    await page.getByRole('heading', { name: 'Preview of partnership-plan.xlsx' }).waitFor();
    const result = page.locator('.import-result');
    await expect(result.textContent()).resolves.toContain('31 Dec 2027 (end of Q3 2027/28)');
    await expect(result.textContent()).resolves.toContain('"Ongoing": no deadline');
    await expect(result.textContent()).resolves.toContain('Theme 2 Health, row 4 (action 2.2)');
    await expect(page.getByLabel('Theme 1 Sharing: header on row 4, 3 rows').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(/^Front page: no header row found/).isDisabled()).resolves.toBe(true);

    // "Partners involved" is not a header the import knows: the coordinator says what it holds.
    const partners = page.getByLabel('Column for the header “Partners involved” on Theme 1 Sharing');
    await expect(partners.inputValue()).resolves.toBe('ignore');
    const previewed = page.waitForResponse((r) => r.url().endsWith('/api/tab/import'));
    await partners.selectOption('contributing_agencies');
    await previewed;
    await page.getByRole('heading', { name: 'Preview of partnership-plan.xlsx' }).waitFor();
    await expect(
      page.getByLabel('Column for the header “Partners involved” on Theme 1 Sharing').inputValue(),
    ).resolves.toBe('contributing_agencies');

    const findings = await runAxe(page);
    expect(serious(findings).map((f) => `${f.id}: ${describeFindings([f])}`)).toEqual([]);
    await page.screenshot({ path: screenshotPath('import-preview'), fullPage: true });

    // By keyboard: the button is reached and pressed like any other.
    const importButton = page.getByRole('button', { name: `Import the ${WORKBOOK_GOOD_ROWS} good rows` });
    await importButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    await expect(result.textContent()).resolves.toContain('A new plan, leeds-wb, created.');
    // Issue 22: the answer links to the new plan, and both pickers list it without a reload.
    await expect(
      result.getByRole('link', { name: 'Open plan leeds-wb on the dashboard' }).getAttribute('href'),
    ).resolves.toBe('/tab?plan=leeds-wb');
    await expect(
      result.getByRole('link', { name: /^Manage plan leeds-wb/ }).getAttribute('href'),
    ).resolves.toBe('/tab/admin?plan=leeds-wb');
    await page
      .locator('#plan-select option', { hasText: 'Leeds partnership plan 2027' })
      .waitFor({ state: 'attached' });
    await expect(page.locator('#plan-select').inputValue()).resolves.toBe(DEMO_PLAN);
    await expect(page.getByLabel('Plan', { exact: true }).inputValue()).resolves.toBe('leeds-wb');
    await expect(page.locator('#import-plan option[value="leeds-wb"]').textContent()).resolves.toBe(
      'Leeds partnership plan 2027 (re-import)',
    );

    const headers = { 'X-Local-User': me.user.email ?? '' };
    const view = (await (
      await fetch(`${session.url}/api/tab/plans/leeds-wb`, { headers })
    ).json()) as TabPlanView;
    expect(view.actions.map((a) => a.id).sort()).toEqual(['1.1', '1.2', '1.3', '2.1', '2.3', '2.4']);
    expect(view.actions.find((a) => a.id === '1.3')?.currentDueLabel).toBe('no deadline');
    const detail = (await (
      await fetch(`${session.url}/api/tab/plans/leeds-wb/actions/1.1`, { headers })
    ).json()) as TabActionDetail;
    expect(detail.action.contributingAgencies).toEqual(['Health', 'Education']);
    expect(tab.problems).toEqual([]);
  }, 120_000);

  test('when the page is 320 px wide, then the import preview fits the width, its tables scrolling inside their own boxes', async () => {
    const tab = await session.open(`plan=${DEMO_PLAN}`, { width: 320, height: 800 });
    opened.push(tab);
    const { page } = tab;
    await page.getByLabel('Spreadsheet (.csv or .xlsx, up to 5 MB)').setInputFiles({
      name: 'partnership-plan.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await planWorkbook(),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview of partnership-plan.xlsx' }).waitFor();
    const wide = await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          querySelectorAll(
            s: string,
          ): ArrayLike<{ tagName: string; className: string; getBoundingClientRect(): { right: number } }>;
        };
      };
      // The import's own parts; a table scrolls inside its own box, so its cells may run on.
      return Array.from(document.querySelectorAll('#import *:not(.import-table *)'))
        .filter((e) => e.getBoundingClientRect().right > 321)
        .map((e) => `${e.tagName}.${e.className}`)
        .slice(0, 10);
    });
    expect(wide).toEqual([]);
    await page.screenshot({ path: screenshotPath('import-320'), fullPage: true });
  }, 60_000);

  test('when a hostile workbook is uploaded, then it is refused fast with the reason, and someone who does not coordinate the plan is refused', async () => {
    const header = `<row r="1">${inlineCell('A1', 'action')}</row>`;
    const sheet = sheetXml(
      `${header}<row r="1048576">${inlineCell('XFD1048576', 'x')}</row>`,
      'A1:XFD1048576',
    );
    const file = (await hostileXlsx(sheet)).toString('base64');
    const hostile = await upload({ planId: DEMO_PLAN, fileName: 'plan.xlsx', file, confirm: false });
    expect(hostile.status).toBe(400);
    expect(JSON.stringify(hostile.json)).toContain('reaches column XFD');
    expect(hostile.ms).toBeLessThan(2_000);

    const good = (await planWorkbook()).toString('base64');
    const owner = await upload(
      { planId: DEMO_PLAN, fileName: 'plan.xlsx', file: good, confirm: true },
      OWNER,
    );
    expect(owner.status).toBe(403);
    const preview = await upload({ planId: DEMO_PLAN, fileName: 'plan.xlsx', file: good, confirm: false });
    expect(preview.status).toBe(200);
    expect((preview.json as TabImportAnswer).written).toBe(false);
  }, 60_000);
});
