import { installationUpdate, membersAdded, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

afterEach(async () => {
  await harness.close();
});

describe('install and uninstall', () => {
  beforeEach(async () => {
    harness = await startBotHarness();
  });

  test('when an owner installs the app, then they are greeted once with their plans and their chat is remembered', async () => {
    const { stub, botUrl, stores } = harness;
    await postActivity(botUrl, membersAdded({ user: OWNER, serviceUrl: stub.url }));
    await postActivity(botUrl, installationUpdate({ user: OWNER, action: 'add', serviceUrl: stub.url }));
    const replies = await stub.waitForActivities(1);
    expect(replies).toHaveLength(1);
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Hello Chris');
    expect(text).toContain('Leeds JTAI: serious youth violence (demo)');
    expect(text).toContain('Owner of 2 open actions');
    const user = (await stores.users.get(OWNER.aadObjectId))!.value;
    expect(user.email).toBe('icb.camhs@example.org');
    expect(user.conversationReference).toMatchObject({
      serviceUrl: stub.url,
      conversation: { conversationType: 'personal' },
      user: { aadObjectId: OWNER.aadObjectId },
    });
    expect(user.unreachableSince).toBeUndefined();
  });

  test('when a coordinator installs the app, then the greeting names their role', async () => {
    await postActivity(
      harness.botUrl,
      installationUpdate({ user: COORDINATOR, action: 'add', serviceUrl: harness.stub.url }),
    );
    const text = cardText(cardOf((await harness.stub.waitForActivities(1))[0]));
    expect(text).toContain('Hello Pat');
    expect(text).toContain('Coordinator');
  });

  test('when a new coordinator installs the app, then the welcome links to the dashboard, where they run the plan; an owner’s does not', async () => {
    const { stub, botUrl } = harness;
    await postActivity(
      botUrl,
      installationUpdate({ user: COORDINATOR, action: 'add', serviceUrl: stub.url }),
    );
    await postActivity(botUrl, installationUpdate({ user: OWNER, action: 'add', serviceUrl: stub.url }));
    const [coordinator, owner] = (await stub.waitForActivities(2)).map(cardOf);
    const openUrls = (card: typeof coordinator) =>
      ((card?.actions ?? []) as { type: string; title: string; url?: string }[]).filter(
        (a) => a.type === 'Action.OpenUrl',
      );
    expect(openUrls(coordinator)).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Run Leeds JTAI: serious youth violence (demo) in the dashboard',
        url: `${botUrl}/tab?plan=demo-leeds-syv`,
      },
    ]);
    expect(openUrls(owner)).toEqual([]);
  });

  test('when an owner uninstalls the app, then their chat is forgotten and owners shows them unreachable', async () => {
    const { stub, botUrl, stores, clock } = harness;
    await postActivity(botUrl, installationUpdate({ user: OWNER, action: 'add', serviceUrl: stub.url }));
    clock.set('2025-01-16T10:00:00Z');
    await postActivity(botUrl, installationUpdate({ user: OWNER, action: 'remove', serviceUrl: stub.url }));
    const user = (await stores.users.get(OWNER.aadObjectId))!.value;
    expect(user.conversationReference).toBeUndefined();
    expect(user.unreachableSince).toBe('2025-01-16T10:00:00.000Z');
    await postActivity(botUrl, teamsMessage({ user: COORDINATOR, text: 'owners', serviceUrl: stub.url }));
    const owners = cardText(cardOf((await stub.waitForActivities(2))[1]));
    expect(owners).toContain('0 of 10 owners can be reached');
    expect(owners).toMatch(
      /ICB Children's Mental Health Commissioner.*removed Action Tracker or blocked it on 16 Jan 2025/,
    );
  });

  test('when the roster lookup fails, then the remembered e-mail is used and the bot still answers', async () => {
    const { stub, botUrl } = harness;
    await postActivity(botUrl, teamsMessage({ user: OWNER, text: 'mine', serviceUrl: stub.url }));
    stub.members.delete(OWNER.id);
    await postActivity(botUrl, teamsMessage({ user: OWNER, text: 'mine', serviceUrl: stub.url }));
    const replies = await stub.waitForActivities(2);
    expect(cardText(cardOf(replies[1]))).toContain('Your open actions');
  });

  test('when Teams will not give an e-mail address, then the person is told plainly', async () => {
    const { stub, botUrl } = harness;
    stub.members.delete(OWNER.id);
    await postActivity(botUrl, teamsMessage({ user: OWNER, text: 'mine', serviceUrl: stub.url }));
    expect(cardText(cardOf((await stub.waitForActivities(1))[0]))).toContain(
      "I don't know your e-mail address yet",
    );
  });
});

describe('tenant allow-list', () => {
  test('when an activity comes from a tenant not on the list, then it is refused politely and nothing is stored', async () => {
    harness = await startBotHarness({ allowedTenants: ['0b6e7c1a-0000-4000-8000-000000000000'] });
    const { stub, botUrl, stores } = harness;
    const response = await postActivity(
      botUrl,
      teamsMessage({ user: OWNER, text: 'mine', serviceUrl: stub.url }),
    );
    expect(response.status).toBe(200);
    const [reply] = await stub.waitForActivities(1);
    expect(reply!.activity.text).toBe(
      "Sorry, Action Tracker isn't available to your organisation. Please contact your Teams administrator.",
    );
    expect(await stores.users.get(OWNER.aadObjectId)).toBeUndefined();
    expect(stub.requests.filter((r) => r.method === 'GET')).toEqual([]);
  });

  test('when the tenant is on the list, then the bot answers as usual', async () => {
    harness = await startBotHarness({ allowedTenants: [OWNER.tenantId] });
    await postActivity(
      harness.botUrl,
      teamsMessage({ user: OWNER, text: 'mine', serviceUrl: harness.stub.url }),
    );
    expect(cardText(cardOf((await harness.stub.waitForActivities(1))[0]))).toContain('Your open actions');
  });
});
