/**
 * Re-importing from the dashboard after edits in Action Tracker (issue 20, point 5), in headless Chromium
 * against the real built server in local mode: a plan is uploaded, its owner and success measure are
 * corrected through the dashboard's API, and the workbook (still with the old values, now with a
 * Monitoring group column) is previewed. The preview names each change old → new, flags both edits with
 * who made them and when, and offers a per-change choice that keeps Action Tracker's value unless the
 * file's is chosen; axe-core finds nothing serious; importing keeps one edit and takes the file's owners.
 */
import type { TabActionDetail, TabMe, TabPlanView } from '../../src/http/dashboard-api/api-types';
import type { TabImportAnswer } from '../../src/http/dashboard-api/import-types';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, screenshotPath, type TabPage, TabSession } from './tab-session';

const PLAN = 'respect-wb';
const HEADER =
  'Area number,Area for improvement,Ref,Action,Lead agency,Owner,Owner e-mail,Due date,Success measure';
const ROW_11 = 'A1,Sharing,1.1,Refresh guidance,Police,Pat Lee,pat.lee@police.uk,31/03/2027,Guidance out';
const ROW_21 =
  'A2,Health,2.1,Run the panel,ICB,Sam Green,sam.green@icb.nhs.uk,13/01/2027,Panel meets monthly';
const FIRST = `${HEADER}\n${ROW_11}\n${ROW_21}\n`;
const WITH_GROUPS = `${HEADER},Monitoring group\n${ROW_11},Partnership board\n${ROW_21},Partnership board\n`;

describeWithChromium(
  suiteTitle('re-importing over edits made in Action Tracker, in headless Chromium'),
  () => {
    const session = new TabSession();
    const opened: TabPage[] = [];

    beforeAll(async () => {
      await session.start({ env: { PLAN_CREATORS: 'partnership.manager@example.org' } });
    }, 60_000);

    afterAll(async () => {
      for (const { context } of opened) await context.close().catch(() => undefined);
      await session.stop();
    }, 30_000);

    async function post(path: string, body: object): Promise<{ status: number; json: unknown }> {
      const response = await fetch(`${session.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    }

    test('when the workbook is re-imported after the dashboard corrected an owner and a success measure, then the preview flags both, old → new, and the person’s choice is applied', async () => {
      const created = await post('/api/tab/import', {
        planId: PLAN,
        title: 'Respect plan',
        fileName: 'plan.csv',
        file: Buffer.from(FIRST).toString('base64'),
        confirm: true,
      });
      expect(created.status).toBe(200);
      const group = await session.cli([
        'group',
        'add',
        '--plan',
        PLAN,
        '--name',
        'Partnership board',
        '--cadence',
        'quarterly',
        '--oversight',
        'Board',
      ]);
      expect(group.code).toBe(0);
      const me = (await (await fetch(`${session.url}/api/tab/me`)).json()) as TabMe;
      const view = (await (await fetch(`${session.url}/api/tab/plans/${PLAN}`)).json()) as TabPlanView;
      const edited = await post(`/api/tab/admin/plans/${PLAN}/actions/2.1`, {
        version: view.actions.find((a) => a.id === '2.1')!.version,
        fields: {
          description: 'Run the panel',
          areaId: 'A2',
          leadAgency: 'ICB',
          owners: 'Alex Khan <alex.khan@icb.nhs.uk>',
          successMeasure: 'Panel meets fortnightly',
        },
      });
      expect(edited.status).toBe(200);

      const tab = await session.open(`plan=${DEMO_PLAN}`);
      opened.push(tab);
      const { page } = tab;
      await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
      await page.getByLabel('Plan', { exact: true }).selectOption(PLAN);
      await page.getByLabel('Spreadsheet (.csv or .xlsx, up to 5 MB)').setInputFiles({
        name: 'plan-with-groups.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(WITH_GROUPS),
      });
      await page.getByRole('button', { name: 'Preview' }).click();
      await page
        .getByRole('heading', { name: 'Edited in Action Tracker since the last import (2)' })
        .waitFor();
      const result = page.locator('.import-result');
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('2.1 Monitoring group: none → Partnership board');
      expect(text).not.toContain('monitoringGroupId');

      const owners = page.getByRole('group', {
        name: /^Action 2\.1, Owners \(edited in Action Tracker on .+ by /,
      });
      await expect(owners.textContent()).resolves.toContain(`by ${me.user.name}`);
      const keepOwners = owners.getByLabel('Keep Action Tracker’s value: Alex Khan <alex.khan@icb.nhs.uk>');
      const takeOwners = owners.getByLabel('Take the file’s value: Sam Green <sam.green@icb.nhs.uk>');
      await expect(keepOwners.isChecked()).resolves.toBe(true);
      await expect(takeOwners.isChecked()).resolves.toBe(false);
      const measure = page.getByRole('group', {
        name: /^Action 2\.1, Success measure \(edited in Action Tracker/,
      });
      await expect(
        measure.getByLabel('Keep Action Tracker’s value: Panel meets fortnightly').isChecked(),
      ).resolves.toBe(true);
      await expect(
        measure.getByLabel('Take the file’s value: Panel meets monthly').isChecked(),
      ).resolves.toBe(false);

      const findings = await runAxe(page);
      expect(serious(findings).map((f) => `${f.id}: ${describeFindings([f])}`)).toEqual([]);
      await page.screenshot({ path: screenshotPath('reimport-preview'), fullPage: true });

      // By keyboard, the file's owners are chosen; the success measure stays as corrected.
      await takeOwners.focus();
      await page.keyboard.press('Space');
      await expect(takeOwners.isChecked()).resolves.toBe(true);
      const sent = page.waitForRequest((r) => r.url().includes('/api/tab/import') && r.method() === 'POST');
      await page.getByRole('button', { name: 'Import 2 rows' }).click();
      const request = JSON.parse((await sent).postData() ?? '{}') as { takeFile?: unknown };
      expect(request.takeFile).toEqual([{ actionId: '2.1', field: 'owners' }]);
      await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
      const done = (await result.textContent()) ?? '';
      expect(done).toContain('2.1 Owners: took the file’s value (Sam Green <sam.green@icb.nhs.uk>)');
      expect(done).toContain('2.1 Success measure: kept Action Tracker’s value (Panel meets fortnightly)');

      const detail = (await (
        await fetch(`${session.url}/api/tab/plans/${PLAN}/actions/2.1`)
      ).json()) as TabActionDetail;
      expect(detail.action.owners).toEqual([{ name: 'Sam Green', email: 'sam.green@icb.nhs.uk' }]);
      expect(detail.action.successMeasure).toBe('Panel meets fortnightly');
      expect(detail.history[0]!.summary).toBe(
        "Changed: owners, monitoring group; Kept the value edited in Action Tracker: success measure; Took the file's value over the edit in Action Tracker: owners",
      );
      expect(tab.problems).toEqual([]);
    }, 120_000);

    test('when a preview is asked for with a choice the answer names, then the API reads it and refuses a malformed one', async () => {
      const bad = await post('/api/tab/import', {
        planId: PLAN,
        fileName: 'plan.csv',
        file: Buffer.from(WITH_GROUPS).toString('base64'),
        confirm: false,
        takeFile: [{ actionId: '2.1', field: 'no such field' }],
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.json)).toContain('takeFile');
      const good = await post('/api/tab/import', {
        planId: PLAN,
        fileName: 'plan.csv',
        file: Buffer.from(FIRST).toString('base64'),
        confirm: false,
        takeFile: [{ actionId: '2.1', field: 'successMeasure' }],
      });
      expect(good.status).toBe(200);
      expect((good.json as TabImportAnswer).changes.edited.map((e) => [e.field, e.took])).toEqual([
        ['successMeasure', 'file'],
      ]);
    }, 60_000);
  },
);
