/**
 * Announcements (date requests and decisions, escalations) sent after a card press go through an outbox:
 * one that fails, or whose sender dies, is sent by a later sweep; one whose recipient cannot be reached
 * goes on the coordinators' "could not be delivered" list. Real bot, real Azurite, the connector stub.
 */

import { queueAnnouncement } from '../../src/usecases/updates/announce';
import { type TestUser, teamsCardExecute, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  // Wednesday 15 Jan 2025, 18:00 in London: after the send window, so no reminder is sent by the sweeps
  // here and what they send is the outbox's alone.
  harness = await startBotHarness({ now: '2025-01-15T18:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users)
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

/** The sweep's rows but for the reminders it holds back outside the send window. */
async function sweepRows(): Promise<string[]> {
  return (await harness.sweep()).rows
    .filter((r) => !r.reason.startsWith('outside the send window'))
    .map((r) => `${r.actionId} ${r.owner} ${r.outcome} ${r.reason}`);
}

const sentTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardText(cardOf(a)));

async function requestNewDate(): Promise<void> {
  const version = String((await harness.stores.actions.get(PLAN, '2.1'))!.value.revision ?? 0);
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({
      user: OWNER,
      verb: 'date.request',
      data: { planId: PLAN, actionId: '2.1', version, revisedDate: '2025-02-28', reason: 'Board moved' },
      serviceUrl: harness.stub.url,
    }),
  );
  expect(response.status).toBe(200);
  await harness.whenIdle();
}

describe('announcements after a card press', () => {
  test('when everyone can be reached, then each is told once and nothing is left in the outbox', async () => {
    await reachable(OWNER, LEAD, COORDINATOR);
    await requestNewDate();
    expect(sentTo(LEAD)).toHaveLength(1);
    expect(sentTo(COORDINATOR)).toHaveLength(1);
    expect(await harness.stores.ledger.listQueued()).toEqual([]);
    harness.stub.clear();
    expect(await sweepRows()).toEqual([]);
    expect(harness.stub.activities).toEqual([]);
  });

  test('when a recipient never installed the app, then the next sweep puts the request on the coordinators’ list, once', async () => {
    await reachable(OWNER, COORDINATOR);
    await requestNewDate();
    expect(sentTo(COORDINATOR)[0]).toContain('New date requested for action 2.1: 28 Feb 2025');
    // The lead cannot be reached: held in the outbox, not dropped.
    expect((await harness.stores.ledger.listQueued()).map((q) => q.key)).toEqual([
      expect.stringMatching(/^date-request\|2\.1\|.+\|director\.children@example\.org$/),
    ]);
    harness.stub.clear();

    expect(await sweepRows()).toEqual([
      '2.1 director.children@example.org unreachable has not installed Action Tracker',
      `— ${COORDINATOR.email} sent list of 1 message that could not be delivered`,
    ]);
    const list = sentTo(COORDINATOR);
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('Messages I could not deliver');
    expect(list[0]).toContain('(director.children@example.org): has not installed Action Tracker');
    expect(list[0]).toContain('New date requested for action 2.1: 28 Feb 2025');
    expect(list[0]).not.toContain('Reminders I could not deliver');
    expect(await harness.stores.ledger.listQueued()).toEqual([]);

    harness.stub.clear();
    harness.clock.set('2025-01-15T18:10:00Z');
    expect(await sweepRows()).toEqual([]);
    expect(harness.stub.activities).toEqual([]);
  });

  test('when Teams fails the announcement, then the next sweep sends it, and only once', async () => {
    await reachable(OWNER, LEAD, COORDINATOR);
    harness.stub.failNext(500, 40);
    await requestNewDate();
    expect(sentTo(LEAD)).toEqual([]);
    expect(await harness.stores.ledger.listQueued()).toHaveLength(2);

    harness.stub.clear(); // Teams recovers
    harness.clock.set('2025-01-15T18:05:00Z');
    const report = await harness.sweep();
    expect(
      report.rows
        .filter((r) => r.outcome === 'sent')
        .map((r) => r.owner)
        .sort(),
    ).toEqual([COORDINATOR.email, LEAD.email].sort());
    expect(sentTo(LEAD)).toEqual([expect.stringContaining('New date requested for action 2.1: 28 Feb 2025')]);
    expect(sentTo(COORDINATOR)).toHaveLength(1);
    expect(await harness.stores.ledger.listQueued()).toEqual([]);

    harness.stub.clear();
    harness.clock.set('2025-01-15T18:10:00Z');
    await harness.sweep();
    expect(harness.stub.activities).toEqual([]);
  }, 60_000);

  test('when the sender dies after recording the recipients, then a sweep sends what it owed, once', async () => {
    await reachable(OWNER, LEAD);
    const plan = (await harness.stores.plans.get(PLAN))!.value;
    const action = (await harness.stores.actions.get(PLAN, '2.1'))!.value;
    // What a card press records before it sends anything; the process is gone before the send.
    const queued = await queueAnnouncement(
      { stores: harness.stores, channel: harness.channel, clock: harness.clock, claimant: 'dead' },
      plan,
      { ...action, rating: 'red' },
      { kind: 'escalation', escalation: { trigger: 'red', entryId: '8264640599999-0a1b2c' } },
    );
    // It had claimed the lead's card when it died: nobody else may send it until the claim is stale.
    await harness.stores.ledger.claim(PLAN, queued[0]!.key, 'dead', harness.clock.now());

    harness.clock.set('2025-01-15T18:05:00Z');
    expect(await sweepRows()).toEqual([
      `2.1 ${LEAD.email} skipped escalation card being sent by another process`,
    ]);
    expect(harness.stub.activities).toEqual([]);

    harness.clock.set('2025-01-15T18:11:00Z'); // the dead claim is now more than 10 minutes old
    await harness.sweep();
    expect(sentTo(LEAD)).toEqual([expect.stringContaining('Action 2.1 is now rated red')]);
    expect(await harness.stores.ledger.listQueued()).toEqual([]);
    expect(await harness.stores.ledger.get(PLAN, queued[0]!.key)).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
  });
});
