/**
 * E-mail update links that can be withdrawn (issue 23, item 3), on the real parts: Azurite, the update
 * page and the dashboard API over express, the built CLI, and the e-mail channel sending one-time codes
 * to a real SMTP server on loopback.
 */

import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_COORDINATOR, DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import type { Action } from '../../src/domain/action';
import type { Plan } from '../../src/domain/plan';
import { cardVersion } from '../../src/domain/status-change';
import { emailNotifier } from '../../src/email/email-notifier';
import { smtpTransport } from '../../src/email/smtp-transport';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp, listen } from '../../src/http/server';
import { updatePageKeys } from '../../src/http/update-page/update-link';
import { updateLinkMaker } from '../../src/http/update-page/update-links';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { createLogger } from '../../src/support/logger';
import { editActionAs } from '../../src/usecases/admin/action-admin';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { startSmtpSink } from '../email/smtp-sink';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { runBuiltCli } from '../support/processes';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = DEMO_PLAN_ID;
const NOW = '2025-01-15T10:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const COORDINATOR = DEMO_COORDINATOR.email;
const keys = updatePageKeys(Buffer.from('a-revocation-test-secret-of-32-chars!!'));
const calendar = new UkHolidayCalendar();

let stores: Stores;
let prefix: string;
let clock: ReturnType<typeof fixedClock>;
let server: Server;
let url: string;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let transport: ReturnType<typeof smtpTransport>;
let makeLink: ReturnType<typeof updateLinkMaker>;
const logged: string[] = [];
let open_: Action[];

beforeAll(async () => {
  clock = fixedClock(NOW);
  const fresh = await freshStores();
  ({ stores, prefix } = fresh);
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  open_ = (await stores.actions.readPlan(PLAN)).actions
    .map((a) => a.value)
    .filter((a) => a.lifecycle === 'in_progress' && a.owners.length > 0);
  sink = await startSmtpSink();
  transport = smtpTransport({ url: sink.url, from: 'Action Tracker <at@council.example>', maxPerSecond: 50 });
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    }),
  );
  let baseUrl = '';
  const channel = emailNotifier({
    transport,
    clock,
    links: {
      updateUrl: (input) => updateLinkMaker({ keys, baseUrl, clock, contacts: stores.contacts })(input),
      dashboardUrl: () => `${baseUrl}/tab`,
    },
  });
  makeLink = updateLinkMaker({ keys, baseUrl: '', clock, contacts: stores.contacts });
  const page = updatePageRouter({
    stores,
    clock,
    calendar,
    random: seededRandom(3),
    logger,
    keys,
    secureCookies: false,
    perLinkLimit: 200,
    sendCode: async (email, input) =>
      (await channel.sendLinkCode({ email, name: '' }, input)).status === 'sent',
  });
  const api = tabApiRouter({ stores, clock, calendar, logger, channels: reachers });
  ({ server, url } = await listen(createApp({ stores, logger, routers: [api, page] }), 0, '127.0.0.1'));
  baseUrl = url;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  transport.close();
  await sink.stop();
});

beforeEach(() => clock.set(NOW));

async function plan(): Promise<Plan> {
  return (await stores.plans.get(PLAN))!.value;
}

async function fresh(action: Action): Promise<Action> {
  return (await stores.actions.get(PLAN, action.id))!.value;
}

/** The token the e-mail channel would put behind the button for `email` on `action`, made now. */
async function tokenFor(action: Action, email = action.owners[0]!.email): Promise<string> {
  const link = await makeLink({ email, plan: await plan(), action });
  return link.slice(link.lastIndexOf('/') + 1);
}

async function open(token: string, cookie = '') {
  const response = await fetch(`${url}/update/${token}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  return {
    status: response.status,
    html,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] || cookie,
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    version: /name="version" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

async function post(token: string, fields: Record<string, string>, cookie: string) {
  const response = await fetch(`${url}/update/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

async function history(action: Action): Promise<number> {
  return (await stores.history.listForAction(PLAN, action.id)).length;
}

/** A progress update through `token`'s page: opened, then posted. */
async function update(token: string, note: string) {
  const page = await open(token);
  return post(
    token,
    { csrf: page.csrf, version: page.version, verb: 'action.update', rating: 'green', note },
    page.cookie,
  );
}

function revokeFromApi(email: string, as = COORDINATOR) {
  return fetch(`${url}/api/tab/admin/plans/${PLAN}/links/revoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Local-User': as },
    body: JSON.stringify({ email }),
  });
}

describe('the link itself', () => {
  test('when a link is made, then no part of it, decoded, shows the address, the plan or the action', async () => {
    const action = open_[0]!;
    const email = action.owners[0]!.email;
    const token = await tokenFor(action);
    expect(token.length).toBeLessThan(300);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const part of token.split(/[.~]/)) {
      const decoded = Buffer.from(part, 'base64url').toString('latin1');
      for (const secret of [email, email.split('@')[0]!, PLAN, `"a":"${action.id}"`, '"e"'])
        expect(decoded).not.toContain(secret);
    }
    expect((await open(token)).status).toBe(200);
  });
});

describe('withdrawing a person’s links', () => {
  test('when a coordinator withdraws them on the people page, then an old link is refused on opening and saving, and a new one works', async () => {
    const action = open_[0]!;
    const owner = action.owners[0]!.email;
    const old = await tokenFor(action);
    const page = await open(old);
    expect(page.status).toBe(200);

    // Someone with no say in the plan cannot, and nothing moves.
    const refused = await revokeFromApi(owner, 'someone.else@example.org');
    expect(refused.ok).toBe(false);
    expect((await open(old)).status).toBe(200);

    const answer = await revokeFromApi(owner);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { message: string }).message).toContain('Update links withdrawn');
    const audit = await stores.audit.list(PLAN, 20);
    expect(audit.find((e) => e.event === 'contact.links-revoked')).toMatchObject({
      actor: COORDINATOR,
      details: { email: owner },
    });

    const before = await history(action);
    const reopened = await open(old);
    expect(reopened.status).toBe(403);
    expect(reopened.html).toContain('This link has been withdrawn');
    expect(reopened.html).toContain('Please ask for a new one');
    const posted = await post(
      old,
      { csrf: page.csrf, version: page.version, verb: 'action.update', rating: 'green', note: 'Old link' },
      page.cookie,
    );
    expect(posted.status).toBe(403);
    expect(posted.html).toContain('This link has been withdrawn');
    expect(await history(action)).toBe(before);

    const saved = await update(await tokenFor(action), 'From the new link');
    expect(saved.status).toBe(200);
    expect(await history(action)).toBe(before + 1);
  });

  test('when someone the plan does not name is given, then nothing is withdrawn and the page says why', async () => {
    const answer = await revokeFromApi('stranger@example.org');
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await answer.json())).toContain('is not one of this plan’s people');
  });

  test('when the operator withdraws them from the CLI, then an old link is refused and a new one works', async () => {
    const action = open_[1]!;
    const owner = action.owners[0]!.email;
    const old = await tokenFor(action);
    expect((await open(old)).status).toBe(200);
    const run = await runBuiltCli(['revoke-links', '--plan', PLAN, '--email', owner.toUpperCase()], {
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      SCHEDULER: 'off',
    });
    expect(run.stdout).toContain(
      `Update links withdrawn: the links already sent to ${owner} no longer work.`,
    );
    expect(run.code).toBe(0);
    const reopened = await open(old);
    expect(reopened.status).toBe(403);
    expect(reopened.html).toContain('This link has been withdrawn');
    expect((await update(await tokenFor(action), 'After the CLI withdrew the old one')).status).toBe(200);
    const help = await runBuiltCli(['--help'], {});
    expect(help.stdout).toContain('revoke-links --plan <planId> --email <address>');
  }, 60_000);

  test('when a coordinator takes an owner off an action, then the links sent to that owner are withdrawn', async () => {
    const action = await fresh(open_[2]!);
    const removed = action.owners[0]!.email;
    const old = await tokenFor(action, removed);
    expect((await open(old)).status).toBe(200);
    const edited = await editActionAs(
      { stores, clock, calendar, random: seededRandom(9) },
      { aadObjectId: 'aad-coord', name: 'Pat', email: COORDINATOR },
      {
        planId: PLAN,
        actionId: action.id,
        version: cardVersion(action),
        fields: {
          description: action.description,
          areaId: action.areaId,
          leadAgency: action.leadAgency,
          owners: 'New Owner <new.owner@example.org>',
        },
      },
    );
    expect(edited).toMatchObject({ kind: 'saved' });
    const reopened = await open(old);
    expect(reopened.status).toBe(403);
    expect(reopened.html).toContain('This link has been withdrawn');
    // The new owner's link works.
    expect((await open(await tokenFor(await fresh(action)))).status).toBe(200);
  });
});

describe('re-import', () => {
  test('when a re-imported file names a new owner for an action, then the links sent to the old owner are withdrawn', async () => {
    const deps = { stores, clock, random: seededRandom(11), calendar };
    const rows = await readSpreadsheet(NORTHUMBERLAND_CSV);
    const request = {
      planId: 'nland',
      title: 'Northumberland',
      dryRun: false,
      actor: 'importer@example.org',
      sourceName: 'n.csv',
    };
    await importPlan(deps, { ...request, rows });
    const action = (await stores.actions.get('nland', '1.1'))!.value;
    const oldOwner = action.owners[0]!.email;
    const link = await makeLink({ email: oldOwner, plan: (await stores.plans.get('nland'))!.value, action });
    const old = link.slice(link.lastIndexOf('/') + 1);
    expect((await open(old)).status).toBe(200);
    const changed = rows.map((row) => [...row]);
    changed[1]![5] = 'New Head of Service';
    changed[1]![6] = 'new.head@example.org';
    const report = await importPlan(deps, { ...request, rows: changed });
    expect(report.actions.updated.map((u) => u.id)).toEqual(['1.1']);
    const reopened = await open(old);
    expect(reopened.status).toBe(403);
    expect(reopened.html).toContain('This link has been withdrawn');
    expect(
      (await stores.audit.list('nland', 10)).find((e) => e.event === 'contact.links-revoked'),
    ).toMatchObject({
      actor: 'importer@example.org',
      details: { email: oldOwner },
    });
  });
});

describe('a one-time code for completing or asking for a date from an old link', () => {
  /** A link made `days` ago (the clock moves back to make it). */
  async function madeDaysAgo(action: Action, days: number): Promise<string> {
    clock.set(new Date(Date.parse(NOW) - days * DAY).toISOString());
    const token = await tokenFor(action);
    clock.set(NOW);
    return token;
  }

  async function codeFor(to: string, after: number): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const mail = sink.received.slice(after).find((m) => m.envelopeTo.includes(to));
      const code = mail ? /Your code is (\d{6})/.exec(mail.parsed.text ?? '')?.[1] : undefined;
      if (code) return code;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no code reached ${to}`);
  }

  test('when an old link marks an action complete, then a code goes to the address; a wrong one changes nothing; the right one saves once', async () => {
    const action = await fresh(open_[3]!);
    const owner = action.owners[0]!.email;
    const token = await madeDaysAgo(action, 2);
    const page = await open(token);
    const form = {
      csrf: page.csrf,
      version: page.version,
      verb: 'action.complete',
      impactNote: 'Single route live since December',
      impactEvidence: 'https://evidence.example.org/route',
    };
    const before = await history(action);
    const mails = sink.received.length;

    const asked = await post(token, form, page.cookie);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('Enter the code we sent you');
    expect(asked.html).toContain('value="Single route live since December"');
    const code = await codeFor(owner, mails);
    expect(asked.html).not.toContain(code);
    expect(logged.join('')).not.toContain(code);
    expect((await fresh(action)).lifecycle).toBe('in_progress');

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await post(token, { ...form, code: wrongCode }, page.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('That code is not right. 4 tries left.');
    expect(await history(action)).toBe(before);
    expect((await fresh(action)).lifecycle).toBe('in_progress');

    const right = await post(token, { ...form, code: `${code.slice(0, 3)} ${code.slice(3)}` }, page.cookie);
    expect(right.status).toBe(200);
    expect((await fresh(action)).lifecycle).toBe('complete');
    expect(await history(action)).toBe(before + 1);

    // Once only: the action is closed now, and the code was spent by the save.
    const again = await post(token, { ...form, code }, page.cookie);
    expect(again.status).toBe(403);
    expect(await history(action)).toBe(before + 1);
    expect((await stores.contacts.linkState(owner)).code).toBeUndefined();
    // The stored code is a keyed hash, never the code.
    const stored = JSON.stringify(await stores.contacts.linkState(owner));
    expect(stored).not.toContain(code);
  });

  test('when an old link asks for a date, then five wrong codes use the code up, and after ten minutes it has expired', async () => {
    const action = await fresh(open_[4]!);
    const owner = action.owners[0]!.email;
    const token = await madeDaysAgo(action, 3);
    const page = await open(token);
    const form = {
      csrf: page.csrf,
      version: page.version,
      verb: 'date.request',
      revisedDate: '2027-06-30',
      reason: 'Waiting for the board',
    };
    let mails = sink.received.length;
    expect((await post(token, form, page.cookie)).status).toBe(200);
    const code = await codeFor(owner, mails);
    const wrongCode = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++)
      expect((await post(token, { ...form, code: wrongCode }, page.cookie)).status).toBe(422);
    const fifth = await post(token, { ...form, code: wrongCode }, page.cookie);
    expect(fifth.html).toContain('That code has expired or has been used up');
    const tooLate = await post(token, { ...form, code }, page.cookie);
    expect(tooLate.html).toContain('That code has expired or has been used up');
    expect((await fresh(action)).pendingDateRequest).toBeUndefined();

    mails = sink.received.length;
    const resent = await post(token, { ...form, resend: '1' }, page.cookie);
    expect(resent.status).toBe(200);
    const second = await codeFor(owner, mails);
    clock.set(new Date(Date.parse(NOW) + 11 * 60 * 1000).toISOString());
    const expired = await post(token, { ...form, code: second }, page.cookie);
    expect(expired.html).toContain('That code has expired or has been used up');
    expect((await fresh(action)).pendingDateRequest).toBeUndefined();
  });

  test('when an old link saves progress or snoozes, or a new link completes, then no code is asked for', async () => {
    const action = await fresh(open_[5]!);
    const old = await madeDaysAgo(action, 5);
    const mails = sink.received.length;
    expect((await update(old, 'Still going')).status).toBe(200);
    const page = await open(old);
    const snoozed = await post(
      old,
      { csrf: page.csrf, version: page.version, verb: 'action.snooze', days: '7' },
      page.cookie,
    );
    expect(snoozed.html).toContain('No reminders about this action until');
    const recent = await tokenFor(action);
    const now = await open(recent);
    const done = await post(
      recent,
      { csrf: now.csrf, version: now.version, verb: 'action.complete', impactNote: 'Done and evidenced' },
      now.cookie,
    );
    expect(done.status).toBe(200);
    expect((await fresh(action)).lifecycle).toBe('complete');
    expect(sink.received.length).toBe(mails);
  });
});
