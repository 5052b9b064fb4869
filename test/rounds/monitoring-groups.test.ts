/**
 * Monitoring groups end to end, on Azurite with the clock pinned and the Bot Connector stub: two groups
 * whose rounds run at their own cadence and meetings, a round that opens by itself on the sweeper, and a
 * contributing agency's contact who is asked for the round and may add a note but not a rating.
 */
import { scheduledRun } from '../../src/app/scheduler/scheduled-jobs';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { createLogger } from '../../src/support/logger';
import {
  addGroup,
  setActionGroup,
  setContributingContacts,
} from '../../src/usecases/groups/monitoring-groups';
import { buildPlanProgressReport } from '../../src/usecases/reports/build-progress-report';
import { type TestUser, teamsCardExecute, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { type Card, cardButtons, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COUNCIL = ['1.3', '2.1', '3.1', '3.2', '4.3'];
const PARTNERSHIP = ['1.2', '2.2', '2.3', '4.1', '4.2'];
/** Sid is the police's named contact on action 2.1, whose lead agency is the ICB. */
const CONTACT = STRANGER;

let harness: BotHarness;
const calendar = new UkHolidayCalendar();
const deps = () => ({ stores: harness.stores, clock: harness.clock, calendar, random: seededRandom() });

beforeEach(async () => {
  // Wednesday 15 Jan 2025, 10:00 in London.
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
  for (const user of [COORDINATOR, LEAD, OWNER, OTHER_OWNER, CONTACT]) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  const actor = 'test set-up';
  await addGroup(deps(), {
    planId: PLAN,
    actor,
    group: {
      name: 'Council actions',
      cadence: 'monthly',
      oversightBody: 'DMT',
      meetings: ['2025-02-12', '2025-03-12', '2025-04-09'],
      autoOpenWorkingDaysBefore: 5,
    },
  });
  await addGroup(deps(), {
    planId: PLAN,
    actor,
    group: {
      name: 'Partnership actions',
      cadence: 'bi-monthly',
      oversightBody: 'LSCP Executive',
      meetings: ['2025-03-05', '2025-05-07'],
    },
  });
  for (const actionId of COUNCIL)
    await setActionGroup(deps(), { planId: PLAN, actionId, group: 'Council actions', actor });
  for (const actionId of PARTNERSHIP)
    await setActionGroup(deps(), { planId: PLAN, actionId, group: 'partnership-actions', actor });
  harness.stub.clear();
});

afterEach(async () => {
  await harness.close();
});

const cardsTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardOf(a));

/** The round request cards that reached anyone, as "<round headline> <action id>". */
function requestsSent(): string[] {
  return harness.stub.activities
    .map((a) => cardOf(a))
    .filter((card) => /Round \d+: please/.test(cardText(card)))
    .map((card) => {
      const data = JSON.stringify(card).match(/"actionId":"([^"]+)"/)?.[1] ?? '?';
      const round = cardText(card).match(/Round (\d+): please/)?.[1] ?? '?';
      return `${round} ${data}`;
    })
    .sort();
}

async function press(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> {
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({ user, verb, data, serviceUrl: harness.stub.url }),
  );
  expect(response.status).toBe(200);
  return (response.body as { value: Card }).value;
}

describe('monitoring groups: rounds at their own cadence and meetings', () => {
  test('when each group starts its round, then each asks only its own actions by its own meeting, and every request arrives once', async () => {
    const council = cardText(await harness.say(COORDINATOR, 'round start council actions'));
    await harness.whenIdle();
    // 12 Feb 2025 is the DMT's next meeting; ten working days before it is Wednesday 29 Jan.
    expect(council).toContain('Monitoring round 1 started');
    expect(council).toContain('(Council actions), by **29 Jan 2025**, for the meeting on 12 Feb 2025');

    const partnership = cardText(await harness.say(COORDINATOR, 'round start for partnership actions'));
    await harness.whenIdle();
    // The LSCP Executive meets on 5 Mar 2025: responses by Wednesday 19 Feb.
    expect(partnership).toContain('Monitoring round 2 started');
    expect(partnership).toContain('by **19 Feb 2025**, for the meeting on 5 Mar 2025');

    const [one, two] = await harness.stores.rounds.list(PLAN);
    expect(one).toMatchObject({
      groupId: 'council-actions',
      meeting: '2025-02-12',
      responseDue: '2025-01-29',
    });
    expect(two).toMatchObject({
      groupId: 'partnership-actions',
      meeting: '2025-03-05',
      responseDue: '2025-02-19',
    });
    expect(one!.requested.map((r) => r.actionId)).toEqual(COUNCIL);
    expect(two!.requested.map((r) => r.actionId)).toEqual(PARTNERSHIP);

    // Chris owns 2.1 (council) and 2.2 (partnership): one request from each round.
    expect(
      cardsTo(OWNER)
        .map(cardText)
        .map((t) => t.match(/Round \d: please update action [\d.]+ by [^\n]*/)?.[0])
        .sort(),
    ).toEqual([
      'Round 1: please update action 2.1 by 29 Jan 2025',
      'Round 2: please update action 2.2 by 19 Feb 2025',
    ]);
    expect(cardsTo(OTHER_OWNER).map(cardText).join('\n')).toContain('Round 2: please update action');
    expect(cardsTo(OTHER_OWNER).map(cardText).join('\n')).not.toContain('Round 1:');

    // The scheduled job, here and on a second instance, sends nothing again.
    const sentBefore = requestsSent();
    const again = [
      ...(await harness.roundSends({ claimant: 'instance-a' })),
      ...(await harness.roundSends({ claimant: 'instance-b' })),
    ];
    expect(again.filter((r) => r.outcome === 'sent')).toHaveLength(0);
    expect(requestsSent()).toEqual(sentBefore);
    expect(new Set(sentBefore).size).toBe(sentBefore.length);
  });

  test('when both groups have rounds open, then round status shows each group, and closing one leaves the other open', async () => {
    await harness.say(COORDINATOR, 'round start council actions');
    await harness.say(COORDINATOR, 'round start partnership actions');
    await harness.whenIdle();

    const status = await harness.say(COORDINATOR, 'round status');
    const text = cardText(status);
    expect(text).toContain('Monitoring rounds');
    expect(text).toContain('**Council actions**: round 1');
    expect(text).toContain('Responses due 29 Jan 2025 for the DMT meeting on 12 Feb 2025.');
    expect(text).toContain('**Partnership actions**: round 2');
    expect(text).toContain('Responses due 19 Feb 2025 for the LSCP Executive meeting on 5 Mar 2025.');
    expect(text).toContain('0 of 5 answered');
    expect(cardButtons(status).map((b) => b.title)).toEqual([
      'Refresh',
      'Close round 1 (Council actions)',
      'Close round 2 (Partnership actions)',
      'Report',
    ]);

    // A third round for a group that has one open is refused, in words.
    const twice = cardText(await harness.say(COORDINATOR, 'round start council actions'));
    expect(twice).toContain('Round 1 (Council actions) is still open');
    // An unknown group is named back with the groups there are.
    const unknown = cardText(await harness.say(COORDINATOR, 'round start housing'));
    expect(unknown).toContain('"housing" is not a monitoring group');
    expect(unknown).toContain('"Council actions", "Partnership actions"');

    const closed = cardText(await harness.say(COORDINATOR, 'round close 1'));
    expect(closed).toContain('Monitoring round 1 closed');
    expect(closed).toContain(`snapshot of ${COUNCIL.length} actions`);
    const rounds = await harness.stores.rounds.list(PLAN);
    expect(rounds.map((r) => `${r.number} ${r.status}`)).toEqual(['1 closed', '2 open']);
    // The closed round's report is the council's actions as they stood.
    const report = await buildPlanProgressReport(harness.stores, PLAN, 'test', harness.clock.now(), 'html', {
      round: 1,
    });
    expect(report.front.total).toBe(COUNCIL.length);
    expect(report.areas.flatMap((a) => a.rows.map((r) => r.id)).sort()).toEqual(COUNCIL);
    // Chasing carries on for the group still open: 12 Feb is seven days before its response date.
    harness.clock.set('2025-02-12T10:00:00Z');
    const chased = await harness.roundSends();
    expect(chased.filter((r) => r.outcome === 'sent').every((r) => r.round === 2)).toBe(true);
    expect(chased.filter((r) => r.outcome === 'sent').map((r) => r.step)).toContain('before-7');
  });

  test('when a group opens its rounds by itself, then the sweeper opens the round on its day, in working hours, once', async () => {
    const run = scheduledRun(
      {
        stores: harness.stores,
        channel: harness.channel,
        calendar,
        clock: harness.clock,
        claimant: 'sweeper-a',
        stopping: () => false,
      },
      createLogger('silent'),
    );
    const runElsewhere = scheduledRun(
      {
        stores: harness.stores,
        channel: harness.channel,
        calendar,
        clock: harness.clock,
        claimant: 'sweeper-b',
        stopping: () => false,
      },
      createLogger('silent'),
    );
    // Responses for the 12 Feb meeting are due 29 Jan; the round opens five working days before, 22 Jan.
    await run();
    expect(await harness.stores.rounds.list(PLAN)).toHaveLength(0);
    harness.clock.set('2025-01-22T07:30:00Z'); // before the send window opens
    await run();
    expect(await harness.stores.rounds.list(PLAN)).toHaveLength(0);

    harness.clock.set('2025-01-22T10:00:00Z');
    await run();
    await runElsewhere();
    await run();
    const rounds = await harness.stores.rounds.list(PLAN);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({
      number: 1,
      status: 'open',
      groupId: 'council-actions',
      meeting: '2025-02-12',
      responseDue: '2025-01-29',
      openedBy: { name: 'Action Tracker (scheduled)' },
    });
    // Of the council's owners, only Chris (2.1) has talked to the bot, so only he can be reached in Teams.
    expect(requestsSent()).toEqual(['1 2.1']);
    const [audit] = await harness.stores.audit.list(PLAN, 1);
    expect(audit).toMatchObject({ event: 'round.started', details: { round: 1, group: 'council-actions' } });

    // The partnership group opens by hand only; and once the council round is closed, the next council
    // round opens on its own day (12 Mar meeting: responses 26 Feb, opening 19 Feb).
    await harness.say(COORDINATOR, 'round close 1');
    harness.clock.set('2025-02-18T10:00:00Z');
    await run();
    expect(await harness.stores.rounds.list(PLAN)).toHaveLength(1);
    harness.clock.set('2025-02-19T10:00:00Z');
    await run();
    const later = await harness.stores.rounds.list(PLAN);
    expect(later.map((r) => [r.number, r.groupId, r.meeting, r.responseDue])).toEqual([
      [1, 'council-actions', '2025-02-12', '2025-01-29'],
      [2, 'council-actions', '2025-03-12', '2025-02-26'],
    ]);
  });
});

describe('many agencies on one action: the contributing contact', () => {
  beforeEach(async () => {
    await setContributingContacts(deps(), {
      planId: PLAN,
      actionId: '2.1',
      contacts: [{ agency: 'Police', name: 'Sid Stranger', email: 'sid.stranger@example.org' }],
      actor: 'test set-up',
    });
    harness.stub.clear();
  });

  test('when the round starts, then the contact gets the request with a note form, adds a note, and may not rate', async () => {
    await harness.say(COORDINATOR, 'round start council actions');
    await harness.whenIdle();

    const [request, ...more] = cardsTo(CONTACT);
    expect(more).toHaveLength(0);
    const text = cardText(request!);
    expect(text).toContain("Round 1: please add your organisation's note to action 2.1 by 29 Jan 2025");
    expect(text).toContain('Add a note for Police');
    expect(text).toContain('Contributing\nPolice (Sid Stranger)');
    const json = JSON.stringify(request);
    expect(json).toContain('"verb":"action.note"');
    expect(json).not.toContain('"verb":"action.update"');
    // The owner's request still carries the rating form.
    expect(JSON.stringify(cardsTo(OWNER)[0])).toContain('"verb":"action.update"');

    const before = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    const noted = await press(CONTACT, 'action.note', {
      planId: PLAN,
      actionId: '2.1',
      version: String(before.revision ?? 0),
      contributionNote: 'Police have shared the screening outcomes with CAMHS.',
    });
    expect(cardText(noted)).toContain('Updated by Sid Stranger at 15 Jan 2025, 10:00: note added.');
    const entry = (await harness.stores.history.listForAction(PLAN, '2.1')).find((e) => e.note);
    expect(entry).toMatchObject({
      note: 'Police have shared the screening outcomes with CAMHS.',
      contributingAgency: 'Police',
      author: { name: 'Sid Stranger' },
    });
    expect(entry!.newRating).toBeUndefined();

    // A forged rating from the contact is refused and changes nothing.
    const refused = await press(CONTACT, 'action.update', {
      planId: PLAN,
      actionId: '2.1',
      version: String(before.revision ?? 0),
      rating: 'green',
      note: 'All done',
    });
    expect(cardText(refused)).toContain(
      'As a contributing agency’s contact you can add a note; the lead owner proposes the rating.',
    );
    const after = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    expect(after.rating).toBe(before.rating);
    expect(after.lastUpdatedAt).toBe(before.lastUpdatedAt);

    // A note is not the owner's answer: the action still waits on its owner, and the police contribute.
    const status = cardText(await harness.say(COORDINATOR, 'round status'));
    expect(status).toContain('0 of 5 answered');
    expect(status).toContain('Contributing agencies: Police (1 action, 1 awaiting)');
    // The contact is asked once, and not chased: chasing is for the owners, who propose the rating.
    harness.clock.set('2025-01-22T10:00:00Z');
    const chased = await harness.roundSends();
    expect(chased.filter((r) => r.owner === 'sid.stranger@example.org' && r.outcome === 'sent')).toHaveLength(
      0,
    );
    expect(chased.some((r) => r.owner === 'icb.camhs@example.org' && r.outcome === 'sent')).toBe(true);
  });

  test('when someone who is not a contact presses the note button, then they are refused and nothing is written', async () => {
    const before = await harness.stores.history.listForAction(PLAN, '2.1');
    const card = await press(OTHER_OWNER, 'action.note', {
      planId: PLAN,
      actionId: '2.1',
      version: '0',
      contributionNote: 'Not mine to add',
    });
    expect(cardText(card)).toContain('This action is not yours');
    expect(await harness.stores.history.listForAction(PLAN, '2.1')).toHaveLength(before.length);
  });
});
