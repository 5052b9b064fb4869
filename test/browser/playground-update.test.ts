/**
 * README "Reminders" and "Updating from the card", driven end to end in the Microsoft 365 Agents
 * Playground with headless Chromium: an action owner receives a real reminder (a nudge sent
 * proactively by `npm run cli -- sweep` into their personal chat), chooses a rating, types a note,
 * presses "Save update" (Action.Execute) and sees the card refreshed in place with the bot's answer.
 *
 * The page chats as the owner of action 2.1 (overdue in the demo plan), not as the coordinator of the
 * repository's .m365agentsplayground.yml: the playground has no control to switch users on the page,
 * so the suite starts it with a copy of that file in which the owner is the current user. The owner's
 * greeting and "help" store their conversation reference, as in Teams; the CLI sweep (a separate
 * process, attached to the bot's running embedded Azurite through the same DATA_DIR) then sends the
 * reminder through the playground's Bot Connector API, and the page shows it.
 *
 * The stack, the browser and the page helpers are in ./playground-session.ts (skipped without
 * /usr/bin/chromium). Screenshots go to test-artifacts/ (git-ignored).
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { Finished } from '../support/processes';
import {
  ARTIFACTS,
  describeWithChromium,
  PlaygroundSession,
  playgroundConfigAs,
  suiteTitle,
} from './playground-session';

const PLAN_ID = 'demo-leeds-syv';
const ACTION_ID = '2.1';
const OWNER_EMAIL = 'icb.camhs@example.org';
const OWNER_NAME = "ICB Children's Mental Health Commissioner";
const NOTE = 'Trajectory published on the ICB website; the first monthly report went to the partnership.';
/** How many days ahead to look for a day on which a reminder about 2.1 is due (weekly while overdue). */
const SEARCH_DAYS = 14;

const LONDON = 'Europe/London';

/** The calendar date in London at `at`, as YYYY-MM-DD. */
function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: LONDON }).format(at);
}

/** 10:00 London time on `date` (inside the plan's 09:00–17:00 send window), as an ISO instant. */
function londonTenAm(date: string): string {
  const guess = new Date(`${date}T10:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', hourCycle: 'h23' }).format(guess),
  );
  return new Date(guess.getTime() - (hour - 10) * 3_600_000).toISOString();
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The sweep report's row for 2.1 and its owner, e.g. "overdue-3  would send  overdue-3 reminder". */
function ownerRow(report: string): string | undefined {
  return report
    .split('\n')
    .find((line) =>
      new RegExp(`^${escapeRegExp(`${PLAN_ID} ${ACTION_ID} ${OWNER_EMAIL}`)} `).test(
        line.replace(/ {2,}/g, ' '),
      ),
    );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The CLI's output, once it has exited 0; anything else fails with what it printed. */
async function succeeded(run: Promise<Finished>): Promise<string> {
  const { code, stdout, stderr } = await run;
  if (code !== 0) throw new Error(`the CLI exited with ${code}:\n${stdout}\n${stderr}`);
  return stdout;
}

describeWithChromium(
  suiteTitle('an owner updates an action from a reminder in the Agents Playground'),
  () => {
    const session = new PlaygroundSession();
    /** The reminder card, then (after Save update) the same message with the refreshed card. */
    let nudge: Locator;
    let cardsBeforeSave = 0;

    beforeAll(async () => {
      await session.start({ config: playgroundConfigAs(OWNER_EMAIL) });
    }, 75_000);

    afterAll(async () => {
      await session.stop();
    }, 30_000);

    test('given the owner has talked to the bot, when a reminder sweep runs, then their nudge card arrives', async () => {
      // The greeting on opening the page already stored the conversation reference; "help" does too.
      await session.say('help');
      const help = await session.card('What I can do');
      expect((await help.textContent()) ?? '').toContain('You own 2 open actions');

      // The demo plan's dates are relative to the day it was loaded (2.1 is 24 days overdue, reminded
      // weekly), and reminders go only on working days inside 09:00–17:00 London time: find the first day
      // from today on which the sweep would remind this owner about 2.1, asking the sweep itself.
      const today = londonDate(new Date());
      const tried: string[] = [];
      let now: string | undefined;
      for (let day = 0; day < SEARCH_DAYS && !now; day++) {
        const date = addDays(today, day);
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        const dryRun = await succeeded(session.cli(['sweep', '--now', londonTenAm(date), '--dry-run']));
        const row = ownerRow(dryRun);
        tried.push(`${londonTenAm(date)}: ${row ?? 'no row for 2.1'}`);
        if (row && /\swould send\s/.test(row)) now = londonTenAm(date);
      }
      if (!now)
        throw new Error(`no reminder about ${ACTION_ID} due for ${OWNER_EMAIL}:\n${tried.join('\n')}`);

      const sweep = await succeeded(session.cli(['sweep', '--now', now]));
      expect(ownerRow(sweep)).toMatch(/\soverdue-\d+\s+sent\s/);

      nudge = await session.card(new RegExp(`Action ${escapeRegExp(ACTION_ID)} is \\d+ days overdue`));
      const text = (await nudge.textContent()) ?? '';
      expect(text).toContain('Update your progress');
      expect(text).toContain(OWNER_NAME);
      await expect(nudge.getByRole('radio', { name: /^Red:/ }).isChecked()).resolves.toBe(true);
      await expect(nudge.getByRole('button', { name: 'Save update' }).isVisible()).resolves.toBe(true);
      cardsBeforeSave = await session.page.locator('.ac-adaptiveCard').count();
      await session.page.screenshot({ path: join(ARTIFACTS, 'playground-nudge.png') });
    }, 40_000);

    test('when the owner chooses Green, types a note and saves, then the card is refreshed in place', async () => {
      expect(nudge).toBeDefined();
      await nudge.getByRole('radio', { name: /^Green:/ }).check();
      await nudge.getByRole('textbox', { name: /^Progress note/ }).fill(NOTE);
      await nudge.getByRole('button', { name: 'Save update' }).click();

      // The invoke's answer replaces the nudge's card: no new message, and the form reflects the change.
      const updated = await session.card(
        new RegExp(`Updated by ${escapeRegExp(OWNER_NAME)} at .+: rating Red → Green\\.`),
      );
      const text = (await updated.textContent()) ?? '';
      expect(text).toContain(`Latest note: ${NOTE}`);
      expect(text).not.toMatch(/is \d+ days overdue/);
      await expect(session.page.locator('.ac-adaptiveCard').count()).resolves.toBe(cardsBeforeSave);
      await expect(updated.getByRole('radio', { name: /^Green:/ }).isChecked()).resolves.toBe(true);
      await session.page.screenshot({ path: join(ARTIFACTS, 'playground-updated.png') });
    }, 30_000);

    test('then the plan lists the action as Green', async () => {
      const list = await succeeded(session.cli(['list', '--plan', PLAN_ID]));
      const row = list.split('\n').find((line) => line.startsWith(`${ACTION_ID} `));
      expect(row?.split(/\s{2,}/)).toEqual([
        ACTION_ID,
        expect.any(String),
        'Integrated Care Board',
        OWNER_EMAIL,
        expect.any(String),
        'Green',
        'In progress',
      ]);
    }, 20_000);
  },
);
