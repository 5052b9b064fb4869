/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Action deadlines are calendar days in the plan's time zone,
 * not instants, so they are kept as plain dates and never pass through a Date in local time.
 */

export type IsoDate = string;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type DateParse = { ok: true; value: IsoDate } | { ok: false; reason: string };

const DATE_HINT = 'use a date like 31/12/2024, 31 Dec 2024 or 2024-12-31';

export function isValidIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  return isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month's last day: when something due "in March 2027" is due. */
export function lastDayOfMonth(year: number, month: number): IsoDate {
  return toIso(year, month, daysInMonth(year, month));
}

function toIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function expandYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

/**
 * Reads the date formats UK spreadsheets use: ISO, day-first numeric (31/12/2024, 31-12-24, 31.12.2024)
 * and day-month-name (31 Dec 2024, 31 December 2024). Month-first is never guessed: 12/31/2024 is refused.
 */
export function parseUkDate(raw: string): DateParse {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'is empty' };
  const fail = (): DateParse => ({ ok: false, reason: `"${truncate(text)}" is not a date: ${DATE_HINT}` });

  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T00:00(?::00(?:\.0+)?)?(?:Z)?)?$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[2]), Number(match[3]), fail);

  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (match) {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (month > 12 && day <= 12) {
      return { ok: false, reason: `"${text}" looks month-first; dates are day-first, like 31/12/2024` };
    }
    return checked(expandYear(match[3]!), month, day, fail);
  }

  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{2}|\d{4})$/.exec(text);
  if (match) {
    const month = monthFromName(match[2]!);
    if (month === undefined) return fail();
    return checked(expandYear(match[3]!), month, Number(match[1]), fail);
  }
  return fail();
}

function checked(year: number, month: number, day: number, fail: () => DateParse): DateParse {
  return isRealDate(year, month, day) ? { ok: true, value: toIso(year, month, day) } : fail();
}

const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "March" for 3. */
export function monthName(month: number): string {
  const name = FULL_MONTHS[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** 1–12 for a month's name: in full, its first three letters, or "sept". */
export function monthFromName(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = lower.length === 3 ? MONTHS.indexOf(lower) : FULL_MONTHS.indexOf(lower);
  if (index >= 0) return index + 1;
  if (lower === 'sept') return 9;
  return undefined;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** "31 Dec 2024", the format every user-facing string uses. */
export function formatUkDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTH_LABELS[month - 1]} ${year}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return toIso(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Formatters made once per time zone: making an Intl.DateTimeFormat costs far more than using one, and a
 * page of 500 measures labels 24,000 instants. Pure still: a formatter holds no state between calls.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function formatFor(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** The calendar date at instant `now` in `timeZone` (e.g. Europe/London). */
export function calendarDateIn(timeZone: string, now: Date): IsoDate {
  const parts = formatFor(dateFormats, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "3 Mar 2025, 14:05" in the plan's time zone, for when something happened. */
export function formatUkDateTime(instant: string, timeZone: string): string {
  const at = new Date(instant);
  const time = formatFor(timeFormats, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${formatUkDate(calendarDateIn(timeZone, at))}, ${time}`;
}

/** "HH:MM" (24-hour) at instant `now` in `timeZone`. */
export function localTimeIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/**
 * The instant the clocks in `timeZone` show `time` ("HH:MM", default midnight) on `date`. A time skipped
 * when the clocks go forward comes out an hour later, which is when that wall-clock time would have been.
 * The one conversion from a plan's wall clock to an instant (send windows, digest times, link expiry).
 */
export function instantAt(date: IsoDate, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at a first guess, then again at the instant that guess gives: right across a change.
  const guess = wall - offsetMs(timeZone, new Date(wall));
  return new Date(wall - offsetMs(timeZone, new Date(guess)));
}

/** How far the clocks in `timeZone` are ahead of UTC at `instant`, in milliseconds. */
function offsetMs(timeZone: string, instant: Date): number {
  const parts = formatFor(wallFormats, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return shown - Math.floor(instant.getTime() / 1000) * 1000;
}
