/**
 * Builders for Microsoft Teams activities as Teams posts them to a bot's /api/messages: plain JSON (timestamps
 * are strings), channelId 'msteams', a `29:` user id plus aadObjectId in `from`, the bot as `28:<appId>` in
 * `recipient`, the tenant in both conversation.tenantId and channelData.tenant, and a clientInfo entity.
 *
 * Every builder needs the serviceUrl (normally `stub.url` from connector-stub.ts), so a test can never post an
 * activity that would make the bot call the real Bot Connector.
 */

export const TENANT_ID = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';
export const BOT_APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
export const BOT_NAME = 'Action Tracker';
/** The bot as Teams addresses it: `28:` + the app id. */
export const BOT_ACCOUNT = { id: `28:${BOT_APP_ID}`, name: BOT_NAME } as const;

export const LOCALE = 'en-GB';
export const TIMEZONE = 'Europe/London';

/** A Teams user with everything TeamsInfo.getMember returns for them. */
export interface TestUser {
  /** Teams user id, `29:` + an opaque string; stable per user and app. */
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  givenName: string;
  surname: string;
  tenantId: string;
  userRole: 'user' | 'guest' | 'anonymous';
}

function user(
  id: string,
  givenName: string,
  surname: string,
  aadObjectId: string,
  email: string,
  userRole: TestUser['userRole'] = 'user',
): TestUser {
  return {
    id,
    name: `${givenName} ${surname}`,
    aadObjectId,
    email,
    userPrincipalName: email,
    givenName,
    surname,
    tenantId: TENANT_ID,
    userRole,
  };
}

/** Partnership manager who runs the plan. */
export const PRIYA = user(
  '29:1pQ7vXyZk3mN5bR8tW2cD4fG6hJ9kL0aS1dF3gH5jK7lZ9xC2vB4nM6qW8eR0tY2uI4oP6aS8dF0gH2jK4lZ6xC8vB0nM2',
  'Priya',
  'Shah',
  '3b9f2c1d-4e5a-4f6b-8c7d-9e0f1a2b3c4d',
  'priya.shah@example.org',
);
/** An action owner in another agency. */
export const TOM = user(
  '29:1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ4aB5cD6eF7gH8iJ9kL0mN1oP2qR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2k',
  'Tom',
  'Hughes',
  '7c4e1a2b-3d5f-4a6c-9b8e-0d1f2a3b4c5e',
  'tom.hughes@example.org',
);
/** Another action owner. */
export const GRACE = user(
  '29:1zY9xW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zY6xW5vU4tS3rQ2pO1nM0lK9jI8hG7fE6dC5bA4zY3xW2vU1tS0rQ9p',
  'Grace',
  'Okafor',
  'a1d5e9f3-6b2c-4d7e-8f0a-1b2c3d4e5f6a',
  'grace.okafor@example.org',
);
/** A guest from outside the tenant's home organisation. */
export const GUEST = user(
  '29:1gU3eS5tA7cC9oU1nT3gU5eS7tA9cC1oU3nT5gU7eS9tA1cC3oU5nT7gU9eS1tA3cC5oU7nT9gU1eS3tA5cC7oU9nT1gU3',
  'Sam',
  'Guest',
  'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
  'sam.guest@partner.example.com',
  'guest',
);
export const TEST_USERS: readonly TestUser[] = [PRIYA, TOM, GRACE, GUEST];

/** A Teams conversation as it appears in `activity.conversation`. */
export interface TeamsConversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
  isGroup?: true;
  name?: string;
}

/** Where an activity happens; builds conversation and channelData together. */
export interface TeamsScope {
  conversation: TeamsConversation;
  /** Extra channelData for this scope (team and channel for channels). */
  channelData: Record<string, unknown>;
}

/** The user's 1:1 chat with the bot; the id is stable per user, like Teams' own `a:1...` ids. */
export function personalChat(forUser: TestUser): TeamsScope {
  const opaque = Buffer.from(`${forUser.aadObjectId}|${BOT_APP_ID}`).toString('base64url');
  return {
    conversation: { conversationType: 'personal', tenantId: forUser.tenantId, id: `a:1${opaque}` },
    channelData: {},
  };
}

/** A group chat the bot has been added to. */
export function groupChat(
  options: { id?: string; name?: string } = {},
): TeamsScope & { conversation: { isGroup: true } } {
  return {
    conversation: {
      isGroup: true,
      conversationType: 'groupChat',
      tenantId: TENANT_ID,
      id: options.id ?? '19:4f2a8c1e9b7d4e3f8a6c5b1d2e3f4a5b@thread.v2',
      ...(options.name ? { name: options.name } : {}),
    },
    channelData: {},
  };
}

export const TEAM_ID = '19:8c1f3e5a7b9d4c2e8f6a0b1c2d3e4f5a@thread.tacv2';
export const TEAM_AAD_GROUP_ID = 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f';
export const GENERAL_CHANNEL_ID = TEAM_ID;
export const PLAN_CHANNEL_ID = '19:2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b@thread.tacv2';

/**
 * A channel thread. Teams gives each thread its own conversation id: the channel id plus
 * `;messageid=<root post id>`. Defaults to a thread in the plan channel.
 */
export function channelThread(
  options: { teamId?: string; channelId?: string; rootMessageId?: string; teamName?: string } = {},
): TeamsScope & { conversation: { isGroup: true } } {
  const teamId = options.teamId ?? TEAM_ID;
  const channelId = options.channelId ?? PLAN_CHANNEL_ID;
  return {
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT_ID,
      id: `${channelId};messageid=${options.rootMessageId ?? '1714550400000'}`,
    },
    channelData: {
      teamsChannelId: channelId,
      teamsTeamId: teamId,
      channel: { id: channelId },
      team: { id: teamId, ...(options.teamName ? { name: options.teamName } : {}) },
    },
  };
}

export interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** A Teams activity as JSON on the wire. */
export interface TeamsActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp?: string;
  localTimezone?: string;
  serviceUrl: string;
  channelId: 'msteams';
  from: TeamsAccount;
  conversation: TeamsConversation;
  recipient: { id: string; name: string };
  textFormat?: 'plain';
  text?: string;
  attachments?: { contentType: string; content?: unknown }[];
  entities?: Record<string, unknown>[];
  channelData: { tenant: { id: string }; [key: string]: unknown };
  locale?: string;
  replyToId?: string;
  value?: unknown;
  name?: string;
  action?: string;
  membersAdded?: TeamsAccount[];
  membersRemoved?: TeamsAccount[];
  [key: string]: unknown;
}

/** What every builder takes. */
export interface CommonOptions {
  user: TestUser;
  /** The Bot Connector to reply to: `stub.url`. */
  serviceUrl: string;
  /** Defaults to the user's personal chat with the bot. */
  scope?: TeamsScope;
  /** Activity id; defaults to a fresh one in Teams' format for the activity type. */
  id?: string;
  /** Defaults to now. */
  timestamp?: Date;
  locale?: string;
  /** The bot's app id, for `recipient`. */
  botAppId?: string;
  /** Merged over the built activity last, for odd cases. */
  overrides?: Partial<TeamsActivity>;
}

let counter = 0;

/** Teams message ids are epoch milliseconds as a string. */
function messageId(at: Date): string {
  return String(at.getTime() + (counter++ % 1000));
}

/** Teams ids for invokes and conversation/installation updates look like `f:` + a long number. */
function eventId(): string {
  return `f:${(BigInt(Date.now()) * 1_000_000n + BigInt(counter++)).toString()}`;
}

/** `2024-05-01T10:00:00.1230000+01:00`: Teams' local timestamp, 7 fractional digits and the UK offset. */
function localTimestamp(at: Date, timeZone = TIMEZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  const millis = String(at.getUTCMilliseconds()).padStart(3, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${millis}0000${offset}`;
}

/** `2024-05-01T09:00:00.123Z` → `2024-05-01T09:00:00.1230000Z`, as Teams writes UTC timestamps. */
function utcTimestamp(at: Date): string {
  return at.toISOString().replace('Z', '0000Z');
}

function clientInfo(locale: string): Record<string, unknown> {
  return {
    locale,
    country: locale.split('-')[1] ?? 'GB',
    platform: 'Web',
    timezone: TIMEZONE,
    type: 'clientInfo',
  };
}

function base(
  type: string,
  options: CommonOptions,
  id: string,
): TeamsActivity & { entities: Record<string, unknown>[] } {
  const at = options.timestamp ?? new Date();
  const locale = options.locale ?? LOCALE;
  const scope = options.scope ?? personalChat(options.user);
  return {
    type,
    id,
    timestamp: utcTimestamp(at),
    localTimestamp: localTimestamp(at),
    localTimezone: TIMEZONE,
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: options.user.id, name: options.user.name, aadObjectId: options.user.aadObjectId },
    conversation: { ...scope.conversation },
    recipient: { id: `28:${options.botAppId ?? BOT_APP_ID}`, name: BOT_NAME },
    entities: [clientInfo(locale)],
    channelData: { ...scope.channelData, tenant: { id: scope.conversation.tenantId } },
    locale,
  };
}

function finish(activity: TeamsActivity, options: CommonOptions): TeamsActivity {
  return { ...activity, ...options.overrides } as TeamsActivity;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface MessageOptions extends CommonOptions {
  text: string;
  /** Teams adds a text/html copy of what was typed; default true. */
  htmlAttachment?: boolean;
}

/** A typed message, by default in the user's personal chat with the bot. */
export function teamsMessage(options: MessageOptions): TeamsActivity {
  const at = options.timestamp ?? new Date();
  const activity = base('message', { ...options, timestamp: at }, options.id ?? messageId(at));
  return finish(
    {
      ...activity,
      text: options.text,
      textFormat: 'plain',
      ...(options.htmlAttachment === false
        ? {}
        : { attachments: [{ contentType: 'text/html', content: `<p>${escapeHtml(options.text)}</p>` }] }),
    },
    options,
  );
}

export interface MentionMessageOptions extends CommonOptions {
  /** What follows the mention, e.g. 'summary' → text `<at>Action Tracker</at> summary`. */
  text: string;
  /** Defaults to a group chat; pass channelThread() for a channel. */
  scope?: TeamsScope;
  botName?: string;
}

/**
 * A message in a group chat or channel that @mentions the bot: text `<at>Action Tracker</at> summary` with the
 * matching mention entity (strip it with TurnContext.removeRecipientMention).
 */
export function teamsMentionMessage(options: MentionMessageOptions): TeamsActivity {
  const at = options.timestamp ?? new Date();
  const botName = options.botName ?? BOT_NAME;
  const scope = options.scope ?? groupChat();
  const activity = base('message', { ...options, scope, timestamp: at }, options.id ?? messageId(at));
  const mentionText = `<at>${botName}</at>`;
  const mentionHtml = `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${escapeHtml(botName)}</span>`;
  return finish(
    {
      ...activity,
      text: `${mentionText} ${options.text}`,
      textFormat: 'plain',
      attachments: [
        {
          contentType: 'text/html',
          content: `<div><div>${mentionHtml} ${escapeHtml(options.text)}</div></div>`,
        },
      ],
      entities: [
        { type: 'mention', text: mentionText, mentioned: { id: activity.recipient.id, name: botName } },
        ...activity.entities,
      ],
    },
    options,
  );
}

export interface CardSubmitOptions extends CommonOptions {
  /** The card's Action.Submit data merged with its input values. */
  value: Record<string, unknown>;
  /** Id of the bot message that carried the card. */
  replyToId?: string;
}

/** An Adaptive Card Action.Submit: a message with `value` and no text. */
export function teamsCardSubmit(options: CardSubmitOptions): TeamsActivity {
  const at = options.timestamp ?? new Date();
  const activity = base('message', { ...options, timestamp: at }, options.id ?? messageId(at));
  const replyToId = options.replyToId ?? String(at.getTime() - 60_000);
  return finish(
    {
      ...activity,
      textFormat: 'plain',
      replyToId,
      value: options.value,
      channelData: { ...activity.channelData, source: { name: 'message' }, legacy: { replyToId } },
    },
    options,
  );
}

export interface InvokeOptions extends CommonOptions {
  name: string;
  value: unknown;
  /** Id of the bot message the invoke came from (a card), if any. */
  replyToId?: string;
}

/**
 * An invoke, e.g. an Adaptive Card Universal Action:
 * `teamsInvoke({ name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ... })`.
 * The bot answers in the HTTP response body ({ status, body }), not through the connector.
 */
export function teamsInvoke(options: InvokeOptions): TeamsActivity {
  const activity = base('invoke', options, options.id ?? eventId());
  return finish(
    {
      ...activity,
      name: options.name,
      value: options.value,
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      channelData: {
        ...activity.channelData,
        source: { name: 'message' },
        ...(options.replyToId ? { legacy: { replyToId: options.replyToId } } : {}),
      },
    },
    options,
  );
}

export interface ExecuteOptions extends CommonOptions {
  verb: string;
  data?: Record<string, unknown>;
  replyToId?: string;
}

/** Shorthand for an `adaptiveCard/action` invoke of an Action.Execute with `verb` and `data`. */
export function teamsCardExecute(options: ExecuteOptions): TeamsActivity {
  const { verb, data, ...rest } = options;
  return teamsInvoke({
    ...rest,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { ...data } }, trigger: 'manual' },
  });
}

export interface InstallationUpdateOptions extends CommonOptions {
  action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade';
}

/** The app being installed or uninstalled (personal scope unless `scope` says otherwise). */
export function installationUpdate(options: InstallationUpdateOptions): TeamsActivity {
  const activity = base('installationUpdate', options, options.id ?? eventId());
  const { localTimestamp: _lt, localTimezone: _tz, ...rest } = activity;
  return finish(
    {
      ...rest,
      action: options.action,
      from: { id: options.user.id, aadObjectId: options.user.aadObjectId },
      channelData: { ...activity.channelData, source: { name: 'message' } },
    },
    options,
  );
}

export interface MembersAddedOptions extends CommonOptions {
  /** Who was added; defaults to the bot and, in a personal chat, the user. */
  members?: TeamsAccount[];
}

/** A conversationUpdate with membersAdded, as Teams sends when the bot is added to a chat or team. */
export function membersAdded(options: MembersAddedOptions): TeamsActivity {
  const activity = base('conversationUpdate', options, options.id ?? eventId());
  const botAccount = { id: activity.recipient.id };
  const personal = activity.conversation.conversationType === 'personal';
  const added =
    options.members ??
    (personal ? [botAccount, { id: options.user.id, aadObjectId: options.user.aadObjectId }] : [botAccount]);
  const team = activity.channelData.team;
  const { localTimestamp: _lt, localTimezone: _tz, locale: _l, entities: _e, ...rest } = activity;
  return finish(
    {
      ...rest,
      membersAdded: added,
      from: { id: options.user.id, aadObjectId: options.user.aadObjectId },
      channelData: { ...activity.channelData, ...(team ? { eventType: 'teamMemberAdded' } : {}) },
    },
    options,
  );
}
