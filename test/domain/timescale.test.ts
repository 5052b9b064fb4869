/** Timescales as partnerships write them, each with the reading shown for confirmation. */
import { readTimescale } from '../../src/domain/timescale';

type DateRow = [written: string, date: string, reading: string];

const DATES: DateRow[] = [
  ['31/03/2027', '2027-03-31', '31 Mar 2027'],
  ['31.03.27', '2027-03-31', '31 Mar 2027'],
  ['31st March 2027', '2027-03-31', '31 Mar 2027'],
  ['2027-03-31', '2027-03-31', '31 Mar 2027'],
  ['by 30/06/2027', '2027-06-30', '30 Jun 2027'],
  ['March 2027', '2027-03-31', '31 Mar 2027 (end of March 2027)'],
  ['Sept 2027', '2027-09-30', '30 Sep 2027 (end of September 2027)'],
  ['Mar-27', '2027-03-31', '31 Mar 2027 (end of March 2027)'],
  ["Feb '28", '2028-02-29', '29 Feb 2028 (end of February 2028)'],
  ['end of June 2027', '2027-06-30', '30 Jun 2027 (end of June 2027)'],
  ['End June 2027', '2027-06-30', '30 Jun 2027 (end of June 2027)'],
  ['By end of December 2026.', '2026-12-31', '31 Dec 2026 (end of December 2026)'],
  ['Q1 2027/28', '2027-06-30', '30 Jun 2027 (end of Q1 2027/28)'],
  ['Q2 2027/28', '2027-09-30', '30 Sep 2027 (end of Q2 2027/28)'],
  ['Q3 2027/28', '2027-12-31', '31 Dec 2027 (end of Q3 2027/28)'],
  ['Q4 2027/28', '2028-03-31', '31 Mar 2028 (end of Q4 2027/28)'],
  ['q3 27/28', '2027-12-31', '31 Dec 2027 (end of Q3 2027/28)'],
  ['Quarter 4 2026-2027', '2027-03-31', '31 Mar 2027 (end of Q4 2026/27)'],
];

describe('readTimescale', () => {
  test.each(DATES)(
    'when the cell says "%s", then it is due on %s',
    (...[written, date, reading]: DateRow) => {
      expect(readTimescale(written)).toEqual({ kind: 'date', date, reading });
    },
  );

  test.each(['Ongoing', 'TBC', 'tba', 'To be confirmed', ' ongoing. '])(
    'when the cell says "%s", then there is no deadline',
    (written) => {
      const read = readTimescale(written);
      expect(read.kind).toBe('no-deadline');
      expect(read.kind === 'no-deadline' && read.reading).toMatch(/no deadline/);
    },
  );

  test.each([
    ['', 'is empty'],
    ['soon', '"soon" is not a timescale I can read'],
    ['31/02/2027', 'not a timescale'],
    ['12/31/2027', 'not a timescale'],
    ['Q5 2027/28', 'not a timescale'],
    ['Q3 2027/29', 'does not run from one year to the next'],
    ['Smarch 2027', 'not a timescale'],
    ['x'.repeat(500), 'this is not a timescale'],
  ])('when the cell says "%s", then it is refused with a reason', (written, reason) => {
    const read = readTimescale(written);
    expect(read.kind).toBe('unreadable');
    expect(read.kind === 'unreadable' && read.reason).toContain(reason);
    if (read.kind === 'unreadable') expect(read.reason.length).toBeLessThan(200);
  });
});
