/**
 * Every dashboard page on a phone (320 px): the page itself never scrolls sideways; wide tables scroll
 * inside their own boxes. Each section has its own 320 px check; this one looks at whole pages with every
 * section drawn at once, where a visually hidden cell of a wide table, placed against the page rather than
 * its scrolling box, once made the whole dashboard 800 px wide.
 */
import { describeWithChromium, suiteTitle } from './playground-session';
import { DEMO_PLAN, pageWidths, screenshotPath, TabSession } from './tab-session';

const PHONE = { width: 320, height: 700 };

describeWithChromium(suiteTitle('the dashboard’s pages at 320 px in headless Chromium'), () => {
  const session = new TabSession();

  beforeAll(async () => {
    await session.start();
  });

  afterAll(async () => {
    await session.stop();
  });

  test.each([
    ['the dashboard with every section', `/tab?plan=${DEMO_PLAN}`, '#board .card, #board article'],
    ['the management page', `/tab/admin?plan=${DEMO_PLAN}`, '#people-body *'],
    ['the report page', '/tab/report', 'main *'],
  ])('when %s is opened 320 px wide, then the page does not scroll sideways', async (_name, path, drawn) => {
    const tab = await session.openPage(path, PHONE);
    try {
      await tab.page.locator(drawn).first().waitFor({ timeout: 30_000 });
      // Sections load one after another; give the slowest (moderation, measures) their turn.
      await tab.page.waitForLoadState('networkidle');
      const { scroll, view } = await pageWidths(tab.page);
      const widths = { page: scroll, viewport: view };
      if (widths.page > widths.viewport)
        await tab.page.screenshot({ path: screenshotPath(`narrow-${path.replace(/\W+/g, '-')}`) });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});
