/**
 * The update page an e-mail's button opens, on the real server parts (express, the card's use case,
 * Azurite). Links are signed like the e-mail channel signs them; every refusal is checked to have left
 * storage untouched, and the bad-link ones to have not even read it.
 */
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Action } from '../../src/domain/action';
import { createApp, listen } from '../../src/http/server';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const NOW = '2025-01-15T10:00:00Z';
const keys = updatePageKeys(Buffer.from('a-test-secret-of-at-least-32-characters!'));

let stores: Stores;
let calls: string[];
let clock: ReturnType<typeof fixedClock>;
let server: Server;
let url: string;
let lines: Record<string, unknown>[];
let target: Action;
let owner: { name: string; email: string };
let other: Action;
const announced: string[] = [];

/** Every store method call, by name, so a test can say "storage was not touched at all". */
function counting(real: Stores): Stores {
  const wrap = <T extends object>(name: string, store: T): T =>
    new Proxy(store, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(key)}`);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return Object.fromEntries(
    Object.entries(real).map(([name, store]) => [
      name,
      typeof store === 'object' && store !== null ? wrap(name, store as object) : store,
    ]),
  ) as unknown as Stores;
}

beforeAll(async () => {
  calls = [];
  lines = [];
  clock = fixedClock(NOW);
  const calendar = new UkHolidayCalendar();
  const fresh = await freshStores();
  await seedDemoPlan({
    stores: fresh.stores,
    clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  stores = fresh.stores;
  const { actions } = await stores.actions.readPlan(PLAN);
  const open = actions
    .map((a) => a.value)
    .filter((a) => a.lifecycle === 'in_progress' && a.owners.length > 0);
  target = open[0]!;
  owner = target.owners[0]!;
  other = open.find((a) => !a.owners.some((o) => o.email === owner.email))!;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const counted = counting(stores);
  const router = updatePageRouter({
    stores: counted,
    clock,
    calendar,
    random: seededRandom(7),
    logger,
    keys,
    secureCookies: false,
    // Higher than the default 30, so the tests' many requests on one link are not slowed; the last test checks the limit.
    perLinkLimit: 100,
    afterSave: (_planId, outcome) => announced.push(...outcome.announcements.map((a) => a.kind)),
  });
  ({ server, url } = await listen(createApp({ stores: counted, logger, routers: [router] }), 0, '127.0.0.1'));
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  calls.length = 0;
  clock.set(NOW);
});

function tokenFor(action: Action, email = owner.email, now = new Date(NOW)): string {
  return makeUpdateToken(keys, { email, planId: PLAN, actionId: action.id }, now);
}

interface Opened {
  status: number;
  html: string;
  cookie: string;
  csrf: string;
  version: string;
  headers: Headers;
}

async function open(token: string, cookie = ''): Promise<Opened> {
  const response = await fetch(`${url}/update/${token}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  const setCookie = response.headers.get('set-cookie') ?? '';
  return {
    status: response.status,
    html,
    headers: response.headers,
    cookie: setCookie.split(';')[0] || cookie,
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    version: /name="version" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

async function post(token: string, fields: Record<string, string>, cookie: string) {
  const response = await fetch(`${url}/update/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

/** What a change would alter: the action (and its version), its history, the plan's audit log. */
async function state(action: Action) {
  const loaded = await stores.actions.get(PLAN, action.id);
  const history = await stores.history.listForAction(PLAN, action.id);
  const audit = await stores.audit.list(PLAN);
  return { etag: loaded?.etag, action: loaded?.value, history: history.length, audit: audit.length };
}

describe('the update page', () => {
  test('when the owner follows the link and submits the form, then the update is in the history with source e-mail and an audit event', async () => {
    const before = await state(target);
    const page = await open(tokenFor(target));
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      `You are updating action ${target.id} as <strong>${owner.name}, ${target.leadAgency}</strong>`,
    );
    expect(page.html).toContain('<form method="post"');
    const result = await post(
      tokenFor(target),
      {
        csrf: page.csrf,
        version: page.version,
        verb: 'action.update',
        rating: 'green',
        note: 'Protocol agreed at the board',
      },
      page.cookie,
    );
    expect(result.status).toBe(200);
    expect(result.html).toContain(`Updated by ${owner.name}`);
    const after = await state(target);
    expect(after.history).toBe(before.history + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(after.action?.rating).toBe('green');
    const [entry] = await stores.history.listForAction(PLAN, target.id, 1);
    expect(entry).toMatchObject({
      source: 'email',
      newRating: 'green',
      note: 'Protocol agreed at the board',
      author: { name: owner.name, aadObjectId: `email:${owner.email}` },
    });
    const [event] = await stores.audit.list(PLAN, 1);
    expect(event).toMatchObject({ event: 'action.action.update', actor: `email:${owner.email}` });
  });

  test('when the link is opened, however often, then nothing changes (mail scanners open every link)', async () => {
    const before = await state(target);
    for (let i = 0; i < 3; i++) expect((await open(tokenFor(target))).status).toBe(200);
    expect(calls.some((c) => /\.(update|append|record|create|writeMany|put|claim|complete)$/.test(c))).toBe(
      false,
    );
    expect(await state(target)).toEqual(before);
  });

  test('when the page is served, then it is not cached, sends no referrer and allows no inline script or style', async () => {
    const page = await open(tokenFor(target));
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.html).not.toMatch(/<script|style="/);
    expect(page.cookie).toMatch(/^at_update_form=/);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(page.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  test('when a link is forged, altered or expired, then it is refused without touching storage, for GET and POST', async () => {
    const good = tokenFor(target);
    // The token is sealed: altering it means changing its bytes (here one in the sealed claims).
    const bytes = Buffer.from(good, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    const altered = bytes.toString('base64url');
    const forged = makeUpdateToken(
      updatePageKeys(Buffer.from('someone-elses-secret-of-32-characters!!')),
      { email: owner.email, planId: PLAN, actionId: target.id },
      new Date(NOW),
    );
    const expired = tokenFor(target, owner.email, new Date(Date.parse(NOW) - 22 * 24 * 60 * 60 * 1000));
    const page = await open(good);
    const before = await state(target);
    const beforeOther = await state(other);
    for (const token of [altered, forged, expired, `${good}x`, 'nonsense']) {
      calls.length = 0;
      const got = await open(token);
      expect(got.status).toBe(403);
      // Issue 20: a genuine link that has expired offers a new one (sent to its own address, on request).
      expect(got.html).toContain(
        token === expired ? 'This link has expired' : 'This link has expired or is not valid',
      );
      expect(got.html.includes('Send me a new link')).toBe(token === expired);
      const posted = await post(
        token,
        { csrf: page.csrf, version: page.version, verb: 'action.update', rating: 'red', note: 'forged' },
        page.cookie,
      );
      expect(posted.status).toBe(403);
      expect(calls).toEqual([]);
    }
    expect(await state(target)).toEqual(before);
    expect(await state(other)).toEqual(beforeOther);
  });

  test('when a link is one day past its 21 days, then it is refused; the day before, it works', async () => {
    const token = tokenFor(target);
    clock.set(new Date(Date.parse(NOW) + 21 * 24 * 60 * 60 * 1000 - 60_000).toISOString());
    expect((await open(token)).status).toBe(200);
    clock.set(new Date(Date.parse(NOW) + 21 * 24 * 60 * 60 * 1000 + 1).toISOString());
    calls.length = 0;
    expect((await open(token)).status).toBe(403);
    expect(calls).toEqual([]);
  });

  test("when someone's own valid link is for an action they do not own, then it is refused and nothing changes", async () => {
    const token = tokenFor(other);
    const before = await state(other);
    const page = await open(token);
    expect(page.status).toBe(403);
    expect(page.html).toContain(`You are no longer an owner of action ${other.id}`);
    const own = await open(tokenFor(target));
    const posted = await post(
      token,
      {
        csrf: own.csrf,
        version: String(other.revision ?? 0),
        verb: 'action.update',
        rating: 'red',
        note: 'not mine',
      },
      own.cookie,
    );
    expect(posted.status).toBe(403);
    expect(await state(other)).toEqual(before);
  });

  test("when one action's form is posted to another action's link, then the CSRF check refuses it", async () => {
    const coordinator = 'partnership.manager@example.org';
    const mine = await open(tokenFor(target, coordinator));
    expect(mine.status).toBe(200);
    const before = await state(other);
    const posted = await post(
      tokenFor(other, coordinator),
      { csrf: mine.csrf, version: mine.version, verb: 'action.update', rating: 'red', note: 'crossed' },
      mine.cookie,
    );
    expect(posted.status).toBe(403);
    expect(posted.html).toContain('This form has expired');
    expect(await state(other)).toEqual(before);
  });

  test('when the CSRF token is missing or wrong, or the cookie is missing, then nothing is saved and storage is not touched', async () => {
    const token = tokenFor(target);
    const page = await open(token);
    const before = await state(target);
    const fields = { version: page.version, verb: 'action.update', rating: 'red', note: 'csrf' };
    for (const [csrf, cookie] of [
      [undefined, page.cookie],
      ['A'.repeat(43), page.cookie],
      [page.csrf, ''],
      [page.csrf, 'at_update_form=someoneElsesNonceValue1234'],
    ] as const) {
      calls.length = 0;
      const posted = await post(token, csrf ? { ...fields, csrf } : fields, cookie);
      expect(posted.status).toBe(403);
      expect(posted.html).toContain('Nothing was saved');
      expect(calls).toEqual([]);
    }
    expect(await state(target)).toEqual(before);
  });

  test('when the same form is submitted twice, then it is recorded once', async () => {
    const token = tokenFor(target);
    const page = await open(token);
    const before = await state(target);
    const fields = {
      csrf: page.csrf,
      version: page.version,
      verb: 'action.update',
      evidence: 'https://example.org/minutes.pdf',
    };
    const first = await post(token, fields, page.cookie);
    const second = await post(token, fields, page.cookie);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.html).toContain(`Updated by ${owner.name}`);
    const after = await state(target);
    expect(after.history).toBe(before.history + 1);
    expect(after.action?.evidenceLinks).toEqual([
      ...(before.action?.evidenceLinks ?? []),
      'https://example.org/minutes.pdf',
    ]);
  });

  test('when the action changed after the page was opened, then nothing is overwritten and the page says so', async () => {
    const token = tokenFor(target);
    const stale = await open(token);
    const fresh = await open(token);
    await post(
      token,
      { csrf: fresh.csrf, version: fresh.version, verb: 'action.update', note: 'First change' },
      fresh.cookie,
    );
    const before = await state(target);
    const posted = await post(
      token,
      { csrf: stale.csrf, version: stale.version, verb: 'action.update', note: 'Second, from an old page' },
      stale.cookie,
    );
    expect(posted.status).toBe(200);
    expect(posted.html).toContain('This action changed after this card was sent');
    // What was typed is kept in the form, so nothing is lost.
    expect(posted.html).toContain('Second, from an old page</textarea>');
    expect(await state(target)).toEqual(before);
  });

  test('when the answers break the rules, then the problems are listed, what was typed is kept and nothing is saved', async () => {
    const token = tokenFor(target);
    const page = await open(token);
    const before = await state(target);
    const posted = await post(
      token,
      {
        csrf: page.csrf,
        version: page.version,
        verb: 'action.update',
        rating: 'red',
        evidence: 'http://insecure.example',
      },
      page.cookie,
    );
    expect(posted.status).toBe(422);
    expect(posted.html).toContain('Nothing was saved');
    expect(posted.html).toMatch(
      /id="progress-note-error"><strong>Problem:<\/strong> say what has changed: the rating is getting worse/,
    );
    expect(posted.html).toContain('value="http://insecure.example"');
    expect(await state(target)).toEqual(before);
  });

  test('when the rating turns red, then the escalation is handed on, as from the card', async () => {
    const token = tokenFor(target);
    const page = await open(token);
    announced.length = 0;
    const posted = await post(
      token,
      {
        csrf: page.csrf,
        version: page.version,
        verb: 'action.update',
        rating: 'red',
        note: 'Funding withdrawn',
      },
      page.cookie,
    );
    expect(posted.status).toBe(200);
    expect(announced).toEqual(['escalation']);
  });

  test('when the owner asks for a new date and snoozes, then both are recorded from the page', async () => {
    const token = tokenFor(target);
    let page = await open(token);
    const request = await post(
      token,
      {
        csrf: page.csrf,
        version: page.version,
        verb: 'date.request',
        revisedDate: '2027-06-30',
        reason: 'Waiting for the board',
      },
      page.cookie,
    );
    expect(request.status).toBe(200);
    expect((await stores.actions.get(PLAN, target.id))?.value.pendingDateRequest?.date).toBe('2027-06-30');
    page = await open(token);
    const snoozed = await post(
      token,
      { csrf: page.csrf, version: page.version, verb: 'action.snooze', days: '7' },
      page.cookie,
    );
    expect(snoozed.html).toContain('No reminders about this action until 22 Jan 2025');
    expect((await stores.actions.get(PLAN, target.id))?.value.snoozedUntil).toBe('2025-01-22');
  });

  test('when the owner was replaced after the e-mail went, then the form is refused with a clear reason and nothing changes', async () => {
    const token = tokenFor(target);
    const page = await open(token);
    const loaded = (await stores.actions.get(PLAN, target.id))!;
    const replaced = { ...loaded.value, owners: [{ name: 'New Owner', email: 'new.owner@example.org' }] };
    await stores.actions.update(replaced, loaded.etag, loaded.value);
    try {
      const before = await state(target);
      const posted = await post(
        token,
        { csrf: page.csrf, version: page.version, verb: 'action.update', rating: 'green', note: 'Late' },
        page.cookie,
      );
      expect(posted.status).toBe(403);
      expect(posted.html).toContain(`You are no longer an owner of action ${target.id}`);
      expect(await state(target)).toEqual(before);
    } finally {
      const now = (await stores.actions.get(PLAN, target.id))!;
      await stores.actions.update({ ...now.value, owners: loaded.value.owners }, now.etag, now.value);
    }
  });

  test('when requests are logged, then the link token is not', async () => {
    const token = tokenFor(target);
    await open(token);
    expect(lines.some((l) => l.path === '/update/[link]')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(token.split('.')[0]);
  });

  test('when one link is used too often, then it is slowed down', async () => {
    const token = tokenFor(target, 'partnership.manager@example.org');
    let status = 200;
    for (let i = 0; i < 101 && status !== 429; i++) status = (await open(token)).status;
    expect(status).toBe(429);
    const refused = await open(token);
    expect(refused.html).toContain('Too many attempts');
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a delegate covering for the owner (issue 19)', () => {
  const DELEGATE = 'sam.cover@example.org';

  /** Sam covers for the owner from Monday 13 to Friday 17 January 2025; the plan is restored after. */
  async function withCover(run: () => Promise<void>): Promise<void> {
    const loaded = (await stores.plans.get(PLAN))!;
    const delegation = {
      id: 'd1',
      owner: owner.email.toLowerCase(),
      delegate: DELEGATE,
      delegateName: 'Sam Cover',
      from: '2025-01-13',
      to: '2025-01-17',
      createdAt: '2025-01-10T09:00:00Z',
      createdBy: 'coordinator',
    };
    await stores.plans.update({ ...loaded.value, delegations: [delegation] }, loaded.etag);
    try {
      await run();
    } finally {
      const now = (await stores.plans.get(PLAN))!;
      await stores.plans.update({ ...now.value, delegations: loaded.value.delegations ?? [] }, now.etag);
    }
  }

  test('when the delegate follows their link inside the cover, then they update the action from the page', () =>
    withCover(async () => {
      const token = tokenFor(target, DELEGATE);
      const page = await open(token);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('You are no longer an owner');
      expect(page.html).toContain(`as <strong>Sam Cover, covering for ${owner.name}</strong>`);
      expect(page.html).toContain('<form method="post"');
      const result = await post(
        token,
        { csrf: page.csrf, version: page.version, verb: 'action.update', rating: 'amber', note: 'Covering' },
        page.cookie,
      );
      expect(result.status).toBe(200);
      expect(result.html).toContain('Updated by Sam Cover');
      // Earlier tests wrote at the same pinned instant, so the entry is found by its note, not its place.
      const entries = await stores.history.listForAction(PLAN, target.id);
      expect(entries.find((e) => e.note === 'Covering')).toMatchObject({
        source: 'email',
        newRating: 'amber',
      });
    }));

  test.each([
    ['the day before the cover starts', '2025-01-12T10:00:00Z', 'You are no longer an owner of action 1.2'],
    // Once it has ended, the refusal says it was the cover that ended, and whose action it is again.
    [
      'the day after the cover ends',
      '2025-01-18T10:00:00Z',
      'You covered for Safeguarding Audit Sergeant until 17 Jan 2025, so this link no longer lets you update action 1.2',
    ],
  ])('when it is %s, then the link is refused and nothing changes', (_when, now, refusal) =>
    withCover(async () => {
      clock.set(now);
      const token = tokenFor(target, DELEGATE, new Date(now));
      const before = await state(target);
      const page = await open(token);
      expect(page.status).toBe(403);
      expect(target.id).toBe('1.2');
      expect(page.html).toContain(refusal);
      expect(await state(target)).toEqual(before);
    }),
  );
});
