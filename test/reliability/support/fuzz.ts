/**
 * Generated requests for the fuzz pass, from a seeded PRNG so any failure reproduces
 * (RELIABILITY_SEED=<n> npm run test:reliability). Every request stays on loopback: service URLs are the
 * connector stub's, or a closed loopback port, or not URLs at all.
 */
import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  groupChat,
  installationUpdate,
  membersAdded,
  type TestUser,
  teamsCardExecute,
  teamsCardSubmit,
  teamsInvoke,
  teamsMessage,
} from '../../support/activities';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function fuzzSeed(): number {
  const given = process.env.RELIABILITY_SEED;
  return given && /^\d+$/.test(given) ? Number(given) : randomInt(1, 2 ** 31 - 1);
}

export interface FuzzCase {
  category: string;
  /** What was sent, in a few words, for failure messages. */
  label: string;
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Who is in the fuzzed plan, and what the generator may aim at. */
export interface FuzzWorld {
  serviceUrl: string;
  /** A closed loopback port: replies to it fail to connect. */
  deadServiceUrl: string;
  planId: string;
  otherPlanId: string;
  /** An owner of some actions of planId (own) but not of others (foreign). */
  owner: TestUser;
  ownActions: string[];
  foreignActions: string[];
  /** Actions of otherPlanId, where `owner` has no role. */
  otherPlanActions: string[];
  coordinator: TestUser;
  /** Known to the roster, in no plan. */
  stranger: TestUser;
}

// Placeholders replaced in the JSON text after stringifying: values JSON.stringify cannot produce.
const PROTO = '@@PROTO@@';
const DEEP = '@@DEEP@@';
const DEEP_OBJECT = '@@DEEPOBJ@@';

function expand(json: string): string {
  return json
    .replaceAll(`"${PROTO}"`, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')
    .replaceAll(`"${DEEP}"`, `${'['.repeat(20_000)}${']'.repeat(20_000)}`)
    .replaceAll(`"${DEEP_OBJECT}"`, `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`);
}

/** Values of the wrong type (or absurd size) for any field. */
function wrongValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => true,
    () => false,
    () => '',
    () => ' ',
    () => 'x',
    () => '\u0000\u0001',
    () => '💥'.repeat(50),
    () => "' or PartitionKey ne '",
    () => '../../etc/passwd',
    () => [],
    () => [1, 'a', null],
    () => ({}),
    () => ({ $ref: '#' }),
    () => PROTO,
    () => DEEP,
    () => DEEP_OBJECT,
    () => 'a'.repeat(70_000),
  ])();
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (!child || typeof child !== 'object' || Array.isArray(child)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

const ACTIVITY_PATHS = [
  'type',
  'id',
  'timestamp',
  'localTimestamp',
  'serviceUrl',
  'channelId',
  'from',
  'from.id',
  'from.name',
  'from.aadObjectId',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'conversation.isGroup',
  'recipient',
  'recipient.id',
  'text',
  'textFormat',
  'attachments',
  'entities',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'locale',
  'value',
  'value.action',
  'value.action.verb',
  'value.action.data',
  'value.action.type',
  'name',
  'replyToId',
  'membersAdded',
  'action',
];

const json = (value: unknown) => expand(JSON.stringify(value));

function messages(
  body: unknown,
  category: string,
  label: string,
  headers: Record<string, string> = {},
): FuzzCase {
  return {
    category,
    label,
    method: 'POST',
    path: '/api/messages',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : json(body),
  };
}

/** Versions that can never match an action's current one (revisions are small whole numbers). */
function staleVersion(rng: Rng): unknown {
  return rng.pick<unknown>(['stale', '999999', -7, 'x', {}, true, '1.5', ' 0x', '💥']);
}

/**
 * Structural fuzz: malformed JSON, wrong types, huge strings, unknown types and verbs, odd headers, and the
 * tab API's update endpoint fed the same. Nothing here can be a valid change: card presses by the owner
 * carry versions that cannot match, and anything else comes from people with no role.
 */
export function structuralCases(rng: Rng, w: FuzzWorld): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const own = () => rng.pick(w.ownActions);
  const anyAction = () => rng.pick([...w.ownActions, ...w.foreignActions, ...w.otherPlanActions, '9.99']);
  const s = w.serviceUrl;

  // 1. Bodies that are not JSON, or not an object.
  const broken = [
    '',
    '{',
    '}',
    '{"type": "message", ',
    'null',
    'true',
    '42',
    '"a string"',
    '[]',
    '[{"type":"message"}]',
    '{"type":"message"}trailing',
    "{'type':'message'}",
    '{"type":"message","text":"\\ud800"}',
    '\ufeff{"type":"message"}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":1,}',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  ];
  for (const body of broken) cases.push(messages(body, 'malformed JSON', JSON.stringify(body.slice(0, 40))));
  for (let i = 0; i < 12; i++) {
    const bytes = Buffer.from(Array.from({ length: 1 + rng.int(400) }, () => rng.int(256)));
    cases.push(messages(bytes, 'malformed JSON', `${bytes.length} random bytes`));
  }

  // 2. A real activity with one to three fields replaced by a value of the wrong type.
  const bases: [string, () => Record<string, unknown>][] = [
    ['owner says "mine"', () => teamsMessage({ user: w.owner, text: 'mine', serviceUrl: s }) as never],
    [
      'stranger says "summary"',
      () => teamsMessage({ user: w.stranger, text: 'summary', serviceUrl: s }) as never,
    ],
    [
      'owner refreshes own card',
      () =>
        teamsCardExecute({
          user: w.owner,
          serviceUrl: s,
          verb: 'action.refresh',
          data: { planId: w.planId, actionId: own() },
        }) as never,
    ],
    [
      'stranger presses update',
      () =>
        teamsCardExecute({
          user: w.stranger,
          serviceUrl: s,
          verb: 'action.update',
          data: { planId: w.planId, actionId: anyAction(), version: '0', rating: 'green', note: 'n' },
        }) as never,
    ],
    [
      'bot added to a group chat',
      () => membersAdded({ user: w.owner, serviceUrl: s, scope: groupChat() }) as never,
    ],
    ['app installed', () => installationUpdate({ user: w.stranger, serviceUrl: s, action: 'add' }) as never],
  ];
  for (let i = 0; i < 130; i++) {
    const [name, make] = rng.pick(bases);
    const activity = make();
    const changed: string[] = [];
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
      const path = rng.pick(ACTIVITY_PATHS);
      const value =
        path === 'serviceUrl'
          ? rng.pick<unknown>([
              null,
              5,
              '',
              'not a url',
              'ftp://127.0.0.1/',
              'javascript:alert(1)',
              w.deadServiceUrl,
            ])
          : wrongValue(rng);
      setPath(activity, path, value);
      changed.push(`${path}=${String(JSON.stringify(value)).slice(0, 20)}`);
    }
    cases.push(messages(activity, 'wrong types', `${name}; ${changed.join(', ')}`));
  }

  // 3. Huge strings, below and beyond the 256 KB limit on /api/messages.
  const sizes = [10_000, 100_000, 250_000, 262_000, 262_145, 300_000, 1_000_000, 5_000_000];
  for (const size of sizes) {
    cases.push(
      messages(
        teamsMessage({ user: w.owner, text: 'x'.repeat(size), serviceUrl: s }),
        'huge strings',
        `text ${size}`,
      ),
    );
  }
  const huge = (n: number) => 'h'.repeat(n);
  const hugeFields: [string, (a: Record<string, unknown>) => void][] = [
    ['from.name 200k', (a) => setPath(a, 'from.name', huge(200_000))],
    ['from.aadObjectId 100k', (a) => setPath(a, 'from.aadObjectId', huge(100_000))],
    ['from.aadObjectId with key characters', (a) => setPath(a, 'from.aadObjectId', 'a/b\\c#d?e\u0001')],
    ['conversation.id 513', (a) => setPath(a, 'conversation.id', huge(513))],
    ['conversation.name 200k', (a) => setPath(a, 'conversation.name', huge(200_000))],
    ['locale 100k', (a) => setPath(a, 'locale', huge(100_000))],
    ['channelData 200k', (a) => setPath(a, 'channelData.extra', huge(200_000))],
    [
      'entities 5000',
      (a) =>
        setPath(
          a,
          'entities',
          Array.from({ length: 5000 }, () => ({ type: 'mention' })),
        ),
    ],
    [
      'attachments 2000',
      (a) =>
        setPath(
          a,
          'attachments',
          Array.from({ length: 2000 }, () => ({ contentType: 'text/html', content: '<p>x</p>' })),
        ),
    ],
  ];
  for (const [label, mutate] of hugeFields) {
    const message = teamsMessage({ user: w.owner, text: 'mine', serviceUrl: s }) as unknown as Record<
      string,
      unknown
    >;
    mutate(message);
    cases.push(messages(message, 'huge strings', `message ${label}`));
    const invoke = teamsCardExecute({
      user: w.owner,
      serviceUrl: s,
      verb: 'action.refresh',
      data: { planId: w.planId, actionId: own() },
    }) as unknown as Record<string, unknown>;
    mutate(invoke);
    cases.push(messages(invoke, 'huge strings', `card refresh ${label}`));
  }
  cases.push(
    messages(
      teamsCardExecute({
        user: w.owner,
        serviceUrl: s,
        verb: 'action.update',
        data: { planId: w.planId, actionId: own(), version: 'stale', rating: 'green', note: huge(200_000) },
      }),
      'huge strings',
      'card update with a 200k note',
    ),
    messages(
      teamsCardExecute({
        user: w.owner,
        serviceUrl: s,
        verb: huge(100_000),
        data: { planId: w.planId, actionId: own() },
      }),
      'huge strings',
      'card verb 100k',
    ),
  );

  // 4. Activity types and invoke names nobody handles.
  for (const type of [
    'foo',
    'event',
    'typing',
    'messageReaction',
    'endOfConversation',
    'handoff',
    'trace',
    'deleteUserData',
    'MESSAGE',
    'message ',
    'messageUpdate',
    'messageDelete',
    'command',
  ]) {
    const activity = teamsMessage({
      user: rng.pick([w.owner, w.stranger]),
      text: 'mine',
      serviceUrl: s,
    }) as unknown as Record<string, unknown>;
    activity.type = type;
    cases.push(messages(activity, 'unknown activity types', `type ${JSON.stringify(type)}`));
  }
  // Invokes the bot has no handler for (botbuilder's default answer to these is 501 Not Implemented).
  const nameless = teamsMessage({ user: w.owner, text: 'mine', serviceUrl: s }) as unknown as Record<
    string,
    unknown
  >;
  nameless.type = 'invoke';
  cases.push(messages(nameless, 'invoke names the bot does not handle', 'invoke without a name'));
  for (const name of [
    'foo',
    '',
    'adaptiveCard/unknown',
    'task/fetch',
    'task/submit',
    'composeExtension/query',
    'composeExtension/fetchTask',
    'actionableMessage/executeAction',
    'signin/verifyState',
    'signin/tokenExchange',
    'config/fetch',
    'fileConsent/invoke',
    'tab/fetch',
    'healthCheck',
    'application/search',
    'message/submitAction',
  ]) {
    const user = rng.pick([w.owner, w.stranger]);
    cases.push(
      messages(
        teamsInvoke({ user, serviceUrl: s, name, value: rng.pick([{}, null, 'x', { a: 1 }]) }),
        'invoke names the bot does not handle',
        `invoke ${JSON.stringify(name)}`,
      ),
    );
  }

  // 5. Universal Actions with unknown verbs, wrong types and stale or foreign ids.
  const verbs = [
    'action.refresh',
    'action.update',
    'action.complete',
    'date.request',
    'date.approve',
    'date.reject',
    'impact.confirm',
    'action.snooze',
  ];
  const oddVerbs = [
    'delete',
    'action.delete',
    'ACTION.UPDATE',
    '',
    ' action.update',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'plan.delete',
    'round.start',
  ];
  const idValues = () =>
    rng.pick<unknown>([
      w.planId,
      w.otherPlanId,
      'no-such-plan',
      "x' or PartitionKey ne '",
      '../x',
      'a%2Fb',
      'UPPER',
      '',
      null,
      7,
      [],
      {},
      huge(5000),
    ]);
  const actionValues = () =>
    rng.pick<unknown>([
      own(),
      anyAction(),
      '9.99',
      "1.1' or RowKey ne '",
      '../1.1',
      '1.1#',
      '',
      null,
      1.1,
      [],
      huge(5000),
    ]);
  for (let i = 0; i < 90; i++) {
    const asOwner = rng.next() < 0.5;
    const user = asOwner ? w.owner : rng.pick([w.stranger, { ...w.stranger, aadObjectId: '' }]);
    const verb =
      rng.next() < 0.4
        ? rng.pick(oddVerbs)
        : rng.pick(asOwner ? verbs.filter((v) => v !== 'action.snooze') : verbs);
    const data: Record<string, unknown> = {
      planId: rng.next() < 0.7 ? w.planId : idValues(),
      actionId: asOwner && rng.next() < 0.5 ? own() : actionValues(),
      version: staleVersion(rng),
    };
    for (const field of [
      'rating',
      'note',
      'evidence',
      'revisedDate',
      'reason',
      'comment',
      'impactNote',
      'impactEvidence',
      'days',
      'requestId',
    ]) {
      if (rng.next() < 0.3)
        data[field] =
          rng.next() < 0.5
            ? wrongValue(rng)
            : rng.pick<unknown>([
                'green',
                'red',
                'Amber',
                'http://x',
                'https://127.0.0.1/e',
                '2025-03-31',
                '31/02/2025',
                'n',
              ]);
    }
    // The owner's presses never carry a snooze: it needs no version, so it would be a real change.
    if (asOwner) delete data.days;
    const shape = rng.int(5);
    const value =
      shape === 0
        ? { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }
        : shape === 1
          ? { action: { type: rng.pick(['Action.Submit', 'Action.OpenUrl', 1, null]), verb, data } }
          : shape === 2
            ? { action: { type: 'Action.Execute', verb: wrongValue(rng), data } }
            : shape === 3
              ? { action: { type: 'Action.Execute', verb, data: wrongValue(rng) } }
              : rng.pick<unknown>([
                  null,
                  'x',
                  [],
                  {},
                  { action: null },
                  { action: 'x' },
                  { trigger: 'automatic' },
                ]);
    cases.push(
      messages(
        teamsInvoke({ user, serviceUrl: s, name: 'adaptiveCard/action', value }),
        'card invokes: odd verbs and data',
        `${asOwner ? 'owner' : 'stranger'} ${JSON.stringify(verb).slice(0, 20)} shape ${shape} ${JSON.stringify(data).slice(0, 80)}`,
      ),
    );
  }

  // 6. The Action.Submit fallback: a message carrying card data.
  for (let i = 0; i < 20; i++) {
    const asOwner = rng.next() < 0.5;
    const value: Record<string, unknown> = {
      verb: rng.pick([...oddVerbs, 'action.update', 'action.complete', 'date.request']),
      planId: rng.next() < 0.7 ? w.planId : idValues(),
      actionId: asOwner ? own() : actionValues(),
      version: staleVersion(rng),
      rating: rng.pick<unknown>(['green', wrongValue(rng)]),
      command: rng.pick<unknown>([undefined, wrongValue(rng), 'mine', 'list', 'x'.repeat(600)]),
      page: wrongValue(rng),
    };
    cases.push(
      messages(
        teamsCardSubmit({ user: asOwner ? w.owner : w.stranger, serviceUrl: s, value }),
        'card submit fallback',
        `${asOwner ? 'owner' : 'stranger'} ${JSON.stringify(value).slice(0, 80)}`,
      ),
    );
  }

  // 7. Headers: content types, charsets and encodings body-parser must refuse cleanly.
  const good = json(teamsMessage({ user: w.owner, text: 'mine', serviceUrl: s }));
  const headerCases: [string, Record<string, string>, string | Buffer][] = [
    ['text/plain', { 'Content-Type': 'text/plain' }, good],
    ['no content type', { 'Content-Type': '' }, good],
    ['charset utf-16', { 'Content-Type': 'application/json; charset=utf-16' }, good],
    ['charset utf-7', { 'Content-Type': 'application/json; charset=utf-7' }, good],
    ['charset nonsense', { 'Content-Type': 'application/json; charset=klingon' }, good],
    ['gzip that is not gzip', { 'Content-Encoding': 'gzip' }, good],
    ['deflate that is not deflate', { 'Content-Encoding': 'deflate' }, good],
    ['br', { 'Content-Encoding': 'br' }, good],
    ['unknown encoding', { 'Content-Encoding': 'x-fuzz' }, good],
    ['gzip bomb-ish', { 'Content-Encoding': 'gzip' }, gzipSync(Buffer.alloc(3_000_000, 32))],
    ['multipart', { 'Content-Type': 'multipart/form-data; boundary=x' }, '--x\r\n\r\n--x--'],
    ['authorization junk', { Authorization: 'Bearer not.a.jwt' }, good],
    ['authorization huge', { Authorization: `Bearer ${huge(6000)}` }, good],
  ];
  for (const [label, headers, body] of headerCases) cases.push(messages(body, 'odd headers', label, headers));

  // 7b. Local mode's guards (issue 16): a foreign Host (DNS rebinding), a foreign serviceUrl, a card verb
  // in a group chat, an unknown X-Local-User. Each is refused with a 4xx or answered without details.
  const securityCases: [string, Record<string, string>, string][] = [
    ['foreign Host', { Host: 'attacker.example:3978' }, good],
    [
      'foreign serviceUrl',
      {},
      json(
        teamsMessage({ user: w.owner, text: 'mine', serviceUrl: 'https://smba.trafficmanager.net/emea/' }),
      ),
    ],
    [
      'private serviceUrl',
      {},
      json(teamsMessage({ user: w.owner, text: 'mine', serviceUrl: 'http://10.0.0.5/' })),
    ],
    [
      'card verb in a group chat',
      {},
      json(
        teamsCardSubmit({
          user: w.owner,
          serviceUrl: s,
          scope: groupChat(),
          value: { verb: 'action.refresh', planId: w.planId, actionId: own() },
        }),
      ),
    ],
  ];
  for (const [label, headers, body] of securityCases)
    cases.push(messages(body, 'local-mode guards', label, headers));
  cases.push({
    category: 'local-mode guards',
    label: 'unknown X-Local-User',
    method: 'GET',
    path: '/api/tab/me',
    headers: { 'X-Local-User': 'nobody.known@example.org' },
  });

  // 8. The tab API's update endpoint, in local mode (X-Local-User), with bodies that cannot be a change.
  const people = [
    w.owner.email,
    w.stranger.email,
    '',
    huge(4000),
    'OWNER1@EXAMPLE.ORG',
    '" or 1=1',
    'é@ü.org',
  ];
  const tabIds = () =>
    rng.pick<[string, string]>([
      [w.planId, own()],
      [w.planId, rng.pick(w.foreignActions)],
      [w.otherPlanId, rng.pick(w.otherPlanActions)],
      ['no-such-plan', '1.1'],
      [w.planId, '9.99'],
      ['..', '..'],
      ['%2e%2e', '%2e%2e'],
      [encodeURIComponent("x' or 1 eq 1"), '1.1'],
      [w.planId, encodeURIComponent('1.1#x')],
      [huge(300), '1.1'],
      [w.planId, huge(300)],
      ['UPPER', '1.1'],
    ]);
  for (let i = 0; i < 80; i++) {
    const [planId, actionId] = tabIds();
    const kind = rng.int(6);
    const body =
      kind === 0
        ? rng.pick(['', '{', 'null', '[]', '"x"', '42', '{"version":', 'not json'])
        : kind === 1
          ? json({
              version: staleVersion(rng),
              rating: wrongValue(rng),
              note: wrongValue(rng),
              evidence: wrongValue(rng),
            })
          : kind === 2
            ? json({
                version: staleVersion(rng),
                rating: 'green',
                note: 'x'.repeat(rng.pick([4001, 20_000])),
              })
            : kind === 3
              ? json({ rating: 'green', note: 'no version' })
              : kind === 4
                ? json({ version: wrongValue(rng), rating: 'red' })
                : json({
                    version: staleVersion(rng),
                    rating: 'green',
                    note: 'n',
                    extra: PROTO,
                    deep: DEEP_OBJECT,
                  });
    cases.push({
      category: 'tab API: update endpoint',
      label: `POST ${planId.slice(0, 20)}/${actionId.slice(0, 20)} as ${JSON.stringify(people[i % people.length]!.slice(0, 20))} kind ${kind} ${body.slice(0, 60)}`,
      method: 'POST',
      path: `/api/tab/plans/${planId}/actions/${actionId}`,
      headers: {
        'Content-Type': rng.pick([
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ]),
        'X-Local-User': people[i % people.length]!,
      },
      body,
    });
  }
  // 9. The tab API's read endpoints with junk in the path and query.
  const gets = [
    `/api/tab/plans/${w.planId}/report.exe`,
    `/api/tab/plans/${w.planId}/report.html?round=-1`,
    `/api/tab/plans/${w.planId}/report.csv?round=abc`,
    `/api/tab/plans/${w.planId}/report.xlsx?round=1e9`,
    `/api/tab/plans/${w.planId}/compare?from=0&to=x`,
    `/api/tab/plans/${w.planId}/compare?from=1&from=2`,
    `/api/tab/plans/${w.planId}/trends?x=${huge(3000)}`,
    `/api/tab/plans/${w.otherPlanId}/export.csv`,
    '/api/tab/plans/%ff%fe',
    '/api/tab/plans/..%2f..%2fetc',
    `/api/tab/plans/${w.planId}/actions/%00`,
    `/api/tab/plans/${w.planId}/actions/${huge(2000)}`,
    '/api/tab/me?x=%',
    '/api/tab/nothing-here',
  ];
  for (const path of gets) {
    cases.push({
      category: 'tab API: read endpoints',
      label: `GET ${path.slice(0, 60)}`,
      method: 'GET',
      path,
      headers: { 'X-Local-User': rng.pick(people) },
    });
  }
  return cases;
}

/** Built just before it is sent, so it can carry the action's current version. */
export type LazyCase = (
  versionOf: (planId: string, actionId: string) => Promise<string>,
) => Promise<FuzzCase>;

/**
 * Requests that WOULD change the plan if the sender were allowed to: the current version, a valid rating
 * and note, a working-day date, a snooze of a week. Each comes from someone who is not allowed: an owner
 * acting on another owner's action or another plan, a stranger the roster knows, someone with no
 * identity, card data claiming to be the coordinator.
 */
export function authorisationCases(w: FuzzWorld): LazyCase[] {
  const s = w.serviceUrl;
  const change = (planId: string, actionId: string, version: string): Record<string, unknown> => ({
    planId,
    actionId,
    version,
    rating: 'green',
    note: 'A change nobody allowed',
    impactNote: 'Done, says someone who may not say so',
    impactEvidence: 'https://example.org/evidence',
    revisedDate: '2025-04-30',
    reason: 'Not mine to move',
    days: 7,
    requestId: 'forged',
    comment: 'forged',
  });
  const verbs = [
    'action.update',
    'action.complete',
    'date.request',
    'action.snooze',
    'date.approve',
    'impact.confirm',
  ];
  const nobody = { ...w.stranger, aadObjectId: '' };
  const newcomer = { ...w.stranger, aadObjectId: 'f0f0f0f0-0000-4000-8000-00000000f0f0' };
  const cases: LazyCase[] = [];
  const press =
    (label: string, user: TestUser, planId: string, actionId: string, verb: string, extra = {}): LazyCase =>
    async (versionOf) =>
      messages(
        teamsCardExecute({
          user,
          serviceUrl: s,
          verb,
          data: { ...change(planId, actionId, await versionOf(planId, actionId)), ...extra },
        }),
        'authorisation: card press',
        `${label} ${verb} ${planId}/${actionId}`,
      );
  const submit =
    (label: string, user: TestUser, planId: string, actionId: string, verb: string): LazyCase =>
    async (versionOf) =>
      messages(
        teamsCardSubmit({
          user,
          serviceUrl: s,
          value: { verb, ...change(planId, actionId, await versionOf(planId, actionId)) },
        }),
        'authorisation: card submit fallback',
        `${label} ${verb} ${planId}/${actionId}`,
      );

  for (const verb of verbs) {
    for (const actionId of w.foreignActions) {
      cases.push(press('owner on another owner’s action:', w.owner, w.planId, actionId, verb));
      cases.push(submit('owner on another owner’s action:', w.owner, w.planId, actionId, verb));
    }
    for (const actionId of w.otherPlanActions)
      cases.push(press('owner on another plan’s action:', w.owner, w.otherPlanId, actionId, verb));
    cases.push(press('stranger:', w.stranger, w.planId, w.ownActions[0]!, verb));
    cases.push(submit('stranger:', w.stranger, w.planId, w.ownActions[0]!, verb));
    cases.push(press('no Entra id:', nobody, w.planId, w.ownActions[0]!, verb));
    cases.push(press('new Entra id, roster says stranger:', newcomer, w.planId, w.ownActions[1]!, verb));
    cases.push(
      press('stranger with card data naming the coordinator:', w.stranger, w.planId, w.ownActions[0]!, verb, {
        aadObjectId: w.coordinator.aadObjectId,
        email: w.coordinator.email,
        from: { id: w.coordinator.id, aadObjectId: w.coordinator.aadObjectId },
        asker: {
          aadObjectId: w.coordinator.aadObjectId,
          email: w.coordinator.email,
          name: w.coordinator.name,
        },
        role: 'coordinator',
      }),
    );
  }
  // Decisions only leads and coordinators take, asked for by an owner on their own action.
  for (const verb of ['impact.confirm', 'date.approve', 'date.reject'])
    cases.push(press('owner deciding on own action:', w.owner, w.planId, w.ownActions[0]!, verb));

  const say =
    (label: string, user: TestUser, text: string): LazyCase =>
    async () =>
      messages(
        teamsMessage({ user, text, serviceUrl: s }),
        'authorisation: chat commands',
        `${label} "${text}"`,
      );
  for (const text of [
    'round start',
    'round start due 30/04/2025',
    'round close 1',
    `snooze ${w.ownActions[0]} 1 week`,
    'pause until 01/04/2025',
    `plan ${w.planId}`,
    'report',
    'digest',
  ])
    cases.push(say('stranger says', w.stranger, text));
  for (const text of [
    'round start',
    `snooze ${w.foreignActions[0]} 1 week`,
    `plan ${w.otherPlanId}`,
    `snooze ${w.otherPlanActions[0]} 3 days`,
  ])
    cases.push(say('owner says', w.owner, text));

  const tab =
    (label: string, as: string, planId: string, actionId: string): LazyCase =>
    async (versionOf) => ({
      category: 'authorisation: tab API update',
      label: `${label} ${planId}/${actionId}`,
      method: 'POST',
      path: `/api/tab/plans/${planId}/actions/${actionId}`,
      headers: { 'Content-Type': 'application/json', 'X-Local-User': as },
      body: JSON.stringify({
        version: await versionOf(planId, actionId),
        rating: 'green',
        note: 'A change nobody allowed',
      }),
    });
  for (const actionId of w.foreignActions)
    cases.push(tab('owner on another owner’s action', w.owner.email, w.planId, actionId));
  for (const actionId of w.otherPlanActions)
    cases.push(tab('owner on another plan’s action', w.owner.email, w.otherPlanId, actionId));
  return cases;
}

/**
 * "The roster says otherwise": activities whose Entra object id and Teams user id belong to different
 * people. Teams never sends these; only a forger does, where tokens are not checked.
 */
export function forgedCoordinatorCases(w: FuzzWorld): LazyCase[] {
  const s = w.serviceUrl;
  // Claims the coordinator's Entra id; the roster says this Teams user id is the stranger.
  const claimsCoordinator: TestUser = { ...w.stranger, aadObjectId: w.coordinator.aadObjectId };
  // A fresh Entra id with the coordinator's Teams user id: the roster's entry has a different Entra id.
  const borrowsCoordinatorId: TestUser = {
    ...w.coordinator,
    name: 'Someone Else',
    aadObjectId: 'f1f1f1f1-0000-4000-8000-00000000f1f1',
  };
  const forgers: [string, TestUser][] = [
    ['aadObjectId of the coordinator, from.id of a stranger', claimsCoordinator],
    ['new aadObjectId, from.id of the coordinator', borrowsCoordinatorId],
  ];
  const cases: LazyCase[] = [];
  for (const [label, user] of forgers) {
    const actionId = w.ownActions[forgers.findIndex(([l]) => l === label)]!;
    cases.push(async (versionOf) =>
      messages(
        teamsCardExecute({
          user,
          serviceUrl: s,
          verb: 'action.update',
          data: {
            planId: w.planId,
            actionId,
            version: await versionOf(w.planId, actionId),
            rating: 'green',
            note: 'Forged',
          },
        }),
        'forged coordinator',
        `${label}: update ${actionId}`,
      ),
    );
    cases.push(async () =>
      messages(
        teamsCardExecute({
          user,
          serviceUrl: s,
          verb: 'action.snooze',
          data: { planId: w.planId, actionId, days: 7 },
        }),
        'forged coordinator',
        `${label}: snooze ${actionId}`,
      ),
    );
    cases.push(async () =>
      messages(
        teamsMessage({ user, text: 'round start', serviceUrl: s }),
        'forged coordinator',
        `${label}: "round start"`,
      ),
    );
  }
  return cases;
}
