import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework Connector service (REST API v3), as far as a Teams bot built on
 * botbuilder's CloudAdapter uses it. Point an activity's `serviceUrl` at `stub.url` and every outgoing call the
 * bot makes for that turn (replies, proactive sends, card updates, TeamsInfo member look-ups, 1:1 chat
 * creation) lands here, is recorded, and is answered the way the real service answers.
 *
 * Routes follow botframework-connector 4.23.3's operation specs (lib/connectorApi/operations/conversations.js
 * and lib/teams/operations/teams.js). Path segments are URL-decoded one by one, so Teams conversation ids such
 * as `19:abc@thread.tacv2;messageid=1714554000123` (sent as `19%3Aabc%40thread.tacv2%3Bmessageid%3D...`)
 * come out exactly as the bot had them.
 */

/** The connector operations the stub understands, named as in botframework-connector. */
export type ConnectorOperation =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMembers'
  | 'getConversationPagedMembers'
  | 'getConversationMember'
  | 'deleteConversationMember'
  | 'getActivityMembers'
  | 'createConversation'
  | 'fetchTeamDetails'
  | 'fetchChannelList'
  | 'unknown';

/** Operations that `failNext` applies to unless told otherwise: everything that writes. */
export const WRITE_OPERATIONS: readonly ConnectorOperation[] = [
  'sendToConversation',
  'replyToActivity',
  'updateActivity',
  'deleteActivity',
  'createConversation',
];

/** A Teams conversation member as the connector returns it (TeamsChannelAccount). */
export interface StubMember {
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

/** What a team-scoped TeamsInfo call (getTeamDetails / getTeamChannels) gets back. */
export interface StubTeam {
  name: string;
  aadGroupId: string;
  channels?: { id: string; name?: string }[];
}

/** An activity as the bot put it on the wire: plain JSON, timestamps as strings. */
export interface OutgoingActivity {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  attachments?: { contentType: string; content?: unknown; contentUrl?: string; name?: string }[];
  attachmentLayout?: string;
  summary?: string;
  entities?: Record<string, unknown>[];
  channelData?: Record<string, unknown>;
  conversation?: { id: string; [key: string]: unknown };
  from?: { id: string; name?: string; [key: string]: unknown };
  recipient?: { id: string; name?: string; [key: string]: unknown };
  serviceUrl?: string;
  channelId?: string;
  locale?: string;
  value?: unknown;
  [key: string]: unknown;
}

/** One HTTP request the stub received, whatever became of it. */
export interface RecordedRequest {
  seq: number;
  method: string;
  /** The request path and query exactly as received (still percent-encoded). */
  url: string;
  operation: ConnectorOperation;
  /** Decoded route parameters. */
  params: { conversationId?: string; activityId?: string; memberId?: string; teamId?: string };
  query: Record<string, string>;
  /** The `Authorization` header, or undefined when the bot sent none (unauthenticated local mode). */
  authorization: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status the stub answered with. */
  status: number;
  /** True when the answer came from `failNext`. */
  injectedFailure: boolean;
}

/** A message the bot posted: sendToConversation, replyToActivity, or the activity inside createConversation. */
export interface RecordedActivity {
  operation: 'sendToConversation' | 'replyToActivity' | 'createConversation';
  /** Decoded from the URL (for createConversation: the id the stub created). */
  conversationId: string;
  /** For replyToActivity: the activity id from the URL (the bot's `replyToId`). */
  replyToId?: string;
  /** The id the stub assigned and returned in the ResourceResponse. */
  id: string;
  activity: OutgoingActivity;
  authorization: string | undefined;
  headers: IncomingHttpHeaders;
}

export interface RecordedUpdate {
  conversationId: string;
  activityId: string;
  activity: OutgoingActivity;
  authorization: string | undefined;
}

export interface RecordedDelete {
  conversationId: string;
  activityId: string;
  authorization: string | undefined;
}

/** A POST /v3/conversations, i.e. the bot opening a (proactive) conversation. */
export interface CreatedConversation {
  /** The conversation id the stub returned. */
  id: string;
  /** Set when the parameters carried an initial activity (Teams channel post). */
  activityId?: string;
  /** ConversationParameters as sent: { isGroup, bot, members, tenantId, channelData, activity, ... }. */
  parameters: Record<string, unknown>;
  authorization: string | undefined;
}

export interface ConnectorStubOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /**
   * Path prefix of the service URL, like the `/emea/` or `/amer/` in https://smba.trafficmanager.net/emea/.
   * Default `/`. Requests outside the prefix get 404, which catches code that drops the path of serviceUrl.
   */
  basePath?: string;
  /** Members to seed (also settable later through `stub.members`). */
  members?: StubMember[];
  /** Teams to seed, by team id (also settable later through `stub.teams`). */
  teams?: Record<string, StubTeam>;
}

export interface FailureOptions {
  /** Error body to answer with; default a Bot Framework error `{ error: { code, message } }` for the status. */
  body?: unknown;
  /** Which operations the failure applies to; default WRITE_OPERATIONS (GET look-ups are not consumed). */
  only?: readonly ConnectorOperation[];
}

export interface ConnectorStub {
  /** Service URL to put in activities, with a trailing slash as Teams sends it: http://127.0.0.1:PORT/ */
  readonly url: string;
  /** Messages the bot posted successfully (sendToConversation, replyToActivity, createConversation's activity). */
  readonly activities: RecordedActivity[];
  /** Successful updateActivity calls. */
  readonly updates: RecordedUpdate[];
  /** Successful deleteActivity calls. */
  readonly deletes: RecordedDelete[];
  /** Successful createConversation calls. */
  readonly createdConversations: CreatedConversation[];
  /** Every request received, including failed, rejected and unrouted ones, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Seedable member directory: user id (29:...) → member. Look-ups also match on aadObjectId. */
  readonly members: Map<string, StubMember>;
  /** Seedable teams: team id → details and channels. */
  readonly teams: Map<string, StubTeam>;
  /** Resolves with `activities` once at least `count` have arrived; rejects after `timeoutMs` listing what did. */
  waitForActivities(count: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  /** Resolves with `updates` once at least `count` have arrived; rejects after `timeoutMs`. */
  waitForUpdates(count: number, timeoutMs?: number): Promise<RecordedUpdate[]>;
  /**
   * Makes the next `times` matching requests fail with `status` (and `headers`, e.g. { 'Retry-After': '0' }).
   * Note botbuilder's HTTP pipeline retries 429/503 that carry Retry-After, and 408/5xx (not 501/505) with
   * exponential back-off from about a second, up to 3 retries: each retry consumes one of the `times`.
   */
  failNext(status: number, times?: number, headers?: Record<string, string>, options?: FailureOptions): void;
  /** Forgets everything recorded and any pending failures; keeps members and teams. */
  clear(): void;
  close(): Promise<void>;
}

const ERRORS_BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'BadArgument', message: 'The request was malformed.' },
  401: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' },
  403: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' },
  404: { code: 'ConversationNotFound', message: 'Conversation not found.' },
  412: { code: 'PreconditionFailed', message: 'Precondition failed, please try again.' },
  413: { code: 'MessageSizeTooBig', message: 'Message size too large.' },
  429: { code: 'Throttled', message: 'Too many requests.' },
  500: { code: 'ServiceError', message: 'Internal server error.' },
  502: { code: 'ServiceError', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'Service unavailable.' },
  504: { code: 'GatewayTimeout', message: 'Gateway timeout.' },
};

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function defaultErrorBody(status: number): { error: { code: string; message: string } } {
  const known = ERRORS_BY_STATUS[status];
  return errorBody(
    known?.code ?? 'ServiceError',
    known?.message ?? `Injected failure with status ${status}.`,
  );
}

interface Route {
  operation: ConnectorOperation;
  params: RecordedRequest['params'];
}

/** Maps a method and decoded path segments (after the base path) onto a connector operation. */
function route(method: string, segments: string[]): Route {
  const [version, collection, first, sub, second, extra] = segments;
  const unknown: Route = { operation: 'unknown', params: {} };
  if (version !== 'v3') return unknown;
  if (collection === 'conversations') {
    if (first === undefined)
      return method === 'POST' ? { operation: 'createConversation', params: {} } : unknown;
    const conversationId = first;
    if (sub === 'activities') {
      if (second === undefined) {
        return method === 'POST' ? { operation: 'sendToConversation', params: { conversationId } } : unknown;
      }
      const params = { conversationId, activityId: second };
      if (extra === 'members' && segments.length === 6 && method === 'GET') {
        return { operation: 'getActivityMembers', params };
      }
      if (segments.length !== 5) return unknown;
      if (method === 'POST') return { operation: 'replyToActivity', params };
      if (method === 'PUT') return { operation: 'updateActivity', params };
      if (method === 'DELETE') return { operation: 'deleteActivity', params };
      return unknown;
    }
    if (sub === 'members') {
      if (second === undefined) {
        return method === 'GET'
          ? { operation: 'getConversationMembers', params: { conversationId } }
          : unknown;
      }
      if (segments.length !== 5) return unknown;
      const params = { conversationId, memberId: second };
      if (method === 'GET') return { operation: 'getConversationMember', params };
      if (method === 'DELETE') return { operation: 'deleteConversationMember', params };
      return unknown;
    }
    if (sub === 'pagedmembers' && segments.length === 4 && method === 'GET') {
      return { operation: 'getConversationPagedMembers', params: { conversationId } };
    }
    return unknown;
  }
  if (collection === 'teams' && first !== undefined && method === 'GET') {
    if (segments.length === 3) return { operation: 'fetchTeamDetails', params: { teamId: first } };
    if (sub === 'conversations' && segments.length === 4) {
      return { operation: 'fetchChannelList', params: { teamId: first } };
    }
  }
  return unknown;
}

function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Splits a raw (percent-encoded) path into decoded segments; undefined when a segment is not valid encoding. */
function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeActivity(recorded: RecordedActivity): string {
  const { activity } = recorded;
  const what =
    activity.text !== undefined
      ? JSON.stringify(activity.text)
      : (activity.attachments?.map((a) => a.contentType).join(', ') ?? '(no text or attachments)');
  const reply = recorded.replyToId ? ` replyTo=${recorded.replyToId}` : '';
  return `${recorded.operation} ${activity.type ?? '?'} to ${recorded.conversationId}${reply}: ${what}`;
}

function describeRequest(request: RecordedRequest): string {
  return `${request.method} ${request.url} → ${request.status}${request.injectedFailure ? ' (injected)' : ''}`;
}

export async function startConnectorStub(options: ConnectorStubOptions = {}): Promise<ConnectorStub> {
  const host = options.host ?? '127.0.0.1';
  const basePath = normaliseBasePath(options.basePath);
  const activities: RecordedActivity[] = [];
  const updates: RecordedUpdate[] = [];
  const deletes: RecordedDelete[] = [];
  const createdConversations: CreatedConversation[] = [];
  const requests: RecordedRequest[] = [];
  const members = new Map<string, StubMember>((options.members ?? []).map((member) => [member.id, member]));
  const teams = new Map<string, StubTeam>(Object.entries(options.teams ?? {}));
  const personalChats = new Map<string, string>();
  const failures: {
    status: number;
    remaining: number;
    headers: Record<string, string>;
    body: unknown;
    only: readonly ConnectorOperation[];
  }[] = [];
  /** Pending waits: each is re-checked after every request and cancelled by close(). */
  const waiters = new Map<() => void, (reason: Error) => void>();
  let seq = 0;
  let nextMessageId = 1_714_554_000_000;

  const newActivityId = (): string => String(nextMessageId++);
  const notify = (): void => {
    for (const waiter of [...waiters.keys()]) waiter();
  };

  const findMember = (memberId: string): StubMember | undefined =>
    members.get(memberId) ??
    [...members.values()].find((m) => m.aadObjectId.toLowerCase() === memberId.toLowerCase());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = Object.fromEntries(
      new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1)),
    );
    const authorization = req.headers.authorization;
    const text = await readBody(req);

    const record: RecordedRequest = {
      seq: ++seq,
      method,
      url: rawUrl,
      operation: 'unknown',
      params: {},
      query,
      authorization,
      headers: req.headers,
      body: undefined,
      status: 0,
      injectedFailure: false,
    };
    requests.push(record);

    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const payload = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        'Content-Length': Buffer.byteLength(payload),
        ...headers,
      });
      res.end(payload);
      notify();
    };

    const segments = rawPath.startsWith(basePath)
      ? decodeSegments(rawPath.slice(basePath.length))
      : undefined;
    if (!segments) {
      send(404, errorBody('NotFound', `No connector route for ${method} ${rawUrl} (base path ${basePath}).`));
      return;
    }
    const { operation, params } = route(method, segments);
    record.operation = operation;
    record.params = params;

    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        send(400, errorBody('BadSyntax', `Request body is not valid JSON: ${(error as Error).message}`));
        return;
      }
    }
    record.body = body;

    if (operation === 'unknown') {
      send(404, errorBody('NotFound', `The connector stub has no route for ${method} ${rawUrl}.`));
      return;
    }

    const failure = failures.find((f) => f.remaining > 0 && f.only.includes(operation));
    if (failure) {
      failure.remaining--;
      if (failure.remaining === 0) failures.splice(failures.indexOf(failure), 1);
      record.injectedFailure = true;
      send(failure.status, failure.body, failure.headers);
      return;
    }

    const conversationId = params.conversationId ?? '';
    const activityId = params.activityId ?? '';
    const memberId = params.memberId ?? '';
    const teamId = params.teamId ?? '';

    const needsActivity =
      operation === 'sendToConversation' || operation === 'replyToActivity' || operation === 'updateActivity';
    if (needsActivity || operation === 'createConversation') {
      if (!isObject(body)) {
        send(400, errorBody('BadArgument', `${operation} needs a JSON object body.`));
        return;
      }
      if (needsActivity && typeof body.type !== 'string') {
        send(400, errorBody('BadArgument', 'Activity must have a type.'));
        return;
      }
    }

    switch (operation) {
      case 'sendToConversation':
      case 'replyToActivity': {
        const id = newActivityId();
        activities.push({
          operation,
          conversationId,
          ...(operation === 'replyToActivity' ? { replyToId: activityId } : {}),
          id,
          activity: body as OutgoingActivity,
          authorization,
          headers: req.headers,
        });
        send(201, { id });
        return;
      }
      case 'updateActivity':
        updates.push({ conversationId, activityId, activity: body as OutgoingActivity, authorization });
        send(200, { id: activityId });
        return;
      case 'deleteActivity':
        deletes.push({ conversationId, activityId, authorization });
        send(200);
        return;
      case 'getConversationMember': {
        const member = findMember(memberId);
        if (member) send(200, member);
        else send(404, errorBody('MemberNotFoundInConversation', 'Member not found in conversation.'));
        return;
      }
      case 'getConversationMembers':
      case 'getActivityMembers':
        // The non-paged list carries the AAD id as `objectId` (TeamsInfo copies it into aadObjectId).
        send(
          200,
          [...members.values()].map(({ aadObjectId, ...rest }) => ({ ...rest, objectId: aadObjectId })),
        );
        return;
      case 'getConversationPagedMembers': {
        const all = [...members.values()];
        const pageSize = Math.max(1, Number(query.pageSize) || 200);
        const start = Number(query.continuationToken) || 0;
        const end = start + pageSize;
        send(200, {
          members: all.slice(start, end),
          ...(end < all.length ? { continuationToken: String(end) } : {}),
        });
        return;
      }
      case 'deleteConversationMember':
        send(200);
        return;
      case 'createConversation': {
        const parameters = body as Record<string, unknown>;
        const firstMember = Array.isArray(parameters.members) ? parameters.members[0] : undefined;
        const userId =
          isObject(firstMember) && typeof firstMember.id === 'string' ? firstMember.id : undefined;
        let id: string;
        if (!parameters.isGroup && userId) {
          // Teams hands back the same 1:1 chat every time for a given user.
          id = personalChats.get(userId) ?? `a:1stub${Buffer.from(userId).toString('base64url')}`;
          personalChats.set(userId, id);
        } else {
          const channel = isObject(parameters.channelData) ? parameters.channelData.channel : undefined;
          const channelId = isObject(channel) && typeof channel.id === 'string' ? channel.id : undefined;
          id = channelId ? `${channelId};messageid=${nextMessageId}` : `19:stub-${seq}@thread.v2`;
        }
        const created: CreatedConversation = { id, parameters, authorization };
        if (isObject(parameters.activity)) {
          created.activityId = newActivityId();
          activities.push({
            operation: 'createConversation',
            conversationId: id,
            id: created.activityId,
            activity: parameters.activity as OutgoingActivity,
            authorization,
            headers: req.headers,
          });
        }
        createdConversations.push(created);
        send(201, { id, ...(created.activityId ? { activityId: created.activityId } : {}) });
        return;
      }
      case 'fetchTeamDetails': {
        const team = teams.get(teamId);
        if (!team) {
          send(404, errorBody('NotFound', `Team ${teamId} not found.`));
          return;
        }
        send(200, {
          id: teamId,
          name: team.name,
          aadGroupId: team.aadGroupId,
          channelCount: team.channels?.length ?? 1,
          memberCount: members.size,
          type: 'standard',
        });
        return;
      }
      case 'fetchChannelList': {
        const team = teams.get(teamId);
        if (!team) {
          send(404, errorBody('NotFound', `Team ${teamId} not found.`));
          return;
        }
        send(200, { conversations: team.channels ?? [{ id: teamId }] });
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(errorBody('StubError', String(error))));
      }
    });
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${basePath}`;

  function waitFor<T>(
    ready: () => boolean,
    result: () => T,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    if (ready()) return Promise.resolve(result());
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(result());
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(describe()));
      }, timeoutMs);
      waiters.set(check, (reason) => {
        clearTimeout(timer);
        waiters.delete(check);
        reject(reason);
      });
    });
  }

  const summary = (): string => {
    const lines = [
      `  activities (${activities.length}):`,
      ...activities.map((a, i) => `    ${i + 1}. ${describeActivity(a)}`),
      `  requests (${requests.length}):`,
      ...requests.map((r) => `    ${r.seq}. ${describeRequest(r)}`),
    ];
    return lines.join('\n');
  };

  return {
    url,
    activities,
    updates,
    deletes,
    createdConversations,
    requests,
    members,
    teams,
    waitForActivities(count, timeoutMs = 5000) {
      return waitFor(
        () => activities.length >= count,
        () => activities,
        timeoutMs,
        () =>
          `Connector stub: expected at least ${count} activit${count === 1 ? 'y' : 'ies'} within ${timeoutMs} ms, ` +
          `got ${activities.length}.\n${summary()}`,
      );
    },
    waitForUpdates(count, timeoutMs = 5000) {
      return waitFor(
        () => updates.length >= count,
        () => updates,
        timeoutMs,
        () =>
          `Connector stub: expected at least ${count} update(s) within ${timeoutMs} ms, got ${updates.length}.\n${summary()}`,
      );
    },
    failNext(status, times = 1, headers = {}, failureOptions = {}) {
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError(`failNext needs an HTTP error status (400-599), got ${status}`);
      }
      if (!Number.isInteger(times) || times < 1)
        throw new RangeError(`failNext needs times >= 1, got ${times}`);
      failures.push({
        status,
        remaining: times,
        headers,
        body: failureOptions.body ?? defaultErrorBody(status),
        only: failureOptions.only ?? WRITE_OPERATIONS,
      });
    },
    clear() {
      activities.length = 0;
      updates.length = 0;
      deletes.length = 0;
      createdConversations.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    async close() {
      for (const cancel of [...waiters.values()]) cancel(new Error('Connector stub closed while waiting.'));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
