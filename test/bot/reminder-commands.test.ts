import type { TestUser } from '../support/activities';
import { type BotHarness, COORDINATOR, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { cardText } from '../support/cards';

let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

const say = (user: TestUser, text: string) => harness.say(user, text);

describe('snooze and pause', () => {
  test('when an owner snoozes an action for a week, then no reminder comes for it until then', async () => {
    const reply = cardText(await say(OWNER, 'snooze 2.1 1 week'));
    expect(reply).toContain('Reminders for action 2.1 snoozed');
    expect(reply).toContain('No reminders about it until 22 Jan 2025.');
    const action = (await harness.stores.actions.get('demo-leeds-syv', '2.1'))!.value;
    expect(action).toMatchObject({ snoozedUntil: '2025-01-22', nextReminderOn: '2025-01-22' });
    harness.stub.clear();
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.actionId === '2.1')).toBeUndefined();
    expect(harness.stub.activities.filter((a) => a.activity.recipient?.id === OWNER.id)).toEqual([]);
    const events = await harness.stores.audit.list('demo-leeds-syv');
    expect(events.find((e) => e.event === 'action.snoozed')).toMatchObject({
      event: 'action.snoozed',
      actor: OWNER.aadObjectId,
      details: { actionId: '2.1', until: '2025-01-22' },
    });
  });

  test('when someone else tries to snooze an action, then they are refused (or it is not found)', async () => {
    expect(cardText(await say(LEAD, 'snooze 2.1 3 days'))).toContain('Not yours to snooze');
    expect((await harness.stores.actions.get('demo-leeds-syv', '2.1'))!.value.snoozedUntil).toBeUndefined();
    expect(cardText(await say(COORDINATOR, 'snooze 2.1 fortnight'))).toContain(
      String.raw`Try: snooze \<action id\> 3 days`,
    );
  });

  test('when an owner pauses reminders for leave, then none are sent until the date, and resume undoes it', async () => {
    expect(cardText(await say(OWNER, 'pause until 31/01/2025'))).toContain('No reminders until 31 Jan 2025.');
    harness.stub.clear();
    const report = await harness.sweep();
    expect(report.rows.find((r) => r.actionId === '2.1')).toMatchObject({
      outcome: 'skipped',
      reason: 'owner paused reminders until 2025-01-31',
    });
    expect(cardText(await say(OWNER, 'resume'))).toContain('Your reminders are back on.');
    expect((await harness.stores.users.get(OWNER.aadObjectId))!.value.nudgesPausedUntil).toBeUndefined();
    expect(cardText(await say(OWNER, 'pause until 01/01/2020'))).toContain('must be after today');
  });

  test('when monitoring of the plan has ended, then snoozing is refused and nothing changes', async () => {
    const { closePlanForGood } = await import('../../src/usecases/retention/retention');
    await closePlanForGood({ stores: harness.stores, clock: harness.clock }, 'demo-leeds-syv', 'ops');
    const before = (await harness.stores.actions.get('demo-leeds-syv', '2.1'))!.value;
    expect(cardText(await say(OWNER, 'snooze 2.1 1 week'))).toContain('This plan is closed');
    expect((await harness.stores.actions.get('demo-leeds-syv', '2.1'))!.value).toEqual(before);
  });
});
