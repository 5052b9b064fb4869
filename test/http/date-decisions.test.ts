/**
 * Issue 20, point 1: a date request decided wherever the decider is, on the HTTP app as the server
 * composes it (compose-http, Azurite, the real e-mail channel to a loopback SMTP server, the tab's SSO
 * against a stand-in for Entra ID). The owner of 3.1 and the plan's coordinator and lead are not in Teams
 * (another tenant, as most partners are), so everything reaches them by e-mail. Whichever surface decides
 * (the page the "Please decide" e-mail opens, the dashboard's action detail), the decision goes through
 * the card's use case: recorded once, the requester told by e-mail, a second decision told of the first.
 */

import type { Action } from '../../src/domain/action';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import type { Stores } from '../../src/usecases/ports/index';
import type { ReceivedMail, SmtpSink } from '../email/smtp-sink';
import type { EntraPerson } from '../support/entra-tokens';
import {
  fakeEntraFor,
  type ProductionApp,
  SECRET,
  startProductionAppWithMail,
} from '../support/production-app';
import { fixedClock } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const HOST = 'tracker.example.org';
const NOW = '2025-01-15T10:00:00Z';
const ACTION = '3.1';
/** Owns 3.1; reached only by e-mail. */
const OWNER = 'lscp.business@example.org';
const COORDINATOR: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'partnership.manager@example.org',
};
const LEAD: EntraPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  email: 'director.children@example.org',
};

const clock = fixedClock(NOW);
const entra = fakeEntraFor(HOST, clock);
const keys = updatePageKeys(Buffer.from(SECRET));
let sink: SmtpSink;
let app: ProductionApp;
let stores: Stores;

beforeAll(async () => {
  ({ app, sink } = await startProductionAppWithMail({ host: HOST, clock, entra }));
  ({ stores } = app);
}, 30_000);

afterAll(async () => {
  await app?.close();
});

beforeEach(() => clock.set(NOW));

const mailTo = (address: string, subject: RegExp): ReceivedMail[] =>
  sink.received.filter(
    (m) => m.envelopeTo.includes(address.toLowerCase()) && subject.test(m.parsed.subject ?? ''),
  );

/** Announcements go after the answer: waits until `count` such e-mails have arrived. */
async function mailsTo(address: string, subject: RegExp, count = 1): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 10_000;
  while (mailTo(address, subject).length < count) {
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return mailTo(address, subject);
}

/** The button's link in an e-mail, on this test's server (the e-mail names the public host). */
function buttonLink(mail: ReceivedMail, label: string): string {
  const html = String(mail.parsed.html);
  const at = html.indexOf(label);
  if (at < 0) throw new Error(`no "${label}" button in "${mail.parsed.subject}"`);
  const links = [...html.slice(0, at).matchAll(/href="(https:\/\/[^"]+\/update\/[^"]+)"/g)];
  const link = links.at(-1)?.[1];
  if (!link) throw new Error(`no update link before "${label}"`);
  return `${app.url}${new URL(link.replace(/&amp;/g, '&')).pathname}`;
}

interface Opened {
  status: number;
  html: string;
  cookie: string;
  field(name: string): string;
}

async function open(link: string): Promise<Opened> {
  const response = await fetch(link);
  const html = await response.text();
  return {
    status: response.status,
    html,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    field: (name) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '',
  };
}

async function post(link: string, page: Opened, fields: Record<string, string>) {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie },
    body: new URLSearchParams({
      csrf: page.field('csrf'),
      version: page.field('version'),
      ...fields,
    }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

function linkFor(email: string): string {
  return `${app.url}/update/${makeUpdateToken(keys, { email, planId: PLAN, actionId: ACTION }, clock.now())}`;
}

/** The owner asks for a new date from their own update link, as an e-mail-only owner does. */
async function ownerAsks(date: string, reason: string): Promise<Action> {
  const link = linkFor(OWNER);
  const page = await open(link);
  const asked = await post(link, page, { verb: 'date.request', revisedDate: date, reason });
  expect(asked.status).toBe(200);
  const action = (await stores.actions.get(PLAN, ACTION))!.value;
  expect(action.pendingDateRequest).toMatchObject({ date, reason });
  return action;
}

async function decisions() {
  const history = await stores.history.listForAction(PLAN, ACTION);
  const audit = await stores.audit.list(PLAN);
  return {
    entries: history.filter((e) => e.dateDecision !== undefined),
    audited: audit.filter((e) => e.event === 'action.date.approve' || e.event === 'action.date.reject'),
  };
}

async function tabDecision(person: EntraPerson, body: Record<string, unknown>) {
  const response = await fetch(`${app.url}/api/tab/plans/${PLAN}/actions/${ACTION}/decision`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await entra.accessToken(person)}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("when a coordinator in another tenant follows the 'Please decide' e-mail, then they approve on the page, the owner is told by e-mail, and a second decision from the lead's page or the dashboard is told it was already decided", async () => {
  const asked = await ownerAsks('2025-03-31', 'Audit sub-group now meets in March');
  const requestId = asked.pendingDateRequest!.id;
  const [coordinatorMail] = await mailsTo(COORDINATOR.email, /^Please decide/);
  const [leadMail] = await mailsTo(LEAD.email, /^Please decide/);

  // The coordinator's button opens a page made for them: the request, and Approve / Reject.
  const coordinatorLink = buttonLink(coordinatorMail!, 'Approve or reject the new date');
  const page = await open(coordinatorLink);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Decide on the new due date');
  expect(page.html).toContain('Audit sub-group now meets in March');
  expect(page.html).toContain('LSCP Business Manager, 15 Jan 2025');
  expect(page.html).toContain('Approve 31 Mar 2025');
  expect(page.field('requestId')).toBe(requestId);
  // The lead opens theirs too, before the coordinator decides.
  const leadLink = buttonLink(leadMail!, 'Approve or reject the new date');
  const leadPage = await open(leadLink);
  expect(leadPage.html).toContain('You are deciding on action 3.1');

  const approved = await post(coordinatorLink, page, {
    verb: 'date.approve',
    requestId,
    comment: 'Fine, March it is',
  });
  expect(approved.status).toBe(200);
  expect(approved.html).toContain('new due date 31 Mar 2025 approved');
  expect(approved.html).not.toContain('Decide on the new due date');
  const after = (await stores.actions.get(PLAN, ACTION))!.value;
  expect(after.currentDueDate).toBe('2025-03-31');
  expect(after.pendingDateRequest).toBeUndefined();

  // The requester, reached only by e-mail, is told there.
  const [told] = await mailsTo(OWNER, /approved/);
  expect(told!.parsed.subject).toContain('31 Mar 2025');

  // The owner updates meanwhile, so the decision is no longer the latest entry.
  const ownerLink = linkFor(OWNER);
  const ownerPage = await open(ownerLink);
  expect((await post(ownerLink, ownerPage, { verb: 'action.update', note: 'Dates shared' })).status).toBe(
    200,
  );

  // The lead's page was drawn for the same request: their Reject is told who got there first.
  const late = await post(leadLink, leadPage, { verb: 'date.reject', requestId, comment: 'No' });
  expect(late.status).toBe(200);
  expect(late.html).toContain(
    'That date request has been dealt with already. It was approved by partnership.manager@example.org.',
  );
  // And so is a decision from the dashboard.
  const fromTab = await tabDecision(LEAD, { requestId, decision: 'reject' });
  expect(fromTab.status).toBe(409);
  expect(fromTab.body).toEqual({
    ok: false,
    error:
      'That date request has already been decided, so nothing was saved. It was approved by partnership.manager@example.org at 15 Jan 2025, 10:00.',
  });

  const { entries, audited } = await decisions();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    dateDecision: 'approved',
    source: 'email',
    note: 'Fine, March it is',
    author: { name: 'partnership.manager@example.org' },
  });
  expect(audited.map((e) => e.event)).toEqual(['action.date.approve']);
  expect((await stores.actions.get(PLAN, ACTION))!.value.currentDueDate).toBe('2025-03-31');
  // Told once, however many tried.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(mailTo(OWNER, /New due date/)).toHaveLength(1);
});

test("when an owner's own link is used to approve their request, then it is refused and nothing changes", async () => {
  await ownerAsks('2025-04-30', 'Waiting for the new audit lead');
  const link = linkFor(OWNER);
  const page = await open(link);
  expect(page.html).not.toContain('Decide on the new due date');
  const before = await stores.actions.get(PLAN, ACTION);
  const forged = await post(link, page, {
    verb: 'date.approve',
    requestId: before!.value.pendingDateRequest!.id,
  });
  expect(forged.status).toBe(403);
  expect(forged.html).toContain('You cannot decide on a new date for action 3.1');
  expect((await stores.actions.get(PLAN, ACTION))!.etag).toBe(before!.etag);
  expect((await decisions()).entries).toHaveLength(1);
});

test('when the lead rejects from the dashboard detail, then it is recorded once from the tab, the owner is told by e-mail, and the page from the e-mail is told it was decided', async () => {
  const action = (await stores.actions.get(PLAN, ACTION))!.value;
  // Continues from the request the previous test left pending, or makes one.
  const pending = action.pendingDateRequest ?? (await ownerAsks('2025-04-30', 'Waiting')).pendingDateRequest!;
  const coordinatorLink = linkFor(COORDINATOR.email);
  const coordinatorPage = await open(coordinatorLink);
  expect(coordinatorPage.field('requestId')).toBe(pending.id);

  const detail = (await (
    await fetch(`${app.url}/api/tab/plans/${PLAN}/actions/${ACTION}`, {
      headers: { Authorization: `Bearer ${await entra.accessToken(LEAD)}` },
    })
  ).json()) as { action: { canDecide: boolean; pendingDateRequest?: { id: string } } };
  expect(detail.action.canDecide).toBe(true);
  expect(detail.action.pendingDateRequest?.id).toBe(pending.id);

  // Half a minute on from the first test's approval, so history's newest-first order is the real one
  // (entries made at one instant have none).
  clock.set('2025-01-15T10:00:30Z');
  const rejected = await tabDecision(LEAD, {
    requestId: pending.id,
    decision: 'reject',
    comment: 'Keep the January date, please',
  });
  expect(rejected.status).toBe(200);
  expect(rejected.body).toEqual({
    ok: true,
    message: 'Updated by director.children@example.org at 15 Jan 2025, 10:00: new date not approved.',
  });
  const [told] = await mailsTo(OWNER, /not approved/);
  expect(told!.parsed.subject).toContain('3.1');

  const late = await post(coordinatorLink, coordinatorPage, { verb: 'date.approve', requestId: pending.id });
  expect(late.html).toContain('It was rejected by director.children@example.org.');
  const again = await tabDecision(COORDINATOR, { requestId: pending.id, decision: 'approve' });
  expect(again.status).toBe(409);

  const { entries, audited } = await decisions();
  expect(entries).toHaveLength(2);
  expect(entries[0]).toMatchObject({
    dateDecision: 'rejected',
    source: 'tab',
    note: 'Keep the January date, please',
  });
  expect(audited.map((e) => e.event).sort()).toEqual(['action.date.approve', 'action.date.reject']);
  expect((await stores.actions.get(PLAN, ACTION))!.value).toMatchObject({ currentDueDate: '2025-03-31' });
  expect((await stores.actions.get(PLAN, ACTION))!.value.pendingDateRequest).toBeUndefined();
});

test('when a decider’s link is more than a day old, then deciding asks for a code sent to their address, and the code records the decision', async () => {
  const asked = await ownerAsks('2025-05-30', 'Board moved to May');
  const requestId = asked.pendingDateRequest!.id;
  const link = linkFor(COORDINATOR.email);
  clock.set('2025-01-16T12:00:00Z');
  const page = await open(link);
  const first = await post(link, page, { verb: 'date.approve', requestId });
  expect(first.html).toContain('Enter the code we sent you');
  expect(first.html).toContain('decide on the new due date requested for action 3.1');
  expect((await stores.actions.get(PLAN, ACTION))!.value.pendingDateRequest?.id).toBe(requestId);

  const [codeMail] = await mailsTo(COORDINATOR.email, /^Your code to confirm action 3\.1/);
  const code = /Your code is (\d{6})/.exec(String(codeMail!.parsed.text))?.[1];
  expect(code).toBeDefined();
  const withCode = await post(link, page, { verb: 'date.approve', requestId, code: code! });
  expect(withCode.status).toBe(200);
  expect(withCode.html).toContain('new due date 30 May 2025 approved');
  expect((await stores.actions.get(PLAN, ACTION))!.value.currentDueDate).toBe('2025-05-30');
});
