/**
 * Reminders and escalations go only on working days inside the plan's send window (09:00–17:00 in
 * London): never at a weekend or on a bank holiday, even inside the window's hours, and never at night.
 */
import { type TestUser, teamsMessage } from '../support/activities';
import { type BotHarness, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

afterEach(async () => {
  await harness.close();
});

async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users)
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

const headlinesTo = (user: TestUser) =>
  harness.stub.activities
    .filter((a) => a.activity.recipient?.id === user.id)
    .map((a) => cardText(cardOf(a)).split('\n')[0]!);

describe('reminders and escalations keep to working days inside the send window', () => {
  test('when the sweep runs on a Saturday, at night, and on a bank holiday, then nothing is sent; the next working day inside the window sends each once', async () => {
    // Friday 2 May 2025, 18:30 BST, after the window: 2.1 (due 22 Dec 2024) is overdue, so a reminder and an
    // escalation are owed, and it stays filed under Friday until a sweep inside the window handles it.
    harness = await startBotHarness({ now: '2025-05-02T17:30:00Z' });
    await reachable(OWNER, LEAD);
    for (const at of [
      '2025-05-02T17:30:00Z', // Friday evening
      '2025-05-03T10:00:00Z', // Saturday, inside the window's hours
      '2025-05-04T23:30:00Z', // 00:30 BST on the bank holiday
      '2025-05-05T10:00:00Z', // Early May bank holiday, 11:00 BST
      '2025-05-06T07:30:00Z', // Tuesday 08:30 BST, before the window
    ]) {
      harness.clock.set(at);
      const report = await harness.sweep();
      expect(report.rows.filter((r) => r.outcome === 'sent')).toEqual([]);
    }
    expect(harness.stub.activities).toEqual([]);

    // A dry run on the bank holiday says why.
    harness.clock.set('2025-05-05T10:00:00Z');
    const dry = await harness.sweep({ dryRun: true });
    expect(dry.rows.find((r) => r.actionId === '2.1')).toMatchObject({
      outcome: 'skipped',
      reason: 'not-a-working-day',
    });

    harness.clock.set('2025-05-06T08:00:00Z'); // Tuesday 09:00 BST
    await harness.sweep();
    await harness.sweep();
    expect(headlinesTo(OWNER).filter((h) => h.includes('2.1'))).toHaveLength(1);
    expect(headlinesTo(LEAD)).toContain('Action 2.1 is more than 14 days overdue');
    expect(headlinesTo(LEAD).filter((h) => h === 'Action 2.1 is more than 14 days overdue')).toHaveLength(1);
  });
});
