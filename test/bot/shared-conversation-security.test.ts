/**
 * In a group chat or channel everyone present reads the answer: the "summary and help only" rule holds on
 * every path (card verbs in a message's value, the welcome card), and leaving a team touches nothing of
 * the person's one-to-one chat.
 */
import {
  channelThread,
  groupChat,
  installationUpdate,
  teamsCardExecute,
  teamsCardSubmit,
} from '../support/activities';
import { type BotHarness, COORDINATOR, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness();
});

afterEach(async () => {
  await harness.close();
});

async function post(activity: object): Promise<string> {
  const before = harness.stub.activities.length;
  const answer = await postActivity(harness.botUrl, activity);
  expect(answer.status).toBe(200);
  return cardText(cardOf((await harness.stub.waitForActivities(before + 1))[before]));
}

test('when a card verb arrives as a message value in a group chat, then the action card is not posted to everyone', async () => {
  await harness.say(OWNER, 'help');
  const text = await post(
    teamsCardSubmit({
      user: OWNER,
      serviceUrl: harness.stub.url,
      scope: groupChat(),
      value: { verb: 'action.refresh', planId: PLAN, actionId: '2.1' },
    }),
  );
  expect(text).toContain('one-to-one chat');
  expect(text).not.toContain('2.1');
});

test.each([
  ['a group chat', () => groupChat()],
  ['a channel', () => channelThread()],
])(
  'when a card button (Action.Execute) is pressed in %s, then the answer is the same as for Submit: ask me in a one-to-one chat',
  async (...[, scope]: [string, () => ReturnType<typeof groupChat>]) => {
    await harness.say(OWNER, 'help');
    const answer = await postActivity(
      harness.botUrl,
      teamsCardExecute({
        user: OWNER,
        serviceUrl: harness.stub.url,
        scope: scope(),
        verb: 'action.refresh',
        data: { planId: PLAN, actionId: '2.1' },
      }),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as { statusCode: number; value: object };
    expect(body.statusCode).toBe(200);
    const text = cardText(body.value);
    expect(text).toContain('one-to-one chat');
    expect(text).not.toContain('2.1');
  },
);

const GENERIC_WELCOME =
  'Action Tracker helps this team\'s partnership keep its action plan moving. Say "summary" here for the plan\'s figures; ask me anything else in a one-to-one chat.';

test.each([
  ['a channel', () => channelThread()],
  ['a group chat', () => groupChat()],
])(
  'when the app is installed in %s, then the welcome is generic and names no one, no plans and no roles',
  async (...[_where, scope]: [string, () => ReturnType<typeof groupChat>]) => {
    const text = await post(
      installationUpdate({
        user: COORDINATOR,
        serviceUrl: harness.stub.url,
        scope: scope(),
        action: 'add',
      }),
    );
    expect(text).toContain(GENERIC_WELCOME);
    expect(text).not.toContain('Leeds');
    expect(text).not.toContain(COORDINATOR.name.split(' ')[0]!);
    expect(text).not.toMatch(
      /you are (a |the )?(coordinator|lead|owner)|not named in any plan|where you are/i,
    );
  },
);

test('when the app is removed from a team, then the person’s one-to-one chat and reminders are kept', async () => {
  await harness.say(OWNER, 'help');
  const before = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
  expect(before.conversationReference).toBeDefined();
  const answer = await postActivity(
    harness.botUrl,
    installationUpdate({
      user: OWNER,
      serviceUrl: harness.stub.url,
      scope: channelThread(),
      action: 'remove',
    }),
  );
  expect(answer.status).toBe(200);
  const after = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
  expect(after.conversationReference).toEqual(before.conversationReference);
  expect(after.unreachableSince).toBeUndefined();
});
