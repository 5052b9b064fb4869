import { type TestUser, teamsCardExecute, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { type Card, cardButtons, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  // Wednesday 15 Jan 2025, 10:00 in London.
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
  for (const user of [COORDINATOR, LEAD, OWNER, OTHER_OWNER]) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  harness.stub.clear();
});

afterEach(async () => {
  await harness.close();
});

const cardsTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardOf(a));

async function update(user: TestUser, actionId: string, rating: string, note: string): Promise<void> {
  const action = (await harness.stores.actions.get(PLAN, actionId))!.value;
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({
      user,
      verb: 'action.update',
      data: { planId: PLAN, actionId, version: String(action.revision ?? 0), rating, note },
      serviceUrl: harness.stub.url,
    }),
  );
  expect(response.status).toBe(200);
}

async function startRoundOne(): Promise<Card> {
  const card = await harness.say(COORDINATOR, 'round start due 29/01/2025');
  await harness.whenIdle();
  return card;
}

describe('a monitoring round from start to snapshot', () => {
  test('when a coordinator starts a round, then every reachable owner of an open action gets one request card per action', async () => {
    const reply = cardText(await startRoundOne());
    expect(reply).toContain('Monitoring round 1 started');
    expect(reply).toContain('by **29 Jan 2025**');

    const toOwner = cardsTo(OWNER).map(cardText);
    expect(toOwner).toHaveLength(2);
    // Each request names its action, so two to one person are told apart (issue 20).
    expect(
      toOwner.map((t) => t.match(/Round 1: please update action [\d.]+ by 29 Jan 2025/)?.[0]).sort(),
    ).toEqual([
      'Round 1: please update action 2.1 by 29 Jan 2025',
      'Round 1: please update action 2.2 by 29 Jan 2025',
    ]);
    expect(toOwner.some((t) => t.includes('Action 2.1') || t.includes('2.1'))).toBe(true);
    expect(cardsTo(OTHER_OWNER)).toHaveLength(1);
    // Request cards carry the update form, so the owner answers in the card itself.
    expect(JSON.stringify(cardsTo(OWNER)[0])).toContain('action.update');
    expect(cardsTo(LEAD)).toHaveLength(0);

    const round = (await harness.stores.rounds.list(PLAN))[0]!;
    expect(round).toMatchObject({
      number: 1,
      status: 'open',
      responseDue: '2025-01-29',
      openedOn: '2025-01-15',
    });
    const { actions } = await harness.stores.actions.readPlan(PLAN);
    const open = actions.filter(
      (a) => !['complete', 'impact_evidenced', 'withdrawn'].includes(a.value.lifecycle),
    );
    expect(round.requested.map((r) => r.actionId).sort()).toEqual(open.map((a) => a.value.id).sort());

    const [audit] = await harness.stores.audit.list(PLAN, 1);
    expect(audit).toMatchObject({ event: 'round.started', details: { round: 1, responseDue: '2025-01-29' } });
  });

  test('when the scheduled job runs after a round starts, then no request is sent twice, even by a second instance', async () => {
    await startRoundOne();
    const before = harness.stub.activities.length;
    const first = await harness.roundSends({ claimant: 'instance-a' });
    const second = await harness.roundSends({ claimant: 'instance-b' });
    expect(first.filter((r) => r.outcome === 'sent')).toHaveLength(0);
    expect(second.filter((r) => r.outcome === 'sent')).toHaveLength(0);
    expect(harness.stub.activities.length).toBe(before);
  });

  test('when the server stopped before sending the requests, then the next scheduled run sends them, once', async () => {
    // The round is opened without the bot's background send, as if the process died straight after.
    const { startRound } = await import('../../src/usecases/rounds/monitoring-rounds');
    const { UkHolidayCalendar } = await import('../../src/calendar/uk-holidays');
    await startRound(
      { stores: harness.stores, clock: harness.clock, calendar: new UkHolidayCalendar() },
      { name: 'Pat Manager', email: 'partnership.manager@example.org' },
      { planId: PLAN, responseDue: '2025-01-29' },
    );
    expect(cardsTo(OWNER)).toHaveLength(0);
    const rows = await harness.roundSends();
    expect(rows.filter((r) => r.outcome === 'sent' && r.owner === 'icb.camhs@example.org')).toHaveLength(2);
    expect(rows.some((r) => r.outcome === 'unreachable')).toBe(true);
    await harness.roundSends();
    expect(cardsTo(OWNER)).toHaveLength(2);
  });

  test('when owners answer, then round status shows responded and awaiting by agency, and only non-responders are chased', async () => {
    await startRoundOne();
    await update(OWNER, '2.1', 'amber', 'Trajectory agreed with the provider.');
    harness.stub.clear();

    const status = await harness.say(LEAD, 'round status');
    const text = cardText(status);
    expect(text).toContain('Monitoring round 1');
    expect(text).toContain('Responses due 29 Jan 2025');
    expect(text).toMatch(/Answered\n1\n/);
    expect(text).toMatch(
      /\*\*Integrated Care Board\*\*\nWaiting on [^\n]*Designated Nurse Safeguarding Children\n1 of 4 answered/,
    );
    expect(text).toMatch(/\*\*Police\*\*\nWaiting on Safeguarding Audit Sergeant\n0 of 1 answered/);
    // Leads watch rounds; only coordinators close them.
    expect(cardButtons(status).map((b) => b.title)).not.toContain('Close round 1');

    // Wednesday 22 Jan: seven days before the response date.
    harness.clock.set('2025-01-22T10:00:00Z');
    const chased = await harness.roundSends();
    const sent = chased.filter((r) => r.outcome === 'sent');
    expect(sent.map((r) => `${r.actionId} ${r.owner} ${r.step}`).sort()).toEqual([
      '2.2 icb.camhs@example.org before-7',
      '4.2 designated.nurse@example.org before-7',
    ]);
    expect(cardText(cardsTo(OWNER)[0]!)).toContain(
      'Reminder – Round 1: please update action 2.2 by 29 Jan 2025',
    );
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toHaveLength(0);

    // Saturday: no chasing at weekends.
    harness.clock.set('2025-01-25T10:00:00Z');
    expect(await harness.roundSends()).toEqual([]);
    // After the response date, no more chasing.
    harness.clock.set('2025-01-30T10:00:00Z');
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toHaveLength(0);
  });

  test('when a coordinator closes the round, then it asks first, then freezes a snapshot of every action', async () => {
    await startRoundOne();
    await update(OWNER, '2.1', 'amber', 'Trajectory agreed with the provider.');
    harness.clock.set('2025-01-30T10:00:00Z');

    const ask = await harness.say(COORDINATOR, 'round close');
    expect(cardText(ask)).toContain('Closing freezes a snapshot');
    const button = cardButtons(ask).find((b) => b.title === 'Close round 1');
    expect(button?.data).toEqual({ command: 'round close 1' });
    expect((await harness.stores.rounds.list(PLAN))[0]!.status).toBe('open');

    const closed = cardText(await harness.say(COORDINATOR, 'round close 1'));
    expect(closed).toContain('Monitoring round 1 closed');
    const round = (await harness.stores.rounds.list(PLAN))[0]!;
    expect(round).toMatchObject({
      status: 'closed',
      closedOn: '2025-01-30',
      closedBy: { name: 'Pat Manager' },
    });

    const snapshot = await harness.stores.rounds.readSnapshot(PLAN, 1);
    const { actions } = await harness.stores.actions.readPlan(PLAN);
    expect(snapshot).toHaveLength(actions.length);
    expect(snapshot.find((s) => s.actionId === '2.1')).toMatchObject({
      rating: 'amber',
      latestNote: 'Trajectory agreed with the provider.',
      responded: true,
    });
    expect(snapshot.find((s) => s.actionId === '2.2')).toMatchObject({ responded: false });

    // Chasing stops with the round, and a later change does not touch the frozen snapshot.
    harness.stub.clear();
    expect(await harness.roundSends()).toEqual([]);
    await update(OWNER, '2.1', 'red', 'Provider withdrew.');
    expect(
      (await harness.stores.rounds.readSnapshot(PLAN, 1)).find((s) => s.actionId === '2.1')?.rating,
    ).toBe('amber');
  });

  test('when two rounds have closed, then the second compares with the first: rating movements and slipped dates', async () => {
    await startRoundOne();
    harness.clock.set('2025-01-30T10:00:00Z');
    await harness.say(COORDINATOR, 'round close 1');

    harness.clock.set('2025-03-03T10:00:00Z');
    await harness.say(COORDINATOR, 'round start due 14/03/2025');
    await harness.whenIdle();
    await update(OWNER, '2.1', 'green', 'Waiting list down to target.');
    await update(OWNER, '2.2', 'red', 'Recruitment failed.');
    await harness.whenIdle(); // the leads' "now rated red" card goes first
    harness.clock.set('2025-03-17T10:00:00Z');
    const closed = cardText(await harness.say(COORDINATOR, 'round close 2'));
    expect(closed).toMatch(/Since round 1: 1 improved, 1 worsened, \d+ unchanged/);

    const { draftProgressReport } = await import('../../src/usecases/reports/build-progress-report');
    const report = await draftProgressReport(harness.stores, PLAN, harness.clock.now(), { round: 2 });
    expect(report.basis).toBe('monitoring round 2, closed 17 Mar 2025');
    expect(report.front.movement?.since).toBe('round 1 (closed 30 Jan 2025)');
    expect(report.front.movement?.comparison.movements).toEqual([
      { actionId: '2.1', from: 'red', to: 'green', movement: 'improved' },
      { actionId: '2.2', from: expect.any(String), to: 'red', movement: 'worsened' },
    ]);
    const rows = report.areas.flatMap((a) => a.rows);
    // Issue 15: an owner's raw note is never in a report; only commentary a moderator agreed is.
    expect(rows.find((r) => r.id === '2.1')?.commentary).toBe('');
    expect(JSON.stringify(report)).not.toContain('Waiting list down to target.');
  });

  test('when someone without the coordinator role tries to run a round, then they are refused and nothing starts', async () => {
    expect(cardText(await harness.say(LEAD, 'round start'))).toContain('Only the plan');
    expect(cardText(await harness.say(OWNER, 'round start'))).toContain('That is for coordinators and leads');
    expect(cardText(await harness.say(STRANGER, 'round status'))).toContain(
      'That is for coordinators and leads',
    );
    expect(await harness.stores.rounds.list(PLAN)).toEqual([]);
  });

  test('when the response date is in the past or a round is already open, then it says so and changes nothing', async () => {
    expect(cardText(await harness.say(COORDINATOR, 'round start due 10/01/2025'))).toContain(
      'Must be after today (15 Jan 2025)',
    );
    expect(cardText(await harness.say(COORDINATOR, 'round start due 31/12/2025'))).toContain(
      'Must be within 92 days',
    );
    await startRoundOne();
    expect(cardText(await harness.say(COORDINATOR, 'round start'))).toContain('Round 1 is still open');
    expect(cardText(await harness.say(COORDINATOR, 'round close 7'))).toContain(
      'Round 7 is not the open round',
    );
    expect(await harness.stores.rounds.list(PLAN)).toHaveLength(1);
  });
});

describe('the report command', () => {
  test('when a lead asks for the report, then the card gives counts and signed links that serve the report to them only', async () => {
    const card = await harness.say(LEAD, 'report');
    const text = cardText(card);
    expect(text).toContain('Progress report: Leeds JTAI: serious youth violence (demo)');
    expect(text).toContain('Position as at 15 Jan 2025');
    const links = (card.actions as { type: string; title: string; url?: string }[]).filter(
      (a) => a.type === 'Action.OpenUrl',
    );
    expect(links.map((l) => l.title)).toEqual([
      'Open report (print or save as PDF)',
      'Excel workbook',
      'CSV',
      // Issue 15: the committee paper in Word.
      'Committee paper (Word)',
    ]);

    const html = await fetch(links[0]!.url!);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('Appendix A: progress by quadrant');
    const csv = await fetch(links[2]!.url!);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="demo-leeds-syv-progress-2025-01-15.csv"/,
    );
    const [audit] = await harness.stores.audit.list(PLAN, 1);
    expect(audit).toMatchObject({ event: 'plan.reported', actor: 'director.children@example.org' });

    // A tampered link, an expired one, and one whose holder has lost their role are all refused.
    const url = new URL(links[0]!.url!);
    const [payload, signature] = url.pathname.split('/').pop()!.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        e: 'someone@example.org',
      }),
    ).toString('base64url');
    expect((await fetch(`${url.origin}/reports/${forged}.${signature}`)).status).toBe(403);
    expect((await fetch(`${url.origin}/reports/not-a-token`)).status).toBe(403);
    // Someone who has lost their role since: the link no longer serves them.
    const plan = (await harness.stores.plans.get(PLAN))!;
    await harness.stores.plans.update({ ...plan.value, leads: [] }, plan.etag);
    const revoked = await fetch(links[0]!.url!);
    expect(revoked.status).toBe(403);
    expect(await revoked.text()).toContain('no longer have a role');
    await harness.stores.plans.update(plan.value, (await harness.stores.plans.get(PLAN))!.etag);
    expect((await fetch(links[0]!.url!)).status).toBe(200);
    harness.clock.set('2025-01-16T10:00:01Z');
    expect((await fetch(links[0]!.url!)).status).toBe(403);
  });

  test('when an owner with no role asks for the report, then they are refused', async () => {
    expect(cardText(await harness.say(OWNER, 'report'))).toContain('That is for coordinators and leads');
  });
});
