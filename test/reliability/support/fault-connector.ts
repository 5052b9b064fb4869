/**
 * A Bot Framework Connector for fault injection: it answers the roster look-ups the bot makes, and decides
 * the fate of every message the bot posts — accept it after a delay, answer an error status, or never
 * answer at all — from a script the test sets. It can also freeze: hold every answer until thawed.
 *
 * A message counts as delivered only when its 201 was actually written to a live connection. If the sender
 * is gone by then (killed, or it gave up waiting), Teams never accepted the message: it is "abandoned".
 * That is what makes duplicates countable: the same (recipient, action, step) delivered twice is a
 * duplicate Teams would show the person twice.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestUser } from '../../support/activities';

/** What happens to one message the bot posts. */
export type Fate =
  | { kind: 'deliver'; delayMs?: number }
  | { kind: 'fail'; status: number; headers?: Record<string, string> }
  /** Accept the request and never answer; the connection is only closed by the sender or by close(). */
  | { kind: 'hang' };

export interface Arrival {
  /** 1-based, over every message posted (retries included). */
  n: number;
  /** Which operation botbuilder used: proactive sends are sendToConversation, replies replyToActivity. */
  operation: 'sendToConversation' | 'replyToActivity';
  conversationId: string;
  /** The nudge this message is, or undefined for any other message (replies, notices, digests…). */
  nudge?: NudgeId;
  /** How many times this nudge (or this conversation, for other messages) has arrived before. */
  previousArrivals: number;
}

/** A reminder as the person sees it: to whom (their 1:1 chat), about which action, which step. */
export interface NudgeId {
  conversationId: string;
  actionId: string;
  /** The card's headline, e.g. "Reminder: action 1.3 is due in 14 days": it names the step. */
  headline: string;
}

export interface Delivered {
  operation: Arrival['operation'];
  conversationId: string;
  nudge?: NudgeId;
  /** Every visible text of the card (or the plain text of a text message), for assertions on replies. */
  text: string;
  isCard: boolean;
  at: number;
}

export interface FaultConnector {
  /** Service URL with a trailing slash, as Teams sends it. */
  readonly url: string;
  /** Roster: Teams user id (29:…) → member. Look-ups by Entra object id are answered too. */
  readonly members: Map<string, TestUser>;
  /** Decides each message's fate; default: deliver at once. */
  script: (arrival: Arrival) => Fate;
  /** Called as each message arrives, before its fate is carried out. */
  onArrival: (arrival: Arrival) => void;
  readonly delivered: Delivered[];
  /** Nudges whose sender vanished (or gave up) before the answer was written. */
  readonly abandoned: NudgeId[];
  /** Error answers served, by status ("429", "500") and hangs ("hang"). */
  readonly faultsServed: Record<string, number>;
  /** Every message posted, delivered or not. */
  arrivals(): number;
  /** Messages received and not yet answered or abandoned. */
  inFlight(): number;
  /** Holds every answer (including ones already waiting out their delay) until thaw(). */
  freeze(): void;
  thaw(): void;
  /** Deliveries that are nudges, keyed `conversation|action|headline`, each with how often it arrived. */
  nudgeCounts(): Map<string, number>;
  /** Resolves once `ready()` holds; rejects after `timeoutMs` with `describe()`. Polls every 50 ms. */
  waitUntil(ready: () => boolean, timeoutMs: number, describe: () => string): Promise<void>;
  /** Forgets deliveries, abandonments and counters; keeps members and the script. */
  clear(): void;
  close(): Promise<void>;
}

export function nudgeKey(nudge: NudgeId): string {
  return `${nudge.conversationId}|${nudge.actionId}|${nudge.headline}`;
}

/** Every visible text in a card, as the support/cards helper reads them. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) texts(child, out);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title']) if (typeof record[key] === 'string') out.push(record[key] as string);
    for (const [key, value] of Object.entries(record)) if (key !== 'data') texts(value, out);
  }
  return out;
}

const HEADLINE = /^(Reminder: action \S+ is .+|Action \S+ is due today|Action \S+ is .+ overdue)$/;

/** A nudge is an action card whose refresh names the action and whose headline is a reminder's. */
function nudgeOf(conversationId: string, card: unknown): NudgeId | undefined {
  const refresh = (card as { refresh?: { action?: { verb?: string; data?: { actionId?: unknown } } } })
    ?.refresh;
  const actionId = refresh?.action?.data?.actionId;
  if (refresh?.action?.verb !== 'action.refresh' || typeof actionId !== 'string') return undefined;
  const headline = texts(card).find((t) => HEADLINE.test(t));
  return headline ? { conversationId, actionId, headline } : undefined;
}

export async function startFaultConnector(): Promise<FaultConnector> {
  const members = new Map<string, TestUser>();
  const delivered: Delivered[] = [];
  const abandoned: NudgeId[] = [];
  const faultsServed: Record<string, number> = {};
  const seen = new Map<string, number>();
  let arrivals = 0;
  let inFlight = 0;
  let frozen = false;
  let thawed: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  let nextId = 1;
  const sockets = new Set<import('node:net').Socket>();

  const connector: FaultConnector = {
    url: '',
    members,
    script: () => ({ kind: 'deliver' }),
    onArrival: () => undefined,
    delivered,
    abandoned,
    faultsServed,
    arrivals: () => arrivals,
    inFlight: () => inFlight,
    freeze() {
      if (frozen) return;
      frozen = true;
      thawed = new Promise((resolve) => {
        release = resolve;
      });
    },
    thaw() {
      frozen = false;
      release();
    },
    nudgeCounts() {
      const counts = new Map<string, number>();
      for (const d of delivered) {
        if (!d.nudge) continue;
        const key = nudgeKey(d.nudge);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    async waitUntil(ready, timeoutMs, describe) {
      const deadline = Date.now() + timeoutMs;
      while (!ready()) {
        if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms: ${describe()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    clear() {
      delivered.length = 0;
      abandoned.length = 0;
      for (const key of Object.keys(faultsServed)) delete faultsServed[key];
      seen.clear();
      arrivals = 0;
    },
    close: () => closeServer(server, sockets, () => connector.thaw()),
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0]!;
    const segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));

    // GET /v3/conversations/{id}/members/{memberId}: TeamsInfo.getMember, how the bot learns an e-mail.
    if (req.method === 'GET' && segments[0] === 'v3' && segments[2] && segments[3] === 'members') {
      const wanted = segments[4] ?? '';
      const member =
        members.get(wanted) ??
        [...members.values()].find((m) => m.aadObjectId.toLowerCase() === wanted.toLowerCase());
      if (member) json(res, 200, member);
      else json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found.' } });
      return;
    }
    const isActivities =
      segments[0] === 'v3' && segments[1] === 'conversations' && segments[3] === 'activities';
    if (req.method !== 'POST' || !isActivities || segments.length > 5) {
      json(res, 404, { error: { code: 'NotFound', message: `no route for ${req.method} ${path}` } });
      return;
    }
    const conversationId = segments[2]!;
    const operation = segments.length === 5 ? 'replyToActivity' : 'sendToConversation';
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      text?: string;
      attachments?: { contentType?: string; content?: unknown }[];
    };
    const card = activity.attachments?.find(
      (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
    )?.content;
    const nudge = card ? nudgeOf(conversationId, card) : undefined;
    const seenKey = nudge ? nudgeKey(nudge) : `other|${conversationId}`;
    const previousArrivals = seen.get(seenKey) ?? 0;
    seen.set(seenKey, previousArrivals + 1);
    const arrival: Arrival = {
      n: ++arrivals,
      operation,
      conversationId,
      ...(nudge ? { nudge } : {}),
      previousArrivals,
    };
    inFlight++;
    try {
      connector.onArrival(arrival);
      const fate = connector.script(arrival);
      if (fate.kind === 'hang') {
        faultsServed.hang = (faultsServed.hang ?? 0) + 1;
        if (!res.destroyed) await once(res, 'close');
        if (nudge) abandoned.push(nudge);
        return;
      }
      if (fate.kind === 'deliver' && fate.delayMs)
        await new Promise((resolve) => setTimeout(resolve, fate.delayMs));
      while (frozen) await thawed;
      if (gone || res.destroyed || req.socket.destroyed) {
        if (nudge) abandoned.push(nudge);
        return;
      }
      if (fate.kind === 'fail') {
        faultsServed[String(fate.status)] = (faultsServed[String(fate.status)] ?? 0) + 1;
        json(
          res,
          fate.status,
          { error: { code: fate.status === 429 ? 'Throttled' : 'ServiceError', message: 'Injected fault.' } },
          fate.headers,
        );
        return;
      }
      delivered.push({
        operation,
        conversationId,
        ...(nudge ? { nudge } : {}),
        text: card ? texts(card).join('\n') : (activity.text ?? ''),
        isCard: card !== undefined,
        at: Date.now(),
      });
      json(res, 201, { id: String(nextId++) });
    } finally {
      inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 'StubError', message: String(error) } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  (connector as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return connector;
}

function closeServer(
  server: Server,
  sockets: Set<import('node:net').Socket>,
  thaw: () => void,
): Promise<void> {
  thaw();
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
  });
}
