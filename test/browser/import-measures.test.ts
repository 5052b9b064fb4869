/**
 * Issue 21: a measures CSV imported from the dashboard's Import a spreadsheet panel in headless Chromium,
 * against the built server with the demo plan: the preview says what the Measures sheet adds and lists
 * its problem row with the others; importing the good row defines the measure and records its latest value.
 * Skipped, with an install hint, without /usr/bin/chromium.
 */
import { describeWithChromium, suiteTitle } from './playground-session';
import { DEMO_PLAN, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';

/** A month that has ended whatever day the test runs: two months ago. */
function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
}

const CSV = [
  'Ref,Measure / Indicator,Area,Baseline,Baseline date,Target,Target date,Polarity,Frequency,Reporter e-mail,Latest,Latest date',
  `M7,Children with a return interview offered,AFI1,40%,2020-03-31,80%,2035-03-31,Higher is better,Monthly,analyst@police.example,61,${monthsAgo(2)}`,
  'M8,Strategy discussions quorate,AFI1,50%,2020-03-31,30%,2035-03-31,higher,monthly,analyst@police.example,,',
].join('\r\n');

describeWithChromium(suiteTitle('importing a measures CSV from the dashboard in headless Chromium'), () => {
  const session = new TabSession();
  let tab: TabPage | undefined;

  beforeAll(async () => {
    await session.start();
  }, 60_000);

  afterAll(async () => {
    await tab?.context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  test('when the coordinator previews and imports a measures CSV into the demo plan, then the preview lists the measures and the problem row, and the good measure is stored with its latest value', async () => {
    tab = await session.open(`plan=${DEMO_PLAN}`);
    const { page } = tab;
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
    await page.getByLabel('Plan', { exact: true }).selectOption(DEMO_PLAN);
    await page.getByLabel('Spreadsheet (.csv or .xlsx, up to 5 MB)').setInputFiles({
      name: 'measures.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview of measures.csv' }).waitFor();
    const result = page.locator('.import-result');
    await expect(result.locator('.import-measures').textContent()).resolves.toBe(
      `Measures (sheet measures): 1 measure would be added (M7); 0 measures would be changed; 0 unchanged; latest values would be recorded: M7: 61 for ${monthsAgo(2)}.`,
    );
    await expect(result.textContent()).resolves.toContain(
      'measure M8: target is worse than the baseline, but higher is better',
    );

    await page.getByRole('button', { name: 'Import the 1 good row' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    const response = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/measures`, {
      headers: { 'X-Local-User': COORDINATOR },
    });
    expect(response.status).toBe(200);
    const body = JSON.stringify(await response.json()) as string;
    expect(body).toContain('Children with a return interview offered');
    expect(body).not.toContain('Strategy discussions quorate');
    expect(tab.problems).toEqual([]);
  });
});
