/**
 * The README's "talk to the bot without a Teams tenant", driven end to end: `scripts/playground.js`
 * starts the built bot (embedded Azurite, demo plan) and the Microsoft 365 Agents Playground, and
 * headless Chromium chats with it as the demo plan's coordinator (.m365agentsplayground.yml).
 *
 * The stack, the browser and the page helpers are in ./playground-session.ts, with what the
 * playground's page is as learned from its DOM, and why the tests are skipped without
 * /usr/bin/chromium. Screenshots go to test-artifacts/ (git-ignored).
 */
import { join } from 'node:path';
import { ARTIFACTS, describeWithChromium, PlaygroundSession, suiteTitle } from './playground-session';

const PLAN_TITLE = 'Leeds JTAI: serious youth violence (demo)';

describeWithChromium(suiteTitle('the Agents Playground in headless Chromium'), () => {
  const session = new PlaygroundSession();

  beforeAll(async () => {
    await session.start();
  }, 75_000);

  afterAll(async () => {
    await session.stop();
  }, 30_000);

  test('when the coordinator says help, then the help card for their roles renders', async () => {
    await session.say('help');
    const help = await session.card('What I can do');
    const text = (await help.textContent()) ?? '';
    expect(text).toContain(`coordinator of ${PLAN_TITLE}`);
    expect(text).toContain('For action owners');
    expect(text).toContain('For coordinators and leads');
    await expect(help.getByText('For coordinators and leads', { exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await session.page.screenshot({ path: join(ARTIFACTS, 'playground-help.png') });
  }, 30_000);

  test('when the coordinator says summary, then the plan summary card renders', async () => {
    await session.say('summary');
    const summary = await session.card('Progress ratings');
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(PLAN_TITLE);
    expect(text).toMatch(/Summary on .+: \d+ actions, \d+ open/);
    expect(text).toContain('Needs attention');
    await expect(summary.getByText(PLAN_TITLE, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(summary.getByRole('button', { name: 'Overdue' }).isVisible()).resolves.toBe(true);
    await session.page.screenshot({ path: join(ARTIFACTS, 'playground-summary.png') });
  }, 30_000);
});
