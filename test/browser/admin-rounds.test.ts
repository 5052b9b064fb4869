/**
 * Running a monitoring round from the management page, in headless Chromium against the real built
 * server in local mode (its embedded Azurite and the demo plan; the clock started on a Wednesday morning
 * with CLOCK_START, so requests go at once): a group's round proposed from its next meeting, a bad
 * response date refused by its field, a bank-holiday date flagged, the round started; its answers by
 * agency; Chase now (the day the requests went: nothing, and why); closing shows what is outstanding and asks first (Cancel closes nothing); the
 * endorsement refused for a future date, then recorded. axe-core in the three themes, and 320 px wide.
 */
import type { TabRounds } from '../../src/http/dashboard-api/admin-rounds-types';
import type { TabActionDetail } from '../../src/http/dashboard-api/api-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, pageWidths, screenshotPath, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';
const OWNER = 'icb.camhs@example.org';
/** Wednesday 10 Mar 2027, 10:00 in London: a working day, inside the send window. */
const CLOCK_START = '2027-03-10T10:00:00Z';
const GROUP = 'camhs-subgroup';
const BLOCK = `[data-block="scope-${GROUP}"]`;
/** Chromium logs each refusal the tests provoke as a failed resource load. */
const REFUSALS = /Failed to load resource: the server responded with a status of (400|403|404|409)/;

describeWithChromium(suiteTitle('monitoring rounds on the management page in headless Chromium'), () => {
  const session = new TabSession();
  let opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start({ env: { CLOCK_START } });
    // Setting up the group is not this page's work (the monitoring section is): the CLI does it here.
    const cli = async (args: string[]) => expect((await session.cli(args)).code).toBe(0);
    await cli([
      'group',
      'add',
      '--plan',
      DEMO_PLAN,
      '--name',
      'CAMHS subgroup',
      '--cadence',
      'quarterly',
      '--oversight',
      'LSCP Executive',
      '--meetings',
      '2027-04-14,2027-07-14',
    ]);
    for (const action of ['2.1', '2.2', '2.3'])
      await cli(['action', 'group', '--plan', DEMO_PLAN, '--action', action, '--group', GROUP]);
  }, 90_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  afterEach(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    opened = [];
  });

  async function openAdmin(query = `plan=${DEMO_PLAN}`, width = 1280): Promise<TabPage> {
    const tab = await session.openPage(`/tab/admin?${query}`, { width, height: 900 });
    opened.push(tab);
    await tab.page.locator(BLOCK).waitFor({ state: 'visible', timeout: 15_000 });
    return tab;
  }

  async function rounds(): Promise<TabRounds> {
    const response = await fetch(`${session.url}/api/tab/admin/plans/${DEMO_PLAN}/rounds`, {
      headers: { 'X-Local-User': COORDINATOR },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TabRounds;
  }

  function expectNoProblems(tab: TabPage): void {
    expect(tab.problems.filter((problem) => !REFUSALS.test(problem))).toEqual([]);
  }

  const focusedText = (tab: TabPage) =>
    tab.page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement?: { textContent: string | null } } }).document
          .activeElement?.textContent ?? '',
    );

  test('when the coordinator starts the group’s round, then the proposed date is shown first, a bad date is refused by its field, and a bank holiday is flagged', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    const block = page.locator(BLOCK);
    await expect(block.textContent()).resolves.toContain(
      'Responses due 31 Mar 2027, 10 working days before the meeting on 14 Apr 2027.',
    );
    await expect(block.getByLabel('Response date').inputValue()).resolves.toBe('2027-03-31');

    await block.getByLabel('Response date').fill('2027-03-01');
    await block.getByRole('button', { name: 'Start a round for CAMHS subgroup' }).click();
    const summary = block.locator('.error-summary');
    await summary.getByText('Nothing was saved').waitFor();
    await expect(summary.textContent()).resolves.toContain(
      'Response date: must be after today (10 Mar 2027), to give owners time to answer',
    );
    await expect(block.getByLabel('Response date').getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await rounds()).scopes.find((s) => s.group === GROUP)?.open).toBeUndefined();

    // Good Friday.
    await block.getByLabel('Response date').fill('2027-03-26');
    await block.getByRole('button', { name: 'Start a round for CAMHS subgroup' }).click();
    // Said where the start form was, now the round is open.
    const said = block.locator('.said');
    await said.getByText('Round 1 (CAMHS subgroup) started').waitFor();
    const words = (await said.textContent()) ?? '';
    expect(words).toContain('3 actions, 2 owners, responses due 26 Mar 2027.');
    expect(words).toContain('Check the response date: 26 Mar 2027 is a bank holiday.');
    expect(words).toMatch(/Requests: [1-9]\d* sent/);
    // Said in a status line where the button was, and focus there, where the person is looking.
    await expect(said.getByRole('status').textContent()).resolves.toContain(
      'Round 1 (CAMHS subgroup) started',
    );
    await expect(focusedText(tab)).resolves.toContain('Round 1 (CAMHS subgroup) started');
    await expect(block.getByRole('table').textContent()).resolves.toContain('Integrated Care Board');
    expectNoProblems(tab);
  }, 60_000);

  test('when an owner has answered, then the table shows answered and awaiting by agency, and Chase now on the day the requests went sends nothing and says why', async () => {
    // The owner answers through the dashboard's own update route.
    const detail = (await (
      await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/2.1`, {
        headers: { 'X-Local-User': OWNER },
      })
    ).json()) as TabActionDetail;
    const answered = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/2.1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': OWNER },
      body: JSON.stringify({ version: detail.action.version, note: 'Trajectory published in February' }),
    });
    expect(answered.status).toBe(200);

    const tab = await openAdmin();
    const block = tab.page.locator(BLOCK);
    const row = block.getByRole('row', { name: /Integrated Care Board/ });
    await expect(row.textContent()).resolves.toMatch(/Integrated Care Board\s*1\s*2/);
    await expect(block.textContent()).resolves.toContain('1 of 3 answered; 2 awaiting');

    // The requests went today (the clock cannot move here; the API test chases on a later day).
    await block.getByRole('button', { name: 'Chase now' }).click();
    await block
      .locator(`#scope-${GROUP}-chase .status.beside`)
      .getByText(
        'Nobody was chased: the requests for round 1 went out today. Chase from the next working day.',
      )
      .waitFor();
    expectNoProblems(tab);
  }, 60_000);

  test('when the coordinator closes the round, then what is outstanding is shown and confirmed first; Cancel closes nothing; the endorsement follows', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    const block = page.locator(BLOCK);
    await block.getByRole('button', { name: 'Close round 1…' }).click();
    const step = block.locator('#scope-camhs-subgroup-close');
    await expect(step.textContent()).resolves.toMatch(/2 still to answer:.*2\.2, awaiting .*2\.3, awaiting/s);
    await expect(focusedText(tab)).resolves.toBe('Close round 1?');
    await step.getByRole('button', { name: 'Cancel' }).click();
    await expect(step.isHidden()).resolves.toBe(true);
    await expect(focusedText(tab)).resolves.toBe('Close round 1…');
    expect((await rounds()).scopes.find((s) => s.group === GROUP)?.open?.number).toBe(1);

    await block.getByRole('button', { name: 'Close round 1…' }).click();
    await step.getByRole('button', { name: 'Yes, close round 1' }).click();
    await block
      .locator('.said')
      .getByText('Round 1 (CAMHS subgroup) closed: a snapshot of 3 actions, 1 updated during the round.')
      .waitFor();
    // The group can be asked again: the next round is proposed.
    await block.getByRole('button', { name: 'Start a round for CAMHS subgroup' }).waitFor();

    const endorsement = page.locator('[data-block="closed-1"]');
    await expect(endorsement.getByLabel('Endorsed by').inputValue()).resolves.toBe('LSCP Executive');
    await endorsement.getByLabel('Date endorsed').fill('2027-04-14');
    await endorsement.getByRole('button', { name: 'Record endorsement of round 1' }).click();
    await endorsement
      .locator('.error-summary')
      .getByText('Date endorsed: is after today (10 Mar 2027)')
      .waitFor();
    expect((await rounds()).closed[0]?.endorsed).toBe(false);

    await endorsement.getByLabel('Date endorsed').fill('2027-03-10');
    await endorsement.getByRole('button', { name: 'Record endorsement of round 1' }).click();
    const closed = page.locator('[data-block="closed-1"]');
    await closed
      .locator('.status.beside')
      .getByText('endorsed by the LSCP Executive on 10 Mar 2027')
      .waitFor();
    expect((await rounds()).closed[0]).toMatchObject({ endorsed: true });
    await page.locator('#rounds').screenshot({ path: screenshotPath('admin-rounds') });
    expectNoProblems(tab);
  }, 60_000);

  test('when axe-core checks the rounds section in each theme, with the close step open and an error showing, and at 320 px, then it finds no serious or critical violations and nothing scrolls sideways', async () => {
    // A round open again, so the table, Chase now and the close step are all there.
    const start = await fetch(`${session.url}/api/tab/admin/plans/${DEMO_PLAN}/rounds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': COORDINATOR },
      body: JSON.stringify({ group: GROUP }),
    });
    expect(start.status).toBe(200);
    const report: string[] = [];
    for (const theme of ['default', 'dark', 'contrast']) {
      const tab = await openAdmin(`plan=${DEMO_PLAN}&theme=${theme}`);
      const { page } = tab;
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
      await page.locator(BLOCK).getByRole('button', { name: 'Close round 2…' }).click();
      const endorse = page.locator('[data-block="closed-1"]');
      await endorse.getByLabel('Endorsed by').fill('');
      await endorse.getByRole('button', { name: 'Correct the endorsement of round 1' }).click();
      await endorse.locator('.error-summary:not([hidden])').waitFor();
      const findings = await runAxe(page);
      report.push(
        `${theme}: ${findings.length} violations (${findings.map((f) => `${f.impact} ${f.id}`).join(', ')})`,
      );
      expect(describeFindings(serious(findings))).toBe('');
      expectNoProblems(tab);
    }
    const narrow = await openAdmin(`plan=${DEMO_PLAN}`, 320);
    await narrow.page.locator(BLOCK).getByRole('button', { name: 'Close round 2…' }).click();
    const widths = await pageWidths(narrow.page);
    expect(widths.scroll).toBeLessThanOrEqual(widths.view);
    await narrow.page.locator('#rounds').screenshot({ path: screenshotPath('admin-rounds-320') });
    console.warn(`axe-core on the rounds section:\n${report.join('\n')}`);
  }, 90_000);
});
