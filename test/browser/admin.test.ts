/**
 * Running a plan from the dashboard, in headless Chromium against the real built server in local mode
 * (its embedded Azurite with the demo plan; PLAN_CREATORS names the demo coordinator): plan settings,
 * roles and a delegate (who then gets the owner's reminder through the real sweep and the Bot Connector
 * stub, and can update), adding, editing, rescheduling and withdrawing an action, a conflicting edit,
 * creating and closing a plan, refusals for people who may not, axe-core in the three themes and the
 * page at 320 px.
 */
import type { Locator, Page } from 'playwright-core';
import type { TabAdminPlan, TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import type { TabActionDetail, TabUpdateResult } from '../../src/http/dashboard-api/api-types';
import { PRIYA, teamsMessage } from '../support/activities';
import { startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';
import { describeWithChromium, suiteTitle } from './playground-session';
import { describeFindings, runAxe, serious } from './tab-axe';
import { DEMO_PLAN, pageWidths, screenshotPath, type TabPage, TabSession } from './tab-session';

const COORDINATOR = 'partnership.manager@example.org';
const LEAD = 'director.children@example.org';
const OWNER = 'icb.camhs@example.org';
const OWNER_NAME = "ICB Children's Mental Health Commissioner";
const COVER = 'cover.commissioner@example.org';
const COVER_NAME = 'Cover Commissioner';

/** Chromium logs each refusal the tests provoke as a failed resource load. */
const REFUSALS = /Failed to load resource: the server responded with a status of (400|403|404|409)/;

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** A weekday at least `days` ahead, clear of the Christmas and New Year bank holidays. */
function workingDayAhead(days: number): string {
  let date = addDays(londonToday(), days);
  for (;;) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const monthDay = date.slice(5);
    const holiday = monthDay >= '12-24' || monthDay <= '01-02';
    if (weekday !== 0 && weekday !== 6 && !holiday) return date;
    date = addDays(date, 1);
  }
}

/** A save's confirmation, said beside the button pressed in `holder` (its status line, role=status). */
async function said(page: Page, holder: string, text: string): Promise<void> {
  await page.locator(`${holder} .status.beside`).getByText(text, { exact: false }).waitFor();
}

/** The confirmation sits beside the button, on screen, and the button has focus. */
async function expectBeside(page: Page, button: string, confirmation: Locator): Promise<void> {
  const [at, near] = await Promise.all([page.locator(button).boundingBox(), confirmation.boundingBox()]);
  expect(at && near).toBeTruthy();
  expect(Math.abs((near?.y ?? 0) - (at?.y ?? 0))).toBeLessThan(80);
  const viewport = page.viewportSize();
  expect(near!.y).toBeGreaterThanOrEqual(0);
  expect(near!.y).toBeLessThan(viewport?.height ?? 0);
  await expect(
    page
      .locator(button)
      .evaluate(
        (el) =>
          el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      ),
  ).resolves.toBe(true);
}

describeWithChromium(suiteTitle('running a plan from the dashboard in headless Chromium'), () => {
  const session = new TabSession();
  let opened: TabPage[] = [];

  beforeAll(async () => {
    await session.start({ env: { PLAN_CREATORS: COORDINATOR } });
  }, 60_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  afterEach(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    opened = [];
  });

  async function openAdmin(query = `plan=${DEMO_PLAN}`, as?: string, width = 1280): Promise<TabPage> {
    const tab = await session.openPage(`/tab/admin?${query}`, { width, height: 900 }, as ? { as } : {});
    opened.push(tab);
    return tab;
  }

  async function ready(tab: TabPage): Promise<void> {
    await tab.page.locator('#settings-form').waitFor({ state: 'visible', timeout: 15_000 });
  }

  async function adminView(as = COORDINATOR, planId = DEMO_PLAN): Promise<TabAdminPlan> {
    const response = await fetch(`${session.url}/api/tab/admin/plans/${planId}`, {
      headers: { 'X-Local-User': as },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TabAdminPlan;
  }

  async function post(
    path: string,
    body: unknown,
    as = COORDINATOR,
  ): Promise<{ status: number; body: TabAdminResult }> {
    const response = await fetch(`${session.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': as },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as TabAdminResult };
  }

  function expectNoProblems(tab: TabPage): void {
    expect(tab.problems.filter((problem) => !REFUSALS.test(problem))).toEqual([]);
  }

  test('when the coordinator saves the settings with mistakes, then each is said by its field and nothing changes; corrected, they are saved and recorded', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const before = await adminView();
    const settings = page.locator('#settings-form');

    await settings.getByLabel('Reminder days before a due date', { exact: true }).fill('0, 7');
    await settings.getByLabel('Send reminders from', { exact: true }).fill('17:00');
    await settings.getByLabel('Until', { exact: true }).fill('09:00');
    await settings.getByLabel('Rating scale', { exact: true }).selectOption('rag');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    const summary = settings.locator('.error-summary');
    await summary.getByText('Nothing was saved').waitFor();
    const problems = (await summary.textContent()) ?? '';
    expect(problems).toContain('Reminder days before a due date: must be whole numbers of days from 1 to 90');
    expect(problems).toContain('Until: must be later than the start of the send window');
    // The demo plan has actions rated yellow, which RAG has no column for.
    expect(problems).toMatch(/Rating scale: actions? .* rated Yellow, which this scale does not have/);
    await expect(settings.getByLabel('Until', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement?: { className: string } } }).document
            .activeElement?.className,
      ),
    ).resolves.toBe('error-summary');
    expect((await adminView()).revision).toBe(before.revision);

    await settings.getByLabel('Reminder days before a due date', { exact: true }).fill('10, 3');
    await settings.getByLabel('Send reminders from', { exact: true }).fill('08:30');
    await settings.getByLabel('Until', { exact: true }).fill('16:00');
    await settings.getByLabel('Rating scale', { exact: true }).selectOption('quadrant');
    await settings.getByLabel('Bank holidays of', { exact: true }).selectOption('WLS');
    await settings.getByLabel('Weekly digest on', { exact: true }).selectOption('wednesday');
    await settings.getByLabel('Monitoring cadence', { exact: true }).selectOption('monthly');
    await settings.getByLabel('Submission deadline', { exact: true }).fill('2024-05-31');
    await settings
      .getByLabel('Oversight body', { exact: true })
      .fill('Leeds Safeguarding Children Partnership Board');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await said(page, '#settings-form', 'Settings saved');

    const after = await adminView();
    expect(Number(after.revision)).toBe(Number(before.revision) + 1);
    expect(after.settings).toMatchObject({
      reminderDaysBefore: '10, 3',
      windowStart: '08:30',
      windowEnd: '16:00',
      region: 'WLS',
      digestDay: 'wednesday',
      cadence: 'monthly',
      submissionDate: '2024-05-31',
      oversightBody: 'Leeds Safeguarding Children Partnership Board',
    });
    // Local mode names people by their address (no Teams profile is known for them).
    expect(after.lastSaved).toContain('Saved by Partnership Manager');
    await page.screenshot({ path: screenshotPath('admin-settings'), fullPage: true });
    expectNoProblems(tab);
  }, 40_000);

  test('when someone else saved the settings after the form was opened, then saving says who and changes nothing', async () => {
    // A second coordinator, so there is someone else to save.
    expect(
      (await post(`/api/tab/admin/plans/${DEMO_PLAN}/roles`, { email: LEAD, role: 'coordinator' })).status,
    ).toBe(200);
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const view = await adminView(LEAD);
    const saved = await post(
      `/api/tab/admin/plans/${DEMO_PLAN}/settings`,
      {
        revision: view.revision,
        settings: { ...view.settings, inspectionTheme: 'Serious youth violence and exploitation' },
      },
      LEAD,
    );
    expect(saved.status).toBe(200);

    const settings = page.locator('#settings-form');
    await settings.getByLabel('Title', { exact: true }).fill('Changed on a stale form');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    const summary = settings.locator('.error-summary');
    await summary.getByText('after you opened this, so nothing was saved').waitFor();
    await expect(summary.textContent()).resolves.toContain('Director Children saved a change');
    // The form now shows the other coordinator's save.
    await expect(settings.getByLabel('Inspection theme', { exact: true }).inputValue()).resolves.toBe(
      'Serious youth violence and exploitation',
    );
    expect((await adminView()).settings.title).not.toBe('Changed on a stale form');
    expect(
      (
        await post(`/api/tab/admin/plans/${DEMO_PLAN}/roles`, {
          email: LEAD,
          role: 'coordinator',
          remove: true,
        })
      ).status,
    ).toBe(200);
    expectNoProblems(tab);
  }, 40_000);

  test('when the coordinator gives and takes away roles, then the list follows, and the last coordinator cannot be removed', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const grant = page.locator('#grant-form');
    await grant.getByLabel('E-mail address', { exact: true }).fill('Police.Lead@Example.org');
    await grant.getByLabel('Role', { exact: true }).selectOption('agency-lead');
    await grant.getByLabel('Agency', { exact: true }).selectOption('Police');
    await grant.getByRole('button', { name: 'Give the role' }).click();
    await said(page, '#grant-form', 'Saved');
    const person = page.locator('#people-list li', { hasText: 'police.lead@example.org' });
    await expect(person.textContent()).resolves.toContain('Lead officer for Police');
    // Issue 22: named from the address until a name is known; how they are reached, not a bold "not installed".
    await expect(person.textContent()).resolves.toContain('Police Lead');
    await expect(person.locator('.reach').textContent()).resolves.not.toContain('has not installed');
    await expect(person.textContent()).resolves.toContain('Not by Teams: has not installed Action Tracker');

    await person.getByRole('button', { name: /^Remove agency lead role from/ }).click();
    // Their row has gone with their only role: the confirmation is said above the list.
    await said(page, '#people-list .list-status', 'Saved');
    await expect(
      page.locator('#people-list li', { hasText: 'police.lead@example.org' }).count(),
    ).resolves.toBe(0);

    const me = page.locator('#people-list li', { hasText: COORDINATOR });
    await me.getByRole('button', { name: /^Remove coordinator role from/ }).click();
    await page.locator('#people-problems').getByText('the only coordinator', { exact: false }).waitFor();
    expect((await adminView()).people.find((p) => p.email === COORDINATOR)?.roles).toContain('coordinator');
    expectNoProblems(tab);
  }, 40_000);

  test('when the coordinator revokes someone’s e-mail links, then the page says so beside the button, names the person to screen readers and stays clean', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const me = page.locator('#people-list li', { hasText: COORDINATOR });
    const revoke = me.getByRole('button', { name: /^Revoke their e-mail links \(Partnership Manager\)$/ });
    await revoke.click();
    const confirmation = page.locator(`#people-list li[data-person="${COORDINATOR}"] .status.beside`);
    await confirmation.getByText('Update links withdrawn', { exact: false }).waitFor();
    await expect(confirmation.getAttribute('role')).resolves.toBe('status');
    // Beside the button pressed, which has focus again: nothing jumped to the top of the section.
    await expectBeside(
      page,
      `#people-list li[data-person="${COORDINATOR}"] button[data-revoke-links]`,
      confirmation,
    );
    expectNoProblems(tab);
  }, 40_000);

  test('when the coordinator names a delegate for an owner on leave, then the sweep sends the owner’s reminder to the delegate, who can update the action', async () => {
    const due = workingDayAhead(10);
    // An action of the owner's, due on a known working day (through the same API the page uses).
    const added = await post(`/api/tab/admin/plans/${DEMO_PLAN}/actions`, {
      id: '9.1',
      areaId: 'AFI2',
      description: 'Publish the CAMHS waiting list for children affected by serious youth violence',
      leadAgency: 'Health',
      owners: `${OWNER_NAME}, ${OWNER}`,
      successMeasure: 'Waiting list published monthly',
      dueDate: due,
    });
    expect(added).toMatchObject({ status: 200, body: { ok: true } });

    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const cover = page.locator('#cover-form');
    await cover.getByLabel('Owner who is away', { exact: true }).selectOption(OWNER);
    await cover.getByLabel('Delegate’s e-mail address', { exact: true }).fill(COVER);
    await cover.getByLabel('Delegate’s name', { exact: true }).fill(COVER_NAME);
    await cover.getByLabel('Until', { exact: true }).fill(addDays(due, 5));
    await cover.getByRole('button', { name: 'Add cover' }).click();
    await said(page, '#cover-form', 'Cover saved');
    await expect(page.locator('#people-list').textContent()).resolves.toContain(
      `${COVER_NAME} covers for ${OWNER_NAME}`,
    );
    await page.screenshot({ path: screenshotPath('admin-people'), fullPage: true });
    expectNoProblems(tab);

    // The delegate talks to the bot once (so it has their chat), then the sweep runs on the due date.
    const delegate = { ...PRIYA, name: COVER_NAME, email: COVER, userPrincipalName: COVER };
    const stub = await startConnectorStub({ members: [delegate] });
    try {
      const hello = await postActivity(
        session.url,
        teamsMessage({ user: delegate, serviceUrl: stub.url, text: 'help' }),
      );
      expect(hello.status).toBeLessThan(300);
      await stub.waitForActivities(1, 10_000);
      const before = stub.activities.length;
      const sweep = await session.cli(['sweep', '--now', `${due}T10:00:00Z`]);
      expect(sweep.code).toBe(0);
      const row = sweep.stdout.split('\n').find((line) => line.includes(' 9.1 '));
      expect(row).toMatch(
        new RegExp(`${COVER.replace(/\./g, '\\.')}.*sent.*covering for ${OWNER.replace(/\./g, '\\.')}`),
      );
      const cards = stub.activities.slice(before).map((a) => JSON.stringify(a.activity));
      const reminder = cards.find((card) => card.includes('9.1') && card.includes('(covering for '));
      expect(reminder).toBeDefined();
      // Issue 20: the headline says "covering for <owner>", as every message a delegate receives does.
      expect(reminder).toContain("(covering for ICB Children's Mental Health Commissioner)");
    } finally {
      await stub.close();
    }

    // And the delegate may update the owner's action on the dashboard, as the owner could.
    const dashboard = await session.openPage(`/tab?plan=${DEMO_PLAN}`, undefined, { as: COVER });
    opened.push(dashboard);
    await dashboard.page.getByRole('button', { name: /^9\.1 / }).click();
    const dialog = dashboard.page.getByRole('dialog', { name: 'Action 9.1' });
    await dialog.waitFor({ state: 'visible' });
    await dialog
      .getByLabel('Progress note')
      .fill('Covering for the commissioner: the list goes out on Friday.');
    await dialog.getByRole('button', { name: 'Save update' }).click();
    await dialog
      .locator('.timeline-entry')
      .first()
      .getByText('Covering for the commissioner', { exact: false })
      .waitFor();
    const detail = (await (
      await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/9.1`, {
        headers: { 'X-Local-User': COVER },
      })
    ).json()) as TabActionDetail;
    // A delegate is not an owner: the history says whose action they updated while covering.
    expect(detail.history[0]?.author).toBe(
      `${COVER_NAME} on behalf of ICB Children's Mental Health Commissioner (in the dashboard)`,
    );
    expectNoProblems(dashboard);
  }, 60_000);

  test('when the coordinator adds, edits, reschedules and withdraws an action, then each is saved and in its history, and the baseline never moves', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const due = workingDayAhead(40);
    const add = page.locator('#add-action-form');
    await add.getByRole('button', { name: 'Add the action' }).click();
    await add.locator('.error-summary').getByText('Nothing was saved').waitFor();
    await expect(add.locator('.error-summary').textContent()).resolves.toContain(
      'Owners: name at least one owner',
    );

    await add.getByLabel('Number', { exact: true }).fill('3.9');
    await add
      .getByLabel('What will be done', { exact: true })
      .fill('Audit ten cases of children affected by serious youth violence');
    await add.getByLabel('Area for improvement', { exact: true }).selectOption('AFI3');
    await add.getByLabel('Lead agency', { exact: true }).fill('Partnership');
    await add.getByLabel('Owners', { exact: true }).fill('Quality Assurance Manager, qa.manager@example.org');
    await add.getByLabel('Due date', { exact: true }).fill(due);
    await add.getByRole('button', { name: 'Add the action' }).click();
    await said(page, '#add-action-form', 'Action 3.9 added.');

    await page.getByLabel('Action', { exact: true }).selectOption('3.9');
    const edit = page.locator('#edit-action-form');
    await edit.waitFor();
    await edit.getByLabel('Lead agency', { exact: true }).fill('Police');
    await edit.getByLabel('Contributing agencies', { exact: true }).fill('Health, Education');
    await edit.getByRole('button', { name: 'Save the action' }).click();
    await said(page, '#edit-action-form', 'Action 3.9 saved.');

    const moved = workingDayAhead(60);
    const reschedule = page.locator('#reschedule-form');
    await reschedule.getByLabel('New due date', { exact: true }).fill(moved);
    await reschedule.getByRole('button', { name: 'Reschedule' }).click();
    await reschedule.locator('.error-summary').getByText('Reason: is required').waitFor();
    await reschedule.getByLabel('Reason', { exact: true }).fill('Case files arrive a month late.');
    await reschedule.getByRole('button', { name: 'Reschedule' }).click();
    await said(page, '#reschedule-form', 'Action 3.9 rescheduled');

    const withdraw = page.locator('#withdraw-form');
    await withdraw.getByLabel('Reason for withdrawing', { exact: true }).fill('Merged into action 3.1.');
    await withdraw.getByRole('button', { name: 'Withdraw the action' }).click();
    // A withdrawn action has no withdraw form (nor a reschedule one): the edit form above says it.
    await said(page, '#edit-action-form', 'Action 3.9 withdrawn');

    const detail = (await (
      await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/3.9`, {
        headers: { 'X-Local-User': COORDINATOR },
      })
    ).json()) as TabActionDetail;
    expect(detail.action).toMatchObject({
      leadAgency: 'Police',
      contributingAgencies: ['Health', 'Education'],
      baselineDue: due,
      currentDue: moved,
      lifecycle: 'withdrawn',
    });
    const summaries = detail.history.map((entry) => `${entry.summary} | ${entry.note ?? ''}`);
    expect(summaries).toEqual([
      'Not started → Withdrawn | Merged into action 3.1.',
      expect.stringMatching(/^Due date moved to .* \| Case files arrive a month late\.$/),
      'Changed: lead agency, contributing agencies | ',
      'Created as not started | ',
    ]);
    expect(detail.history.map((entry) => entry.author)).toEqual(
      Array(4).fill('Partnership Manager (in the dashboard)'),
    );
    expectNoProblems(tab);
  }, 60_000);

  test('when the action changed after its edit form was opened, then saving says who changed it and saves nothing', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    await page.getByLabel('Action', { exact: true }).selectOption('1.3');
    const edit = page.locator('#edit-action-form');
    await edit.waitFor();

    // Meanwhile an owner of 1.3 updates it from the dashboard.
    const before = (await (
      await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/1.3`, {
        headers: { 'X-Local-User': COORDINATOR },
      })
    ).json()) as TabActionDetail;
    const owner = before.action.owners[0]!;
    const update = await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/1.3`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': owner.email },
      body: JSON.stringify({ version: before.action.version, note: 'Data sharing agreement signed.' }),
    });
    expect(((await update.json()) as TabUpdateResult).ok).toBe(true);

    await edit.getByLabel('Success measure', { exact: true }).fill('Written over a stale form');
    await edit.getByRole('button', { name: 'Save the action' }).click();
    const summary = page.locator('#edit-action-form .error-summary');
    await summary.getByText('after you opened this, so nothing was saved').waitFor();
    await expect(summary.textContent()).resolves.toContain(owner.name);
    const after = (await (
      await fetch(`${session.url}/api/tab/plans/${DEMO_PLAN}/actions/1.3`, {
        headers: { 'X-Local-User': COORDINATOR },
      })
    ).json()) as TabActionDetail;
    expect(after.action.successMeasure).toBe(before.action.successMeasure);
    expectNoProblems(tab);
  }, 40_000);

  test('when someone PLAN_CREATORS names creates a plan and then closes it, then they are its coordinator and it is closed', async () => {
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    // Local mode says who may create plans, naming the setting production uses.
    await expect(page.locator('#create-plan-who').textContent()).resolves.toContain('PLAN_CREATORS');
    const create = page.locator('#create-plan-form');
    await create.getByLabel('Plan id', { exact: true }).fill('Bad Id!');
    await create.getByRole('button', { name: 'Create the plan' }).click();
    await create.locator('.error-summary').getByText('is not a plan id', { exact: false }).waitFor();
    await create.getByLabel('Plan id', { exact: true }).fill('bradford-2026');
    await create.getByLabel('Title', { exact: true }).fill('Bradford JTAI: neglect');
    await create
      .getByLabel('Principal authority', { exact: true })
      .fill('City of Bradford Metropolitan District Council');
    await create.getByRole('button', { name: 'Create the plan' }).click();
    await page.waitForURL(/plan=bradford-2026/);
    await page.getByRole('heading', { level: 1, name: 'Manage Bradford JTAI: neglect' }).waitFor();
    const created = await adminView(COORDINATOR, 'bradford-2026');
    expect(created.people.map((p) => [p.email, p.roles])).toEqual([[COORDINATOR, ['coordinator']]]);

    const close = page.locator('#close-plan-form');
    await close.getByLabel('Type bradford-2026 to confirm', { exact: true }).fill('bradford');
    await close.getByRole('button', { name: 'Close this plan' }).click();
    await close.locator('.error-summary').getByText('type the plan’s id', { exact: false }).waitFor();
    await close.getByLabel('Type bradford-2026 to confirm', { exact: true }).fill('bradford-2026');
    await close.getByRole('button', { name: 'Close this plan' }).click();
    await page.locator('#alert').getByText('Monitoring of this plan has ended', { exact: false }).waitFor();
    const refused = await post('/api/tab/admin/plans/bradford-2026/areas', { text: 'Anything' });
    expect(refused.status).toBe(403);
    expectNoProblems(tab);
  }, 40_000);

  test('when someone who is not a coordinator tries, then they are refused and nothing changes', async () => {
    // An owner: the page says the plan is not theirs to manage, and offers no plan creation.
    const tab = await openAdmin(`plan=${DEMO_PLAN}`, OWNER);
    const { page } = tab;
    await page
      .locator('#alert')
      .getByText('You are not a coordinator of the plan', { exact: false })
      .waitFor();
    await expect(page.locator('#settings').isHidden()).resolves.toBe(true);
    await expect(page.locator('#create-plan-form').count()).resolves.toBe(0);
    expectNoProblems(tab);

    const view = await adminView();
    const asOwner = await post(
      `/api/tab/admin/plans/${DEMO_PLAN}/settings`,
      { revision: view.revision, settings: { ...view.settings, title: 'Mine now' } },
      OWNER,
    );
    expect(asOwner).toMatchObject({
      status: 403,
      body: { ok: false, error: 'Only the plan’s coordinators can run this plan.' },
    });
    const withdraw = await post(
      `/api/tab/admin/plans/${DEMO_PLAN}/actions/1.1/withdraw`,
      { version: '0', reason: 'x' },
      OWNER,
    );
    expect(withdraw.status).toBe(403);
    const creating = await post(
      '/api/tab/admin/plans',
      { id: 'owner-plan', title: 'An owner’s plan' },
      OWNER,
    );
    expect(creating.status).toBe(403);
    expect(creating.body).toMatchObject({ ok: false, error: expect.stringContaining('can create plans') });
    expect((await adminView()).settings.title).toBe(view.settings.title);
  }, 30_000);

  test('when the coordinator makes someone a moderator and corrects their name, then the list names them with every role and cover on both people, and says the save beside the button', async () => {
    const chair = 'sub.chair@example.org';
    expect(
      (await post(`/api/tab/admin/plans/${DEMO_PLAN}/roles`, { email: chair, role: 'moderator' })).status,
    ).toBe(200);
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    const row = page.locator(`#people-list li[data-person="${chair}"]`);
    // A moderator only: not "Owner of no open actions"; the name made from the address is said to be so.
    await expect(row.textContent()).resolves.toContain('Moderator');
    await expect(row.textContent()).resolves.not.toContain('Owner of no open actions');
    await expect(row.textContent()).resolves.toContain('Name made from their address');

    const names = page.locator('#name-form');
    await names.getByLabel('Person', { exact: true }).selectOption(chair);
    await names.getByLabel('Name', { exact: true }).fill('Sam Chair');
    await names.getByRole('button', { name: 'Save the name' }).click();
    await said(page, '#name-form', 'Name saved.');
    await expectBeside(page, '#name-form button[type="submit"]', page.locator('#name-form .status.beside'));
    await expect(
      page.locator(`#people-list li[data-person="${chair}"] strong`).first().textContent(),
    ).resolves.toBe('Sam Chair');
    // The page's own status line does not say it a second time.
    await expect(page.locator('#status').textContent()).resolves.toBe('');
    expect((await adminView()).people.find((p) => p.email === chair)).toMatchObject({
      name: 'Sam Chair',
      nameSource: 'entered',
      rolesLabel: 'Moderator',
    });
    // The cover added earlier is shown on both people.
    const view = await adminView();
    expect(view.people.find((p) => p.email === COVER)?.cover[0]).toMatch(
      new RegExp(`^Covers for ${OWNER_NAME}, `),
    );
    expect(view.people.find((p) => p.email === OWNER)?.cover[0]).toMatch(/^Covered by Cover Commissioner, /);
    await page.screenshot({ path: screenshotPath('admin-people-names'), fullPage: true });
    // Removing the cover is said beside the cover list, where the button was.
    await page.getByRole('button', { name: /^Remove cover by Cover Commissioner/ }).click();
    await said(page, '#people-list .cover-status', 'Cover removed');
    await expect(page.locator('#people-list').textContent()).resolves.toContain(
      'Nobody is covering for anyone at the moment.',
    );
    expectNoProblems(tab);
  }, 40_000);

  test('when more people are in the plans than "Act as" lists, then the banner’s search finds one by name, says how many it found, and the page then acts as them', async () => {
    for (let n = 1; n <= 14; n++)
      await post(`/api/tab/admin/plans/${DEMO_PLAN}/roles`, {
        email: `lead.${String(n).padStart(2, '0')}@example.org`,
        role: 'lead',
      });
    const tab = await openAdmin();
    const { page } = tab;
    await ready(tab);
    await expect(page.locator('#local-user option[value="lead.13@example.org"]').count()).resolves.toBe(0);
    await page.getByLabel('Find someone', { exact: true }).fill('lead 13');
    await page.locator('#local-user-found').getByText('1 person found', { exact: false }).waitFor();
    await expect(page.locator('#local-user-found').getAttribute('role')).resolves.toBe('status');
    await page.getByLabel('Find someone', { exact: true }).fill('lead.');
    await page.locator('#local-user-found').getByText('Type more of a name', { exact: false }).waitFor();
    await page.getByLabel('Find someone', { exact: true }).fill('lead 13');
    await page.locator('#local-user-found').getByText('1 person found', { exact: false }).waitFor();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByLabel('Act as', { exact: true }).selectOption('lead.13@example.org'),
    ]);
    await page.locator('#local-banner').getByText('Acting as Lead 13 (lead of', { exact: false }).waitFor();
    await expect(page.getByLabel('Act as', { exact: true }).inputValue()).resolves.toBe(
      'lead.13@example.org',
    );
    // A lead is no coordinator: the page says so rather than acting as someone else.
    await page
      .locator('#alert')
      .getByText('You are not a coordinator of the plan', { exact: false })
      .waitFor();
    expectNoProblems(tab);
  }, 40_000);

  test('when axe-core checks the management page in each theme, with errors showing, and at 320 px wide, then it finds no serious or critical violations and nothing scrolls sideways', async () => {
    const report: string[] = [];
    for (const theme of ['default', 'dark', 'contrast']) {
      const tab = await openAdmin(`plan=${DEMO_PLAN}&theme=${theme}`);
      const { page } = tab;
      await ready(tab);
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(theme);
      await page.getByLabel('Action', { exact: true }).selectOption('2.1');
      await page.locator('#edit-action-form').waitFor();
      await page.locator('#add-action-form').getByRole('button', { name: 'Add the action' }).click();
      await page.locator('#add-action-form .error-summary:not([hidden])').waitFor();
      const findings = await runAxe(page);
      report.push(
        `${theme}: ${findings.length} violations (${findings.map((f) => `${f.impact} ${f.id}`).join(', ')})`,
      );
      expect(describeFindings(serious(findings))).toBe('');
      expectNoProblems(tab);
    }
    const narrow = await openAdmin(`plan=${DEMO_PLAN}`, undefined, 320);
    await ready(narrow);
    await narrow.page.getByLabel('Action', { exact: true }).selectOption('2.1');
    await narrow.page.locator('#edit-action-form').waitFor();
    const widths = await pageWidths(narrow.page);
    expect(widths.scroll).toBeLessThanOrEqual(widths.view);
    await narrow.page.screenshot({ path: screenshotPath('admin-320'), fullPage: true });
    console.warn(`axe-core on the management page:\n${report.join('\n')}`);
  }, 60_000);
});
