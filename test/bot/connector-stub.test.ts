import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type InvokeResponse,
  type TeamsChannelAccount,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorClient as ConnectorClientClass,
  MicrosoftAppCredentials,
} from 'botframework-connector';
import express from 'express';
import {
  BOT_ACCOUNT,
  channelThread,
  GRACE,
  installationUpdate,
  membersAdded,
  PRIYA,
  personalChat,
  TEAM_AAD_GROUP_ID,
  TEAM_ID,
  TOM,
  teamsCardExecute,
  teamsCardSubmit,
  teamsMentionMessage,
  teamsMessage,
} from '../support/activities';
import { type ConnectorStub, startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';

/** What a failed connector call rejects with in botbuilder 4.23.3 (a @azure/core-rest-pipeline RestError). */
interface RestErrorLike {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
  details?: unknown;
  body?: unknown;
}

/** Exactly how CloudAdapter builds its ConnectorClient for a turn when there is no app id. */
async function anonymousConnector(serviceUrl: string): Promise<ConnectorClient> {
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const factory = auth.createConnectorFactory(
    new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType),
  );
  return factory.create(serviceUrl, AuthenticationConstants.ToChannelFromBotOAuthScope);
}

async function rejection(promise: Promise<unknown>): Promise<RestErrorLike> {
  try {
    await promise;
  } catch (error) {
    return error as RestErrorLike;
  }
  throw new Error('expected the call to fail');
}

let stub: ConnectorStub;

beforeAll(async () => {
  stub = await startConnectorStub({
    members: [PRIYA, TOM],
    teams: { [TEAM_ID]: { name: 'Northshire Partnership', aadGroupId: TEAM_AAD_GROUP_ID } },
  });
});

afterEach(() => stub.clear());

afterAll(async () => {
  await stub.close();
});

describe('the connector stub, called by botbuilder’s own ConnectorClient without credentials', () => {
  const channelConversation = channelThread({ rootMessageId: '1714550400000' }).conversation.id;
  let client: ConnectorClient;

  beforeAll(async () => {
    client = await anonymousConnector(stub.url);
  });

  test('its url is http://127.0.0.1:PORT/ with the trailing slash Teams service URLs have', () => {
    expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('replyToActivity lands on POST /v3/conversations/{id}/activities/{replyToId}, ids decoded, no Authorization', async () => {
    const response = await client.conversations.replyToActivity(channelConversation, '1714550400000', {
      type: ActivityTypes.Message,
      text: 'hello',
      replyToId: '1714550400000',
    });

    expect(stub.activities).toHaveLength(1);
    const [reply] = stub.activities;
    expect(reply).toMatchObject({
      operation: 'replyToActivity',
      conversationId: '19:2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b@thread.tacv2;messageid=1714550400000',
      replyToId: '1714550400000',
      activity: { type: 'message', text: 'hello', replyToId: '1714550400000' },
      authorization: undefined,
    });
    expect(response.id).toBe(reply?.id);
    const [request] = stub.requests;
    // The SDK percent-encodes ':' '@' ';' '=' in the path and repeats the raw id in x-ms-conversation-id.
    expect(request?.url).toBe(
      '/v3/conversations/19%3A2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b%40thread.tacv2%3Bmessageid%3D1714550400000/activities/1714550400000',
    );
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      accept: '*/*',
      'x-ms-conversation-id': channelConversation,
    });
    expect(request?.headers['user-agent']).toContain(
      'Microsoft-BotFramework/3.1 botframework-connector/4.23.3',
    );
    expect(request?.headers.authorization).toBeUndefined();
  });

  test('sendToConversation, updateActivity and deleteActivity are recorded separately', async () => {
    const conversationId = personalChat(PRIYA).conversation.id;
    const sent = await client.conversations.sendToConversation(conversationId, {
      type: ActivityTypes.Message,
      text: 'reminder',
    });
    await client.conversations.updateActivity(conversationId, sent.id, {
      type: ActivityTypes.Message,
      id: sent.id,
      text: 'reminder (done)',
    });
    await client.conversations.deleteActivity(conversationId, sent.id);

    expect(stub.activities).toEqual([
      expect.objectContaining({
        operation: 'sendToConversation',
        conversationId,
        id: sent.id,
        activity: { type: 'message', text: 'reminder' },
      }),
    ]);
    expect(stub.activities[0]?.replyToId).toBeUndefined();
    expect(stub.updates).toEqual([
      {
        conversationId,
        activityId: sent.id,
        activity: { type: 'message', id: sent.id, text: 'reminder (done)' },
        authorization: undefined,
      },
    ]);
    expect(stub.deletes).toEqual([{ conversationId, activityId: sent.id, authorization: undefined }]);
    expect(stub.requests.map((r) => `${r.method} ${r.operation} ${r.status}`)).toEqual([
      'POST sendToConversation 201',
      'PUT updateActivity 200',
      'DELETE deleteActivity 200',
    ]);
  });

  test('the SDK serialiser drops activity properties that are not in the Activity schema', async () => {
    await client.conversations.sendToConversation('a:1', {
      type: ActivityTypes.Message,
      text: 'x',
      channelData: { notification: { alert: true } },
      notAnActivityField: 'dropped',
    } as never);
    expect(stub.activities[0]?.activity).toEqual({
      type: 'message',
      text: 'x',
      channelData: { notification: { alert: true } },
    });
  });

  test('getConversationMember returns the seeded member, by 29: id or AAD object id', async () => {
    const conversationId = personalChat(PRIYA).conversation.id;
    const byId = await client.conversations.getConversationMember(conversationId, PRIYA.id);
    const byAad = await client.conversations.getConversationMember(conversationId, TOM.aadObjectId);

    expect(byId).toMatchObject({ ...PRIYA });
    expect(byAad).toMatchObject({ id: TOM.id, email: TOM.email });
    expect(stub.requests[0]).toMatchObject({
      operation: 'getConversationMember',
      params: { conversationId, memberId: PRIYA.id },
    });
  });

  test('an unknown member is a 404 RestError with the Bot Framework error code on err.code (not err.body)', async () => {
    const error = await rejection(client.conversations.getConversationMember('a:1', GRACE.id));

    expect(error).toMatchObject({
      name: 'RestError',
      statusCode: 404,
      code: 'MemberNotFoundInConversation',
      message: 'Member not found in conversation.',
      details: {
        error: { code: 'MemberNotFoundInConversation', message: 'Member not found in conversation.' },
      },
    });
    expect(error.body).toBeUndefined();
  });

  test('member lists: /members gives objectId, /pagedmembers pages with a continuation token', async () => {
    const all = await client.conversations.getConversationMembers('a:1');
    expect(all.map((m) => [m.id, (m as { objectId?: string }).objectId])).toEqual([
      [PRIYA.id, PRIYA.aadObjectId],
      [TOM.id, TOM.aadObjectId],
    ]);

    const first = await client.conversations.getConversationPagedMembers('a:1', {
      pageSize: 1,
      continuationToken: undefined as unknown as string,
    });
    expect(first.members?.map((m) => m.id)).toEqual([PRIYA.id]);
    expect(first.continuationToken).toBeDefined();
    const second = await client.conversations.getConversationPagedMembers('a:1', {
      pageSize: 1,
      continuationToken: first.continuationToken,
    });
    expect(second.members?.map((m) => m.id)).toEqual([TOM.id]);
    expect(second.continuationToken).toBeUndefined();
    expect(stub.requests[1]?.query).toEqual({ pageSize: '1' });
  });

  test('createConversation opens one 1:1 chat per user and records the parameters', async () => {
    const parameters = {
      isGroup: false,
      bot: { ...BOT_ACCOUNT },
      members: [{ id: GRACE.id, name: '' }],
      tenantId: GRACE.tenantId,
      channelData: { tenant: { id: GRACE.tenantId } },
    };
    const first = await client.conversations.createConversation(parameters);
    const again = await client.conversations.createConversation(parameters);

    expect(first.id).toMatch(/^a:1/);
    expect(again.id).toBe(first.id);
    expect(stub.createdConversations).toHaveLength(2);
    expect(stub.createdConversations[0]).toMatchObject({
      id: first.id,
      parameters: { isGroup: false, members: [{ id: GRACE.id }], tenantId: GRACE.tenantId },
      authorization: undefined,
    });
    expect(stub.activities).toEqual([]);
  });

  test('createConversation with an initial activity (a new channel post) records the post', async () => {
    const created = await client.conversations.createConversation({
      isGroup: true,
      channelData: { channel: { id: '19:plan@thread.tacv2' } },
      activity: { type: ActivityTypes.Message, text: 'Weekly summary' },
    } as never);

    expect(created.activityId).toBeDefined();
    expect(created.id).toBe(`19:plan@thread.tacv2;messageid=${created.activityId}`);
    expect(stub.activities).toEqual([
      expect.objectContaining({
        operation: 'createConversation',
        conversationId: created.id,
        id: created.activityId,
        activity: { type: 'message', text: 'Weekly summary' },
      }),
    ]);
  });

  test('failNext(403): the SDK does not retry; the call rejects and nothing is recorded', async () => {
    stub.failNext(403);
    const error = await rejection(
      client.conversations.sendToConversation('a:1', { type: 'message', text: 'x' }),
    );

    expect(error).toMatchObject({ name: 'RestError', statusCode: 403, code: 'ConversationBlockedByUser' });
    expect(stub.activities).toEqual([]);
    expect(stub.requests.map((r) => [r.status, r.injectedFailure])).toEqual([[403, true]]);

    await client.conversations.sendToConversation('a:1', { type: 'message', text: 'y' });
    expect(stub.activities).toHaveLength(1);
  });

  test('failNext does not consume GET look-ups unless asked to', async () => {
    stub.failNext(404, 1, {}, { only: ['getConversationMember'] });
    await client.conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
    const error = await rejection(client.conversations.getConversationMember('a:1', PRIYA.id));
    expect(error.statusCode).toBe(404);
    expect(await client.conversations.getConversationMember('a:1', PRIYA.id)).toMatchObject({ id: PRIYA.id });
  });

  test('429 with Retry-After is retried by the SDK itself, up to 3 times', async () => {
    stub.failNext(429, 1, { 'Retry-After': '0' });
    await client.conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
    expect(stub.requests.map((r) => r.status)).toEqual([429, 201]);
    expect(stub.activities).toHaveLength(1);

    stub.clear();
    stub.failNext(429, 4, { 'Retry-After': '0' });
    const error = await rejection(
      client.conversations.sendToConversation('a:1', { type: 'message', text: 'y' }),
    );
    expect(error).toMatchObject({ statusCode: 429, code: 'Throttled' });
    expect(stub.requests.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(stub.activities).toEqual([]);
  });

  test('a 5xx without Retry-After is retried after an exponential back-off of about a second', async () => {
    stub.failNext(502);
    const started = Date.now();
    await client.conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(stub.requests.map((r) => r.status)).toEqual([502, 201]);
  });

  test('a custom error body is passed through to the RestError', async () => {
    stub.failNext(
      403,
      1,
      {},
      { body: { error: { code: 'BotNotInConversationRoster', message: 'Not in roster.' } } },
    );
    const error = await rejection(
      client.conversations.replyToActivity('a:1', '1', { type: 'message', text: 'x' }),
    );
    expect(error).toMatchObject({
      statusCode: 403,
      code: 'BotNotInConversationRoster',
      message: 'Not in roster.',
    });
  });

  test('invalid JSON is a 400 and unknown routes a 404, both with Bot Framework error bodies', async () => {
    const bad = await fetch(`${stub.url}v3/conversations/a%3A1/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BadSyntax' } });

    const missingType = await fetch(`${stub.url}v3/conversations/a%3A1/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text": "no type"}',
    });
    expect(missingType.status).toBe(400);

    const unknown = await fetch(`${stub.url}v1/meetings/m1/participants/p1`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NotFound' } });
    expect(stub.requests.map((r) => [r.operation, r.status])).toEqual([
      ['sendToConversation', 400],
      ['sendToConversation', 400],
      ['unknown', 404],
    ]);
    expect(stub.activities).toEqual([]);
  });

  test('a service URL with a path (like https://smba.trafficmanager.net/emea/) keeps its path', async () => {
    const emea = await startConnectorStub({ basePath: 'emea' });
    try {
      expect(emea.url).toMatch(/\/emea\/$/);
      const emeaClient = await anonymousConnector(emea.url);
      await emeaClient.conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
      // Without the trailing slash too: the SDK joins with exactly one '/'.
      const noSlash = await anonymousConnector(emea.url.replace(/\/$/, ''));
      await noSlash.conversations.sendToConversation('a:1', { type: 'message', text: 'y' });
      expect(emea.requests.map((r) => r.url)).toEqual([
        '/emea/v3/conversations/a%3A1/activities',
        '/emea/v3/conversations/a%3A1/activities',
      ]);
      const outside = await fetch(emea.url.replace('/emea/', '/v3/conversations/a%3A1/activities'), {
        method: 'POST',
        body: '{"type":"message"}',
      });
      expect(outside.status).toBe(404);
    } finally {
      await emea.close();
    }
  });

  test('a plain new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri }) behaves the same', async () => {
    const plain = new ConnectorClientClass(MicrosoftAppCredentials.Empty, { baseUri: stub.url });
    await plain.conversations.sendToConversation('a:1', { type: 'message', text: 'x' });
    expect(stub.activities[0]).toMatchObject({ conversationId: 'a:1', authorization: undefined });
  });

  test('waitForActivities resolves as activities arrive and explains a timeout', async () => {
    const waiting = stub.waitForActivities(2, 2000);
    await client.conversations.sendToConversation('a:1', { type: 'message', text: 'one' });
    setTimeout(() => {
      void client.conversations.sendToConversation('a:1', { type: 'message', text: 'two' });
    }, 20);
    await expect(waiting).resolves.toHaveLength(2);

    await expect(stub.waitForActivities(3, 50)).rejects.toThrow(
      /expected at least 3 activities within 50 ms, got 2\.[\s\S]*sendToConversation message to a:1: "one"[\s\S]*"two"/,
    );
  });
});

describe('a CloudAdapter bot with no app id, over HTTP, replying to the stub', () => {
  type Logic = (context: TurnContext) => Promise<void>;
  let logic: Logic = async () => {};
  const turnErrors: unknown[] = [];
  let server: Server;
  let botUrl: string;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    // No MicrosoftAppId: authentication disabled, inbound requests need no token, outbound calls carry none.
    adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
    const app = express();
    app.use(express.json());
    app.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, (context) => logic(context));
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    turnErrors.length = 0;
    logic = async () => {};
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a personal message: the reply goes to replyToActivity and TeamsInfo.getMember returns the seeded e-mail', async () => {
    let member: TeamsChannelAccount | undefined;
    logic = async (context) => {
      await context.sendActivity('hi');
      member = await TeamsInfo.getMember(context, context.activity.from.id);
    };
    const activity = teamsMessage({ text: 'my actions', user: PRIYA, serviceUrl: stub.url });

    const response = await postActivity(botUrl, activity);

    // CloudAdapter.process answers only after the turn, so the reply is already recorded.
    expect(response).toMatchObject({ status: 200, body: undefined });
    expect(turnErrors).toEqual([]);
    expect(stub.activities).toHaveLength(1);
    const [reply] = stub.activities;
    expect(reply).toMatchObject({
      operation: 'replyToActivity',
      conversationId: activity.conversation.id,
      replyToId: activity.id,
      authorization: undefined,
      activity: {
        type: 'message',
        text: 'hi',
        replyToId: activity.id,
        channelId: 'msteams',
        serviceUrl: stub.url,
        locale: 'en-GB',
        conversation: activity.conversation,
        from: activity.recipient,
        recipient: activity.from,
      },
    });
    expect(member).toMatchObject({
      id: PRIYA.id,
      email: PRIYA.email,
      userPrincipalName: PRIYA.userPrincipalName,
    });
    expect(stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`,
      `GET /v3/conversations/${encodeURIComponent(activity.conversation.id)}/members/${encodeURIComponent(PRIYA.id)}`,
    ]);
    expect(stub.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  test('an inbound Authorization header is ignored when there is no app id', async () => {
    logic = async (context) => {
      await context.sendActivity('still fine');
    };
    const response = await postActivity(
      botUrl,
      teamsMessage({ text: 'x', user: TOM, serviceUrl: stub.url }),
      {
        authorization: 'Bearer not-a-real-token',
      },
    );
    expect(response.status).toBe(200);
    expect(stub.activities[0]?.authorization).toBeUndefined();
  });

  test('an Action.Execute invoke is answered in the HTTP response body, not through the connector', async () => {
    logic = async (context) => {
      const value = context.activity.value as { action: { verb: string; data: { actionId: string } } };
      const invokeResponse: InvokeResponse = {
        status: 200,
        body: {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: `${value.action.verb} ${value.action.data.actionId}`,
        },
      };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: invokeResponse });
    };
    const activity = teamsCardExecute({
      verb: 'markComplete',
      data: { actionId: '1.2' },
      user: PRIYA,
      serviceUrl: stub.url,
      replyToId: '1714554000001',
    });
    expect(activity).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: 'markComplete', data: { actionId: '1.2' } },
        trigger: 'manual',
      },
    });

    const response = await postActivity(botUrl, activity);

    expect(response).toMatchObject({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'markComplete 1.2',
      },
    });
    expect(stub.requests).toEqual([]);
  });

  test('an invoke the bot does not answer gets 501 Not Implemented', async () => {
    const response = await postActivity(
      botUrl,
      teamsCardExecute({ verb: 'noSuchVerb', user: PRIYA, serviceUrl: stub.url }),
    );
    expect(response.status).toBe(501);
  });

  test('an Action.Submit arrives as a message with value and no text; the bot can update the card', async () => {
    let seen: { text?: string; value?: unknown; replyToId?: string } = {};
    logic = async (context) => {
      seen = {
        text: context.activity.text,
        value: context.activity.value,
        replyToId: context.activity.replyToId,
      };
      await context.updateActivity({
        id: context.activity.replyToId,
        type: 'message',
        text: 'Thanks, recorded.',
      });
    };
    const activity = teamsCardSubmit({
      value: { verb: 'rate', actionId: '1.2', rating: 'amber' },
      user: TOM,
      serviceUrl: stub.url,
      replyToId: '1714554000042',
    });

    const response = await postActivity(botUrl, activity);

    expect(response.status).toBe(200);
    expect(seen).toEqual({
      text: undefined,
      value: { verb: 'rate', actionId: '1.2', rating: 'amber' },
      replyToId: '1714554000042',
    });
    expect(stub.updates).toEqual([
      expect.objectContaining({
        conversationId: activity.conversation.id,
        activityId: '1714554000042',
        activity: expect.objectContaining({ id: '1714554000042', text: 'Thanks, recorded.' }),
      }),
    ]);
  });

  test('an @mention in a group chat: the mention entity matches, getMember asks the chat itself', async () => {
    let stripped: string | undefined;
    logic = async (context) => {
      stripped = TurnContext.removeRecipientMention(context.activity)?.trim();
      await TeamsInfo.getMember(context, context.activity.from.id);
      await context.sendActivity('summary coming up');
    };
    const activity = teamsMentionMessage({ text: 'summary', user: PRIYA, serviceUrl: stub.url });
    expect(activity.conversation).toMatchObject({ isGroup: true, conversationType: 'groupChat' });
    expect(activity.entities?.[0]).toEqual({
      type: 'mention',
      text: '<at>Action Tracker</at>',
      mentioned: { id: BOT_ACCOUNT.id, name: 'Action Tracker' },
    });

    expect((await postActivity(botUrl, activity)).status).toBe(200);

    expect(stripped).toBe('summary');
    expect(stub.requests.map((r) => [r.operation, r.params.conversationId])).toEqual([
      ['getConversationMember', activity.conversation.id],
      ['replyToActivity', activity.conversation.id],
    ]);
  });

  test('an @mention in a team channel: getMember asks the team roster, the reply goes to the thread', async () => {
    let text: string | undefined;
    let member: TeamsChannelAccount | undefined;
    let team: { name?: string; aadGroupId?: string } | undefined;
    logic = async (context) => {
      text = context.activity.text;
      const stripped = TurnContext.removeRecipientMention(context.activity);
      member = await TeamsInfo.getMember(context, context.activity.from.id);
      team = await TeamsInfo.getTeamDetails(context);
      await context.sendActivity(`${stripped.trim()} for ${member.name}`);
    };
    const activity = teamsMentionMessage({
      text: 'summary',
      user: TOM,
      serviceUrl: stub.url,
      scope: channelThread({ rootMessageId: '1714550400000' }),
    });

    const response = await postActivity(botUrl, activity);

    expect(response.status).toBe(200);
    expect(turnErrors).toEqual([]);
    expect(text).toBe('<at>Action Tracker</at> summary');
    expect(member).toMatchObject({ id: TOM.id, email: TOM.email });
    expect(team).toMatchObject({ name: 'Northshire Partnership', aadGroupId: TEAM_AAD_GROUP_ID });
    expect(stub.requests.map((r) => [r.operation, r.params])).toEqual([
      ['getConversationMember', { conversationId: TEAM_ID, memberId: TOM.id }],
      ['fetchTeamDetails', { teamId: TEAM_ID }],
      ['replyToActivity', { conversationId: activity.conversation.id, activityId: activity.id }],
    ]);
    expect(stub.activities[0]?.activity.text).toBe('summary for Tom Hughes');
  });

  test('install and welcome: conversationUpdate/installationUpdate replies are replyToActivity to the f: id', async () => {
    logic = async (context) => {
      if (context.activity.type === ActivityTypes.ConversationUpdate) await context.sendActivity('Welcome');
      if (context.activity.type === ActivityTypes.InstallationUpdate) {
        await context.sendActivity(`installation ${context.activity.action}`);
      }
    };
    const added = membersAdded({ user: GRACE, serviceUrl: stub.url });
    const installed = installationUpdate({ action: 'add', user: GRACE, serviceUrl: stub.url });
    expect(added.membersAdded).toEqual([
      { id: BOT_ACCOUNT.id },
      { id: GRACE.id, aadObjectId: GRACE.aadObjectId },
    ]);

    expect((await postActivity(botUrl, added)).status).toBe(200);
    expect((await postActivity(botUrl, installed)).status).toBe(200);

    expect(stub.activities.map((a) => [a.operation, a.replyToId, a.activity.text])).toEqual([
      ['replyToActivity', added.id, 'Welcome'],
      ['replyToActivity', installed.id, 'installation add'],
    ]);
    expect(added.id).toMatch(/^f:\d{19}$/);
  });

  test('a connector failure during the turn reaches onTurnError; the HTTP answer is still 200', async () => {
    logic = async (context) => {
      await context.sendActivity('this will be refused');
    };
    stub.failNext(403);

    const response = await postActivity(
      botUrl,
      teamsMessage({ text: 'hi', user: PRIYA, serviceUrl: stub.url }),
    );

    expect(response.status).toBe(200);
    expect(turnErrors).toHaveLength(1);
    expect(turnErrors[0]).toMatchObject({ statusCode: 403, code: 'ConversationBlockedByUser' });
    expect(stub.activities).toEqual([]);
  });

  test('proactive: continueConversationAsync and createConversationAsync (app id "") reach the stub', async () => {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: stub.url,
      conversation: { ...personalChat(PRIYA).conversation, isGroup: false, name: '' },
      bot: { ...BOT_ACCOUNT },
      user: { id: PRIYA.id, name: PRIYA.name },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Your action 1.2 is due on Friday.');
    });

    let newConversationId: string | undefined;
    await adapter.createConversationAsync(
      '',
      'msteams',
      stub.url,
      '',
      {
        isGroup: false,
        bot: { ...BOT_ACCOUNT },
        members: [{ id: GRACE.id, name: GRACE.name }],
        tenantId: GRACE.tenantId,
        channelData: { tenant: { id: GRACE.tenantId } },
      },
      async (context) => {
        newConversationId = context.activity.conversation.id;
        await context.sendActivity('You have been assigned action 2.1.');
      },
    );

    // Both arrive as replyToActivity, not sendToConversation: the turn's synthetic activity has an id, so
    // sendActivity sets replyToId. continueConversationAsync makes up a random UUID for it (it does not use
    // reference.activityId); createConversationAsync uses the new conversation id. Teams accepts both.
    const sent = await stub.waitForActivities(2, 2000);
    expect(sent.map((a) => [a.operation, a.conversationId, a.activity.text])).toEqual([
      ['replyToActivity', reference.conversation?.id, 'Your action 1.2 is due on Friday.'],
      ['replyToActivity', newConversationId, 'You have been assigned action 2.1.'],
    ]);
    expect(sent[0]?.replyToId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sent[1]?.replyToId).toBe(newConversationId);
    expect(stub.createdConversations.map((c) => c.id)).toEqual([newConversationId]);
    expect(stub.requests.every((r) => r.authorization === undefined)).toBe(true);
  });
});
