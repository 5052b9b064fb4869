/**
 * E-mail as a channel, end to end on real parts: the bot on its HTTP route with Azurite, the Bot Connector
 * stub for Teams, and a real SMTP server on loopback (messages parsed with mailparser). Owners who never
 * installed the app are reminded by e-mail; a Teams 403 falls back to e-mail in the same delivery; a 550
 * marks the address undeliverable and the coordinator is told once; people choose their channel in chat.
 */
import { type TestUser, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, OTHER_OWNER, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink';

const PLAN = 'demo-leeds-syv';
/** Owner of 3.1, whose reminder falls due on 15 Jan 2025; never installs the app. */
const NEVER_INSTALLED = 'lscp.business@example.org';

let harness: BotHarness;
let sink: SmtpSink;

beforeEach(async () => {
  sink = await startSmtpSink();
  // Wednesday 15 Jan 2025, 10:00 in London: 2.1, 3.1 and 4.2 have reminders due (see sweep.test.ts).
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z', email: { smtpUrl: sink.url } });
});

afterEach(async () => {
  await harness.close();
  await sink.stop();
});

/** People become reachable in Teams by talking to the bot in personal chat. */
async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  harness.stub.clear();
}

const mailTo = (address: string): ReceivedMail[] =>
  sink.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));

const teamsTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id);

function updateLinkIn(mail: ReceivedMail): string {
  const html = String(mail.parsed.html);
  const link = /href="(http:\/\/127\.0\.0\.1:\d+\/update\/[^"]+)"/.exec(html)?.[1];
  if (!link) throw new Error('no update link in the e-mail');
  return link.replace(/&amp;/g, '&');
}

describe('reminders by e-mail', () => {
  test('when an owner never installed the app, then their reminder arrives once by e-mail, with HTML and text', async () => {
    await reachable(OWNER, OTHER_OWNER, COORDINATOR);
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.owner === NEVER_INSTALLED)).toMatchObject({
      actionId: '3.1',
      outcome: 'sent',
    });

    const [mail, ...more] = mailTo(NEVER_INSTALLED);
    expect(more).toEqual([]);
    expect(mail!.parsed.subject).toMatch(/^Action 3\.1 is due in 7 days: please update by/);
    expect(mail!.parsed.html).toContain('Agree an annual multi');
    expect(mail!.parsed.text).toContain('Agree an annual multi');
    expect(mail!.parsed.text).toMatch(/Update action 3\.1:\nhttp:\/\/127\.0\.0\.1:\d+\/update\//);
    // Owners in Teams still get their cards there, and nothing goes to the coordinator's list.
    expect(teamsTo(OWNER)).toHaveLength(1);
    expect(mailTo(OWNER.email)).toEqual([]);
    expect(teamsTo(COORDINATOR)).toEqual([]);

    const again = await harness.sweep();
    expect(again.rows.filter((r) => r.outcome === 'sent')).toEqual([]);
    expect(mailTo(NEVER_INSTALLED)).toHaveLength(1);
  });

  test("when the owner follows the e-mail's link and submits the form, then the update is in the history from the e-mail link", async () => {
    await harness.sweep();
    const link = updateLinkIn(mailTo(NEVER_INSTALLED)[0]!);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(
      'You are updating action 3.1 as <strong>LSCP Business Manager, Safeguarding Partnership</strong>',
    );
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(body)?.[1] ?? '';
    const saved = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({
        csrf: field('csrf'),
        version: field('version'),
        verb: 'action.update',
        rating: 'amber',
        note: 'Draft agreed with partners',
      }).toString(),
    });
    expect(saved.status).toBe(200);

    const [entry] = await harness.stores.history.listForAction(PLAN, '3.1', 1);
    expect(entry).toMatchObject({
      source: 'email',
      note: 'Draft agreed with partners',
      author: { name: 'LSCP Business Manager' },
    });
  });

  test('when Teams answers 403 to a reminder, then it goes by e-mail in the same delivery, once, and the chat is forgotten', async () => {
    // Only 2.1's owner is in Teams, so their reminder is the one Teams send of the sweep.
    await reachable(OWNER);
    harness.stub.failNext(403);
    const report = await harness.sweep();

    expect(teamsTo(OWNER)).toEqual([]);
    const [mail, ...more] = mailTo(OWNER.email);
    expect(more).toEqual([]);
    expect(mail!.parsed.subject).toMatch(/^Action 2\.1 is 24 days overdue/);
    expect(report.rows.find((r) => r.owner === OWNER.email.toLowerCase())).toMatchObject({
      actionId: '2.1',
      outcome: 'sent',
    });
    const user = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
    expect(user.conversationReference).toBeUndefined();
    expect(user.unreachableSince).toBeDefined();
    const ledger = await harness.stores.ledger.listByPrefix(PLAN, '2.1|');
    expect(ledger.filter((r) => r.key.includes(OWNER.email.toLowerCase())).map((r) => r.state)).toEqual([
      'sent',
    ]);

    await harness.sweep();
    expect(mailTo(OWNER.email)).toHaveLength(1);
    expect(harness.stub.requests.filter((r) => r.operation === 'replyToActivity')).toHaveLength(1);
  });

  test('when the mail server answers 550, then the address is marked undeliverable and the coordinator is told once', async () => {
    sink.behaviour.set(NEVER_INSTALLED, 'reject-550');
    await reachable(COORDINATOR);
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.owner === NEVER_INSTALLED)).toMatchObject({
      outcome: 'unreachable',
      reason: 'e-mail address refused by the mail server',
    });
    expect(mailTo(NEVER_INSTALLED)).toEqual([]);
    expect(await harness.stores.contacts.get(NEVER_INSTALLED)).toMatchObject({
      preference: 'auto',
      undeliverableSince: '2025-01-15T10:00:00.000Z',
      undeliverableCode: '550',
    });

    const told = teamsTo(COORDINATOR);
    expect(told).toHaveLength(1);
    expect(cardText(cardOf(told[0]))).toContain(
      '**LSCP Business Manager** (lscp.business@example.org): e-mail address refused by the mail server',
    );

    harness.clock.set('2025-01-15T11:00:00Z');
    await harness.sweep();
    expect(teamsTo(COORDINATOR)).toHaveLength(1);
    expect(mailTo(COORDINATOR.email)).toEqual([]);
  });
});

describe('choosing a channel in chat', () => {
  test('when an owner in Teams says "notify me by email", then their reminder goes by e-mail, not Teams, and owners shows each state', async () => {
    await reachable(OWNER, OTHER_OWNER, COORDINATOR);
    const answer = cardText(await harness.say(OWNER, 'notify me by email'));
    expect(answer).toContain('Your reminders and cards will now come by e-mail.');
    const [audit] = await harness.stores.audit.list(undefined, 1);
    expect(audit).toMatchObject({
      actor: OWNER.aadObjectId,
      event: 'contact.channel-set',
      details: { email: OWNER.email.toLowerCase(), channel: 'email', from: 'auto' },
    });
    sink.behaviour.set(NEVER_INSTALLED, 'reject-550');
    harness.stub.clear();

    await harness.sweep();
    expect(teamsTo(OWNER)).toEqual([]);
    expect(mailTo(OWNER.email).map((m) => m.parsed.subject)).toEqual([
      expect.stringMatching(/^Action 2\.1 is 24 days overdue/),
    ]);
    expect(teamsTo(OTHER_OWNER)).toHaveLength(1);

    const owners = cardText(await harness.say(COORDINATOR, 'owners'));
    expect(owners).toMatch(
      /Designated Nurse Safeguarding Children\*\* \(designated\.nurse@example\.org\), 1 open action · Teams/,
    );
    expect(owners).toMatch(
      /ICB Children's Mental Health Commissioner\*\* \(icb\.camhs@example\.org\), 2 open actions: chose e-mail/,
    );
    expect(owners).toMatch(
      /LSCP Business Manager\*\* \(lscp\.business@example\.org\), \d+ open actions?: has not installed Action Tracker; a mail server refused the address on 15 Jan 2025 \(550\)/,
    );
    expect(owners).toMatch(/📧 By e-mail \(\d+\)/);
    // The rest of the owners never installed the app: e-mail is their channel.
    expect(owners).toMatch(/has not installed Action Tracker/);
  });

  test('when someone says "notify me by teams" or "both", then it is recorded; a channel it does not know is explained', async () => {
    await reachable(OWNER);
    expect(cardText(await harness.say(OWNER, 'notify me by both'))).toContain(
      'will now come in Teams and by e-mail',
    );
    expect((await harness.stores.contacts.get(OWNER.email))?.preference).toBe('both');
    expect(cardText(await harness.say(OWNER, 'notify me via Teams'))).toContain('will now come in Teams');
    expect((await harness.stores.contacts.get(OWNER.email))?.preference).toBe('teams');
    expect(cardText(await harness.say(OWNER, 'notify me by pigeon'))).toContain('notify me by email');
    expect((await harness.stores.contacts.get(OWNER.email))?.preference).toBe('teams');
  });

  test('when an owner chose both, then one reminder goes on both channels and is recorded sent once', async () => {
    await reachable(OWNER);
    await harness.say(OWNER, 'notify me by both');
    harness.stub.clear();
    await harness.sweep();
    expect(teamsTo(OWNER)).toHaveLength(1);
    expect(mailTo(OWNER.email)).toHaveLength(1);
    const ledger = await harness.stores.ledger.listByPrefix(PLAN, '2.1|');
    expect(ledger.filter((r) => r.key.includes(OWNER.email.toLowerCase())).map((r) => r.state)).toEqual([
      'sent',
    ]);
  });
});

describe('without e-mail', () => {
  let plain: BotHarness;
  afterEach(async () => plain?.close());

  test('when e-mail is not set up, then "notify me by email" changes nothing and says why', async () => {
    plain = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
    const answer = cardText(await plain.say(OWNER, 'notify me by email'));
    expect(answer).toContain('E-mail is not set up here');
    expect(await plain.stores.contacts.get(OWNER.email)).toBeUndefined();
  });
});
