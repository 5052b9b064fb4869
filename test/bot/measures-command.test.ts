/**
 * `measures` in chat: real activities to /api/messages, the answer read from the connector stub, the demo
 * plan with three measures on Azurite. Coordinators and leads get each area's measures and their status;
 * an owner is refused; in a group chat it is not answered.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { groupChat, teamsMentionMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { defineDemoMeasures } from '../support/measures';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2026-12-07T10:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

describe('the measures command', () => {
  test('when a lead asks for the measures, then each area lists its measures with baseline → latest → target and status in words', async () => {
    await defineDemoMeasures({
      stores: harness.stores,
      clock: harness.clock,
      calendar: new UkHolidayCalendar(),
    });
    const text = cardText(await harness.say(LEAD, 'measures'));
    expect(text).toContain('Measures of impact');
    expect(text).toContain(
      'Leeds JTAI: serious youth violence (demo) on 7 Dec 2026: 1 on track, 1 off track, 1 with no data (of 3 measures)',
    );
    expect(text).toContain(
      '✅ **M1** PPNs recording ethnicity, voice of the child and reason for referral: on track',
    );
    expect(text).toContain(
      'Baseline 55% (31 Mar 2026) → 82% (Nov 2026) → 90% by 31 Mar 2027; higher is better; on track. Why: 82% in Nov 2026 against 78.4% expected.',
    );
    expect(text).toContain('⚠️ **M2** Repeat missing episodes per child: off track');
    expect(text).toContain('⬜ **M3** Children seen by CAMHS within 18 weeks: no data');
    // By area, in the plan's order; AFI3 has no measures and no heading.
    expect(text.indexOf('AFI1: ')).toBeLessThan(text.indexOf('**M1**'));
    expect(text.indexOf('AFI2: ')).toBeGreaterThan(text.indexOf('**M2**'));
    expect(text).not.toContain('AFI3: ');
    // "impact" is a synonym.
    expect(cardText(await harness.say(COORDINATOR, 'impact'))).toContain('1 off track');
  });

  test('when a plan has no measures, then the answer says how to add them', async () => {
    const text = cardText(await harness.say(COORDINATOR, 'measures'));
    expect(text).toContain('0 on track, 0 off track, 0 with no data (of 0 measures)');
    expect(text).toContain('This plan has no measures yet');
  });

  test('when an owner asks, then it is refused as for coordinators and leads; in a group chat it is not answered', async () => {
    await defineDemoMeasures({
      stores: harness.stores,
      clock: harness.clock,
      calendar: new UkHolidayCalendar(),
    });
    expect(cardText(await harness.say(OWNER, 'measures'))).toContain('That is for coordinators and leads');
    const before = harness.stub.activities.length;
    await postActivity(
      harness.botUrl,
      teamsMentionMessage({
        user: LEAD,
        text: 'measures',
        serviceUrl: harness.stub.url,
        scope: groupChat(),
      }),
    );
    const reply = cardText(cardOf((await harness.stub.waitForActivities(before + 1))[before]));
    expect(reply).toContain('I answer that in our one-to-one chat');
    expect(reply).not.toContain('Measures of impact');
  });
});
