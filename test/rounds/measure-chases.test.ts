/**
 * Chasing a measure's value still missing (issue 21), on real parts: the bot on Azurite, the Bot Connector
 * stub for Teams, a loopback SMTP server for e-mail and the update page its links open. A round chases a
 * reporter who has not given the period's value on the round's steps, on their channel, once per step,
 * inside the send window, never while they have paused reminders, and through whoever covers for them;
 * between rounds the schedule chases weekly after the period's end. A reporter no channel reaches is on
 * the coordinators' list of what could not be delivered, as an unreachable owner is.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { defineMeasure } from '../../src/usecases/measures/measures';
import { addDelegationAs } from '../../src/usecases/people/people-service';
import { operatorActor } from '../../src/usecases/shared/actor';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { type TestUser, teamsCardExecute, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, OWNER, STRANGER, startBotHarness } from '../support/bot-harness';
import { type Card, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
/** Reports M1, in Teams (the harness's OWNER, who also owns actions 2.1 and 2.2). */
const TEAMS_REPORTER = OWNER.email.toLowerCase();
/** Reports M2, in another organisation's tenant: reached by e-mail only. */
const MAIL_REPORTER = 'analyst@police.example';
/** Covers for the Teams reporter while he is on leave; reached by e-mail only. */
const MAIL_COVER = 'cover.person@example.org';

let harness: BotHarness;
let sink: SmtpSink | undefined;
const calendar = new UkHolidayCalendar();
const deps = () => ({ stores: harness.stores, clock: harness.clock, calendar, random: seededRandom() });

async function define(id: 'M1' | 'M2', reporter: string): Promise<void> {
  const made = await defineMeasure(deps(), operatorActor('test'), PLAN, {
    id,
    areaId: 'AFI1',
    name: id === 'M1' ? 'Return interviews within 72 hours' : 'Repeat missing episodes per child',
    definition: 'Monthly figure from the case system',
    source: 'Children’s social care',
    unit: id === 'M1' ? 'percentage' : 'number',
    better: id === 'M1' ? 'higher' : 'lower',
    baseline: id === 'M1' ? '55' : '3.2',
    baselineDate: '2024-03-31',
    target: id === 'M1' ? '90' : '2',
    targetDate: '2025-12-31',
    frequency: 'monthly',
    reporter,
    kind: 'better-off',
  });
  expect(made).toMatchObject({ kind: 'saved' });
}

/** Wednesday 15 Jan 2025, 10:00 in London unless said: December 2024's values are owed. */
async function start(options: { now?: string; email?: boolean } = {}): Promise<void> {
  sink = options.email === false ? undefined : await startSmtpSink();
  harness = await startBotHarness({
    now: options.now ?? '2025-01-15T10:00:00Z',
    ...(sink ? { email: { smtpUrl: sink.url } } : {}),
  });
  for (const user of [COORDINATOR, OWNER, STRANGER])
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
  await define('M1', TEAMS_REPORTER);
  await define('M2', MAIL_REPORTER);
}

afterEach(async () => {
  await harness.close();
  await sink?.stop();
});

async function startRound(): Promise<void> {
  await harness.say(COORDINATOR, 'round start due 29/01/2025');
  await harness.whenIdle();
}

/** The measure cards a Teams user received, by headline. */
const measureCardsTo = (user: TestUser): string[] =>
  harness.stub.activities
    .filter((a) => a.activity.recipient?.id === user.id)
    .map((a) => cardText(cardOf(a)))
    .filter((text) => /please report M\d/i.test(text));

const subjectsTo = (address: string): string[] =>
  (sink?.received ?? [])
    .filter((m: ReceivedMail) => m.envelopeTo.includes(address))
    .map((m) => String(m.parsed.subject));

/** The measure rows a scheduled run reports as sent, as "measure M1 <step> <recipient>". */
async function chasesSent(at: string): Promise<string[]> {
  harness.clock.set(at);
  return (await harness.roundSends())
    .filter((r) => r.measure && r.outcome === 'sent')
    .map((r) => `${r.actionId} ${r.step} ${r.owner}`)
    .sort();
}

describe('a round chases a reporter whose value is still missing', () => {
  test('when the round’s chase steps come, then each reporter still owing is chased once per step on their channel with a fresh link, and one who has answered is not', async () => {
    await start();
    await startRound();
    expect(measureCardsTo(OWNER)).toHaveLength(1);
    expect(subjectsTo(MAIL_REPORTER)).toEqual(['Round 1: please report M2 for Dec 2024 by 29 Jan 2025']);

    // Wednesday 22 Jan, a week before the response date: both are chased.
    expect(await chasesSent('2025-01-22T10:00:00Z')).toEqual([
      `measure M1 measure before-7 ${TEAMS_REPORTER}`,
      `measure M2 measure before-7 ${MAIL_REPORTER}`,
    ]);
    expect(measureCardsTo(OWNER).at(-1)).toContain(
      'Reminder – Round 1: please report M1 for Dec 2024 by 29 Jan 2025',
    );
    expect(subjectsTo(MAIL_REPORTER).at(-1)).toBe(
      'Reminder – Round 1: please report M2 for Dec 2024 by 29 Jan 2025',
    );
    const chaseMail = sink!.received.at(-1)!;
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/update\/measure\/[^"]+)"/.exec(
      String(chaseMail.parsed.html),
    )?.[1];
    expect(link).toBeDefined();
    expect((await fetch(link!.replace(/&amp;/g, '&'))).status).toBe(200);
    // Later the same day: nothing twice.
    expect(await chasesSent('2025-01-22T14:00:00Z')).toEqual([]);

    // The Teams reporter answers by the card.
    const answered = await postActivity(
      harness.botUrl,
      teamsCardExecute({
        user: OWNER,
        verb: 'measure.value',
        data: { planId: PLAN, measureId: 'M1', value: '71', period: '2024-12' },
        serviceUrl: harness.stub.url,
      }),
    );
    expect(cardText((answered.body as { value: Card }).value)).toContain('71% recorded for Dec 2024');

    // Tuesday 28 Jan, the day before: only the one still owing.
    const cardsBefore = measureCardsTo(OWNER).length;
    expect(await chasesSent('2025-01-28T10:00:00Z')).toEqual([
      `measure M2 measure before-1 ${MAIL_REPORTER}`,
    ]);
    expect(measureCardsTo(OWNER)).toHaveLength(cardsBefore);
    // After the response date the round chases no more.
    expect(await chasesSent('2025-01-30T10:00:00Z')).toEqual([]);
    expect(subjectsTo(MAIL_REPORTER)).toHaveLength(3); // the request, before-7 and before-1
  });

  test('when the chase falls outside the send window, or the reporter has paused reminders, then none goes then; the window’s first run sends it and the paused reporter’s step is not sent later', async () => {
    await start();
    await startRound();
    const user = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
    await harness.stores.users.put({ ...user, nudgesPausedUntil: '2025-01-24' });

    expect(await chasesSent('2025-01-22T07:30:00Z')).toEqual([]); // 07:30 in London
    harness.clock.set('2025-01-22T09:05:00Z');
    const rows = (await harness.roundSends()).filter((r) => r.measure);
    expect(rows.filter((r) => r.outcome === 'sent').map((r) => r.owner)).toEqual([MAIL_REPORTER]);
    expect(rows.find((r) => r.owner === TEAMS_REPORTER)).toMatchObject({
      outcome: 'skipped',
      reason: 'paused until 2025-01-24',
    });
    expect(measureCardsTo(OWNER)).toHaveLength(1); // the round's request only
    // Back from leave: the before-7 step he missed is not sent after all, the next one is.
    expect(await chasesSent('2025-01-27T10:00:00Z')).toEqual([]);
    expect(await chasesSent('2025-01-28T10:00:00Z')).toEqual([
      `measure M1 measure before-1 ${TEAMS_REPORTER}`,
      `measure M2 measure before-1 ${MAIL_REPORTER}`,
    ]);
  });

  test('when the reporter is on leave with cover, then the chase goes to whoever covers for them, once, saying whose it is', async () => {
    await start();
    await startRound();
    harness.clock.set('2025-01-20T10:00:00Z');
    expect(
      await addDelegationAs(deps(), operatorActor('test'), {
        planId: PLAN,
        owner: TEAMS_REPORTER,
        delegate: MAIL_COVER,
        delegateName: 'Cass Cover',
        from: '2025-01-20',
        to: '2025-01-31',
      }),
    ).toMatchObject({ kind: 'saved' });
    const cardsBefore = measureCardsTo(OWNER).length;

    // Wednesday 22 Jan: the cover gets the round's request they never had (as an action's cover does),
    // and is not chased for it the same day.
    expect(await chasesSent('2025-01-22T10:00:00Z')).toEqual([
      `measure M1 measure ${MAIL_COVER}`,
      `measure M2 measure before-7 ${MAIL_REPORTER}`,
    ]);
    expect(await chasesSent('2025-01-28T10:00:00Z')).toEqual([
      `measure M1 measure before-1 ${MAIL_COVER}`,
      `measure M2 measure before-1 ${MAIL_REPORTER}`,
    ]);
    expect(subjectsTo(MAIL_COVER).filter((s) => s.includes('report M1'))).toEqual([
      `Round 1: please report M1 for Dec 2024 by 29 Jan 2025 (covering for ${TEAMS_REPORTER})`,
      `Reminder – Round 1: please report M1 for Dec 2024 by 29 Jan 2025 (covering for ${TEAMS_REPORTER})`,
    ]);
    // The reporter on leave is not asked or chased himself.
    expect(measureCardsTo(OWNER)).toHaveLength(cardsBefore);
    expect(await chasesSent('2025-01-28T15:00:00Z')).toEqual([]);
  });
});

describe('between rounds, the schedule chases a value still missing', () => {
  test('when no round is open, then a reporter asked by the schedule is chased weekly after the period’s end, never the day they were asked, once per step', async () => {
    await start({ now: '2025-01-15T09:05:00Z' });
    expect(await chasesSent('2025-01-15T09:05:00Z')).toEqual([
      `measure M1 measure ${TEAMS_REPORTER}`,
      `measure M2 measure ${MAIL_REPORTER}`,
    ]);
    // Thursday 16 Jan: the last step (14 Jan, two weeks after 31 Dec) came before the request.
    expect(await chasesSent('2025-01-16T10:00:00Z')).toEqual([]);
    // Tuesday 21 Jan, three weeks after the period's end.
    expect(await chasesSent('2025-01-21T10:00:00Z')).toEqual([
      `measure M1 measure overdue-3 ${TEAMS_REPORTER}`,
      `measure M2 measure overdue-3 ${MAIL_REPORTER}`,
    ]);
    expect(subjectsTo(MAIL_REPORTER)).toEqual([
      'Please report M2 for Dec 2024',
      'Reminder – Please report M2 for Dec 2024',
    ]);
    expect(measureCardsTo(OWNER).at(-1)).toContain('Reminder – Please report M1 for Dec 2024');
    expect(await chasesSent('2025-01-22T10:00:00Z')).toEqual([]);
  });
});

describe('a reporter who cannot be reached', () => {
  test('when no channel reaches the reporter, then the coordinators’ list of what could not be delivered names them and the measure, once per request and chase', async () => {
    await start({ email: false }); // Teams only: the other tenant's reporter cannot be reached
    await startRound();
    const lists = () =>
      harness.stub.activities
        .filter((a) => a.activity.recipient?.id === COORDINATOR.id)
        .map((a) => cardText(cardOf(a)))
        .filter((text) => text.includes('could not deliver'));
    expect(lists()).toHaveLength(1);
    const list = lists()[0]!;
    expect(list).toContain(MAIL_REPORTER);
    expect(list).toContain('has not installed Action Tracker');
    expect(list).toContain('M2');
    expect(list).toContain('Repeat missing episodes per child');
    expect(list).toContain("round 1's request for M2 for Dec 2024");
    expect(list).not.toContain('M1');

    // A second run sends no second list; the chase's failure is a new list, naming the chase.
    expect(await chasesSent('2025-01-15T14:00:00Z')).toEqual([]);
    expect(lists()).toHaveLength(1);
    harness.clock.set('2025-01-22T10:00:00Z');
    const rows = (await harness.roundSends()).filter((r) => r.measure?.id === 'M2');
    expect(rows).toEqual([expect.objectContaining({ outcome: 'unreachable', owner: MAIL_REPORTER })]);
    expect(lists()).toHaveLength(2);
    expect(lists()[1]).toContain("reminder of round 1's request for M2 for Dec 2024");
  });
});
