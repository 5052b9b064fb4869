/**
 * The lead's weekly digest lists the measures that went off track since the last digest and the values
 * owed but not reported: the real server on Azurite, the connector stub, the demo plan with measures.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { sendDigests } from '../../src/usecases/digests/send-digests';
import { recordMeasureValue } from '../../src/usecases/measures/measures';
import { type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { type TestUser, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, LEAD, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { defineDemoMeasures, MEASURE_VALUES, OPERATOR } from '../support/measures';
import { postActivity } from '../support/post-activity';

let harness: BotHarness;
let sink: SmtpSink | undefined;
const calendar = new UkHolidayCalendar();

afterEach(async () => {
  await harness.close();
  // After the harness: its pooled SMTP connection would hold the sink open.
  await sink?.stop();
  sink = undefined;
});

async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users)
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

const send = () =>
  sendDigests(
    { stores: harness.stores, channel: harness.channel, calendar, clock: harness.clock, claimant: 'test' },
    { dryRun: false },
  );

const to = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardText(cardOf(a)));

describe('the weekly digest and measures', () => {
  test('when a measure goes off track during the week, then the next digest lists it as newly off track, and a missing value as missing', async () => {
    harness = await startBotHarness({ now: '2026-12-07T09:00:00Z' }); // Monday 7 Dec 2026
    await reachable(LEAD, COORDINATOR);
    const deps = { stores: harness.stores, clock: harness.clock, calendar };
    // November's repeat-missing figure starts below the line to 2 by March (2.4 expected): on track.
    await defineDemoMeasures(
      deps,
      MEASURE_VALUES.map((v) =>
        v.measureId === 'M2' && v.period === '2026-11' ? { ...v, value: '2.3' } : v,
      ),
    );
    await send();
    const first = to(LEAD)[0]!;
    expect(first).not.toContain('Measures newly off track');
    expect(first).toContain('Measure values missing (1)');
    expect(first).toContain(
      '**M3** Children seen by CAMHS within 18 weeks (AFI2) · Jul–Sep 2026 is owed from camhs@nhs.example',
    );

    // A correction on Wednesday: November was 3.3, not 2.3. By next Monday it is off track.
    harness.clock.set('2026-12-09T11:00:00Z');
    const corrected = await recordMeasureValue(deps, OPERATOR, {
      planId: DEMO_PLAN_ID,
      measureId: 'M2',
      period: '2026-11',
      value: '3.3',
    });
    expect(corrected.kind).toBe('saved');
    harness.clock.set('2026-12-14T09:00:00Z');
    await send();
    const second = to(LEAD)[1]!;
    expect(second).toContain('Measures newly off track (1)');
    expect(second).toContain(
      '**M2** Repeat missing episodes per child (AFI1) · 3.3 in Nov 2026 against 2.4 expected',
    );
    expect(second).toContain('Measure values missing (1)');
    expect(to(COORDINATOR)[1]).toContain('Measures newly off track (1)');

    // Still off track a week later, it is no longer new.
    harness.clock.set('2026-12-21T09:00:00Z');
    await send();
    expect(to(LEAD)[2]).not.toContain('Measures newly off track');
  });

  test('when a lead is reached by e-mail, then the digest e-mail lists the measures newly off track and the values missing', async () => {
    sink = await startSmtpSink();
    harness = await startBotHarness({ now: '2026-12-07T09:00:00Z', email: { smtpUrl: sink!.url } });
    // The lead has never used the bot in Teams, so the digest goes by e-mail.
    await defineDemoMeasures({ stores: harness.stores, clock: harness.clock, calendar });
    await send();
    const mail = sink!.received.find((m) => m.envelopeTo.includes(LEAD.email));
    const text = String(mail?.parsed.text);
    expect(text).toContain('Measures newly off track (1)');
    expect(text).toContain(
      'M2 Repeat missing episodes per child (AFI1): 3.3 in Nov 2026 against 2.4 expected',
    );
    expect(text).toContain('Measure values missing (1)');
    expect(text).toContain(
      'M3 Children seen by CAMHS within 18 weeks (AFI2): Jul–Sep 2026 is owed from camhs@nhs.example',
    );
  });
});
