/**
 * Issue 21 on the moderation page in headless Chromium, against the built server with the demo plan and
 * its measures as `npm start` loads them: a complete action's row says whether impact could be confirmed.
 * Skipped, with an install hint, without /usr/bin/chromium.
 */
import type { TabModeration } from '../../src/http/dashboard-api/moderation-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { DEMO_PLAN, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';

describeWithChromium(suiteTitle('impact on the moderation page in headless Chromium'), () => {
  const session = new TabSession();
  let tab: TabPage | undefined;

  beforeAll(async () => {
    await session.start();
  }, 60_000);

  afterAll(async () => {
    await tab?.context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  test('when a complete action has no evidence of impact, then its row says what is missing; its linked demo measure is current', async () => {
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/moderation`, {
      headers: { 'X-Local-User': COORDINATOR },
    });
    const list = (await response.json()) as TabModeration;
    const item = list.items.find((i) => i.id === '1.1');
    // The demo imports 1.1 as complete, with no note or link; its measure D3 has last month's value.
    expect(item?.impact).toBe(
      'Impact: missing — Add evidence of impact: a note saying what changed, with a link to the evidence, when marking the action complete.',
    );
    tab = await session.open(`plan=${DEMO_PLAN}`);
    const table = tab.page.getByRole('table', { name: 'Proposed and agreed ratings' });
    await table.waitFor();
    await expect(table.locator('tr[data-action-id="1.1"] .impact-evidence').textContent()).resolves.toBe(
      item!.impact,
    );
    expect(tab.problems).toEqual([]);
  });
});
