/**
 * Setting up a plan's monitoring from the management page (issue 22), in headless Chromium against the
 * real built server in local mode (its embedded Azurite with the demo plan): a monitoring group added
 * (mistakes said by their fields first), changed, given meetings and one cancelled; actions put in
 * groups and a group with actions kept; who agrees ratings and the papers' marking; an area's wording;
 * axe-core in the three themes with the section's errors showing, and the page at 320 px.
 */
import type { TabAdminGroups } from '../../src/http/dashboard-api/admin-groups-types';
import type { TabAdminPlan } from '../../src/http/dashboard-api/admin-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, pageWidths, screenshotPath, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';
/** Meetings next year, so each is ahead of today whenever this runs. */
const YEAR = new Date().getUTCFullYear() + 1;
/** Chromium logs each refusal the tests provoke as a failed resource load. */
const REFUSALS = /Failed to load resource: the server responded with a status of (400|403|404|409)/;

describeWithChromium(
  suiteTitle('setting up monitoring from the management page in headless Chromium'),
  () => {
    const session = new TabSession();
    let opened: TabPage[] = [];

    beforeAll(async () => {
      await session.start();
    }, 60_000);

    afterAll(async () => {
      await session.stop();
    }, 30_000);

    afterEach(async () => {
      for (const { context } of opened) await context.close().catch(() => undefined);
      opened = [];
    });

    async function openAdmin(query = '', width = 1280): Promise<TabPage> {
      const tab = await session.openPage(`/tab/admin?plan=${DEMO_PLAN}${query}`, { width, height: 900 });
      opened.push(tab);
      await tab.page.locator('#add-group-form').waitFor({ state: 'visible', timeout: 15_000 });
      return tab;
    }

    async function get<T>(path: string): Promise<T> {
      const response = await fetch(`${session.url}/api/tab/admin/plans/${DEMO_PLAN}${path}`, {
        headers: { 'X-Local-User': COORDINATOR },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    }

    function expectNoProblems(tab: TabPage): void {
      expect(tab.problems.filter((problem) => !REFUSALS.test(problem))).toEqual([]);
    }

    test('when the business manager adds a group with mistakes, then each is said by its field and nothing is added; corrected, the group shows its next round; changed and given meetings, it shows them', async () => {
      const tab = await openAdmin();
      const { page } = tab;
      const add = page.locator('#add-group-form');
      await add.getByLabel('Oversight body', { exact: true }).fill('DMT');
      await add.getByLabel('Meeting dates', { exact: true }).fill(`11/02/${YEAR}, 30/02/${YEAR}`);
      await add.getByRole('button', { name: 'Add the group' }).click();
      const summary = add.locator('.error-summary');
      await summary.getByText('Nothing was saved').waitFor();
      expect(await summary.textContent()).toContain(`Meeting dates: "30/02/${YEAR}" is not a date`);
      await expect(
        add.getByLabel('Meeting dates', { exact: true }).getAttribute('aria-invalid'),
      ).resolves.toBe('true');
      expect((await get<TabAdminGroups>('/groups')).groups).toEqual([]);

      await add.getByLabel('Meeting dates', { exact: true }).fill(`11/02/${YEAR}, 11 Mar ${YEAR}`);
      await add.getByRole('button', { name: 'Add the group' }).click();
      await summary.getByText('Name: is required').waitFor();
      await add.getByLabel('Name', { exact: true }).fill('Council actions');
      await add.getByLabel('How often it meets', { exact: true }).selectOption('monthly');
      await add.getByRole('button', { name: 'Add the group' }).click();
      await page.getByText('Monitoring group “Council actions” added.').waitFor();

      const part = page.locator('#group-council-actions');
      await part.getByRole('heading', { level: 3, name: 'Council actions' }).waitFor();
      expect(await part.locator('dl').textContent()).toContain(`for the meeting on 11 Feb ${YEAR}`);
      expect(await part.locator('dl').textContent()).toContain('started by hand');

      const edit = page.locator('#group-council-actions-form');
      await edit.getByLabel('Oversight body', { exact: true }).fill('Council management team');
      await edit.getByLabel('Open a round by itself, in working days before responses are due').fill('3');
      await edit.getByRole('button', { name: 'Save the group' }).click();
      await page.getByText('Monitoring group “Council actions” saved.').waitFor();
      expect(await part.locator('dl').textContent()).toContain('Council management team');
      expect(await part.locator('dl').textContent()).toContain('opens by itself on');

      const meetings = page.locator('#group-council-actions-meetings-form');
      await meetings.getByLabel('Meeting dates', { exact: true }).fill(`8 Apr ${YEAR}`);
      await meetings.getByRole('button', { name: 'Add the meetings' }).click();
      await page
        .getByText(`Meetings of “Council actions”: 11 Feb ${YEAR}, 11 Mar ${YEAR}, 8 Apr ${YEAR}.`)
        .waitFor();
      const cancel = page.locator('#group-council-actions-cancel-form');
      await cancel.getByLabel('Meeting', { exact: true }).selectOption({ label: `11 Feb ${YEAR}` });
      await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
      await page.getByText('Meeting cancelled.', { exact: false }).waitFor();
      const [group] = (await get<TabAdminGroups>('/groups')).groups;
      expect(group).toMatchObject({
        oversightBody: 'Council management team',
        openDays: '3',
        meetings: [{ label: `11 Mar ${YEAR}` }, { label: `8 Apr ${YEAR}` }],
      });
      await page.locator('#monitoring').screenshot({ path: screenshotPath('admin-groups') });
      expectNoProblems(tab);
    }, 60_000);

    test('when the business manager puts actions in a group, then they are monitored there and the group stays until they move; who agrees ratings, the marking and an area’s wording are saved', async () => {
      const tab = await openAdmin();
      const { page } = tab;
      const groups = await get<TabAdminGroups>('/groups');
      expect(groups.groups.map((g) => g.id)).toEqual(['council-actions']);
      const [first, second] = groups.actions;
      const sorting = page.locator('#action-groups-form');
      const choice = (id: string) => sorting.getByLabel(new RegExp(`^${id.replace('.', '\\.')}: `));
      await choice(first!.id).selectOption({ label: 'Council actions' });
      await choice(second!.id).selectOption({ label: 'Council actions' });
      await sorting.getByRole('button', { name: 'Save the groups' }).click();
      await page
        .getByText(`Saved: actions ${first!.id} and ${second!.id} are now in Council actions.`)
        .waitFor();
      const sorted = await get<TabAdminGroups>('/groups');
      expect(sorted.actions.filter((a) => a.groupId === 'council-actions').map((a) => a.id)).toEqual([
        first!.id,
        second!.id,
      ]);
      await expect(choice(first!.id).inputValue()).resolves.toBe('council-actions');

      // The same choice from the action itself, in Actions and areas.
      const third = groups.actions[2]!;
      await page.getByLabel('Action', { exact: true }).selectOption(third.id);
      const own = page.locator('#action-group-form');
      await own.getByLabel('Monitored by', { exact: true }).selectOption({ label: 'Council actions' });
      await own.getByRole('button', { name: 'Save its group' }).click();
      await page.getByText(`Saved: action ${third.id} is now in Council actions.`).waitFor();
      expect((await get<TabAdminGroups>('/groups')).groups[0]?.actions).toBe(3);
      await expect(choice(third.id).inputValue()).resolves.toBe('council-actions');
      expect(await page.locator('#group-council-actions dl').textContent()).toContain(
        `${first!.id}, ${second!.id}, ${third.id}`,
      );

      const remove = page.locator('#group-council-actions-remove-form');
      await remove.getByRole('button', { name: 'Remove the group' }).click();
      await remove
        .locator('.error-summary')
        .getByText('move them to another group first under “Which group monitors each action”', {
          exact: false,
        })
        .waitFor();
      expect((await get<TabAdminGroups>('/groups')).groups).toHaveLength(1);

      const governance = page.locator('#governance-form');
      await governance.getByLabel('Who agrees ratings', { exact: true }).fill('S&CE subgroup');
      await governance.getByLabel('Protective marking', { exact: true }).fill('OFFICIAL-SENSITIVE');
      await governance.getByRole('button', { name: 'Save who agrees and the marking' }).click();
      await page
        .getByText('Saved: ratings are agreed by S&CE subgroup; papers are marked OFFICIAL-SENSITIVE.')
        .waitFor();
      expect((await get<TabAdminGroups>('/groups')).governance).toEqual({
        moderationGroup: 'S&CE subgroup',
        protectiveMarking: 'OFFICIAL-SENSITIVE',
      });

      const wording = page.locator('#area-wording-form');
      const view = await get<TabAdminPlan>('');
      const area = view.areas[1]!;
      await wording.getByLabel('Area', { exact: true }).selectOption(area.id);
      await expect(wording.getByLabel('What needs to improve').inputValue()).resolves.toBe(area.text);
      await wording.getByLabel('What needs to improve').fill('');
      await wording.getByRole('button', { name: 'Save the wording' }).click();
      await wording.locator('.error-summary').getByText('What needs to improve: is required').waitFor();
      await wording.getByLabel('What needs to improve').fill('Information sharing between agencies');
      await wording.getByRole('button', { name: 'Save the wording' }).click();
      await page.getByText(`Area ${area.id} saved.`).waitFor();
      const after = await get<TabAdminPlan>('');
      expect(after.areas.find((a) => a.id === area.id)?.text).toBe('Information sharing between agencies');
      expect(after.actions.filter((a) => a.areaId === area.id).length).toBe(
        view.actions.filter((a) => a.areaId === area.id).length,
      );
      expectNoProblems(tab);
    }, 60_000);

    test('when axe-core checks the monitoring section in each theme, with errors showing, and at 320 px wide, then it finds no serious or critical violations and nothing scrolls sideways', async () => {
      const report: string[] = [];
      for (const theme of ['default', 'dark', 'contrast']) {
        const tab = await openAdmin(`&theme=${theme}`);
        const { page } = tab;
        await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
        await page.locator('#group-council-actions').waitFor();
        await page.getByLabel('Action', { exact: true }).selectOption('1.1');
        await page.locator('#action-group-form').waitFor();
        const edit = page.locator('#group-council-actions-form');
        await edit.getByLabel('Name', { exact: true }).fill('');
        await edit.getByRole('button', { name: 'Save the group' }).click();
        await edit.locator('.error-summary:not([hidden])').waitFor();
        const findings = await runAxe(page);
        report.push(
          `${theme}: ${findings.length} violations (${findings.map((f) => `${f.impact} ${f.id}`).join(', ')})`,
        );
        expect(describeFindings(serious(findings))).toBe('');
        expectNoProblems(tab);
      }
      const narrow = await openAdmin('', 320);
      await narrow.page.locator('#group-council-actions').waitFor();
      const widths = await pageWidths(narrow.page);
      expect(widths.scroll).toBeLessThanOrEqual(widths.view);
      await narrow.page.locator('#monitoring').screenshot({ path: screenshotPath('admin-groups-320') });
      console.warn(`axe-core on the monitoring section:\n${report.join('\n')}`);
    }, 90_000);
  },
);
