/** How long an e-mail's update link lives (issue 20: a round's links died before its responses were due). */
import { linkExpiry } from '../../src/domain/link-lifetime';

const MADE = '2026-12-06T01:13:00Z';
const DAY = 24 * 60 * 60 * 1000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();

describe('linkExpiry', () => {
  test.each([
    // [case, made, time zone, respondBy, due date, closed at, expiry]
    [
      'neither a response date nor a due date: 21 days',
      MADE,
      'Europe/London',
      undefined,
      undefined,
      undefined,
      plus(MADE, 21),
    ],
    [
      'a round made 6 Dec, responses due 13 Jan: the end of 13 Jan in London',
      MADE,
      'Europe/London',
      '2027-01-13',
      undefined,
      undefined,
      '2027-01-14T00:00:00.000Z',
    ],
    [
      'due 20 Jan: the end of 27 Jan (due date plus seven days)',
      MADE,
      'Europe/London',
      undefined,
      '2027-01-20',
      undefined,
      '2027-01-28T00:00:00.000Z',
    ],
    [
      'responses due 13 Jan, action due 10 Jan: the later, 17 Jan',
      MADE,
      'Europe/London',
      '2027-01-13',
      '2027-01-10',
      undefined,
      '2027-01-18T00:00:00.000Z',
    ],
    [
      'due 31 Mar: never more than 60 days from when it was made',
      MADE,
      'Europe/London',
      '2027-01-13',
      '2027-03-31',
      undefined,
      plus(MADE, 60),
    ],
    [
      'an overdue action: never less than 21 days',
      MADE,
      'Europe/London',
      undefined,
      '2026-11-01',
      undefined,
      plus(MADE, 21),
    ],
    [
      'responses due in three days: still 21 days',
      MADE,
      'Europe/London',
      '2026-12-09',
      undefined,
      undefined,
      plus(MADE, 21),
    ],
    [
      'the end of the day is in the plan’s zone (summer time)',
      '2026-06-01T08:00:00Z',
      'Europe/London',
      '2026-06-30',
      undefined,
      undefined,
      '2026-06-30T23:00:00.000Z',
    ],
    [
      'the end of the day is in the plan’s zone (New York)',
      MADE,
      'America/New_York',
      '2027-01-13',
      undefined,
      undefined,
      '2027-01-14T05:00:00.000Z',
    ],
    [
      'never after the plan closes',
      MADE,
      'Europe/London',
      '2027-01-13',
      undefined,
      '2026-12-20T12:00:00Z',
      '2026-12-20T12:00:00.000Z',
    ],
  ])('%s', (_case, made, timeZone, respondBy, dueDate, closedAt, expected) => {
    const expiry = linkExpiry({
      made: new Date(made),
      timeZone,
      ...(respondBy ? { respondBy } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(closedAt ? { closedAt: new Date(closedAt) } : {}),
    });
    expect(expiry.toISOString()).toBe(expected);
  });
});
