/**
 * A round started outside the plan's send window (09:00–17:00 in London, working days) sends nothing then:
 * its requests wait in the ledger for the first scheduled run inside the window, and the coordinator is
 * told when they will go. A response date in Christmas week or on a bank holiday is flagged at the start.
 */
import { type TestUser, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LEAD,
  OTHER_OWNER,
  OWNER,
  startBotHarness,
} from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

afterEach(async () => {
  await harness.close();
});

async function start(now: string): Promise<void> {
  harness = await startBotHarness({ now });
  for (const user of [COORDINATOR, LEAD, OWNER, OTHER_OWNER])
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

const cardsTo = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardOf(a));

describe('round requests and the send window', () => {
  test('when a round is started at 01:13 on a Sunday, then nothing is sent, the coordinator is told when, and Monday 09:00 sends each request once', async () => {
    await start('2026-12-06T01:13:00Z'); // Sunday 6 Dec 2026, 01:13 in London
    const reply = cardText(await harness.say(COORDINATOR, 'round start due 13/01/2027'));
    await harness.whenIdle();
    expect(reply).toContain('Monitoring round 1 started');
    expect(reply).toContain("Requests will go at 09:00 on Mon 7 Dec 2026, inside the plan's send window.");
    expect(reply).not.toContain('Check the response date');
    harness.stub.clear(); // the coordinator's reply
    expect(cardsTo(OWNER)).toHaveLength(0);
    expect(cardsTo(OTHER_OWNER)).toHaveLength(0);
    // The scheduled runs through the night and at 08:59 on Monday send nothing either.
    for (const at of ['2026-12-06T01:15:00Z', '2026-12-06T12:00:00Z', '2026-12-07T08:59:00Z']) {
      harness.clock.set(at);
      expect(await harness.roundSends()).toEqual([]);
    }
    expect(harness.stub.activities).toHaveLength(0);
    expect((await harness.stores.ledger.listByPrefix(PLAN, 'round|')).length).toBe(0);

    harness.clock.set('2026-12-07T09:00:00Z');
    const sent = (await harness.roundSends()).filter((r) => r.outcome === 'sent');
    expect(sent.filter((r) => r.owner === 'icb.camhs@example.org')).toHaveLength(2);
    expect(sent.every((r) => r.step === 'request')).toBe(true);
    expect(cardsTo(OWNER)).toHaveLength(2);
    expect(cardsTo(OTHER_OWNER)).toHaveLength(1);
    const count = harness.stub.activities.length;
    harness.clock.set('2026-12-07T09:05:00Z');
    expect((await harness.roundSends()).filter((r) => r.outcome === 'sent')).toHaveLength(0);
    expect(harness.stub.activities).toHaveLength(count);
  });

  test('when a round is started inside the window, then its requests go at once and nothing is said about waiting', async () => {
    await start('2026-12-07T10:00:00Z'); // Monday 7 Dec 2026, 10:00
    const reply = cardText(await harness.say(COORDINATOR, 'round start due 13/01/2027'));
    await harness.whenIdle();
    expect(reply).not.toContain('Requests will go at');
    expect(cardsTo(OWNER)).toHaveLength(2);
  });

  test('when a round is started on a bank holiday inside the window hours, then the requests wait for the next working day', async () => {
    await start('2026-12-28T10:00:00Z'); // Monday 28 Dec 2026: Boxing Day's substitute bank holiday
    const reply = cardText(await harness.say(COORDINATOR, 'round start due 20/01/2027'));
    await harness.whenIdle();
    expect(reply).toContain("Requests will go at 09:00 on Tue 29 Dec 2026, inside the plan's send window.");
    expect(cardsTo(OWNER)).toHaveLength(0);
    harness.clock.set('2026-12-29T09:30:00Z');
    await harness.roundSends();
    expect(cardsTo(OWNER)).toHaveLength(2);
  });

  test('when the response date falls in Christmas week or on a bank holiday, then round start flags it', async () => {
    await start('2026-12-02T10:00:00Z'); // Wednesday 2 Dec 2026
    const reply = cardText(await harness.say(COORDINATOR, 'round start due 28/12/2026'));
    await harness.whenIdle();
    expect(reply).toContain('Check the response date: 28 Dec 2026 falls between Christmas and New Year.');
    expect(reply).toContain('Check the response date: 28 Dec 2026 is a bank holiday.');
    expect(reply).not.toContain('Requests will go at');
  });
});
