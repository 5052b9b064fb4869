/**
 * Measures' values collected in rounds (issue 21), on real parts: the bot on Azurite, the Bot Connector
 * stub for Teams, a loopback SMTP server for e-mail and the update page its links open. A round asks each
 * measure's reporter for the period owed, once: a Teams reporter gets a card with a number input and
 * answers by Action.Execute or its Action.Submit fallback; a reporter in another tenant gets an e-mail
 * whose link opens a page with the same form. Bad values are refused with the message and nothing stored.
 * Between rounds the schedule asks, once per period, and never outside the send window.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { MAX_CARD_BYTES } from '../../src/cards/render';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { defineMeasure } from '../../src/usecases/measures/measures';
import { operatorActor } from '../../src/usecases/shared/actor';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { teamsCardExecute, teamsCardSubmit, teamsMessage } from '../support/activities';
import {
  type BotHarness,
  COORDINATOR,
  LINK_SECRET,
  OWNER,
  STRANGER,
  startBotHarness,
} from '../support/bot-harness';
import { type Card, cardOf, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';
import { seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
/** Reports M1, in Teams (the harness's OWNER). */
const TEAMS_REPORTER = OWNER.email.toLowerCase();
/** Reports M2, in another organisation's tenant: reached by e-mail only. */
const MAIL_REPORTER = 'analyst@police.example';

let harness: BotHarness;
let sink: SmtpSink;
const calendar = new UkHolidayCalendar();
const deps = () => ({ stores: harness.stores, clock: harness.clock, calendar, random: seededRandom() });

async function define(id: string, reporter: string, unit: string, baseline: string, target: string) {
  const made = await defineMeasure(deps(), operatorActor('test'), PLAN, {
    id,
    areaId: 'AFI1',
    name: id === 'M1' ? 'Return interviews within 72 hours' : 'Repeat missing episodes per child',
    definition: 'Monthly figure from the case system',
    source: 'Children’s social care',
    unit,
    better: Number(target) > Number(baseline) ? 'higher' : 'lower',
    baseline,
    baselineDate: '2024-03-31',
    target,
    targetDate: '2025-12-31',
    frequency: 'monthly',
    reporter,
    kind: 'better-off',
  });
  expect(made).toMatchObject({ kind: 'saved' });
}

async function start(now = '2025-01-15T10:00:00Z'): Promise<void> {
  sink = await startSmtpSink();
  // Wednesday 15 Jan 2025, 10:00 in London: December 2024's values are owed.
  harness = await startBotHarness({ now, email: { smtpUrl: sink.url } });
  for (const user of [COORDINATOR, OWNER, STRANGER])
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
  await define('M1', TEAMS_REPORTER, 'percentage', '55', '90');
  await define('M2', MAIL_REPORTER, 'number', '3.2', '2');
}

afterEach(async () => {
  await harness.close();
  await sink.stop();
});

async function startRound(): Promise<void> {
  await harness.say(COORDINATOR, 'round start due 29/01/2025');
  await harness.whenIdle();
}

const measureCardsTo = (id: string): Card[] =>
  harness.stub.activities
    .filter((a) => a.activity.recipient?.id === id)
    .map((a) => cardOf(a))
    .filter((card) => /please report M\d/i.test(cardText(card)));

const mailsTo = (address: string): ReceivedMail[] =>
  sink.received.filter((m) => m.envelopeTo.includes(address));

const values = (measureId: string) => harness.stores.measures.listValues(PLAN, measureId);

async function execute(data: Record<string, unknown>): Promise<Card> {
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({ user: OWNER, verb: 'measure.value', data, serviceUrl: harness.stub.url }),
  );
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; type: string; value: Card };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

function measureLinkIn(mail: ReceivedMail): string {
  const link = /href="(http:\/\/127\.0\.0\.1:\d+\/update\/measure\/[^"]+)"/.exec(
    String(mail.parsed.html),
  )?.[1];
  if (!link) throw new Error('no measure link in the e-mail');
  return link.replace(/&amp;/g, '&');
}

/** Opens the page as a browser would, then posts its form with `form`. */
async function openAndPost(link: string, form: Record<string, string>) {
  const opened = await fetch(link);
  expect(opened.status).toBe(200);
  const page = await opened.text();
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const posted = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, ...form }).toString(),
  });
  return { page, posted, body: await posted.text(), cookie, csrf };
}

describe('a round asks each measure’s reporter for the period’s value', () => {
  test('when a round opens, then the Teams reporter gets a 1.5 card with a number input and an Execute Submit with a Submit fallback, the other tenant’s reporter an e-mail with a measure link, each once across two sweeps', async () => {
    await start();
    await startRound();

    const cards = measureCardsTo(OWNER.id);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    const text = cardText(card);
    expect(text).toContain('Round 1: please report M1 for Dec 2024 by 29 Jan 2025');
    expect(text).toContain('55% (31 Mar 2024)');
    expect(text).toContain('90% by 31 Dec 2025');
    expect(card.version).toBe('1.5');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.Number","id":"value"');
    expect(json).toContain('"id":"period"');
    expect(json).toContain('"value":"2024-12"');
    const submit = (card.actions as Record<string, unknown>[])[0]!;
    expect(submit).toMatchObject({
      type: 'Action.Execute',
      verb: 'measure.value',
      data: { planId: PLAN, measureId: 'M1' },
      fallback: { type: 'Action.Submit', data: { verb: 'measure.value', planId: PLAN, measureId: 'M1' } },
    });

    const mails = mailsTo(MAIL_REPORTER);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe('Round 1: please report M2 for Dec 2024 by 29 Jan 2025');
    expect(measureLinkIn(mails[0]!)).toMatch(/\/update\/measure\//);

    // Two scheduled runs later, still once each.
    harness.stub.clear();
    for (const at of ['2025-01-15T10:05:00Z', '2025-01-16T10:00:00Z']) {
      harness.clock.set(at);
      const rows = (await harness.roundSends()).filter((r) => r.measure);
      expect(rows.filter((r) => r.outcome === 'sent')).toEqual([]);
    }
    expect(measureCardsTo(OWNER.id)).toHaveLength(0);
    expect(mailsTo(MAIL_REPORTER)).toHaveLength(1);
  });

  test('when the Teams reporter submits by Action.Execute, then the value is stored and the card says so; by the Action.Submit fallback, a correction is stored beside it', async () => {
    await start();
    await startRound();

    const answer = await execute({
      planId: PLAN,
      measureId: 'M1',
      value: '71',
      period: '2024-12',
      note: 'Dip sample of 50',
    });
    expect(cardText(answer)).toContain('Thank you: 71% recorded for Dec 2024.');
    expect(answer.version).toBe('1.5');
    expect(await values('M1')).toEqual([
      expect.objectContaining({
        period: '2024-12',
        value: 71,
        reportedBy: TEAMS_REPORTER,
        note: 'Dip sample of 50',
      }),
    ]);

    harness.stub.clear();
    harness.clock.set('2025-01-15T10:20:00Z');
    await postActivity(
      harness.botUrl,
      teamsCardSubmit({
        user: OWNER,
        serviceUrl: harness.stub.url,
        value: { verb: 'measure.value', planId: PLAN, measureId: 'M1', value: 73, period: '2024-12' },
      }),
    );
    const [reply] = await harness.stub.waitForActivities(1);
    expect(cardText(cardOf(reply))).toContain(
      'Thank you: 73% recorded for Dec 2024, correcting the earlier 71% (both are kept in the history).',
    );
    // A correction is a newer entry beside the first, never an overwrite.
    expect((await values('M1')).map((v) => [v.value, v.reportedAt]).sort()).toEqual([
      [71, '2025-01-15T10:00:00.000Z'],
      [73, '2025-01-15T10:20:00.000Z'],
    ]);
  });

  test('when the card is given a value that is not a number, a percentage over 100 or a future period, then each is refused with the message and nothing is stored', async () => {
    await start();
    await startRound();
    const cases: [Record<string, unknown>, string][] = [
      [{ value: 'lots', period: '2024-12' }, 'The value "lots" is not a number'],
      [{ value: '120', period: '2024-12' }, 'The value is a percentage, so at most 100'],
      [{ value: '70', period: '2025-03' }, 'The period Mar 2025 has not begun yet'],
    ];
    for (const [given, message] of cases) {
      const answer = cardText(await execute({ planId: PLAN, measureId: 'M1', ...given }));
      expect(answer).toContain('Nothing was saved');
      expect(answer).toContain(message);
    }
    // Someone who is not the reporter is not told of the measure, and nothing is stored either.
    const stranger = await postActivity(
      harness.botUrl,
      teamsCardExecute({
        user: STRANGER,
        verb: 'measure.value',
        data: { planId: PLAN, measureId: 'M1', value: '70', period: '2024-12' },
        serviceUrl: harness.stub.url,
      }),
    );
    expect(cardText((stranger.body as { value: Card }).value)).toContain('Measure M1 is not there');
    expect(await values('M1')).toEqual([]);
  });

  test('when the reporter in another tenant opens the e-mail’s link and submits, then the value is stored; bad values and a form without its token are refused with nothing stored', async () => {
    await start();
    await startRound();
    const link = measureLinkIn(mailsTo(MAIL_REPORTER)[0]!);

    const notNumber = await openAndPost(link, { value: 'three', period: '2024-12' });
    expect(notNumber.page).toContain('Repeat missing episodes per child');
    expect(notNumber.page).toContain('value="2024-12"');
    expect(notNumber.posted.status).toBe(422);
    expect(notNumber.body).toContain('The value &quot;three&quot; is not a number');
    const future = await openAndPost(link, { value: '3', period: '2025-06' });
    expect(future.posted.status).toBe(422);
    expect(future.body).toContain('The period Jun 2025 has not begun yet');
    const forged = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: notNumber.cookie },
      body: new URLSearchParams({ csrf: 'x'.repeat(43), value: '3', period: '2024-12' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await values('M2')).toEqual([]);

    const saved = await openAndPost(link, { value: '3.1', period: '2024-12', note: 'From the case system' });
    expect(saved.posted.status).toBe(200);
    expect(saved.body).toContain('3.1 recorded for Dec 2024');
    expect(await values('M2')).toEqual([
      expect.objectContaining({ period: '2024-12', value: 3.1, reportedBy: MAIL_REPORTER }),
    ]);
  });

  test('when an action link’s token is put on the measure path, or a measure token on the action path, then neither opens', async () => {
    await start();
    await startRound();
    const link = measureLinkIn(mailsTo(MAIL_REPORTER)[0]!);
    const measureToken = link.split('/').at(-1)!;
    const base = link.slice(0, link.indexOf('/update/'));
    // An action link made for the same address, plan and an id that is also the measure's.
    const actionToken = makeUpdateToken(
      updatePageKeys(LINK_SECRET),
      { email: MAIL_REPORTER, planId: PLAN, actionId: 'M2' },
      harness.clock.now(),
    );
    expect((await fetch(`${base}/update/measure/${actionToken}`)).status).toBe(403);
    expect((await fetch(`${base}/update/${measureToken}`)).status).toBe(403);
  });
});

describe('between rounds, the schedule asks for a value owed', () => {
  test('when a value is owed and no round is open, then nothing goes outside the send window, the first run inside it asks once, and a later round asks again', async () => {
    await start('2025-01-15T07:30:00Z'); // 07:30 in London, before the window opens
    expect((await harness.roundSends()).filter((r) => r.measure)).toEqual([]);
    expect(measureCardsTo(OWNER.id)).toHaveLength(0);
    expect(mailsTo(MAIL_REPORTER)).toHaveLength(0);

    harness.clock.set('2025-01-15T09:05:00Z');
    const first = (await harness.roundSends()).filter((r) => r.measure && r.outcome === 'sent');
    expect(first.map((r) => `${r.actionId} ${r.owner} ${r.measure?.period}`).sort()).toEqual([
      `measure M1 ${TEAMS_REPORTER} 2024-12`,
      `measure M2 ${MAIL_REPORTER} 2024-12`,
    ]);
    expect(cardText(measureCardsTo(OWNER.id)[0])).toContain('Please report M1 for Dec 2024');
    harness.clock.set('2025-01-16T09:05:00Z');
    expect((await harness.roundSends()).filter((r) => r.measure && r.outcome === 'sent')).toEqual([]);
    expect(measureCardsTo(OWNER.id)).toHaveLength(1);
    expect(mailsTo(MAIL_REPORTER)).toHaveLength(1);

    // A round opened since asks for the value still missing, once.
    harness.stub.clear();
    await startRound();
    expect(measureCardsTo(OWNER.id)).toHaveLength(1);
    expect(mailsTo(MAIL_REPORTER)).toHaveLength(2);
  });
});
