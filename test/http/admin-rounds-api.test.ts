/**
 * The management page's monitoring rounds over real HTTP, on the real bot, tab API and Azurite: a group's
 * round proposed from its next meeting (with the response date's flags and the send window), started,
 * its status by agency, "Chase now", closing only once confirmed, and the oversight body's endorsement.
 * Refusals say what is wrong and change nothing. The clock is fixed; it moves forward between steps.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { TabRounds } from '../../src/http/dashboard-api/admin-rounds-types';
import type { TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createLogger } from '../../src/support/logger';
import type { Channel } from '../../src/usecases/delivery/channel';
import { addGroup, setActionGroup } from '../../src/usecases/groups/monitoring-groups';
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
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { reachers } from '../support/reachers';
import { seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const ROUNDS = `/api/tab/admin/plans/${PLAN}/rounds`;
const GROUP = 'camhs-subgroup';
let harness: BotHarness;

beforeEach(async () => {
  const calendar = new UkHolidayCalendar();
  // The tab API sends through the bot's own channel (Teams, through the connector stub).
  const channel: Channel = {
    reach: (to) => harness.channel.reach(to),
    send: (to, message) => harness.channel.send(to, message),
  };
  // Wednesday 15 Jan 2025, 10:00 in London: a working day, inside the send window.
  harness = await startBotHarness({
    now: '2025-01-15T10:00:00Z',
    extraRouters: (stores, clock) => [
      tabApiRouter({ stores, clock, calendar, logger: createLogger('silent'), channels: reachers, channel }),
    ],
  });
  for (const user of [COORDINATOR, LEAD, OWNER, OTHER_OWNER]) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  const deps = { stores: harness.stores, clock: harness.clock, calendar, random: seededRandom() };
  const actor = 'test setup';
  await addGroup(deps, {
    planId: PLAN,
    actor,
    group: {
      name: 'CAMHS subgroup',
      cadence: 'quarterly',
      oversightBody: 'LSCP Executive',
      meetings: ['2025-02-12', '2025-05-14'],
    },
  });
  for (const actionId of ['2.1', '2.2', '2.3'])
    await setActionGroup(deps, { planId: PLAN, actionId, group: GROUP, actor });
  harness.stub.clear();
});

afterEach(async () => {
  await harness.close();
});

async function get(as: TestUser = COORDINATOR): Promise<{ status: number; body: TabRounds }> {
  const response = await fetch(`${harness.botUrl}${ROUNDS}`, { headers: { 'X-Local-User': as.email } });
  return { status: response.status, body: (await response.json()) as TabRounds };
}

async function post(
  path: string,
  body: unknown,
  as: TestUser = COORDINATOR,
): Promise<{ status: number; body: TabAdminResult }> {
  const response = await fetch(`${harness.botUrl}${ROUNDS}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Local-User': as.email },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TabAdminResult };
}

const cardsTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardText(cardOf(a)));

const roundsStored = () => harness.stores.rounds.list(PLAN);

async function update(user: TestUser, actionId: string): Promise<void> {
  const action = (await harness.stores.actions.get(PLAN, actionId))!.value;
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({
      user,
      verb: 'action.update',
      data: {
        planId: PLAN,
        actionId,
        version: String(action.revision ?? 0),
        rating: 'amber',
        note: 'On track',
      },
      serviceUrl: harness.stub.url,
    }),
  );
  expect(response.status).toBe(200);
}

describe('starting a round from the management page', () => {
  test('when a coordinator opens the section, then each group shows the response date its next meeting asks for', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const group = body.scopes.find((s) => s.group === GROUP)!;
    expect(group).toMatchObject({
      name: 'CAMHS subgroup',
      about: 'Reports to LSCP Executive; meets 12 Feb 2025, 14 May 2025.',
      askableLabel: '3 open actions with owners to ask',
      proposal: {
        responseDue: '2025-01-29',
        summary: 'Responses due 29 Jan 2025, 10 working days before the meeting on 12 Feb 2025',
        warnings: [],
      },
    });
    expect(group.proposal?.queued).toBeUndefined();
    // The actions in no group are a round of their own.
    expect(body.scopes.find((s) => s.group === '')?.name).toBe('Actions in no group');
  });

  test('when it is Saturday, then the proposal says when the requests will go', async () => {
    harness.clock.set('2025-01-18T11:00:00Z');
    const group = (await get()).body.scopes.find((s) => s.group === GROUP)!;
    expect(group.proposal?.queued).toBe(
      "Requests will go at 09:00 on Mon 20 Jan 2025, inside the plan's send window.",
    );
  });

  test('when a coordinator starts the group’s round on a Saturday response date, then it is flagged, and the owners are asked at once', async () => {
    const { status, body } = await post('', { group: GROUP, responseDue: '2025-02-01' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true });
    const message = (body as { message: string }).message;
    expect(message).toContain(
      'Round 1 (CAMHS subgroup) started: 3 actions, 2 owners, responses due 1 Feb 2025.',
    );
    expect(message).toContain('Check the response date: 1 Feb 2025 is a Saturday.');
    expect(message).toMatch(/Requests: \d+ sent/);
    const [round] = await roundsStored();
    expect(round).toMatchObject({ number: 1, status: 'open', groupId: GROUP, responseDue: '2025-02-01' });
    // The group's own actions only, and a card for each of the owner's two.
    expect(round!.requested.map((r) => r.actionId)).toEqual(['2.1', '2.2', '2.3']);
    expect(cardsTo(OWNER).filter((text) => text.includes('Round 1: please update action'))).toHaveLength(2);
    expect(cardsTo(OTHER_OWNER)).toHaveLength(0);
  });

  test.each([
    [{ group: GROUP, responseDue: '2025-01-10' }, 'responseDue', 'must be after today (15 Jan 2025)'],
    [{ group: 'no-such-group' }, 'group', 'no-such-group'],
    [{ group: GROUP, responseDue: 42 }, 'responseDue', 'must be text'],
  ])(
    'when the start is asked with %j, then it is refused on that field and no round starts',
    async (...[input, field, words]) => {
      const { status, body } = await post('', input);
      expect(status).toBe(400);
      const issues = (body as { issues: { field: string; reason: string }[] }).issues;
      expect(issues[0]).toMatchObject({ field });
      expect(issues.map((i) => i.reason).join(' ')).toContain(words);
      expect(await roundsStored()).toEqual([]);
      expect(harness.stub.activities).toHaveLength(0);
    },
  );

  test('when a lead or a stranger tries, then the lead is told only coordinators run rounds, the stranger (no one of any plan) is refused, and nothing starts', async () => {
    const lead = await post('', { group: GROUP }, LEAD);
    expect(lead.status).toBe(403);
    expect((lead.body as { error: string }).error).toMatch(/coordinator/i);
    const stranger = await post('', { group: GROUP }, STRANGER);
    // Local mode acts only as the plans' own people.
    expect(stranger.status).toBe(403);
    expect((await get(LEAD)).status).toBe(403);
    expect(await roundsStored()).toEqual([]);
  });
});

describe('a running round: status, chase, close and endorsement', () => {
  beforeEach(async () => {
    expect((await post('', { group: GROUP })).status).toBe(200);
    harness.stub.clear();
  });

  test('when one owner has answered, then the status shows answered and awaiting by agency, and what is outstanding', async () => {
    harness.clock.set('2025-01-16T10:00:00Z');
    await update(OWNER, '2.1');
    await update(OWNER, '2.2');
    const { scopes } = (await get()).body;
    const scope = scopes.find((s) => s.group === GROUP)!;
    expect(scope.proposal).toBeUndefined();
    // The group's round is not the other actions': they have had none, and can start their own.
    const ungrouped = scopes.find((s) => s.group === '')!;
    expect(ungrouped.open).toBeUndefined();
    expect(ungrouped.latestLabel).toBeUndefined();
    expect(ungrouped.proposal?.summary).toBe('Responses due 30 Jan 2025 (two weeks from today)');
    expect(scope.open).toMatchObject({
      number: 1,
      label: 'Round 1, opened 15 Jan 2025; responses due 29 Jan 2025 for the meeting on 12 Feb 2025',
      progressLabel: '2 of 3 answered; 1 awaiting',
      byAgency: [
        {
          agency: 'Integrated Care Board',
          answered: 2,
          awaiting: 1,
          waitingOn: ['CAMHS Service Manager (2.3)'],
        },
      ],
      outstanding: [{ actionId: '2.3', owners: 'CAMHS Service Manager' }],
    });
  });

  test('when a coordinator presses Chase now, then only owners still to answer are chased, once a step; outside the send window nothing goes', async () => {
    // The day the requests went, a chase would only repeat them (and use up the step): nothing goes.
    const sameDay = await post('/1/chase', {});
    expect((sameDay.body as { message: string }).message).toBe(
      'Nobody was chased: the requests for round 1 went out today. Chase from the next working day.',
    );
    expect(harness.stub.activities).toHaveLength(0);
    harness.clock.set('2025-01-16T10:00:00Z');
    await update(OWNER, '2.1');
    harness.stub.clear();
    const chased = await post('/1/chase', {});
    expect(chased.status).toBe(200);
    expect((chased.body as { message: string }).message).toMatch(
      /^Chased the owners still to answer round 1\./,
    );
    // The owner answered 2.1 but not 2.2: chased for 2.2 only.
    const texts = cardsTo(OWNER);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('please update action 2.2 by 29 Jan 2025');
    // The same step again: nobody is chased twice.
    harness.stub.clear();
    const again = await post('/1/chase', {});
    expect((again.body as { message: string }).message).toBe(
      'Nobody was chased: everyone still to answer round 1 has had this chase already.',
    );
    expect(harness.stub.activities).toHaveLength(0);
    // Saturday: nothing is sent, and the page says when it can be.
    harness.clock.set('2025-01-18T11:00:00Z');
    const weekend = await post('/1/chase', {});
    expect((weekend.body as { message: string }).message).toBe(
      "Nothing was sent: it is outside the plan's send window. Chase from 09:00 on Mon 20 Jan 2025.",
    );
    expect(harness.stub.activities).toHaveLength(0);
  });

  test('when a coordinator closes without confirming, then nothing closes; once confirmed, the round is frozen and the page offers endorsement', async () => {
    harness.clock.set('2025-01-30T10:00:00Z');
    const unconfirmed = await post('/1/close', {});
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.body as { issues: { field: string }[] }).issues[0]?.field).toBe('confirm');
    expect((await roundsStored())[0]?.status).toBe('open');

    const closed = await post('/1/close', { confirm: true });
    expect(closed.status).toBe(200);
    expect((closed.body as { message: string }).message).toBe(
      'Round 1 (CAMHS subgroup) closed: a snapshot of 3 actions, 0 updated during the round. Record its endorsement below once the oversight body has given it.',
    );
    const view = (await get()).body;
    expect(view.closed[0]).toMatchObject({
      number: 1,
      label: 'Round 1 (CAMHS subgroup), closed 30 Jan 2025',
      endorsed: false,
      oversightBody: 'LSCP Executive',
      closedOn: '2025-01-30',
    });
    expect(view.closed[0]?.governance).toMatch(/^Agreed by .+ on 30 Jan 2025\.$/);
    // Closed: a new round can be proposed again, and closing twice is refused.
    expect(view.scopes.find((s) => s.group === GROUP)?.latestLabel).toBe('Round 1 closed 30 Jan 2025');
    expect((await post('/1/close', { confirm: true })).status).toBe(400);
  });

  test('when the endorsement is recorded, then bad dates are refused by field and a good one names the body and the day', async () => {
    harness.clock.set('2025-01-30T10:00:00Z');
    await post('/1/close', { confirm: true });
    harness.clock.set('2025-02-13T10:00:00Z');
    const early = await post('/1/endorsement', { meeting: 'LSCP Executive', date: '2025-01-20' });
    expect(early.status).toBe(400);
    expect((early.body as { issues: { field: string; reason: string }[] }).issues).toEqual([
      {
        field: 'date',
        reason: 'is before round 1 closed (30 Jan 2025): a round is endorsed after it closes',
      },
    ]);
    const nobody = await post('/1/endorsement', { meeting: ' ', date: '2025-02-12' });
    expect((nobody.body as { issues: { field: string }[] }).issues[0]?.field).toBe('meeting');
    expect((await roundsStored())[0]?.endorsement).toBeUndefined();

    const endorsed = await post('/1/endorsement', { meeting: 'LSCP Executive', date: '2025-02-12' });
    expect(endorsed.status).toBe(200);
    expect((endorsed.body as { message: string }).message).toMatch(
      /^Round 1: Agreed by .+ on 30 Jan 2025; endorsed by the LSCP Executive on 12 Feb 2025\.$/,
    );
    expect((await get()).body.closed[0]).toMatchObject({ endorsed: true });
  });
});
