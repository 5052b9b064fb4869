/**
 * Moderation through the card (issue 15): real Activity JSON to /api/messages with the Bot Connector
 * stub. An owner's rating is a proposal; a moderator agrees it or sets another, with commentary; the
 * access policy decides who may; a card drawn before the owner changed the action agrees nothing.
 */
import { TENANT_ID, type TestUser, teamsCardExecute, teamsCardSubmit } from '../support/activities';
import { type BotHarness, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { type Card, cardButtons, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
const CHAIR: TestUser = {
  id: '29:chair',
  name: 'Sam Chair',
  aadObjectId: '66666666-6666-4666-8666-666666666666',
  email: 'sce.chair@example.org',
  userPrincipalName: 'sce.chair@example.org',
  givenName: 'Sam',
  surname: 'Chair',
  tenantId: TENANT_ID,
  userRole: 'user',
};

let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
  harness.stub.members.set(CHAIR.id, CHAIR);
  const { grantRoleAs } = await import('../../src/usecases/people/people-service');
  const { operatorActor } = await import('../../src/usecases/shared/actor');
  await grantRoleAs({ stores: harness.stores, clock: harness.clock }, operatorActor('test'), {
    planId: PLAN,
    email: CHAIR.email,
    role: 'moderator',
  });
});

afterEach(async () => {
  await harness.close();
});

async function version(actionId: string): Promise<string> {
  return String((await harness.stores.actions.get(PLAN, actionId))!.value.revision ?? 0);
}

async function press(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> {
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({ user, verb, data: { planId: PLAN, ...data }, serviceUrl: harness.stub.url }),
  );
  expect(response.status).toBe(200);
  return (response.body as { value: Card }).value;
}

async function ownerProposes(rating: string, note: string): Promise<void> {
  const card = await press(OWNER, 'action.update', {
    actionId: '2.1',
    version: await version('2.1'),
    rating,
    note,
  });
  expect(cardText(card)).toContain('Updated by Chris Commissioner');
}

const stored = async () => (await harness.stores.actions.get(PLAN, '2.1'))!.value;

describe('moderating from the card', () => {
  test('when a moderator asks for the next proposal, then the card shows proposal, note, flags and agree / change', async () => {
    await ownerProposes('amber', 'Trajectory drafted; ICB board signs off next month.');
    const card = await harness.say(CHAIR, 'moderate 2.1');
    const text = cardText(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain('Moderate action 2.1');
    expect(text).toContain('Proposed: Amber, not yet agreed');
    expect(text).toContain(
      'Owner’s note (not published): Trajectory drafted; ICB board signs off next month.',
    );
    const titles = cardButtons(card).map((b) => b.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Agree Amber as proposed', 'Change to the chosen rating']),
    );
    // Universal Actions, with the Action.Submit fallback for older clients.
    const actions = card.actions as {
      type: string;
      verb?: string;
      fallback?: { type: string; data: { verb: string } };
    }[];
    const agree = actions.find((a) => a.verb === 'rating.agree')!;
    expect(agree.type).toBe('Action.Execute');
    expect(agree.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'rating.agree' } });
  });

  test('when the moderator changes the rating with commentary, then both are kept and the history records it', async () => {
    await ownerProposes('amber', 'Trajectory drafted.');
    harness.clock.set('2025-01-15T11:00:00Z');
    const card = await press(CHAIR, 'rating.change', {
      actionId: '2.1',
      version: await version('2.1'),
      rating: 'red',
      commentary: 'Waits remain above target; the subgroup rates this red until the board signs off.',
    });
    expect(cardText(card)).toContain('Agreed Red (the owner proposed Amber).');
    const action = await stored();
    expect(action.rating).toBe('amber');
    expect(action.agreed).toMatchObject({
      rating: 'red',
      proposal: 'amber',
      commentary: 'Waits remain above target; the subgroup rates this red until the board signs off.',
      agreedBy: { name: 'Sam Chair', email: CHAIR.email },
      agreedAt: '2025-01-15T11:00:00.000Z',
    });
    const [agreement, proposal] = await harness.stores.history.listForAction(PLAN, '2.1', 2);
    expect(agreement).toMatchObject({
      agreement: { rating: 'red', proposal: 'amber' },
      author: { name: 'Sam Chair', aadObjectId: CHAIR.aadObjectId },
      source: 'card',
    });
    expect(proposal).toMatchObject({ newRating: 'amber', author: { name: 'Chris Commissioner' } });
    // Reports count the agreed rating, not the proposal, and print the commentary.
    const { draftProgressReport } = await import('../../src/usecases/reports/build-progress-report');
    const report = await draftProgressReport(harness.stores, PLAN, harness.clock.now());
    const row = report.areas.flatMap((a) => a.rows).find((r) => r.id === '2.1');
    expect(row).toMatchObject({ rating: 'red', ratingNote: 'Agreed; the owner proposed Amber' });
    expect(row?.commentary).toContain('the subgroup rates this red');
    expect(report.quadrants.find((q) => q.rating === 'red')?.actions.map((a) => a.actionId)).toContain('2.1');
  });

  test('when someone who is not a moderator or coordinator presses agree, then they are refused and nothing changes', async () => {
    await ownerProposes('amber', 'Trajectory drafted.');
    const before = await stored();
    for (const user of [LEAD, OWNER]) {
      const card = await press(user, 'rating.agree', {
        actionId: '2.1',
        version: await version('2.1'),
        commentary: 'Looks fine.',
      });
      expect(cardText(card)).toContain('Only the plan’s moderators and coordinators can agree ratings.');
    }
    expect(await stored()).toEqual(before);
    expect(cardText(await harness.say(LEAD, 'moderate'))).toContain('For moderators and coordinators');
  });

  test('when the owner changed the action after the card was drawn, then nothing is agreed and the new proposal is shown', async () => {
    await ownerProposes('amber', 'Trajectory drafted.');
    const seen = await version('2.1');
    await ownerProposes('green', 'Signed off early.');
    const card = await press(CHAIR, 'rating.agree', {
      actionId: '2.1',
      version: seen,
      commentary: 'Agreed.',
    });
    const text = cardText(card);
    expect(text).toContain('changed after this card was drawn');
    expect(text).toContain('Proposed: Green, not yet agreed');
    expect((await stored()).agreed).toBeUndefined();
  });

  test('when the commentary is missing, then nothing is saved and the card says what is needed', async () => {
    await ownerProposes('amber', 'Trajectory drafted.');
    const card = await press(CHAIR, 'rating.agree', {
      actionId: '2.1',
      version: await version('2.1'),
      commentary: ' ',
    });
    expect(cardText(card)).toContain('commentary: is required: it is what the paper says');
    expect((await stored()).agreed).toBeUndefined();
  });

  test('when an older client sends the Action.Submit fallback, then the proposal is agreed as it stands', async () => {
    await ownerProposes('amber', 'Trajectory drafted.');
    harness.stub.clear();
    const response = await postActivity(
      harness.botUrl,
      teamsCardSubmit({
        user: CHAIR,
        serviceUrl: harness.stub.url,
        value: {
          verb: 'rating.agree',
          planId: PLAN,
          actionId: '2.1',
          version: await version('2.1'),
          rating: 'green',
          commentary: 'Trajectory in place; on track.',
        },
      }),
    );
    expect(response.status).toBeLessThan(300);
    const reply = cardOf(harness.stub.activities.at(-1));
    expect(cardText(reply)).toContain('Agreed Amber as proposed.');
    // "Agree as proposed" ignores the rating chosen in the list: only "Change" uses it.
    expect((await stored()).agreed).toMatchObject({ rating: 'amber', proposal: 'amber' });
  });
});
