/**
 * Issue 20, "links that live as long as their purpose": a round's request made on 6 Dec with responses
 * due 13 Jan still opens on 13 Jan; each chase makes a fresh link that lives longer than the request's;
 * and an expired (but genuine) link offers "Send me a new link", which e-mails a fresh link to the same
 * action, through the e-mail channel and the loopback SMTP catcher, to the address the old link was made
 * for and to no other. Real parts: express, the update-page router, Azurite, the local SMTP catcher.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { freshLinkSender } from '../../src/app/compose-http';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Action } from '../../src/domain/action';
import type { Plan } from '../../src/domain/plan';
import { emailSetupOf } from '../../src/email/email-setup';
import { type RunningEmail, startEmail } from '../../src/email/start-email';
import { createApp, listen } from '../../src/http/server';
import { makeUpdateToken, openUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { updateLinkMaker } from '../../src/http/update-page/update-links';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import type { ActionCardView } from '../../src/usecases/shared/action-card-view';
import { waitFor } from '../support/processes';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
/** The round opens on Sunday 6 Dec; its responses are due on 13 Jan. */
const REQUESTED = '2026-12-06T09:00:00Z';
const RESPONSES_DUE = '2027-01-13';
const keys = updatePageKeys(Buffer.from('a-fresh-link-secret-of-32-characters!!'));
const clock = fixedClock(REQUESTED);

let dataDir: string;
let email: RunningEmail;
let server: Server;
let baseUrl = '';
let stores: Stores;
let plan: Plan;
let target: Action;
let owner: { name: string; email: string };
let notOwned: Action;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fresh-link-'));
  const calendar = new UkHolidayCalendar();
  ({ stores } = await freshStores());
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.parse(REQUESTED) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  const logger = createLogger('silent');
  // The base URL is only known once listening; the link maker reads it late.
  const makeLink = (input: Parameters<ReturnType<typeof updateLinkMaker>>[0]) =>
    updateLinkMaker({ keys, baseUrl, clock, contacts: stores.contacts })(input);
  email = await startEmail({
    setup: emailSetupOf({ SMTP_MAX_PER_SECOND: 10 }),
    dataDir,
    clock,
    links: { updateUrl: makeLink, dashboardUrl: (planId) => `${baseUrl}/tab?plan=${planId}` },
  });
  const router = updatePageRouter({
    stores,
    clock,
    calendar,
    random: seededRandom(2),
    logger,
    keys,
    secureCookies: false,
    sendFreshLink: freshLinkSender(email.channel!),
    freshLinksPerEmailPerHour: 3,
  });
  ({ server, url: baseUrl } = await listen(createApp({ stores, logger, routers: [router] }), 0, '127.0.0.1'));
  plan = (await stores.plans.get(PLAN))!.value;
  const actions = (await stores.actions.readPlan(PLAN)).actions.map((a) => a.value);
  target = actions.find((a) => a.lifecycle === 'in_progress' && a.owners.length > 0)!;
  owner = target.owners[0]!;
  notOwned = actions.find(
    (a) => a.lifecycle === 'in_progress' && !a.owners.some((o) => o.email === owner.email),
  )!;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await email?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function roundView(respondBy?: string): ActionCardView {
  return {
    plan,
    action: target,
    today: clock.now().toISOString().slice(0, 10),
    headline: { text: `Round 1: please update action ${target.id} by 13 Jan 2027`, tone: 'info' },
    viewer: { aadObjectId: '', canUpdate: true, canDecide: false },
    refreshUserIds: [],
    ...(respondBy ? { respondBy } : {}),
  };
}

const mailFolder = () => join(dataDir, 'mail');
const mails = () =>
  readdirSync(mailFolder())
    .filter((name) => name.endsWith('.eml'))
    .sort();

/** The mail that arrives after `before` was the listing: its recipient, subject and update link. */
async function nextMail(before: readonly string[]) {
  const name = await waitFor(async () => mails().find((m) => !before.includes(m)), 10_000);
  const parsed = await simpleParser(readFileSync(join(mailFolder(), name)));
  const link = /href="([^"]*\/update\/[A-Za-z0-9_-]+)"/.exec(String(parsed.html))?.[1];
  return { to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '', subject: parsed.subject, link };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const expiryOf = (link: string) => openUpdateToken(keys, tokenOf(link))!.x;

async function open(link: string, cookie = '') {
  const response = await fetch(link, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  return {
    status: response.status,
    html,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] || cookie,
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}

async function askForNew(token: string, page: { csrf: string; cookie: string }) {
  const response = await fetch(`${baseUrl}/update/${token}/renew`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie },
    body: new URLSearchParams({ csrf: page.csrf }).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe('update links that live as long as their purpose', () => {
  let requestLink: string;

  test('when a round request is made on 6 Dec with responses due 13 Jan, then its link opens on 13 Jan; a chase on 6 Jan carries a fresh link that lives longer', async () => {
    clock.set(REQUESTED);
    let before = mails();
    const sent = await email.channel!.sendActionCard(
      owner,
      roundView(RESPONSES_DUE),
      `Round 1: please update action ${target.id}`,
      'round-request',
    );
    expect(sent.status).toBe('sent');
    const request = await nextMail(before);
    expect(request.to).toBe(owner.email);
    requestLink = request.link!;
    expect(requestLink).toBeDefined();

    // 21 days would have ended on 27 Dec.
    clock.set('2027-01-13T17:30:00Z');
    expect((await open(requestLink)).status).toBe(200);

    clock.set('2027-01-06T09:00:00Z');
    before = mails();
    await email.channel!.sendActionEmail(owner, roundView(), {
      kind: 'round-chase',
      round: 1,
      responseDue: RESPONSES_DUE,
    });
    const chase = await nextMail(before);
    expect(chase.link).toBeDefined();
    expect(tokenOf(chase.link!)).not.toBe(tokenOf(requestLink));
    expect(expiryOf(chase.link!)).toBeGreaterThan(expiryOf(requestLink));
    expect(expiryOf(requestLink)).toBeGreaterThanOrEqual(Date.parse('2027-01-14T00:00:00Z'));
  });

  test('when an expired link is opened, then the page offers a new one, which goes to the same address and opens', async () => {
    clock.set('2027-02-10T10:00:00Z');
    const expired = await open(requestLink);
    expect(expired.status).toBe(403);
    expect(expired.html).toContain('This link has expired');
    expect(expired.html).toContain('Send me a new link');
    expect(expired.html).not.toContain(owner.email);

    const before = mails();
    const asked = await askForNew(tokenOf(requestLink), expired);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('Check your e-mail');
    const fresh = await nextMail(before);
    expect(fresh.to).toBe(owner.email);
    expect(fresh.subject).toBe(`Your new link to update action ${target.id}`);
    const claims = openUpdateToken(keys, tokenOf(fresh.link!))!;
    expect(claims).toMatchObject({ e: owner.email.toLowerCase(), p: PLAN, a: target.id });
    const page = await open(fresh.link!);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`You are updating action ${target.id}`);
  });

  test('when the person may no longer see the action, then the answer is the same and no mail goes', async () => {
    const stale = makeUpdateToken(
      keys,
      { email: owner.email, planId: PLAN, actionId: notOwned.id },
      new Date('2026-12-01T09:00:00Z'),
    );
    const page = await open(`${baseUrl}/update/${stale}`);
    expect(page.html).toContain('Send me a new link');
    const before = mails();
    const asked = await askForNew(stale, page);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('Check your e-mail');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails()).toEqual(before);
  });

  test('when a forged token or a missing form token asks for a new link, then it is refused and no mail goes', async () => {
    const forged = makeUpdateToken(
      updatePageKeys(Buffer.from('someone-elses-secret-of-32-characters!!')),
      { email: 'attacker@example.org', planId: PLAN, actionId: target.id },
      new Date('2026-12-01T09:00:00Z'),
    );
    const before = mails();
    const page = await open(`${baseUrl}/update/${forged}`);
    expect(page.status).toBe(403);
    expect(page.html).toContain('This link has expired or is not valid');
    expect(page.html).not.toContain('Send me a new link');
    expect((await askForNew(forged, page)).status).toBe(403);
    const real = await open(requestLink);
    expect((await askForNew(tokenOf(requestLink), { csrf: 'x', cookie: real.cookie })).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails()).toEqual(before);
  });

  test('when one address asks too often, then it is told to wait; a withdrawn link brings no new one', async () => {
    const page = await open(requestLink);
    // Three asks an hour for one address: the tests above made three for the owner's (the fresh link, the
    // action no longer theirs, the missing form token), so the next is told to wait.
    const tooMany = await askForNew(tokenOf(requestLink), page);
    expect(tooMany.status).toBe(429);
    expect(tooMany.html).toContain('Too many new links asked for');

    // Another person's withdrawn link: refused with a clear message, and nothing sent.
    const other = notOwned.owners[0]!;
    const token = makeUpdateToken(
      keys,
      { email: other.email, planId: PLAN, actionId: notOwned.id },
      new Date('2026-12-01T09:00:00Z'),
    );
    await stores.contacts.changeLinkState(other.email, (state) => ({ version: state.version + 1 }));
    const withdrawnPage = await open(`${baseUrl}/update/${token}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = mails();
    const refused = await askForNew(token, withdrawnPage);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('This link has been withdrawn');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails()).toEqual(before);
  });
});

test('when one client address asks for new links for many people, then it is told to wait', async () => {
  clock.set('2027-02-10T10:00:00Z');
  const router = updatePageRouter({
    stores,
    clock,
    calendar: new UkHolidayCalendar(),
    random: seededRandom(3),
    logger: createLogger('silent'),
    keys,
    secureCookies: false,
    sendFreshLink: async () => true,
    freshLinksPerAddressPerHour: 2,
  });
  const app = await listen(
    createApp({ stores, logger: createLogger('silent'), routers: [router] }),
    0,
    '127.0.0.1',
  );
  try {
    const people = ['a@example.org', 'b@example.org', 'c@example.org'];
    const statuses: number[] = [];
    for (const person of people) {
      const token = makeUpdateToken(
        keys,
        { email: person, planId: PLAN, actionId: target.id },
        new Date('2026-12-01T09:00:00Z'),
      );
      const page = await open(`${app.url}/update/${token}`);
      const response = await fetch(`${app.url}/update/${token}/renew`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: page.cookie },
        body: new URLSearchParams({ csrf: page.csrf }).toString(),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  } finally {
    app.server.closeAllConnections();
    app.server.close();
  }
});
