/**
 * Cover everywhere and the round's wording (issue 20, point 4 and the wording of point 6), on real parts:
 * the bot on Azurite, the Bot Connector stub for Teams, a loopback SMTP server for e-mail and the update
 * page its links open. A covered owner's round requests, chases, reminders and escalations reach only the
 * delegate, once, marked "covering for <owner>"; cover ending mid-round hands back to the owner; `mine`
 * lists covered actions; a contributing contact reached by e-mail gets a link whose page takes a note.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { setContributingContacts } from '../../src/usecases/groups/monitoring-groups';
import { addDelegationAs } from '../../src/usecases/people/people-service';
import { operatorActor } from '../../src/usecases/shared/actor';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { type TestUser, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, OWNER, STRANGER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
/** How the plan names Chris (OWNER), who owns 2.1 and 2.2. */
const OWNER_NAME = "ICB Children's Mental Health Commissioner";
const OWNER_EMAIL = 'icb.camhs@example.org';
/** A delegate in another tenant: reached by e-mail only. */
const MAIL_COVER = 'cover.person@example.org';
/** A contributing agency's contact who is not in Teams. */
const MAIL_CONTACT = 'pc.contact@example.org';

let harness: BotHarness;
let sink: SmtpSink;
const calendar = new UkHolidayCalendar();
const deps = () => ({ stores: harness.stores, clock: harness.clock, calendar, random: seededRandom() });

beforeEach(async () => {
  sink = await startSmtpSink();
  // Wednesday 15 Jan 2025, 10:00 in London.
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z', email: { smtpUrl: sink.url } });
  for (const user of [COORDINATOR, OWNER, STRANGER]) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  harness.stub.clear();
});

afterEach(async () => {
  await harness.close();
  await sink.stop();
});

async function cover(owner: string, delegate: string, delegateName: string, to: string): Promise<void> {
  expect(
    await addDelegationAs(deps(), operatorActor('test'), {
      planId: PLAN,
      owner,
      delegate,
      delegateName,
      from: '2025-01-15',
      to,
    }),
  ).toMatchObject({ kind: 'saved' });
}

async function startRound(): Promise<void> {
  await harness.say(COORDINATOR, 'round start due 29/01/2025');
  await harness.whenIdle();
}

const mailTo = (address: string): ReceivedMail[] =>
  sink.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));

/** The round cards a Teams user received, by headline. */
const roundCardsTo = (user: TestUser): string[] =>
  harness.stub.activities
    .filter((a) => a.activity.recipient?.id === user.id)
    .map((a) => cardText(cardOf(a)))
    .flatMap((text) => text.match(/^(Reminder – )?Round \d+: [^\n]*/m)?.[0] ?? [])
    .sort();

function updateLinkIn(mail: ReceivedMail): string {
  const link = /href="(http:\/\/127\.0\.0\.1:\d+\/update\/[^"]+)"/.exec(String(mail.parsed.html))?.[1];
  if (!link) throw new Error('no update link in the e-mail');
  return link.replace(/&amp;/g, '&');
}

/** Opens a link's page and posts one of its forms, as a browser would. */
async function openAndPost(
  link: string,
  form: Record<string, string>,
): Promise<{ page: string; saved: Response }> {
  const opened = await fetch(link);
  expect(opened.status).toBe(200);
  const page = await opened.text();
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? '';
  const saved = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf: field('csrf'), version: field('version'), ...form }).toString(),
  });
  return { page, saved };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('round requests and chases for an owner on leave', () => {
  test('when the owner is covered by someone in Teams, then only the delegate gets the requests and chases, once, marked covering for the owner, and mine lists the actions', async () => {
    await cover(OWNER.email, STRANGER.email, 'Sid Stranger', '2025-01-24');
    await startRound();

    expect(roundCardsTo(OWNER)).toEqual([]);
    expect(roundCardsTo(STRANGER)).toEqual([
      `Round 1: please update action 2.1 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
      `Round 1: please update action 2.2 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
    ]);
    // The delegate may update as the owner could: the card carries the update form.
    const toDelegate = harness.stub.activities.filter((a) => a.activity.recipient?.id === STRANGER.id);
    expect(JSON.stringify(toDelegate.at(-1)?.activity)).toContain('"verb":"action.update"');
    expect(mailTo(OWNER.email)).toEqual([]);
    expect(mailTo(STRANGER.email)).toEqual([]);
    // Once: the scheduled job sends nothing more today.
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toEqual([]);

    // Wednesday 22 Jan: the chase, still to the delegate.
    harness.stub.clear();
    harness.clock.set('2025-01-22T10:00:00Z');
    const chased = await harness.roundSends();
    expect(
      chased.filter((r) => r.outcome === 'sent').map((r) => `${r.actionId} ${r.owner} ${r.reason}`),
    ).toEqual(
      expect.arrayContaining([
        `2.1 ${STRANGER.email} before-7 (covering for ${OWNER_EMAIL})`,
        `2.2 ${STRANGER.email} before-7 (covering for ${OWNER_EMAIL})`,
      ]),
    );
    expect(roundCardsTo(OWNER)).toEqual([]);
    expect(roundCardsTo(STRANGER)).toEqual([
      `Reminder – Round 1: please update action 2.1 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
      `Reminder – Round 1: please update action 2.2 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
    ]);

    // `mine` lists the actions the delegate covers, marked whose they are.
    const mine = cardText(await harness.say(STRANGER, 'mine'));
    expect(mine).toContain('2 open');
    expect(mine).toMatch(/\*\*2\.1\*\*/);
    expect(mine).toMatch(/\*\*2\.2\*\*/);
    expect(occurrences(mine, `(covering for ${OWNER_NAME})`)).toBe(2);
  });

  test('when the delegate is reached by e-mail, then each request names its action, says whose it is once, and its link lets the delegate update', async () => {
    await cover(OWNER.email, MAIL_COVER, 'Cass Cover', '2025-01-17');
    await startRound();

    expect(roundCardsTo(OWNER)).toEqual([]);
    const mails = mailTo(MAIL_COVER);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual([
      `Round 1: please update action 2.1 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
      `Round 1: please update action 2.2 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
    ]);
    const mail = mails.find((m) => m.parsed.subject?.includes('action 2.1'))!;
    const text = String(mail.parsed.text);
    expect(text).toContain(`You are covering for ${OWNER_NAME} (${OWNER_EMAIL}) until 17 Jan 2025.`);
    // The headline is the heading, printed once (it was the heading and the first paragraph).
    expect(occurrences(text, 'please update action 2.1 by 29 Jan 2025')).toBe(1);

    const { page, saved } = await openAndPost(updateLinkIn(mail), {
      verb: 'action.update',
      rating: 'amber',
      note: 'Trajectory drafted while Chris is away.',
    });
    expect(page).toContain(
      `as <strong>Cass Cover, covering for ${OWNER_NAME.replace("'", '&#39;')}</strong>`,
    );
    expect(saved.status).toBe(200);
    const [entry] = await harness.stores.history.listForAction(PLAN, '2.1', 1);
    expect(entry).toMatchObject({ source: 'email', note: 'Trajectory drafted while Chris is away.' });
  });

  test('when the cover ends mid-round, then the owner gets the opening request they never had, once, and no chase the same day or for a step the delegate had', async () => {
    await cover(OWNER.email, MAIL_COVER, 'Cass Cover', '2025-01-17');
    await startRound();
    expect(mailTo(MAIL_COVER)).toHaveLength(2);
    expect(roundCardsTo(OWNER)).toEqual([]);

    // Monday 20 Jan: back from leave. No chase is due yet, but the opening requests are owed to him.
    harness.clock.set('2025-01-20T10:00:00Z');
    const back = await harness.roundSends();
    expect(
      back
        .filter((r) => r.outcome === 'sent')
        .map((r) => `${r.actionId} ${r.owner} ${r.step}`)
        .sort(),
    ).toEqual([`2.1 ${OWNER_EMAIL} request`, `2.2 ${OWNER_EMAIL} request`]);
    expect(roundCardsTo(OWNER)).toEqual([
      'Round 1: please update action 2.1 by 29 Jan 2025',
      'Round 1: please update action 2.2 by 29 Jan 2025',
    ]);
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toEqual([]);

    // Wednesday 22 Jan: the chase goes to him now, not to the delegate whose cover has ended.
    harness.clock.set('2025-01-22T10:00:00Z');
    await harness.roundSends();
    expect(roundCardsTo(OWNER)).toHaveLength(4);
    expect(mailTo(MAIL_COVER)).toHaveLength(2);
  });

  test('when the cover ends on the day a chase falls due, then the owner gets the opening request but not the same day’s chase, nor that step again the next day', async () => {
    await cover(OWNER.email, MAIL_COVER, 'Cass Cover', '2025-01-21');
    await startRound();
    expect(mailTo(MAIL_COVER)).toHaveLength(2);

    // Wednesday 22 Jan: the first chase falls due; he is back and has never had the request.
    harness.clock.set('2025-01-22T10:00:00Z');
    const rows = await harness.roundSends();
    expect(roundCardsTo(OWNER)).toEqual([
      'Round 1: please update action 2.1 by 29 Jan 2025',
      'Round 1: please update action 2.2 by 29 Jan 2025',
    ]);
    expect(rows.filter((r) => r.step === 'before-7' && r.owner === OWNER_EMAIL).map((r) => r.reason)).toEqual(
      ['opening request sent today', 'opening request sent today'],
    );
    // Thursday: the same step is still the latest; it is not sent to him now.
    harness.clock.set('2025-01-23T10:00:00Z');
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toEqual([]);
    expect(roundCardsTo(OWNER)).toHaveLength(2);
    expect(mailTo(MAIL_COVER)).toHaveLength(2);
  });

  test('when the cover begins after the owner had the chase, then the delegate gets the opening request but not that chase again', async () => {
    await startRound();
    harness.clock.set('2025-01-22T10:00:00Z');
    await harness.roundSends();
    expect(roundCardsTo(OWNER)).toHaveLength(4);
    await cover(OWNER.email, MAIL_COVER, 'Cass Cover', '2025-01-31');

    harness.clock.set('2025-01-23T10:00:00Z');
    await harness.roundSends();
    expect(
      mailTo(MAIL_COVER)
        .map((m) => m.parsed.subject)
        .sort(),
    ).toEqual([
      `Round 1: please update action 2.1 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
      `Round 1: please update action 2.2 by 29 Jan 2025 (covering for ${OWNER_NAME})`,
    ]);
    expect(roundCardsTo(OWNER)).toHaveLength(4);
  });
});

describe('reminders and escalations for someone on leave', () => {
  test('when a covered owner’s reminder falls due, then the delegate gets it by e-mail, once, saying whose it is and until when', async () => {
    await cover(OWNER.email, MAIL_COVER, 'Cass Cover', '2025-01-17');
    const report = await harness.sweep();

    const teamsToOwner = harness.stub.activities.filter((a) => a.activity.recipient?.id === OWNER.id);
    expect(teamsToOwner).toEqual([]);
    const [mail, ...more] = mailTo(MAIL_COVER);
    expect(more).toEqual([]);
    expect(mail!.parsed.subject).toMatch(
      new RegExp(`^Action 2\\.1 is 24 days overdue: .* \\(covering for ${OWNER_NAME}\\)$`),
    );
    const text = String(mail!.parsed.text);
    expect(text).toContain(`You are covering for ${OWNER_NAME} (${OWNER_EMAIL}) until 17 Jan 2025.`);
    expect(text).not.toContain('you are named as an owner');
    expect(report.rows.find((r) => r.owner === MAIL_COVER)).toMatchObject({
      actionId: '2.1',
      outcome: 'sent',
    });

    expect(
      (await harness.sweep()).rows.filter((r) => r.outcome === 'sent' && r.owner === MAIL_COVER),
    ).toEqual([]);
    expect(mailTo(MAIL_COVER)).toHaveLength(1);
  });

  test('when a lead on leave is covered, then the escalation goes to their delegate, once, marked covering for them', async () => {
    // Leads own no action in the demo plan, so the cover is written as the plan keeps it.
    const stored = (await harness.stores.plans.get(PLAN))!;
    const lead = stored.value.leads[0]!;
    await harness.stores.plans.update(
      {
        ...stored.value,
        delegations: [
          {
            id: 'lead-cover',
            owner: lead,
            delegate: MAIL_COVER,
            delegateName: 'Cass Cover',
            from: '2025-01-15',
            to: '2025-01-17',
            createdAt: '2025-01-15T09:00:00Z',
            createdBy: 'test',
          },
        ],
      },
      stored.etag,
    );
    await harness.sweep();

    expect(sink.received.filter((m) => m.envelopeTo.includes(lead))).toEqual([]);
    const escalations = mailTo(MAIL_COVER).filter((m) =>
      /more than 14 days overdue/.test(m.parsed.subject ?? ''),
    );
    expect(escalations.length).toBeGreaterThan(0);
    for (const m of escalations) {
      expect(m.parsed.subject).toMatch(/ \(covering for .+\)$/);
      expect(String(m.parsed.text)).toContain(`You are covering for`);
      expect(String(m.parsed.text)).toContain(`(${lead}) until 17 Jan 2025.`);
    }
    const count = mailTo(MAIL_COVER).length;
    await harness.sweep();
    expect(mailTo(MAIL_COVER)).toHaveLength(count);
  });
});

describe('a contributing contact reached by e-mail', () => {
  test('when the round starts, then the contact gets a note-only link and adds a note through it', async () => {
    await setContributingContacts(deps(), {
      planId: PLAN,
      actionId: '2.1',
      contacts: [{ agency: 'Police', name: 'Pat Constable', email: MAIL_CONTACT }],
      actor: 'test set-up',
    });
    await startRound();
    // A minute on, so the note is the newest entry in the history.
    harness.clock.set('2025-01-15T10:01:00Z');

    const [mail, ...more] = mailTo(MAIL_CONTACT);
    expect(more).toEqual([]);
    expect(mail!.parsed.subject).toBe(
      "Round 1: please add your organisation's note to action 2.1 by 29 Jan 2025",
    );
    expect(String(mail!.parsed.text)).toMatch(
      /Add a note to action 2\.1:\nhttp:\/\/127\.0\.0\.1:\d+\/update\//,
    );

    const { page, saved } = await openAndPost(updateLinkIn(mail!), {
      verb: 'action.note',
      contributionNote: 'Police have shared the screening outcomes with CAMHS.',
    });
    expect(page).toContain('Add a note for Police');
    expect(page).not.toContain('name="rating"');
    expect(page).not.toContain('Mark complete');
    expect(saved.status).toBe(200);
    const [entry] = await harness.stores.history.listForAction(PLAN, '2.1', 1);
    expect(entry).toMatchObject({
      source: 'email',
      note: 'Police have shared the screening outcomes with CAMHS.',
      contributingAgency: 'Police',
      author: { name: 'Pat Constable' },
    });
    // A note is not an update: the rating is unchanged and the action still waits on its owner.
    expect((await harness.stores.actions.get(PLAN, '2.1'))!.value.rating).toBe('red');
  });
});
