/**
 * Moderation with two monitoring groups' rounds open at once, in headless Chromium against the built
 * server in local mode: the dashboard lists the latest open round's actions and offers "Round to
 * moderate", and choosing the other round lists that round's actions instead (each group's moderators
 * agree their own round). axe-core finds nothing serious with the choice showing.
 */
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';
/** Wednesday 10 Mar 2027, 10:00 in London: a working day, inside the send window. */
const CLOCK_START = '2027-03-10T10:00:00Z';
const ADMIN = `/api/tab/admin/plans/${DEMO_PLAN}`;

describeWithChromium(suiteTitle('moderating one of two open rounds in headless Chromium'), () => {
  const session = new TabSession();

  async function post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${session.url}${ADMIN}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': COORDINATOR },
      body: JSON.stringify(body),
    });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
  }

  beforeAll(async () => {
    await session.start({ env: { CLOCK_START } });
    // Two groups through the management page's API, each with its own actions, and a round for each.
    const group = (name: string, meetings: string) => ({
      name,
      cadence: 'quarterly',
      oversightBody: 'LSCP Executive',
      responseDays: '10',
      meetings,
    });
    await post('/groups', group('Police subgroup', '14 Apr 2027'));
    await post('/groups', group('CAMHS subgroup', '21 Apr 2027'));
    await post('/action-groups', {
      moves: [
        { actionId: '1.1', group: 'police-subgroup' },
        { actionId: '1.2', group: 'police-subgroup' },
        { actionId: '2.1', group: 'camhs-subgroup' },
        { actionId: '2.2', group: 'camhs-subgroup' },
      ],
    });
    await post('/rounds', { group: 'police-subgroup' });
    await post('/rounds', { group: 'camhs-subgroup' });
  }, 90_000);

  afterAll(async () => {
    await session.stop();
  });

  test('when a coordinator opens the dashboard, then the latest round is listed, and choosing the other round lists its actions', async () => {
    const tab = await session.openPage(
      `/tab?plan=${DEMO_PLAN}`,
      { width: 1280, height: 900 },
      { as: COORDINATOR },
    );
    try {
      const { page } = tab;
      const picker = page.getByLabel('Round to moderate');
      await picker.waitFor({ timeout: 30_000 });
      await expect(picker.locator('option').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^Round 1 \(Police subgroup\), opened 10 Mar 2027$/),
        expect.stringMatching(/^Round 2 \(CAMHS subgroup\), opened 10 Mar 2027$/),
      ]);
      await expect(picker.inputValue()).resolves.toBe('2');
      const table = page.getByRole('table', { name: 'Proposed and agreed ratings' });
      await expect(table.textContent()).resolves.toContain('Agree action 2.1');
      await expect(table.textContent()).resolves.not.toContain('Agree action 1.2');

      await picker.selectOption('1');
      await page.getByText('Actions in monitoring round 1', { exact: false }).waitFor();
      await expect(page.getByLabel('Round to moderate').inputValue()).resolves.toBe('1');
      // 1.2 is the police round's open action (the demo plan's 1.1 is complete, so not asked).
      await expect(table.textContent()).resolves.toContain('Agree action 1.2');
      await expect(table.textContent()).resolves.not.toContain('Agree action 2.1');

      const findings = serious(await runAxe(page));
      expect(describeFindings(findings)).toBe('');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.context.close();
    }
  }, 90_000);
});
