/**
 * Reads a plan's "Timescale" cell as people write it, and says how it was read so the person importing
 * can confirm it. Spreadsheets kept by partnerships rarely hold exact dates: "March 2027", "end of June
 * 2027", "Q3 2027/28", "Ongoing". A month or a quarter means its last day, because that is when the
 * action is due. "Ongoing" means there is no deadline by design (no reminders; listed as "no deadline");
 * "TBC" means there is none yet: a date is still owed, so coordinators see it listed as "date to be
 * confirmed" to chase, though it is never reminded or overdue either.
 *
 * Quarters follow the UK financial year: Q1 is April to June, so Q3 2027/28 ends on 31 Dec 2027 and
 * Q4 2027/28 on 31 Mar 2028.
 */
import { formatUkDate, type IsoDate, lastDayOfMonth, monthFromName, monthName, parseUkDate } from './dates';

export type TimescaleReading =
  | { kind: 'date'; date: IsoDate /** How the cell was read, in words, for the preview. */; reading: string }
  | {
      kind: 'no-deadline';
      reading: string;
      /** "TBC", "to be agreed": a date still owed, unlike "Ongoing", which needs none. */
      toBeConfirmed: boolean;
    }
  | { kind: 'unreadable'; reason: string };

/** Words that mean the action has no fixed deadline, by design. */
const ONGOING = new Set(['ongoing', 'on going', 'continuous', 'ongoing review']);

/** Words that mean the date is still to be set: no deadline yet, but one is owed. */
const TO_BE_CONFIRMED = new Set(['tbc', 'tba', 'to be confirmed', 'to be agreed', 'date to be confirmed']);

const HINT =
  'write a date (31/03/2027), a month (March 2027), a quarter (Q3 2027/28), "TBC" for a date still to be set or "Ongoing" for no deadline';

export function readTimescale(raw: string): TimescaleReading {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'unreadable', reason: 'is empty' };
  const words = text.toLowerCase().replace(/[.,;:!]+$/, '');
  if (ONGOING.has(words))
    return { kind: 'no-deadline', reading: `"${text}": no deadline`, toBeConfirmed: false };
  if (TO_BE_CONFIRMED.has(words))
    return {
      kind: 'no-deadline',
      reading: `"${text}": date to be confirmed (no deadline until it is)`,
      toBeConfirmed: true,
    };

  const exact = parseUkDate(text.replace(/^(?:by|before|on)\s+/i, ''));
  if (exact.ok) return { kind: 'date', date: exact.value, reading: formatUkDate(exact.value) };
  // Written as a date but not a real one (31/02/2027, month-first): the date's own reason says why.
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(text))
    return { kind: 'unreadable', reason: `${exact.reason} (so not a timescale I can read)` };

  const month = readMonth(words);
  if (month) {
    const date = lastDayOfMonth(month.year, month.month);
    return {
      kind: 'date',
      date,
      reading: `${formatUkDate(date)} (end of ${monthName(month.month)} ${month.year})`,
    };
  }
  const quarter = readQuarter(words);
  if (quarter) return quarter;
  if (words.length > 60) return { kind: 'unreadable', reason: `this is not a timescale: ${HINT}` };
  return { kind: 'unreadable', reason: `"${text}" is not a timescale I can read: ${HINT}` };
}

/** "March 2027", "Sept 2027", "Mar-27", "end of June 2027", "by end June 2027", "June 2027 (end)". */
function readMonth(words: string): { year: number; month: number } | undefined {
  const stripped = words
    .replace(/^(?:by|before|in)\s+/, '')
    .replace(/^(?:the\s+)?end\s+(?:of\s+)?/, '')
    .replace(/\s*\(end\)$/, '')
    .trim();
  const match = /^([a-z]{3,9})\.?[\s-]+('?\d{2}|\d{4})$/.exec(stripped);
  if (!match) return undefined;
  const month = monthFromName(match[1]!);
  if (month === undefined) return undefined;
  const year = fullYear(match[2]!.replace("'", ''));
  return year === undefined ? undefined : { year, month };
}

/** "Q3 2027/28", "Q3 2027-28", "Q3 27/28", "Quarter 3 2027/28", "Q3 2027/2028". */
function readQuarter(words: string): TimescaleReading | undefined {
  const match =
    /^(?:by\s+|end\s+of\s+)?(?:q|quarter\s*)([1-4])\s*(?:of\s+)?(?:fy\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(
      words,
    );
  if (!match) return undefined;
  const quarter = Number(match[1]);
  const startYear = fullYear(match[2]!);
  const endYear = fullYear(match[3]!);
  if (startYear === undefined || endYear === undefined) return undefined;
  if (endYear !== startYear + 1) {
    return {
      kind: 'unreadable',
      reason: `"${words}" names a financial year that does not run from one year to the next (like 2027/28)`,
    };
  }
  // Q1 April–June, Q2 July–September, Q3 October–December (of the first year), Q4 January–March.
  const endMonth = [6, 9, 12, 3][quarter - 1]!;
  const year = quarter === 4 ? endYear : startYear;
  const date = lastDayOfMonth(year, endMonth);
  const span = `${startYear}/${String(endYear).slice(2)}`;
  return { kind: 'date', date, reading: `${formatUkDate(date)} (end of Q${quarter} ${span})` };
}

function fullYear(text: string): number | undefined {
  const year = text.length === 2 ? 2000 + Number(text) : Number(text);
  return Number.isInteger(year) && year >= 1990 && year <= 2200 ? year : undefined;
}
