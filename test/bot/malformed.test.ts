import { teamsMessage } from '../support/activities';
import { type BotHarness, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness();
});

afterEach(async () => {
  await harness.close();
});

async function postRaw(body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

function valid(): Record<string, unknown> {
  return teamsMessage({ user: OWNER, text: 'mine', serviceUrl: harness.stub.url }) as unknown as Record<
    string,
    unknown
  >;
}

describe('malformed activities', () => {
  test.each([
    ['not JSON', '{"type": "message", ', 'Invalid activity: the body is not valid JSON'],
    ['an array', '[]', 'Invalid activity: the body must be a JSON object'],
    ['no type', JSON.stringify({ serviceUrl: 'http://x/' }), 'Invalid activity: type is required'],
  ])('when the body is %s, then it is refused with 400 and a reason', async (_name, body, error) => {
    const response = await postRaw(body);
    expect(response).toEqual({ status: 400, body: { error } });
  });

  test.each([
    ['from', 'from.id is required'],
    ['conversation', 'conversation.id is required'],
    ['serviceUrl', 'serviceUrl must be an http(s) URL'],
  ])(
    'when %s is missing, then it is refused with 400 and nothing is stored or sent',
    async (field, reason) => {
      const activity = valid();
      delete activity[field];
      const response = await postRaw(JSON.stringify(activity));
      expect(response).toEqual({ status: 400, body: { error: `Invalid activity: ${reason}` } });
      expect(harness.stub.requests).toEqual([]);
      expect(await harness.stores.users.get(OWNER.aadObjectId)).toBeUndefined();
    },
  );

  test('when fields have the wrong types, then it is refused with 400', async () => {
    const activity = { ...valid(), text: 42 };
    expect(await postRaw(JSON.stringify(activity))).toEqual({
      status: 400,
      body: { error: 'Invalid activity: text must be a string' },
    });
    const badFrom = { ...valid(), from: { id: 'x', aadObjectId: 7 } };
    expect((await postRaw(JSON.stringify(badFrom))).status).toBe(400);
  });

  test('when the body is larger than any Teams activity, then it is refused with 413', async () => {
    const activity = { ...valid(), text: 'x'.repeat(300 * 1024) };
    const response = await postRaw(JSON.stringify(activity));
    expect(response.status).toBe(413);
    expect(harness.stub.requests).toEqual([]);
  });

  test('when a message is far longer than a command, then the bot answers politely without parsing it', async () => {
    const response = await postActivity(harness.botUrl, { ...valid(), text: 'summary '.repeat(200) });
    expect(response.status).toBe(200);
    const [reply] = await harness.stub.waitForActivities(1);
    expect(cardText(cardOf(reply))).toContain('That message is too long for a command');
  });

  test('when a card submit carries odd data, then it is treated as a command and nothing breaks', async () => {
    const weird = { ...valid(), text: undefined, value: { command: 'list', page: 'drop table' } };
    await postActivity(harness.botUrl, weird);
    const [reply] = await harness.stub.waitForActivities(1);
    expect(cardText(cardOf(reply))).toContain('That is for coordinators and leads');
  });

  test('when an activity has no Entra ID identity, then the bot says it cannot tell who it is', async () => {
    const activity = valid();
    activity.from = { id: '29:anonymous', name: 'Anon' };
    await postActivity(harness.botUrl, activity);
    const [reply] = await harness.stub.waitForActivities(1);
    expect(cardText(cardOf(reply))).toContain("I can't tell who you are");
  });
});

/** Stands for an object nested 5,000 deep, written into the JSON text. */
const DEEP_TEXT = '@@DEEP@@';

/** `{"a":{"a":…1}}`, `levels` objects deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('fields that would reach storage or the SDK unchecked', () => {
  const patched = (patch: (activity: Record<string, unknown>) => void) => {
    const activity = valid();
    patch(activity);
    return JSON.stringify(activity).replace(
      `"${DEEP_TEXT}"`,
      `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
    );
  };

  test.each([
    [
      'an Entra id that is not a GUID',
      (a: Record<string, unknown>) => ((a.from as Record<string, unknown>).aadObjectId = 'a/b#c'),
      'from.aadObjectId must be a GUID',
    ],
    [
      'a 70,000-character name',
      (a: Record<string, unknown>) => ((a.from as Record<string, unknown>).name = 'x'.repeat(70_000)),
      'from.name must be text of at most 512 characters',
    ],
    [
      'a tenant id that is a number',
      (a: Record<string, unknown>) => ((a.conversation as Record<string, unknown>).tenantId = 0),
      'conversation.tenantId must be a string',
    ],
    [
      'a locale that is not a tag',
      (a: Record<string, unknown>) => (a.locale = 'x'.repeat(100)),
      'locale must be a language tag such as en-GB',
    ],
    [
      'a channel id that is not text',
      (a: Record<string, unknown>) => (a.channelId = false),
      'channelId must be a string',
    ],
    [
      'an invoke whose name is an object nested 5,000 deep (it overflowed the stack: a 501)',
      // JSON.stringify cannot write it either, so the text is spliced in (see `patched`).
      (a: Record<string, unknown>) => Object.assign(a, { type: 'invoke', name: DEEP_TEXT, value: {} }),
      'the body is nested more than 64 levels deep',
    ],
    [
      'card data nested 65 deep',
      (a: Record<string, unknown>) =>
        Object.assign(a, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { verb: 'x', data: nested(62) } },
        }),
      'the body is nested more than 64 levels deep',
    ],
    [
      'isGroup that is not true or false (the SDK threw writing the reply)',
      (a: Record<string, unknown>) => ((a.conversation as Record<string, unknown>).isGroup = ' '),
      'conversation.isGroup must be true or false',
    ],
    [
      'a conversation id with a control character (the SDK sends it back as a header)',
      (a: Record<string, unknown>) => ((a.conversation as Record<string, unknown>).id = 'a:1\u0001'),
      'conversation.id must be printable ASCII',
    ],
    [
      'a timestamp that is not a date',
      (a: Record<string, unknown>) => (a.timestamp = 'x'),
      'timestamp must be a date and time (ISO 8601)',
    ],
    [
      'attachments that are not a list',
      (a: Record<string, unknown>) => (a.attachments = {}),
      'attachments must be a list',
    ],
    [
      'an invoke name that is a number',
      (a: Record<string, unknown>) => Object.assign(a, { type: 'invoke', name: 7, value: {} }),
      'name must be text of at most 256 characters',
    ],
    [
      'a card press without an action',
      (a: Record<string, unknown>) =>
        Object.assign(a, { type: 'invoke', name: 'adaptiveCard/action', value: {} }),
      'value.action is required for adaptiveCard/action',
    ],
  ])(
    'when the activity has %s, then 400 names the field and nothing is stored',
    async (_what, patch, reason) => {
      const response = await postRaw(patched(patch));
      expect(response).toEqual({ status: 400, body: { error: `Invalid activity: ${reason}` } });
      expect(await harness.stores.users.get(OWNER.aadObjectId)).toBeUndefined();
    },
  );

  test('when card data nests as deep as the limit allows, then the press is handled, not refused', async () => {
    const body = patched((a) =>
      Object.assign(a, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: nested(61) } },
      }),
    );
    const response = await postRaw(body);
    expect(response.status).not.toBe(400);
    expect(response.status).toBeLessThan(500);
  });

  test('when Teams sends an invoke Action Tracker does not offer, then 400 says so (not the SDK’s 501)', async () => {
    const response = await postRaw(
      patched((a) => Object.assign(a, { type: 'invoke', name: 'composeExtension/query', value: {} })),
    );
    expect(response).toEqual({
      status: 400,
      body: { error: 'Action Tracker does not handle "composeExtension/query" invokes.' },
    });
  });
});

describe('identity', () => {
  test('when an activity claims someone’s Entra id from another Teams account, then it is not believed and nothing of theirs changes', async () => {
    await harness.say(OWNER, 'help'); // the owner, confirmed by the roster
    const stored = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
    expect(stored.teamsUserId).toBe(OWNER.id);
    const { STRANGER } = await import('../support/bot-harness');
    // The stranger's Teams account, claiming the owner's Entra id.
    const forged = teamsMessage({
      user: { ...STRANGER, aadObjectId: OWNER.aadObjectId },
      text: 'mine',
      serviceUrl: harness.stub.url,
    });
    const before = harness.stub.activities.length;
    expect((await postActivity(harness.botUrl, forged)).status).toBe(200);
    const reply = cardText(cardOf((await harness.stub.waitForActivities(before + 1))[before]));
    expect(reply).toContain("I can't tell who you are");
    expect((await harness.stores.users.get(OWNER.aadObjectId))!.value).toEqual(stored);
  });
});
