/**
 * The committee paper's form on the dashboard, in headless Chromium against the built server in local
 * mode with the demo plan: what the business manager types (committee, meeting, date, author,
 * recommendations) reaches the Word paper's covering report; a refusal is shown beside the button and
 * announced; axe-core finds nothing serious in the three themes, and at 320 px the form fits the screen.
 * Skipped, with an install hint, without /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

describeWithChromium(suiteTitle('the committee paper form in headless Chromium'), () => {
  const session = new TabSession();
  const opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start();
  }, 60_000);

  afterAll(async () => {
    for (const tab of opened) await tab.context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  async function open(query = `plan=${DEMO_PLAN}`, width = 1280): Promise<TabPage> {
    const tab = await session.open(query, { width, height: 900 });
    opened.push(tab);
    await tab.page.locator('#paper-heading').scrollIntoViewIfNeeded();
    return tab;
  }

  function form(page: Page) {
    return page.locator('form.paper-form');
  }

  test('when the business manager fills in the covering report, then the Word paper carries every input', async () => {
    const { page, problems } = await open();
    const paper = form(page);
    await paper.getByLabel('Title', { exact: true }).fill('Serious youth violence: progress update');
    await paper.getByLabel('Committee it goes to').fill('Children and Families Scrutiny Board');
    await paper.getByLabel('Meeting it goes to').fill('Scrutiny Board (Children and Families)');
    await paper.getByLabel('Date of the meeting').fill('2027-01-27');
    await paper.getByLabel('Report author').fill('Director of Children and Families');
    await paper
      .getByLabel('Recommendations')
      .fill('Note the progress made.\nAsk for a further update in six months.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      paper.getByRole('button', { name: 'Download the committee paper (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!)))
      .file('word/document.xml')!
      .async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      'Serious youth violence: progress update',
      'Committee: Children and Families Scrutiny Board',
      'Meeting: Scrutiny Board (Children and Families)',
      'Date: 27 Jan 2027',
      'Report author: Director of Children and Families',
      'It is recommended that the Children and Families Scrutiny Board:',
      'Note the progress made.',
      'Ask for a further update in six months.',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain('identify any areas for further scrutiny');
    expect(problems).toEqual([]);
  }, 60_000);

  test('when the paper is refused, then the reason is shown beside the button and announced', async () => {
    const { page } = await open();
    const paper = form(page);
    await paper
      .getByLabel('Recommendations')
      .fill(Array.from({ length: 11 }, (_, i) => `Recommendation ${i + 1}`).join('\n'));
    await paper.getByRole('button', { name: 'Download the committee paper (Word)' }).click();
    const alert = paper.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('recommendations: at most 10, one a line');
    await expect(alert.textContent()).resolves.toContain('The paper could not be made');
  }, 60_000);

  test('when axe-core checks the form in each theme and at 320 px, then it finds nothing serious and the form fits the width', async () => {
    for (const theme of ['default', 'dark', 'contrast']) {
      const { page } = await open(`plan=${DEMO_PLAN}&theme=${theme}`);
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
      expect(describeFindings(serious(await runAxe(page)))).toBe('');
    }
    // The form itself fits a 320 px screen (the board beside it scrolls its columns on its own).
    const { page } = await open(`plan=${DEMO_PLAN}`, 320);
    const box = await form(page).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    const overflow = await form(page).evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await form(page).screenshot({ path: screenshotPath('paper-form-320') });
  }, 90_000);
});
