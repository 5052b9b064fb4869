/**
 * A partnership's year, end to end (issue 20): the built server in local mode with its embedded Azurite,
 * Teams through the Bot Connector stub, e-mail through a loopback SMTP relay, links opened in headless
 * Chromium, the built CLI beside it, and the clock injected (CLOCK_START) and moved on month by month
 * by restarting the server on the same data, as README's "Run a monitoring round" walks through.
 *
 * The business manager (Priya, coordinator, in Teams) imports a messy two-sheet workbook, gives the lead
 * and the moderator their roles, sets up two monitoring groups with their meetings, puts Sam on cover for
 * Grace, corrects a success measure in the dashboard and re-imports the workbook with a "Monitoring group"
 * column. The council group's round opens from Teams; the partnership group's round is started from the
 * CLI before the send window and goes at 09:00. Tom answers by card, Jo (police, another tenant) and Sam
 * by e-mail link; Jo asks for a new date, which the lead decides from her e-mail. Chases follow, the cover
 * ends and Grace gets her own chase; the moderator agrees ratings, the round closes, the DMT endorses it
 * and the committee paper is made.
 *
 * Asserted throughout: every person is reached exactly once per step on their own channel (and nobody
 * else is sent anything), nothing goes outside the plan's send window (09:00–17:00 on working days, by the
 * injected clock), every link opened works, and the paper's counts match the plan.
 *
 * Each step names the behaviour it needs from issue 20's parts ([needs: …]); the test runs every step and
 * fails at the end listing those that did not hold.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { Message } from './outbox';
import { describe as describeMessages } from './outbox';
import { Partnership, PLAN, until } from './partnership';
import { PEOPLE, type PersonKey, TEAMS_PEOPLE } from './people';
import { allArrived, type Expected, outsideWindow, reachedProblems, yearProblems } from './reached';
import { Steps } from './steps';
import {
  ACTIONS,
  CORRECTED,
  COUNCIL_ACTIONS,
  COUNCIL_GROUP,
  journeyWorkbook,
  PARTNERSHIP_ACTIONS,
  PARTNERSHIP_GROUP,
} from './workbook';

/** The journey's calendar (London is on GMT all winter, so these are local times too). */
const WHEN = {
  /** Fri 4 Dec 2026, 10:00: the plan is set up and the council round opens from Teams. */
  setUp: '2026-12-04T10:00:00.000Z',
  /** Mon 7 Dec 2026, 07:30: the partnership round is started from the CLI, before the send window. */
  early: '2026-12-07T07:30:00.000Z',
  /** Mon 7 Dec 2026, 08:59:50: the window opens ten seconds later. */
  windowOpens: '2026-12-07T08:59:50.000Z',
  /** Wed 6 Jan 2027, 10:00: seven days before the council round's response date. */
  chase: '2027-01-06T10:00:00.000Z',
  /** Wed 13 Jan 2027, 10:00: the council round's response date; 14 days before the partnership's. */
  dueDay: '2027-01-13T10:00:00.000Z',
  /** Mon 18 Jan 2027, 10:00: moderation and the council round's close. */
  moderation: '2027-01-18T10:00:00.000Z',
  /** Wed 27 Jan 2027, 10:00: the DMT meets, endorses round 1 and gets the paper. */
  meeting: '2027-01-27T10:00:00.000Z',
};
const COUNCIL_DUE = '13 Jan 2027';
const PARTNERSHIP_DUE = '27 Jan 2027';
const NEW_DATE = { iso: '2027-06-30', uk: '30 Jun 2027' };

/** A date as the contract writes it, allowing the weekday some messages put before it ("Wed 13 Jan 2027"). */
const by = (date: string) => `by (?:[A-Z][a-z]{2} )?${date.replace(/ /g, '\\s')}`;
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Round wording (cover owns): "Round 1: please update action 2.1 by 13 Jan 2027". */
const request = (round: number, id: string, due: string, covering?: string) =>
  new RegExp(
    `Round ${round}: please update action ${esc(id)} ${by(due)}${covering ? ` \\(covering for ${esc(covering)}\\)` : ''}`,
  );
const chase = (round: number, id: string, due: string) =>
  new RegExp(`Reminder – Round ${round}: please update action ${esc(id)} ${by(due)}`);
const dueToday = (round: number, id: string) =>
  new RegExp(`Round ${round}: updates are due today – please update action ${esc(id)}`);
const DIGEST = /digest/i;

/** The paper's text and the journey's messages, kept for a look after a run. */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'journey');

const steps = new Steps();
let world: Partnership;
let paperPath = '';
let meetingMark = 0;

/** Polls until every expected message has arrived (or the time is up), then checks the step's messages. */
async function expectReached(mark: number, expected: Expected[], timeoutMs = 20_000): Promise<Message[]> {
  await until(
    () => allArrived(world.outbox.sentSince(mark), expected),
    timeoutMs,
    () => `the step's messages; so far:\n${describeMessages(world.outbox.sentSince(mark))}`,
  ).catch(() => undefined);
  const messages = world.outbox.sentSince(mark);
  const problems = reachedProblems(messages, expected);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return messages;
}

/** Nothing proactive was sent since `mark`. */
function expectNothingSent(mark: number): void {
  const sent = world.outbox.sentSince(mark);
  if (sent.length > 0) throw new Error(`nothing should have been sent, but:\n${describeMessages(sent)}`);
}

/** The Action.Execute data of a card's update form for one action (planId, actionId, version). */
function updateData(card: unknown, actionId: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const record = node as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (record.verb === 'action.update' && data?.actionId === actionId) found = data;
    else Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}

/** The latest Teams card to `who` that carries the update form for `actionId`. */
function teamsCardFor(who: PersonKey, actionId: string): Record<string, unknown> {
  const message = world.outbox.messages
    .filter((m) => m.to === who && m.channel === 'teams' && m.card && updateData(m.card, actionId))
    .at(-1);
  if (!message?.card) throw new Error(`${who} has no card with the update form for action ${actionId}`);
  return message.card;
}

/** The latest e-mail to `who` matching `about`, with its update link. */
function mailFor(who: PersonKey, about: RegExp): { message: Message; link: string } {
  const message = world.outbox.messages
    .filter((m) => m.to === who && m.channel === 'email' && about.test(`${m.subject}\n${m.text}`))
    .at(-1);
  if (!message) throw new Error(`${who} has no e-mail matching ${about}`);
  const link = message.links[0];
  if (!link) throw new Error(`${who}'s e-mail "${message.subject}" has no update link`);
  return { message, link };
}

/** Tom, Grace or Priya presses "Save" on an action's card with a rating and a note. */
async function updateByCard(who: PersonKey, actionId: string, rating: string, note: string): Promise<void> {
  const data = updateData(teamsCardFor(who, actionId), actionId)!;
  const answer = JSON.stringify(await world.press(who, 'action.update', { ...data, rating, note }));
  if (!/Updated by/.test(answer))
    throw new Error(`the card did not say the update was saved: ${answer.slice(0, 600)}`);
}

/** On the update page: choose a rating, write a note, save; the page says it was saved. */
async function saveOnPage(page: Page, rating: 'Green' | 'Amber' | 'Red', note: string): Promise<void> {
  await page.getByLabel(new RegExp(`^${rating}:`)).check();
  await page.getByLabel('Progress note').fill(note);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save update' }).click()]);
  const status =
    (await page
      .getByRole('status')
      .textContent()
      .catch(() => '')) ?? '';
  if (!/Updated by/.test(status))
    throw new Error(`the page did not save: ${(await page.content()).slice(0, 1500)}`);
}

/** The dashboard's view of one action (as the coordinator's management page shows it). */
async function adminAction(actionId: string): Promise<Record<string, unknown>> {
  const answer = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}`);
  if (answer.status !== 200) throw new Error(`the management page answered ${answer.status}`);
  const action = (answer.body.actions as Record<string, unknown>[]).find((a) => a.id === actionId);
  if (!action) throw new Error(`no action ${actionId} on the management page`);
  return action;
}

beforeAll(async () => {
  world = await Partnership.start();
}, 60_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

test('a partnership runs its year: import, people, groups, rounds by Teams and e-mail, a decision from e-mail, re-import, moderation, close, endorsement and the committee paper', async () => {
  const workbookV1 = join(world.dataDir, 'action-plan.xlsx');
  const workbookV2 = join(world.dataDir, 'action-plan-with-groups.xlsx');
  writeFileSync(workbookV1, await journeyWorkbook({ withGroups: false }));
  writeFileSync(workbookV2, await journeyWorkbook({ withGroups: true }));
  let setUpMark = 0;

  // ── Fri 4 Dec 2026: set the plan up ─────────────────────────────────────────────────────────────
  await steps.step(
    'the server starts in local mode with its clock at Fri 4 Dec 2026 10:00',
    undefined,
    async () => {
      await world.at(WHEN.setUp);
      setUpMark = world.outbox.mark();
    },
    { critical: true },
  );

  await steps.step(
    'the council staff already use the bot in Teams: they say hello and only get answers',
    undefined,
    async () => {
      for (const who of TEAMS_PEOPLE) {
        const replies = await world.say(who, 'help');
        expect(replies.length).toBeGreaterThan(0);
      }
    },
  );

  let importOutput = '';
  await steps.step(
    'the business manager imports the messy two-sheet workbook from the CLI',
    undefined,
    async () => {
      importOutput = await world.run(
        'import',
        workbookV1,
        '--plan',
        PLAN,
        '--title',
        'JTAI action plan 2026',
        '--yes',
      );
      expect(importOutput).toContain('Sheet "Theme 1 Early help"');
      expect(importOutput).toContain('Sheet "Theme 2 Partnership"');
      expect(importOutput).toMatch(/actions: 7 created/);
    },
    { critical: true },
  );

  await steps.step(
    'the TBC timescale is read as a date still to be confirmed, not as Ongoing',
    'small: "TBC" imported as a distinct no-deadline kind "date to be confirmed"',
    async () => {
      expect(importOutput).toMatch(/action 1\.4, due_date: "TBC" → .*date to be confirmed/i);
    },
  );

  await steps.step(
    'roles: the business manager makes herself coordinator (CLI), then gives the lead and the moderator theirs in the dashboard',
    undefined,
    async () => {
      await world.run('role', '--plan', PLAN, '--email', PEOPLE.priya.email, '--role', 'coordinator');
      await world.run('settings', '--plan', PLAN, '--moderation-group', 'Early help subgroup');
      for (const [who, role] of [
        ['lena', 'lead'],
        ['chris', 'moderator'],
      ] as const) {
        const saved = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/roles`, {
          email: PEOPLE[who].email,
          role,
        });
        expect(saved).toMatchObject({ status: 200, body: { ok: true } });
      }
    },
    { critical: true },
  );

  await steps.step(
    'two monitoring groups with their meetings: the council’s on the dashboard, the partnership’s by CLI',
    undefined,
    async () => {
      const council = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/groups`, {
        name: COUNCIL_GROUP,
        cadence: 'monthly',
        oversightBody: 'DMT',
        responseDays: '10',
        meetings: '27/01/2027, 24/02/2027',
      });
      expect(council).toMatchObject({ status: 200, body: { ok: true } });
      const groups = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/groups`);
      expect(JSON.stringify(groups.body)).toContain(COUNCIL_GROUP);
      const partnership = await world.run(
        'group',
        'add',
        '--plan',
        PLAN,
        '--name',
        PARTNERSHIP_GROUP,
        '--cadence',
        'bi-monthly',
        '--oversight',
        'LSCP Executive',
        '--meetings',
        '10/02/2027,07/04/2027',
      );
      expect(partnership).toContain('meets 10 Feb 2027, 7 Apr 2027');
    },
  );

  await steps.step(
    'in the dashboard, Sam covers for Grace while she is on leave until 18 Dec 2026',
    undefined,
    async () => {
      const saved = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/delegations`, {
        owner: PEOPLE.grace.email,
        delegate: PEOPLE.sam.email,
        delegateName: PEOPLE.sam.name,
        from: '2026-12-04',
        to: '2026-12-18',
      });
      expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    },
  );

  await steps.step('the coordinator corrects 2.1’s success measure in the dashboard', undefined, async () => {
    const before = await adminAction(CORRECTED.actionId);
    const fields = {
      description: before.description,
      areaId: before.areaId,
      leadAgency: before.leadAgency,
      contributingAgencies: before.contributingAgencies,
      owners: before.owners,
      ...(before.texts as Record<string, string>),
      successMeasure: CORRECTED.successMeasure,
    };
    const saved = await world.dashboard(
      'priya',
      `/api/tab/admin/plans/${PLAN}/actions/${CORRECTED.actionId}`,
      {
        version: before.version,
        fields,
      },
    );
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    expect((await adminAction(CORRECTED.actionId)).successMeasure).toBe(CORRECTED.successMeasure);
  });

  await steps.step(
    're-importing the workbook with a "Monitoring group" column files the actions in their groups and keeps the dashboard’s correction',
    'reimport: a value edited in the app since the last import is flagged and kept; the preview shows old → new',
    async () => {
      const out = await world.run('import', workbookV2, '--plan', PLAN, '--yes');
      // The groups took the actions: each group's round asks only its own (checked when they open).
      expect(out).toMatch(/→/);
      expect(out).toMatch(/success measure/i);
      expect((await adminAction(CORRECTED.actionId)).successMeasure).toBe(CORRECTED.successMeasure);
    },
  );

  await steps.step(
    'setting the plan up sends nobody anything: the first digest waits for the digest day (Monday)',
    'time: a new plan’s first digest waits for the plan’s digest day; everything scheduled inside the window',
    async () => {
      // Two whole scheduled runs since now: whatever was due has been sent.
      await world.scheduledRuns(2);
      expectNothingSent(setUpMark);
    },
  );

  // ── The council round opens from Teams ──────────────────────────────────────────────────────────
  let councilMark = 0;
  await steps.step(
    'the coordinator opens the council group’s round in Teams: responses due 13 Jan 2027 (10 working days before the DMT)',
    undefined,
    async () => {
      councilMark = world.outbox.mark();
      const replies = await world.say('priya', `round start ${COUNCIL_GROUP.toLowerCase()}`);
      const text = replies.map((r) => r.text).join('\n');
      expect(text).toMatch(/round 1/i);
      expect(text).toContain(COUNCIL_DUE);
    },
    { critical: false },
  );

  await steps.step(
    'round 1 requests: Tom by Teams for each of his actions (TBC one included); Grace’s goes to Sam by e-mail, covering for her; nobody else',
    'cover: requests go to the delegate, "(covering for <owner>)"; round wording names the action',
    async () => {
      await expectReached(councilMark, [
        { who: 'tom', about: request(1, '1.1', COUNCIL_DUE) },
        { who: 'tom', about: request(1, '1.2', COUNCIL_DUE) },
        { who: 'tom', about: request(1, '1.4', COUNCIL_DUE) },
        { who: 'sam', about: request(1, '1.3', COUNCIL_DUE, PEOPLE.grace.name) },
      ]);
      const toSam = mailFor('sam', /1\.3/);
      expect(toSam.message.text).toContain(
        `You are covering for ${PEOPLE.grace.name} (${PEOPLE.grace.email}) until`,
      );
    },
  );

  await steps.step('Tom updates 1.1 from the Teams card', undefined, async () => {
    const mark = world.outbox.mark();
    await updateByCard('tom', '1.1', 'green', 'Guidance published on the partnership website.');
    expectNothingSent(mark);
  });

  await steps.step(
    'Sam updates Grace’s 1.3 from the e-mailed link in Chromium',
    'cover (the delegate’s link works) and links (PUBLIC_HOSTNAME follows PORT)',
    async () => {
      const { link } = mailFor('sam', /1\.3/);
      await world.openLink('sam', link, async (page) => {
        expect(await page.locator('h1').first().textContent()).toBe('Action 1.3');
        await saveOnPage(page, 'Amber', 'Half the front door team trained; the rest booked for January.');
      });
    },
  );

  // ── Mon 7 Dec 2026, 07:30: the partnership round, started before the send window ────────────────
  let earlyMark = 0;
  await steps.step(
    'at 07:30 on Monday the business manager starts the partnership group’s round from the CLI: it queues for the window and says so',
    'time: a round started outside the window queues its requests and says when they will go',
    async () => {
      await world.at(WHEN.early);
      earlyMark = world.outbox.mark();
      const out = await world.run('round', 'start', '--plan', PLAN, '--group', PARTNERSHIP_GROUP);
      expect(out).toMatch(/Round 2/);
      expect(out).toContain(PARTNERSHIP_DUE);
      expect(out).toContain("Requests will go at 09:00 on Mon 7 Dec 2026, inside the plan's send window");
      // The server's scheduler runs meanwhile and must not send them before 09:00 either.
      await world.scheduledRuns(2);
      expectNothingSent(earlyMark);
    },
  );

  await steps.step(
    'at 09:00 the queued requests go: Jo by e-mail for 2.1 and 2.2, Sam for Grace’s 2.3; the first digest reaches the coordinator (Teams) and the lead (e-mail) once each',
    'time (queued requests sent by the scheduler at the window; first digest on the digest day), cover, round wording',
    async () => {
      await world.at(WHEN.windowOpens);
      await expectReached(earlyMark, [
        { who: 'jo', about: request(2, '2.1', PARTNERSHIP_DUE) },
        { who: 'jo', about: request(2, '2.2', PARTNERSHIP_DUE) },
        { who: 'sam', about: request(2, '2.3', PARTNERSHIP_DUE, PEOPLE.grace.name) },
        { who: 'priya', about: DIGEST },
        { who: 'lena', about: DIGEST },
      ]);
      expect(outsideWindow(world.outbox.sentSince(earlyMark))).toEqual([]);
    },
  );

  await steps.step(
    'Jo (police, another tenant) updates 2.1 and 2.2 from her e-mailed links in Chromium',
    'links: one shared secret for the CLI and the server, PUBLIC_HOSTNAME follows PORT',
    async () => {
      await world.openLink('jo', mailFor('jo', /2\.1/).link, (page) =>
        saveOnPage(page, 'Amber', 'Guidance is with legal; sign-off expected in January.'),
      );
      await world.openLink('jo', mailFor('jo', /2\.2/).link, (page) =>
        saveOnPage(page, 'Green', 'First quarterly dip sample reported to the partnership.'),
      );
    },
  );

  let requestMark = 0;
  await steps.step(
    'Jo asks for a new date for 2.1 from her link; the coordinator is asked in Teams and the lead by e-mail, once each',
    'links (the link still opens); decide (the e-mail asks the lead to decide)',
    async () => {
      requestMark = world.outbox.mark();
      await world.openLink('jo', mailFor('jo', /2\.1/).link, async (page) => {
        await page.getByLabel('New due date').fill(NEW_DATE.iso);
        await page.getByLabel('Reason').fill('Legal sign-off moved to the spring board.');
        await Promise.all([
          page.waitForNavigation(),
          page.getByRole('button', { name: 'Ask for this date' }).click(),
        ]);
        expect(await page.content()).toMatch(/asked|requested/i);
      });
      await expectReached(requestMark, [
        { who: 'priya', about: /new (?:due )?date[\s\S]*action 2\.1/i },
        { who: 'lena', about: /Please decide: a new due date .*action 2\.1/ },
      ]);
    },
  );

  await steps.step(
    'the lead approves the new date from her e-mail’s page; Jo is told by e-mail, once; the date moves',
    'decide: the page opened from the "Please decide" e-mail shows Approve / Reject to a decider',
    async () => {
      const mark = world.outbox.mark();
      const { link } = mailFor('lena', /Please decide/);
      await world.openLink('lena', link, async (page) => {
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Approve/ }).click()]);
        expect(await page.content()).toMatch(/approved/i);
      });
      await expectReached(mark, [
        {
          who: 'jo',
          about: new RegExp(`New due date for action 2\\.1 approved: (?:[A-Z][a-z]{2} )?${NEW_DATE.uk}`),
        },
      ]);
      expect((await adminAction('2.1')).currentDue).toBe(NEW_DATE.iso);
    },
  );

  // ── Wed 6 Jan 2027: a week before the council round's response date ────────────────────────────
  let chaseMark = 0;
  await steps.step(
    'a month on, the chase: Tom once by Teams for each action he has not answered (1.2 and the TBC 1.4); nobody who answered',
    'cover wording of chases: "Reminder – Round 1: please update action 1.2 by 13 Jan 2027"',
    async () => {
      chaseMark = world.outbox.mark();
      await world.at(WHEN.chase);
      // Two whole scheduled runs: an optional digest sent after the expected messages must land in this
      // step, not spill into the next one's (it did once, under load, and failed the meeting day's check).
      await world.scheduledRuns(2);
      await expectReached(chaseMark, [
        { who: 'tom', about: chase(1, '1.2', COUNCIL_DUE) },
        { who: 'tom', about: chase(1, '1.4', COUNCIL_DUE) },
        // Grace's cover ended on 18 Dec: the action is hers again, and she never had round 2's request
        // (Sam had it for her), so she gets it on her first day the service sends (cover's hand-back).
        { who: 'grace', about: request(2, '2.3', PARTNERSHIP_DUE) },
        // The week's digest may go on the first working day the server is up (not on a Monday here).
        { who: 'priya', about: DIGEST, optional: true },
        { who: 'lena', about: DIGEST, optional: true },
      ]);
    },
  );

  await steps.step(
    'a month on, after restarts, Jo’s links from 7 Dec still open (they live until the round’s response date); Sam’s from 4 Dec tells him his cover for Grace has ended',
    'links: lifetime ≥ the round’s response date; one local secret kept in the data folder; cover: least privilege once it ends',
    async () => {
      await world.openLink('jo', mailFor('jo', /2\.2/).link, async (page) => {
        expect(await page.locator('h1').first().textContent()).toBe('Action 2.2');
      });
      const { link } = mailFor('sam', /1\.3/);
      await world.openLink(
        'sam',
        link,
        async (page) => {
          expect(await page.locator('h1').first().textContent()).toBe(
            `Your cover for ${PEOPLE.grace.name} has ended`,
          );
          expect(await page.content()).toContain('Nothing was saved.');
        },
        { refusal: true },
      );
    },
  );

  await steps.step('Tom answers the chase for 1.2 from its card', undefined, async () => {
    await updateByCard('tom', '1.2', 'amber', 'First quarterly audit done; two of thirty late.');
  });

  // ── Wed 13 Jan 2027: the council round's response date; the cover has ended ─────────────────────
  await steps.step(
    'response day: Tom is told 1.4 is due today (Teams); Grace, back from leave, gets her own chase for 2.3 (Teams)',
    'cover: cover ending mid-round hands back to the owner; round wording of due-day and chase messages',
    async () => {
      const mark = world.outbox.mark();
      await world.at(WHEN.dueDay);
      // As on the chase day: the optional digest is sent, or not, within this step.
      await world.scheduledRuns(2);
      await expectReached(mark, [
        { who: 'tom', about: dueToday(1, '1.4') },
        { who: 'grace', about: chase(2, '2.3', PARTNERSHIP_DUE) },
        { who: 'priya', about: DIGEST, optional: true },
        { who: 'lena', about: DIGEST, optional: true },
      ]);
    },
  );

  await steps.step('Grace updates 2.3 from her card', undefined, async () => {
    await updateByCard('grace', '2.3', 'amber', 'Rota drafted with the designated nurses.');
  });

  // ── Mon 18 Jan 2027: moderation and the council round's close ───────────────────────────────────
  await steps.step(
    'Monday: the weekly digest reaches the coordinator and the lead once each, and nobody else is sent anything',
    'time: digests on the digest day inside the window',
    async () => {
      const mark = world.outbox.mark();
      await world.at(WHEN.moderation);
      await expectReached(mark, [
        { who: 'priya', about: DIGEST },
        { who: 'lena', about: DIGEST },
      ]);
    },
  );

  await steps.step(
    'the moderator agrees the council round’s proposed ratings with commentary',
    undefined,
    async () => {
      // On the dashboard's moderation page, as the moderator: both groups' rounds are open, so round 1 is
      // chosen (?round=1, the page's "Round to moderate"); the latest open round is the partnership's.
      const latest = await world.dashboard('chris', `/api/tab/plans/${PLAN}/moderation`);
      expect(latest.status).toBe(200);
      expect((latest.body.openRounds as { number: number }[]).map((r) => r.number)).toEqual([1, 2]);
      expect(latest.body.round).toBe(2);
      const list = await world.dashboard('chris', `/api/tab/plans/${PLAN}/moderation?round=1`);
      expect(list).toMatchObject({ status: 200, body: { round: 1 } });
      const items = list.body.items as { id: string; version: string }[];
      const agreed = await world.dashboard('chris', `/api/tab/plans/${PLAN}/moderation`, {
        items: ['1.1', '1.2', '1.3'].map((id) => ({
          actionId: id,
          version: items.find((item) => item.id === id)?.version ?? 'missing',
          commentary: `Agreed by the subgroup: ${id} as reported.`,
        })),
      });
      expect(agreed.status).toBe(200);
      expect((agreed.body.results as { ok: boolean }[]).map((r) => r.ok)).toEqual([true, true, true]);
    },
  );

  await steps.step(
    'the council round closes: a snapshot of its four actions, three updated during the round (Tom by card twice, Sam by link)',
    'cover and links (Sam’s update by link counted)',
    async () => {
      // On the dashboard's Monitoring rounds section: closing needs the confirmation the page asks for.
      const unconfirmed = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/rounds/1/close`, {});
      expect(unconfirmed.status).toBe(400);
      const closed = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/rounds/1/close`, {
        confirm: true,
      });
      expect(closed).toMatchObject({ status: 200, body: { ok: true } });
      expect(String(closed.body.message)).toContain(
        `Round 1 (${COUNCIL_GROUP}) closed: a snapshot of 4 actions, 3 updated during the round.`,
      );
    },
  );

  // ── Wed 27 Jan 2027: the DMT meets ──────────────────────────────────────────────────────────────
  await steps.step(
    'the DMT endorses round 1 and the business manager makes the committee paper',
    undefined,
    async () => {
      meetingMark = world.outbox.mark();
      await world.at(WHEN.meeting);
      const endorsed = await world.dashboard('priya', `/api/tab/admin/plans/${PLAN}/rounds/1/endorsement`, {
        meeting: 'DMT',
        date: '2027-01-27',
      });
      expect(endorsed).toMatchObject({ status: 200, body: { ok: true } });
      paperPath = join(world.dataDir, 'paper.docx');
      await world.run(
        'report',
        '--plan',
        PLAN,
        '--round',
        '1',
        '--format',
        'docx',
        '--out',
        paperPath,
        '--title',
        'Early help: progress update for the DMT, January 2027',
        '--meeting',
        'DMT, 27 Jan 2027',
      );
    },
  );

  await steps.step(
    'the paper’s counts match the plan: the council group’s four actions, by agreed rating',
    undefined,
    async () => {
      const zip = await JSZip.loadAsync(readFileSync(paperPath));
      const xml = await zip.file('word/document.xml')!.async('string');
      // Text per paragraph, so "1.1" split across runs still reads whole.
      const text = xml
        .split(/<\/w:p>/)
        .map((p) => p.replace(/<[^>]+>/g, ''))
        .join('\n');
      const council = ACTIONS.filter((a) => COUNCIL_ACTIONS.includes(a.id));
      for (const action of council) expect(text).toContain(action.text);
      for (const action of ACTIONS.filter((a) => PARTNERSHIP_ACTIONS.includes(a.id)))
        expect(text).not.toContain(action.text);
      expect(text).toMatch(
        /Agreed by the Early help subgroup on 18 Jan 2027; endorsed by the DMT on 27 Jan 2027/,
      );
      // Ratings at the close: 1.1 green (Tom), 1.2 amber (Tom), 1.3 amber (Sam), 1.4 never rated.
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'paper.txt'), text);
      // The summary of progress counts the round's four actions by agreed rating: 1.1 green (Tom), 1.2 and
      // 1.3 amber (Tom; Sam covering for Grace), 1.4 (the TBC one) never rated; all three proposals agreed.
      expect(text).toContain(
        `Of the 4 actions of the monitoring group “${COUNCIL_GROUP}”, none is complete or impact evidenced.`,
      );
      expect(text).toContain(
        'Of the 4 still open, the agreed ratings are: 1 Green, 2 Amber and 1 not yet rated.',
      );
      expect(text).not.toContain('not yet agreed');
      expect(text).toContain('Green (1)');
      expect(text).toContain('Amber (2)');
      // Every council action is in both appendices (the grid or its lists, then its area's table); the
      // covering report's risks may name some again.
      const mentions = council.map((a) => text.split(a.text).length - 1);
      expect(Math.min(...mentions)).toBeGreaterThanOrEqual(2);
    },
  );

  await steps.step(
    'the meeting day sends nobody anything (everyone in round 2 has answered)',
    undefined,
    async () => {
      // Two whole scheduled runs since now: whatever was due has been sent.
      await world.scheduledRuns(2);
      // Only the week's digest may go (the server was not up on Monday); nobody is chased.
      await expectReached(meetingMark, [
        { who: 'priya', about: DIGEST, optional: true },
        { who: 'lena', about: DIGEST, optional: true },
      ]);
    },
  );

  // ── Across the year ─────────────────────────────────────────────────────────────────────────────
  await steps.step('nothing was sent outside the send window, by the injected clock', 'time', async () => {
    const outside = outsideWindow(world.outbox.messages);
    if (outside.length > 0)
      throw new Error(`sent outside 09:00–17:00 on a working day:\n${describeMessages(outside)}`);
  });

  await steps.step(
    'across the year, nobody was sent anything no step expected, and nobody got two digests in a week',
    undefined,
    async () => {
      const problems = yearProblems(world.outbox.messages, DIGEST);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    },
  );

  await steps.step('every link opened worked', 'links', async () => {
    // Sam's link after his cover ended is meant to turn him away (asserted in its own step).
    const broken = world.openings.filter(
      (o) => !o.refusal && (o.status !== 200 || !/^Action \d/.test(o.heading)),
    );
    if (world.openings.length === 0) throw new Error('no link was opened');
    if (broken.length > 0)
      throw new Error(
        broken
          .map((o) => `${o.who} at ${o.at.toISOString()}: HTTP ${o.status}, "${o.heading}" (${o.link})`)
          .join('\n'),
      );
  });

  const report = steps.report();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'messages.txt'), describeMessages(world.outbox.messages));
  writeFileSync(join(ARTIFACTS, 'steps.txt'), report);
  // The report is also kept in test-artifacts/journey/steps.txt, passed or not.
  if (steps.failed().length > 0) {
    throw new Error(
      `${steps.failed().length} step(s) of the journey did not hold:\n${report}\n\nServer log (tail):\n${world.logs()}`,
    );
  }
}, 420_000);
