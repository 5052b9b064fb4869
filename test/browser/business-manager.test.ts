/**
 * A partnership business manager runs a plan from nothing to an endorsed round and a committee paper,
 * without the command line, in headless Chromium against the real built server in local mode: creates the
 * plan on the management page, imports the Leeds sample (the shared sample, as test/fixtures keeps it) into it, starts the monitoring group's round,
 * an owner answers from the e-mail the local catcher kept (/dev/mail → the update page), the moderation
 * page agrees the rating, the round is closed (what is outstanding shown first), its endorsement recorded,
 * and the paper downloaded for that round names the oversight body's endorsement and the agreed words.
 *
 * Local mode acts only as one of the plans' own people, so a store with no plan has nobody to act as: the
 * demo plan is loaded, and its coordinator is the business manager; the plan they run is a new, empty one.
 * Local mode lets the local operator create plans (PLAN_CREATORS unset).
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { TabRounds } from '../../src/http/dashboard-api/admin-rounds-types';
import { LEEDS_CSV } from '../support/plans';
import { describeWithChromium, suiteTitle } from './playground-session';
import { type TabPage, TabSession } from './tab-session';

const MANAGER = 'partnership.manager@example.org';
const PLAN = 'leeds-2027';
const TITLE = 'Leeds serious youth violence plan';
const GROUP = 'camhs-subgroup';
/** Wednesday 10 Mar 2027, 10:00 in London: a working day, inside the send window. */
const CLOCK_START = '2027-03-10T10:00:00Z';

describeWithChromium(suiteTitle('a business manager runs the cycle without the command line'), () => {
  const session = new TabSession();
  const opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start({ env: { CLOCK_START } });
  }, 60_000);

  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await session.stop();
  }, 30_000);

  async function open(path: string): Promise<TabPage> {
    const tab = await session.openPage(path, { width: 1280, height: 900 }, { as: MANAGER });
    opened.push(tab);
    return tab;
  }

  async function rounds(): Promise<TabRounds> {
    const response = await fetch(`${session.url}/api/tab/admin/plans/${PLAN}/rounds`, {
      headers: { 'X-Local-User': MANAGER },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TabRounds;
  }

  test('when the business manager creates, imports, runs, closes and endorses a round, then the paper for it is ready', async () => {
    // 1. Create the plan on the management page.
    const admin = await open('/tab/admin');
    const { page } = admin;
    const create = page.locator('#create-plan-form');
    await create.waitFor({ timeout: 15_000 });
    await create.getByLabel('Plan id').fill(PLAN);
    await create.getByLabel('Title', { exact: true }).fill(TITLE);
    await create.getByLabel('Principal authority').fill('Leeds City Council');
    await create.getByRole('button', { name: 'Create the plan' }).click();
    await page.waitForURL(new RegExp(`/tab/admin\\?plan=${PLAN}`));
    await page.getByRole('heading', { name: `Manage ${TITLE}` }).waitFor();

    // 2. Import the Leeds sample into it, from the dashboard.
    await page.goto(`${session.url}/tab?plan=${PLAN}`);
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Plan', { exact: true }).selectOption(PLAN);
    await page.getByLabel('Spreadsheet (.csv or .xlsx, up to 5 MB)').setInputFiles({
      name: 'leeds-jtai-syv-2024.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(LEEDS_CSV),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview of leeds-jtai-syv-2024.csv' }).waitFor();
    await page.getByRole('button', { name: /^Import (the )?\d+ (good )?rows?$/ }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();

    // 3. The monitoring group and its meeting, then its actions, on the management page.
    await page.goto(`${session.url}/tab/admin?plan=${PLAN}`);
    const add = page.locator('#add-group-form');
    await add.waitFor({ timeout: 15_000 });
    await add.getByLabel('Name', { exact: true }).fill('CAMHS subgroup');
    await add.getByLabel('How often it meets', { exact: true }).selectOption('quarterly');
    await add.getByLabel('Oversight body', { exact: true }).fill('LSCP Executive');
    await add.getByLabel('Meeting dates', { exact: true }).fill('14 Apr 2027');
    await add.getByRole('button', { name: 'Add the group' }).click();
    await page.getByText('Monitoring group “CAMHS subgroup” added.').waitFor();
    const sorting = page.locator('#action-groups-form');
    for (const action of ['2.1', '2.2', '2.3'])
      await sorting
        .getByLabel(new RegExp(`^${action.replace('.', '\\.')}: `))
        .selectOption({ label: 'CAMHS subgroup' });
    await sorting.getByRole('button', { name: 'Save the groups' }).click();
    await page.getByText('Saved: actions 2.1, 2.2 and 2.3 are now in CAMHS subgroup.').waitFor();

    // 4. Start the group's round: the date proposed from the meeting is shown first.
    const block = page.locator(`[data-block="scope-${GROUP}"]`);
    await block.waitFor({ timeout: 15_000 });
    await expect(block.textContent()).resolves.toContain(
      'Responses due 31 Mar 2027, 10 working days before the meeting on 14 Apr 2027.',
    );
    await block.getByRole('button', { name: 'Start a round for CAMHS subgroup' }).click();
    await block.locator('.said').getByText('Round 1 (CAMHS subgroup) started').waitFor();
    await expect(block.locator('.said').textContent()).resolves.toMatch(/Requests: [1-9]\d* sent/);

    // 5. The owner answers from the e-mail the local catcher kept.
    const mail = await open('/dev/mail');
    await mail.page.getByRole('link', { name: 'Round 1: please update action 2.1 by 31 Mar 2027' }).click();
    const update = mail.page.getByRole('link', { name: /Update action 2\.1/ });
    // The mail's links name the public host (localhost:<port>); the test's browser reaches 127.0.0.1.
    const link = (await update.getAttribute('href'))!.replace('//localhost:', '//127.0.0.1:');
    expect(link).toContain('/update/');
    await mail.page.goto(link);
    await mail.page.getByRole('radio').first().check();
    await mail.page
      .getByLabel('Progress note')
      .fill('Trajectory published; reported monthly since February.');
    await Promise.all([
      mail.page.waitForNavigation(),
      mail.page.getByRole('button', { name: 'Save update' }).click(),
    ]);
    await expect(mail.page.getByRole('status').textContent()).resolves.toContain('Updated by');
    const status = (await rounds()).scopes.find((s) => s.group === GROUP)!.open!;
    expect(status.progressLabel).toBe('1 of 3 answered; 2 awaiting');

    // 6. Moderation agrees the owner's proposal, on the existing moderation page.
    await page.goto(`${session.url}/tab?plan=${PLAN}`);
    const table = page.getByRole('table', { name: 'Proposed and agreed ratings' });
    await table.waitFor({ timeout: 15_000 });
    await page
      .getByLabel('Agreed commentary for 2.1')
      .fill('Agreed: the trajectory is published and reported.');
    await expect(page.getByLabel('Agree action 2.1').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Agree selected' }).click();
    await expect(
      page.locator('.moderation-results').getByText('2.1: agreed', { exact: false }).textContent(),
    ).resolves.toContain('2.1: agreed');

    // 7. Close the round: what is outstanding first, then the confirmation.
    await page.goto(`${session.url}/tab/admin?plan=${PLAN}`);
    await block.getByRole('button', { name: 'Close round 1…' }).click();
    const step = block.locator(`#scope-${GROUP}-close`);
    await expect(step.textContent()).resolves.toContain('2 still to answer:');
    await step.getByRole('button', { name: 'Yes, close round 1' }).click();
    await block.locator('.said').getByText('Round 1 (CAMHS subgroup) closed').waitFor();

    // 8. Record who endorsed it, and when.
    const endorsement = page.locator('[data-block="closed-1"]');
    await expect(endorsement.getByLabel('Endorsed by').inputValue()).resolves.toBe('LSCP Executive');
    await endorsement.getByLabel('Date endorsed').fill('2027-03-10');
    await endorsement.getByRole('button', { name: 'Record endorsement of round 1' }).click();
    await endorsement
      .locator('.status.beside')
      .getByText('endorsed by the LSCP Executive on 10 Mar 2027')
      .waitFor();

    // 9. The committee paper for round 1, from the dashboard.
    await page.goto(`${session.url}/tab?plan=${PLAN}`);
    await page.getByLabel('Paper drawn from').waitFor({ timeout: 15_000 });
    await page.getByLabel('Paper drawn from').selectOption('1');
    await page.getByLabel('Meeting it goes to').fill('LSCP Executive, 14 Apr 2027');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the committee paper (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!)))
      .file('word/document.xml')!
      .async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('endorsed by the LSCP Executive on 10 Mar 2027');
    expect(text).toContain('Agreed: the trajectory is published and reported.');
    // The owner's own note stays out of the paper.
    expect(text).not.toContain('reported monthly since February');
    for (const tab of opened) expect(tab.problems).toEqual([]);
  }, 180_000);
});
