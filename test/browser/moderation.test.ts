/**
 * The dashboard's moderation page (issue 15) in headless Chromium against the real built server in
 * local mode with the demo plan: the coordinator (the first local user) sees every proposal not yet
 * agreed with the owner's note and flags, agrees two at once (one changed), the board then shows the
 * agreed rating, the committee paper downloads as Word with its chosen title, and axe-core finds no
 * serious or critical violations. Skipped, with an install hint, without /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { TabPlanView } from '../../src/http/dashboard-api/api-types';
import type { TabModeration } from '../../src/http/dashboard-api/moderation-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';

describeWithChromium(suiteTitle('the moderation page in headless Chromium'), () => {
  const session = new TabSession();
  let tab: TabPage | undefined;

  beforeAll(async () => {
    await session.start();
  }, 60_000);

  afterAll(async () => {
    await tab?.context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  async function api<T>(path: string, user = COORDINATOR): Promise<T> {
    const response = await fetch(`${session.url}${path}`, { headers: { 'X-Local-User': user } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  test('when a coordinator agrees two proposals at once, one changed, then both are agreed and the board shows it', async () => {
    const before = await api<TabModeration>(`/api/tab/plans/${DEMO_PLAN}/moderation`);
    const [first, second] = before.items.filter((i) => i.awaitingAgreement && i.proposed);
    expect(first && second).toBeTruthy();
    const other = before.ratings.find((r) => r.rating !== second!.proposed)!;

    tab = await session.open(`plan=${DEMO_PLAN}`);
    const { page } = tab;
    const table = page.getByRole('table', { name: 'Proposed and agreed ratings' });
    await table.waitFor();
    const row = (id: string) => table.locator(`tr[data-action-id="${id}"]`);
    await expect(row(first!.id).textContent()).resolves.toContain(
      `Proposed: ${first!.proposedName}, not yet agreed`,
    );

    await page.getByLabel(`Agreed commentary for ${first!.id}`).fill('Agreed as proposed by the subgroup.');
    await page.getByLabel(`Agreed rating for ${second!.id}`).selectOption(other.rating);
    await page.getByLabel(`Agreed commentary for ${second!.id}`).fill('The subgroup rated this differently.');
    await expect(page.getByLabel(`Agree action ${first!.id}`).isChecked()).resolves.toBe(true);

    const findings = await runAxe(page);
    expect(describeFindings(serious(findings))).toBe('');
    await page.locator('#governance').screenshot({ path: screenshotPath('moderation') });

    await page.getByRole('button', { name: 'Agree selected' }).click();
    await page.locator('.moderation-results li').first().waitFor();
    await expect(page.locator('.moderation-results').textContent()).resolves.toContain('2 agreed.');

    const after = await api<TabModeration>(`/api/tab/plans/${DEMO_PLAN}/moderation`);
    expect(after.items.find((i) => i.id === first!.id)).toBeUndefined(); // agreed: no longer waiting
    const board = await api<TabPlanView>(`/api/tab/plans/${DEMO_PLAN}`);
    expect(board.actions.find((a) => a.id === first!.id)).toMatchObject({ rating: first!.proposed });
    expect(board.actions.find((a) => a.id === first!.id)?.ratingNote).toBeUndefined();
    expect(board.actions.find((a) => a.id === second!.id)).toMatchObject({
      rating: other.rating,
      ratingNote: `Agreed (proposed: ${second!.proposedName})`,
      proposedRating: second!.proposed,
    });
    expect(tab.problems).toEqual([]);
  }, 90_000);

  test('when the committee paper is downloaded, then it is a Word file with the title chosen and no owner’s note', async () => {
    tab = tab ?? (await session.open(`plan=${DEMO_PLAN}`));
    const { page } = tab;
    await page.getByLabel('Title', { exact: true }).fill('Progress update for the SYV subgroup');
    await page.getByLabel('Meeting it goes to').fill('SYV subgroup, 20 Jan 2025');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the committee paper (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = readFileSync((await download.path())!);
    const xml = await (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Progress update for the SYV subgroup');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Meeting: SYV subgroup, 20 Jan 2025');
    // Every owner's note the moderation list shows stays out of the paper.
    const notes = (await api<TabModeration>(`/api/tab/plans/${DEMO_PLAN}/moderation`)).items.flatMap((i) =>
      i.note ? [i.note] : [],
    );
    for (const note of notes) expect(xml).not.toContain(note.slice(0, 40));
    expect(tab.problems).toEqual([]);
  }, 60_000);
});
