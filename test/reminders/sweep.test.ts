import { type TestUser, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

afterEach(async () => {
  await harness.close();
});

/** People become reachable by talking to the bot in personal chat, as in Teams. */
async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users) {
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  }
  harness.stub.clear();
}

function nudgesTo(conversationOf: TestUser): string[] {
  return harness.stub.activities
    .filter((a) => a.activity.recipient?.id === conversationOf.id)
    .map((a) => cardText(cardOf(a)).split('\n')[0]!);
}

describe('reminder sweep (demo plan, Wednesday 15 Jan 2025)', () => {
  beforeEach(async () => {
    // 10:00 in London, inside the 09:00–17:00 window.
    harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
  });

  test('when reminders fall due, then each reachable owner gets one card per action, and a second sweep sends nothing', async () => {
    await reachable(OWNER, OTHER_OWNER, COORDINATOR);
    const report = await harness.sweep();
    // 2.1 (due Sun 22 Dec) is three weeks overdue; 4.2 (due Fri 22 Nov) seven; 3.1 (due 22 Jan) is a week away.
    expect(nudgesTo(OWNER)).toEqual(['Action 2.1 is 24 days overdue']);
    expect(nudgesTo(OTHER_OWNER)).toEqual(['Action 4.2 is 54 days overdue']);
    const sent = report.rows.filter((r) => r.outcome === 'sent' && r.actionId !== '—');
    expect(sent.map((r) => `${r.actionId} ${r.step}`).sort()).toEqual(['2.1 overdue-3', '4.2 overdue-7']);

    // 3.1's owner never installed the app: the coordinator is told, once.
    const told = harness.stub.activities.filter((a) => a.activity.recipient?.id === COORDINATOR.id);
    expect(told).toHaveLength(1);
    const list = cardText(cardOf(told[0]));
    expect(list).toContain('Reminders I could not deliver');
    expect(list).toContain(
      '**LSCP Business Manager** (lscp.business@example.org): has not installed Action Tracker',
    );
    expect(list).toContain('**3.1** Agree an annual multi');

    const before = harness.stub.activities.length;
    const again = await harness.sweep();
    expect(harness.stub.activities).toHaveLength(before);
    expect(again.rows.filter((r) => r.outcome === 'sent')).toEqual([]);
  });

  test('when the nudge card arrives, then it shows the action, due date, rating and the update form', async () => {
    await reachable(OWNER);
    await harness.sweep();
    const [nudge] = harness.stub.activities;
    const card = cardOf(nudge);
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('**2.1** Publish a waiting list trajectory');
    expect(text).toContain('22 Dec 2024 (24 days overdue)');
    expect(text).toContain('Red: Little progress, timescales passed or within two months and unachievable');
    expect(text).toContain('Area for improvement: Waiting times for CAMHS assessments');
    const actions = (card.actions as { type: string; title: string; verb?: string }[]).map(
      (a) => `${a.type}:${a.verb ?? a.title}`,
    );
    expect(actions).toEqual([
      'Action.Execute:action.update',
      'Action.ShowCard:Mark complete',
      'Action.ShowCard:Request a new date',
      'Action.ShowCard:Snooze',
      'Action.Submit:History',
    ]);
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'action.refresh',
        data: { planId: 'demo-leeds-syv', actionId: '2.1' },
      },
      userIds: [OWNER.aadObjectId],
    });
    expect(Buffer.byteLength(JSON.stringify(nudge!.activity))).toBeLessThan(80 * 1024);
  });

  test('when a sweep is a dry run, then it says what would be sent and sends and records nothing', async () => {
    await reachable(OWNER);
    const dry = await harness.sweep({ dryRun: true });
    expect(dry.rows.filter((r) => r.outcome === 'would send').map((r) => r.actionId)).toEqual(['2.1']);
    expect(dry.rows.find((r) => r.actionId === '4.2')).toMatchObject({
      outcome: 'unreachable',
      reason: 'has not installed Action Tracker',
    });
    expect(harness.stub.activities).toEqual([]);
    const real = await harness.sweep();
    expect(real.rows.filter((r) => r.outcome === 'sent').map((r) => r.actionId)).toEqual(['2.1']);
  });

  test('when the owner has paused reminders, then none is sent and none is sent later for that step', async () => {
    await reachable(OWNER);
    const user = (await harness.stores.users.get(OWNER.aadObjectId))!.value;
    await harness.stores.users.put({ ...user, nudgesPausedUntil: '2025-01-20' });
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.actionId === '2.1')).toMatchObject({
      outcome: 'skipped',
      reason: 'owner paused reminders until 2025-01-20',
    });
    expect(nudgesTo(OWNER)).toEqual([]);
  });
});

describe('when and whether', () => {
  test('when it is before 09:00 in London, then nothing is sent until the window opens', async () => {
    harness = await startBotHarness({ now: '2025-01-15T08:30:00Z' });
    await reachable(OWNER);
    const early = await harness.sweep();
    expect(early.rows.find((r) => r.actionId === '2.1')).toMatchObject({
      outcome: 'skipped',
      reason: 'outside the send window (09:00–17:00)',
    });
    expect(harness.stub.activities).toEqual([]);
    harness.clock.set('2025-01-15T09:05:00Z');
    await harness.sweep();
    expect(nudgesTo(OWNER)).toEqual(['Action 2.1 is 24 days overdue']);
  });

  test('when the action is completed before the sweep, then its reminder is not sent and it leaves the index', async () => {
    harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
    await reachable(OWNER);
    const loaded = (await harness.stores.actions.get('demo-leeds-syv', '2.1'))!;
    await harness.stores.actions.update(
      { ...loaded.value, lifecycle: 'complete' },
      loaded.etag,
      loaded.value,
    );
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.actionId === '2.1')).toMatchObject({
      outcome: 'skipped',
      reason: 'closed',
    });
    expect(nudgesTo(OWNER)).toEqual([]);
    expect(await harness.stores.actions.listReminderIndex('2025-01-15')).not.toContainEqual({
      planId: 'demo-leeds-syv',
      actionId: '2.1',
    });
  });
});

describe('escalations', () => {
  test('when an action is 14 days overdue, then the plan leads and the agency lead are told once', async () => {
    harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
    const plan = (await harness.stores.plans.get('demo-leeds-syv'))!;
    await harness.stores.plans.update(
      { ...plan.value, agencyLeads: { 'integrated care board': STRANGER.email } },
      plan.etag,
    );
    await reachable(LEAD, STRANGER);
    await harness.sweep();
    await harness.sweep();
    const told = harness.stub.activities
      .filter((a) => a.activity.recipient?.id === LEAD.id)
      .map((a) => cardText(cardOf(a)).split('\n')[0]);
    expect(told.sort()).toEqual([
      'Action 2.1 is more than 14 days overdue',
      'Action 4.2 is more than 14 days overdue',
    ]);
  });

  test('when three reminders in a row bring no update, then the leads are told, and not again until it is updated', async () => {
    harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
    const businessManager: TestUser = {
      ...OWNER,
      id: '29:lscp',
      name: 'Lee Business',
      aadObjectId: '77777777-7777-4777-8777-777777777777',
      email: 'lscp.business@example.org',
      userPrincipalName: 'lscp.business@example.org',
    };
    harness.stub.members.set(businessManager.id, businessManager);
    await reachable(businessManager, LEAD);
    // 3.1 is due Wed 22 Jan: reminders 7 days before (15th), the day before (21st) and on the day (22nd).
    for (const day of ['2025-01-15', '2025-01-21', '2025-01-22', '2025-01-23']) {
      harness.clock.set(`${day}T11:00:00Z`);
      await harness.sweep();
    }
    const toOwner = harness.stub.activities
      .filter((a) => a.activity.recipient?.id === businessManager.id)
      .map((a) => cardText(cardOf(a)).split('\n')[0]);
    expect(toOwner).toEqual([
      'Reminder: action 3.1 is due in 7 days',
      'Reminder: action 3.1 is due tomorrow',
      'Action 3.1 is due today',
    ]);
    const toLead = harness.stub.activities
      .filter((a) => a.activity.recipient?.id === LEAD.id)
      .map((a) => cardText(cardOf(a)).split('\n')[0]);
    expect(toLead.filter((t) => t?.includes('3.1'))).toEqual([
      'Action 3.1: three reminders without an update',
    ]);
  });
});
