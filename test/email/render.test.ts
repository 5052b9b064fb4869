/**
 * Every kind of e-mail, rendered and sent through the real transport to a real SMTP server on loopback,
 * then read back with mailparser: each has an HTML part from MJML and a plain-text part, both carrying
 * the card's facts, and a subject that says what to do.
 */
import { describeDue } from '../../src/domain/deadline';
import type { Digest } from '../../src/domain/digest';
import { emailNotifier } from '../../src/email/email-notifier';
import { smtpTransport } from '../../src/email/smtp-transport';
import type { ActionCardView } from '../../src/usecases/shared/action-card-view';
import { action, area, plan, TODAY } from './fixtures';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink';

let sink: SmtpSink;
const UPDATE = 'http://localhost:3978/update/TOKEN.SIG';
const DASHBOARD = 'http://localhost:3978/tab?plan=leeds-2024';
const owner = { name: 'Jo Bloggs', email: 'jo.bloggs@police.example.uk' };
const lead = { name: 'Director', email: 'director.children@example.org' };

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

function channel() {
  const transport = smtpTransport({
    url: sink.url,
    from: 'Action Tracker <at@council.example>',
    maxPerSecond: 50,
  });
  const notifier = emailNotifier({
    transport,
    clock: { now: () => new Date(`${TODAY}T09:00:00Z`) },
    links: { updateUrl: async () => UPDATE, dashboardUrl: () => DASHBOARD },
  });
  return { notifier, transport };
}

async function lastMail(count: number): Promise<ReceivedMail> {
  expect(sink.received.length).toBe(count);
  return sink.received[count - 1]!;
}

function view(extra: Partial<ActionCardView> = {}): ActionCardView {
  return {
    plan,
    area,
    action,
    today: TODAY,
    viewer: { aadObjectId: 'x', canUpdate: true, canDecide: false },
    refreshUserIds: [],
    ...extra,
  };
}

/** The card's facts, in both parts. */
function expectActionFacts(mail: ReceivedMail) {
  const html = String(mail.parsed.html);
  const text = mail.parsed.text ?? '';
  for (const part of [html, text]) {
    expect(part).toContain('2.1');
    expect(part).toContain('Agree a police and health protocol');
    expect(part).toContain('Information sharing between agencies');
    expect(part).toContain('14 Mar 2025');
    // Rating as a word and its label, never colour alone.
    expect(part).toContain('Amber: Moderate or little progress');
    expect(part).toContain('In progress');
    expect(part).toContain('Leeds SYV JTAI 2024');
    expect(part).toContain('partnership.manager@example.org');
  }
  expect(html).toContain('prefers-color-scheme: dark');
  expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"/);
  expect(html).not.toContain('<mj-');
}

describe('e-mail rendering', () => {
  let sent = 0;

  test('when a reminder goes by e-mail, then its subject says what to do by when and its button opens the update page', async () => {
    const { notifier, transport } = channel();
    const outcome = await notifier.sendNudge(
      { name: owner.name, email: owner.email },
      {
        plan,
        area,
        action,
        owner,
        step: 'before-7',
        today: TODAY,
        rights: { canUpdate: true, canDecide: false, canAddNote: false },
      },
    );
    transport.close();
    expect(outcome.status).toBe('sent');
    const mail = await lastMail(++sent);
    expect(mail.envelopeTo).toEqual([owner.email]);
    expect(mail.parsed.subject).toBe('Action 2.1 is due in 7 days: please update by Fri 14 Mar 2025');
    expect(describeDue(action.currentDueDate, TODAY)).toBe('due in 7 days');
    expectActionFacts(mail);
    expect(String(mail.parsed.html)).toContain(`href="${UPDATE}"`);
    expect(String(mail.parsed.html)).toContain('Update action 2.1');
    expect(mail.parsed.text).toContain(`Update action 2.1:\n${UPDATE}`);
    expect(mail.parsed.from?.text).toContain('at@council.example');
  });

  test('when a reminder is for an overdue action, then the subject says so', async () => {
    const { notifier, transport } = channel();
    await notifier.sendNudge(
      { name: owner.name, email: owner.email },
      {
        plan,
        area,
        action,
        owner,
        step: 'overdue-7',
        today: '2025-03-21',
        rights: { canUpdate: true, canDecide: false, canAddNote: false },
      },
    );
    transport.close();
    const mail = await lastMail(++sent);
    expect(mail.parsed.subject).toBe(
      'Action 2.1 is 7 days overdue: please update it now (it was due Fri 14 Mar 2025)',
    );
  });

  test.each([
    [
      'round request',
      { kind: 'round-request', round: 3, responseDue: '2025-03-21' },
      'Round 3: please update action 2.1 by 21 Mar 2025',
    ],
    [
      'round chase',
      { kind: 'round-chase', round: 3, responseDue: '2025-03-21' },
      'Reminder – Round 3: please update action 2.1 by 21 Mar 2025',
    ],
    [
      'escalation (red)',
      { kind: 'escalation', trigger: 'red' },
      'Escalation: action 2.1 is now rated red, please review it',
    ],
    [
      'approved date',
      { kind: 'date-decision', decision: 'approved', requestedDate: '2025-04-30' },
      'New due date approved for action 2.1: now due Wed 30 Apr 2025',
    ],
    [
      'rejected date',
      { kind: 'date-decision', decision: 'rejected', requestedDate: '2025-04-30' },
      'New due date not approved for action 2.1: it stays due Fri 14 Mar 2025',
    ],
  ] as const)(
    'when an action card goes by e-mail for %s, then the subject says what to do and it has the facts',
    async (...[, purpose, subject]) => {
      const { notifier, transport } = channel();
      await notifier.sendActionEmail(owner, view(), purpose);
      transport.close();
      const mail = await lastMail(++sent);
      expect(mail.parsed.subject).toBe(subject);
      expectActionFacts(mail);
      expect(String(mail.parsed.html)).toContain(`href="${UPDATE}"`);
    },
  );

  // Issue 20: the lead's button now opens their own update page, where they approve or reject (it used
  // to link the dashboard, which deciders in other tenants cannot open).
  test('when a date request goes to a lead, then it asks them to decide and its button opens their update page to approve or reject', async () => {
    const requested = {
      ...action,
      pendingDateRequest: {
        id: 'r1',
        date: '2025-04-30',
        reason: 'Waiting for the ICB board',
        requestedBy: { aadObjectId: 'a', name: 'Jo Bloggs' },
        requestedAt: '2025-03-06T10:00:00Z',
      },
    };
    const { notifier, transport } = channel();
    await notifier.sendActionEmail(
      lead,
      view({ action: requested, viewer: { aadObjectId: 'x', canUpdate: false, canDecide: true } }),
      { kind: 'date-request' },
    );
    transport.close();
    const mail = await lastMail(++sent);
    expect(mail.parsed.subject).toBe(
      'Please decide: a new due date of Wed 30 Apr 2025 is requested for action 2.1',
    );
    expectActionFacts(mail);
    expect(mail.parsed.text).toContain('Waiting for the ICB board');
    expect(String(mail.parsed.html)).toContain(`href="${UPDATE}"`);
    expect(mail.parsed.text).toContain(`Approve or reject the new date:\n${UPDATE}`);
    expect(String(mail.parsed.html)).not.toContain(`href="${DASHBOARD.replace(/&/g, '&amp;')}"`);
  });

  test('when the weekly digest goes by e-mail, then it has the counts and lists and links to the dashboard', async () => {
    const overdue = { ...action, id: '1.4', currentDueDate: '2025-02-28' };
    const { currentDueDate: _d, baselineDueDate: _b, ...undated } = action;
    const owed = { ...undated, id: '3.2', dateToBeConfirmed: true as const };
    const digest: Digest = {
      weekStart: '2025-03-03',
      total: 20,
      open: 15,
      ratings: [
        { rating: 'green', count: 5, change: 1 },
        { rating: 'amber', count: 6 },
        { rating: 'red', count: 2, change: -1 },
        { rating: 'unrated', count: 7 },
      ],
      newlyRed: [],
      overdue: [overdue],
      rescheduled: [],
      dueSoon: [action],
      dateToBeConfirmed: [owed],
      quietOwners: [{ name: 'Sam Smith', email: 'sam@school.example', openActions: 2 }],
      recentlyCompleted: [],
      periodStart: '2025-01-01',
      figures: {} as Digest['figures'],
    };
    const { notifier, transport } = channel();
    await notifier.sendDigest({ name: lead.name, email: lead.email }, plan, digest, TODAY);
    transport.close();
    const mail = await lastMail(++sent);
    expect(mail.parsed.subject).toBe(
      'Weekly digest for Leeds SYV JTAI 2024, 7 Mar 2025: 1 overdue, 0 newly red',
    );
    for (const part of [String(mail.parsed.html), mail.parsed.text ?? '']) {
      expect(part).toContain('15 of 20 actions open');
      expect(part).toContain('up 1 since last week');
      expect(part).toContain('Overdue (1)');
      expect(part).toContain('1.4');
      expect(part).toContain('7 days overdue');
      expect(part).toContain('Sam Smith (sam@school.example): 2 open actions');
      expect(part).toContain('Not rated');
      // "TBC" is a date still owed: listed for the coordinators to chase, apart from the dated lists.
      expect(part).toContain('Date to be confirmed (1)');
      expect(part).toMatch(/3\.2[^\n]*date to be confirmed/);
    }
    expect(mail.parsed.text).toContain(`Open the dashboard:\n${DASHBOARD}`);
  });

  test('when reminders could not be delivered, then the coordinators get the list with whom to contact', async () => {
    const { notifier, transport } = channel();
    await notifier.sendUndelivered(
      { name: 'Coordinator', email: 'partnership.manager@example.org' },
      plan,
      [
        {
          owner,
          action,
          message: { kind: 'reminder', step: 'before-7' },
          reason: 'the e-mail address was refused (550)',
        },
      ],
      TODAY,
    );
    transport.close();
    const mail = await lastMail(++sent);
    expect(mail.parsed.subject).toBe(
      '1 reminder for Leeds SYV JTAI 2024 could not be delivered: please contact this owner',
    );
    for (const part of [String(mail.parsed.html), mail.parsed.text ?? '']) {
      expect(part).toContain('Jo Bloggs (jo.bloggs@police.example.uk)');
      expect(part).toContain('the e-mail address was refused (550)');
      expect(part).toContain('action 2.1');
      expect(part).toContain('due 14 Mar 2025 (due in 7 days)');
    }
  });

  test('when text in the plan looks like markup, then the HTML shows it as text', async () => {
    const { notifier, transport } = channel();
    await notifier.sendActionEmail(
      owner,
      view({ action: { ...action, description: '<script>alert(1)</script> & <b>x</b>' } }),
      {
        kind: 'escalation',
        trigger: 'unanswered',
      },
    );
    transport.close();
    const mail = await lastMail(++sent);
    expect(String(mail.parsed.html)).not.toContain('<script>alert');
    expect(String(mail.parsed.html)).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(mail.parsed.text).toContain('<script>alert(1)</script> & <b>x</b>');
  });
});
