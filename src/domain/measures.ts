/**
 * Impact measures: the numbers that say whether children are better off, held beside the plan's actions
 * and reported in the same rounds. A measure belongs to an area (optionally to actions), has a dated
 * baseline and target, a direction that is better, a reporting frequency and a reporter. Pure: the day is
 * passed in. Values are never overwritten: a correction is a newer entry for the same period, and the
 * newest entry for a period is the one that counts (the older ones stay in the history).
 */
import { formatUkDate, type IsoDate, isValidIsoDate, lastDayOfMonth } from './dates';
import { ValidationError } from './errors';
import { Checker, LIMITS } from './validation';

export const MEASURE_UNITS = ['number', 'percentage', 'days', 'count'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export const MEASURE_FREQUENCIES = ['monthly', 'quarterly', 'termly'] as const;
export type MeasureFrequency = (typeof MEASURE_FREQUENCIES)[number];

/** Outcomes-based accountability's three questions, as partnerships use them. */
export const MEASURE_KINDS = ['how-much', 'how-well', 'better-off'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  'how-much': 'How much did we do?',
  'how-well': 'How well did we do it?',
  'better-off': 'Is anyone better off?',
};

/** Which way is better: up, down, or staying inside a band (e.g. caseloads between 12 and 18). */
export type Polarity =
  | { better: 'higher' }
  | { better: 'lower' }
  | { better: 'within'; low: number; high: number };

export interface DatedValue {
  value: number;
  date: IsoDate;
}

export interface Measure {
  id: string;
  areaId: string;
  /** Actions whose impact this measure shows (may be none). */
  actionIds: readonly string[];
  name: string;
  definition: string;
  source: string;
  unit: MeasureUnit;
  polarity: Polarity;
  baseline: DatedValue;
  target: DatedValue;
  frequency: MeasureFrequency;
  /** Who reports it, lower case; reached on their channel as owners are. */
  reporter: string;
  kind: MeasureKind;
}

/** A month, YYYY-MM: the form a period is typed in (`--period 2026-11`). */
export type Month = string;

export interface MeasureValue {
  measureId: string;
  /** The first month of the reporting period the value is for. */
  period: Month;
  value: number;
  reportedBy: string;
  /** ISO instant; orders corrections for one period. */
  reportedAt: string;
  note?: string;
}

export type MeasureStatus = 'on-track' | 'off-track' | 'no-data';

export const STATUS_WORDS: Record<MeasureStatus, string> = {
  'on-track': 'on track',
  'off-track': 'off track',
  'no-data': 'no data',
};

export interface ReportingPeriod {
  /** First month of the period. */
  start: Month;
  /** Its last day. */
  end: IsoDate;
  /** "Nov 2026", "Oct–Dec 2026", "autumn term 2026". */
  label: string;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Nov", as the periods are labelled in papers (the dates elsewhere read "30 Nov 2026"). */
const monthName = (month: number): string => SHORT_MONTHS[(month - 1) % 12] ?? '';

export function isMonth(text: string): boolean {
  const match = MONTH.exec(text);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12 && Number(match[1]) >= 1900;
}

function splitMonth(month: Month): { year: number; month: number } {
  const [year, m] = month.split('-').map(Number);
  return { year: year ?? 0, month: m ?? 0 };
}

function monthOf(year: number, month: number): Month {
  // Normalises a month outside 1–12 into the right year, so callers can step by adding.
  const index = year * 12 + (month - 1);
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthOfDate(date: IsoDate): Month {
  return date.slice(0, 7);
}

/**
 * The reporting period containing `month`. Quarters are the financial year's (Apr–Jun, Jul–Sep, Oct–Dec,
 * Jan–Mar), as council performance reports use; terms are the school year's (autumn Sep–Dec, spring
 * Jan–Mar, summer Apr–Aug), as education returns use.
 */
export function periodContaining(frequency: MeasureFrequency, month: Month): ReportingPeriod {
  const { year, month: m } = splitMonth(month);
  const span = (startMonth: number, length: number, label: string): ReportingPeriod => {
    const last = splitMonth(monthOf(year, startMonth + length - 1));
    return { start: monthOf(year, startMonth), end: lastDayOfMonth(last.year, last.month), label };
  };
  if (frequency === 'monthly') return span(m, 1, `${monthName(m)} ${year}`);
  if (frequency === 'quarterly') {
    const start = Math.floor((m - 1) / 3) * 3 + 1;
    return span(start, 3, `${monthName(start)}–${monthName(start + 2)} ${year}`);
  }
  if (m >= 9) return span(9, 4, `autumn term ${year}`);
  if (m <= 3) return span(1, 3, `spring term ${year}`);
  return span(4, 5, `summer term ${year}`);
}

/** The period before `period`. */
export function previousPeriod(frequency: MeasureFrequency, period: ReportingPeriod): ReportingPeriod {
  const { year, month } = splitMonth(period.start);
  return periodContaining(frequency, monthOf(year, month - 1));
}

/**
 * The period whose value is owed on `today`: the last one that has ended. A reporter is asked for it in
 * the round after it closes, and a value older than it no longer says how things stand.
 */
export function periodOwed(frequency: MeasureFrequency, today: IsoDate): ReportingPeriod {
  return previousPeriod(frequency, periodContaining(frequency, monthOfDate(today)));
}

/** The value that counts for each period: its newest entry (a correction supersedes, never erases). */
export function currentValues(values: readonly MeasureValue[]): MeasureValue[] {
  const byPeriod = new Map<Month, MeasureValue>();
  for (const value of values) {
    const held = byPeriod.get(value.period);
    if (!held || held.reportedAt <= value.reportedAt) byPeriod.set(value.period, value);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/**
 * How many periods' values a measure's status needs: the latest (its standing) and the one before it (its
 * trend). The store keeps these beside the measure, so a list of 500 measures reads 500 rows, not 12,000.
 */
export const LATEST_PERIODS_KEPT = 2;

/**
 * The values that count for the newest periods, oldest first: `latestValues(all)` equals
 * `latestValues([...latestValues(before), value])` for any one value added, so the store can keep it
 * up to date one entry at a time, corrections included.
 */
export function latestValues(values: readonly MeasureValue[]): MeasureValue[] {
  return currentValues(values).slice(-LATEST_PERIODS_KEPT);
}

/**
 * Whether the kept latest values decide the status on `today` exactly as every value would: they do
 * unless one is for a period after today's month (a clock set back), which the status leaves out.
 */
export function latestDecides(latest: readonly MeasureValue[], today: IsoDate): boolean {
  const month = monthOfDate(today);
  return latest.every((v) => v.period <= month);
}

/**
 * Where the straight line from baseline to target says the measure should be on `date`: the baseline
 * before its date, the target after its date. Only meaningful for higher/lower measures.
 */
export function expectedOn(measure: Pick<Measure, 'baseline' | 'target'>, date: IsoDate): number {
  const { baseline, target } = measure;
  if (date <= baseline.date) return baseline.value;
  if (date >= target.date) return target.value;
  const span = dayNumber(target.date) - dayNumber(baseline.date);
  const gone = dayNumber(date) - dayNumber(baseline.date);
  return baseline.value + ((target.value - baseline.value) * gone) / span;
}

function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

export interface MeasureAssessment {
  status: MeasureStatus;
  /** The value that decided the status (absent for no data). */
  latest?: MeasureValue & { periodLabel: string; expected?: number };
  /** Why, in words: "71% against 68% expected by Oct–Dec 2026". */
  reason: string;
  /** Against the period before: better, worse or the same, in the measure's direction. */
  trend?: 'better' | 'worse' | 'same';
  /** The period whose value is owed, when it is missing. */
  missing?: ReportingPeriod;
}

/**
 * On track, off track or no data, from the newest value against the line from baseline to target (or the
 * band, for a "within" measure). A value older than the period now owed counts as missing: an on-track
 * figure from last spring says nothing about this winter.
 */
export function assessMeasure(
  measure: Measure,
  values: readonly MeasureValue[],
  today: IsoDate,
): MeasureAssessment {
  const owed = periodOwed(measure.frequency, today);
  const reported = currentValues(
    values.filter((v) => v.measureId === measure.id && v.period <= monthOfDate(today)),
  );
  const latest = reported.at(-1);
  if (!latest)
    return { status: 'no-data', reason: `no value reported yet; ${owed.label} is owed`, missing: owed };
  const period = periodContaining(measure.frequency, latest.period);
  if (period.end < owed.end) {
    return {
      status: 'no-data',
      reason: `the latest value is for ${period.label}; ${owed.label} is missing`,
      missing: owed,
    };
  }
  return standingOf(measure, latest, period, reported.at(-2));
}

/**
 * Each period's value with its standing when its period closed: what `assessMeasure` says on the day
 * after the period's end, given only the values up to that period. Worked out in one pass over the
 * periods (each point is its own latest, the one before it its trend), not one assessment per point.
 */
export function assessHistory(
  measure: Measure,
  values: readonly MeasureValue[],
): { value: MeasureValue; assessment: MeasureAssessment }[] {
  const points = currentValues(values.filter((v) => v.measureId === measure.id));
  return points.map((value, index) => {
    const period = periodContaining(measure.frequency, value.period);
    const previous = points[index - 1];
    return { value, assessment: standingOf(measure, value, period, previous) };
  });
}

/** The status a value gives its measure, against the line (or band) at its period's end. */
function standingOf(
  measure: Measure,
  latest: MeasureValue,
  period: ReportingPeriod,
  previous: MeasureValue | undefined,
): MeasureAssessment {
  const trend = previous ? trendOf(measure.polarity, previous.value, latest.value) : undefined;
  const shown = formatMeasureValue(measure.unit, latest.value);
  const { polarity } = measure;
  if (polarity.better === 'within') {
    const inside = latest.value >= polarity.low && latest.value <= polarity.high;
    const band = `${formatMeasureValue(measure.unit, polarity.low)} to ${formatMeasureValue(measure.unit, polarity.high)}`;
    return {
      status: inside ? 'on-track' : 'off-track',
      latest: { ...latest, periodLabel: period.label },
      reason: `${shown} in ${period.label}, ${inside ? 'inside' : 'outside'} the range ${band}`,
      ...(trend ? { trend } : {}),
    };
  }
  const expected = expectedOn(measure, period.end);
  const onTrack = polarity.better === 'higher' ? latest.value >= expected : latest.value <= expected;
  return {
    status: onTrack ? 'on-track' : 'off-track',
    latest: { ...latest, periodLabel: period.label, expected },
    reason: `${shown} in ${period.label} against ${formatMeasureValue(measure.unit, round(expected))} expected`,
    ...(trend ? { trend } : {}),
  };
}

function trendOf(polarity: Polarity, before: number, after: number): 'better' | 'worse' | 'same' {
  if (before === after) return 'same';
  if (polarity.better === 'within') {
    const distance = (v: number) =>
      v < polarity.low ? polarity.low - v : v > polarity.high ? v - polarity.high : 0;
    const d0 = distance(before);
    const d1 = distance(after);
    return d1 === d0 ? 'same' : d1 < d0 ? 'better' : 'worse';
  }
  return after > before === (polarity.better === 'higher') ? 'better' : 'worse';
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatMeasureValue(unit: MeasureUnit, value: number): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (unit === 'percentage') return `${shown}%`;
  if (unit === 'days') return `${shown} ${value === 1 ? 'day' : 'days'}`;
  return shown;
}

export function polarityWords(polarity: Polarity, unit: MeasureUnit): string {
  if (polarity.better === 'higher') return 'higher is better';
  if (polarity.better === 'lower') return 'lower is better';
  return `best between ${formatMeasureValue(unit, polarity.low)} and ${formatMeasureValue(unit, polarity.high)}`;
}

/**
 * One line for a paper or a chat reply: baseline → latest → target with dates, direction and status in
 * words, e.g. "62% (Mar 2026) → 71% (Oct–Dec 2026) → 85% by 31 Mar 2027; higher is better; on track".
 */
export function describeMeasure(measure: Measure, assessment: MeasureAssessment): string {
  const at = (v: DatedValue) => `${formatMeasureValue(measure.unit, v.value)} (${formatUkDate(v.date)})`;
  const latest = assessment.latest
    ? `${formatMeasureValue(measure.unit, assessment.latest.value)} (${assessment.latest.periodLabel})`
    : 'no recent value';
  const target = `${formatMeasureValue(measure.unit, measure.target.value)} by ${formatUkDate(measure.target.date)}`;
  return `${at(measure.baseline)} → ${latest} → ${target}; ${polarityWords(measure.polarity, measure.unit)}; ${STATUS_WORDS[assessment.status]}`;
}

/** The largest value any unit accepts: beyond it a figure is a typing slip, not a measurement. */
const SANE_MAX: Record<MeasureUnit, number> = {
  number: 1_000_000_000,
  percentage: 100,
  days: 3_660,
  count: 10_000_000,
};

/**
 * Reads a reported value from a card, the update page, the dashboard or the CLI: a number sane for the
 * unit, for a period that has begun. Refuses with the same words on every surface.
 */
export function readMeasureValue(
  input: { value?: string; period?: string; note?: string },
  measure: Pick<Measure, 'unit' | 'frequency' | 'name'>,
  today: IsoDate,
): { period: Month; value: number; note?: string } {
  const check = new Checker();
  const raw = (input.value ?? '').trim().replace(/,/g, '').replace(/%$/, '').trim();
  let value = Number.NaN;
  if (raw === '') check.add('value', 'is required: type a number');
  else if (!/^-?\d+(\.\d+)?$/.test(raw)) check.add('value', `"${clip(input.value ?? '')}" is not a number`);
  else {
    value = Number(raw);
    const { unit } = measure;
    if (value < 0) check.add('value', `cannot be negative for a measure in ${unitWords(unit)}`);
    else if (unit === 'percentage' && value > 100) check.add('value', 'is a percentage, so at most 100');
    else if (value > SANE_MAX[unit])
      check.add('value', `${raw} is more than ${SANE_MAX[unit].toLocaleString('en-GB')}: check the figure`);
    else if (unit === 'count' && !Number.isInteger(value))
      check.add('value', 'is a count, so a whole number');
  }
  const periodText = (input.period ?? '').trim();
  let period = '';
  if (!isMonth(periodText)) check.add('period', `"${clip(periodText)}" is not a month like 2026-11`);
  else {
    period = periodContaining(measure.frequency, periodText).start;
    if (period > monthOfDate(today))
      check.add('period', `${periodLabel(measure.frequency, period)} has not begun yet`);
  }
  const note = check.text('note', input.note ?? '', LIMITS.note);
  if (!check.ok) throw new ValidationError(check.issues);
  return { period, value, ...(note ? { note } : {}) };
}

export function periodLabel(frequency: MeasureFrequency, month: Month): string {
  return periodContaining(frequency, month).label;
}

function unitWords(unit: MeasureUnit): string {
  return unit === 'number' ? 'numbers' : unit === 'count' ? 'counts' : unit;
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 27)}…` : text;
}

export interface MeasureInput {
  id?: string;
  areaId?: string;
  actionIds?: readonly string[];
  name?: string;
  definition?: string;
  source?: string;
  unit?: string;
  better?: string;
  low?: string;
  high?: string;
  baseline?: string;
  baselineDate?: string;
  target?: string;
  targetDate?: string;
  frequency?: string;
  reporter?: string;
  kind?: string;
}

/**
 * Reads a measure's definition (from the Measures sheet, the dashboard or the CLI), every problem at
 * once. The target must lie after the baseline, and in the better direction: a target that is worse than
 * the baseline is a typing slip more often than a plan.
 */
export function readMeasure(input: MeasureInput, row?: number): Measure {
  const check = new Checker(row);
  const id = check.itemId('id', input.id ?? '');
  const areaId = check.itemId('areaId', input.areaId ?? '');
  const name = check.text('name', input.name ?? '', LIMITS.successMeasure, { required: true });
  const definition = check.text('definition', input.definition ?? '', LIMITS.successMeasure);
  const source = check.text('source', input.source ?? '', LIMITS.agency);
  const unit = check.oneOf('unit', (input.unit ?? '').trim().toLowerCase(), MEASURE_UNITS);
  const frequency = check.oneOf(
    'frequency',
    (input.frequency ?? '').trim().toLowerCase(),
    MEASURE_FREQUENCIES,
  );
  const kind = check.oneOf('kind', (input.kind ?? '').trim().toLowerCase(), MEASURE_KINDS);
  const reporter = check.email('reporter', input.reporter ?? '');
  const number = (field: string, text: string | undefined): number => {
    const raw = (text ?? '').trim().replace(/,/g, '').replace(/%$/, '');
    if (!/^-?\d+(\.\d+)?$/.test(raw)) {
      check.add(field, raw === '' ? 'is required' : `"${clip(text ?? '')}" is not a number`);
      return 0;
    }
    return Number(raw);
  };
  const date = (field: string, text: string | undefined): IsoDate =>
    check.isoDate(field, (text ?? '').trim());
  const baseline = {
    value: number('baseline', input.baseline),
    date: date('baselineDate', input.baselineDate),
  };
  const target = { value: number('target', input.target), date: date('targetDate', input.targetDate) };
  const better = (input.better ?? '').trim().toLowerCase();
  let polarity: Polarity = { better: 'higher' };
  if (better === 'higher' || better === 'lower') polarity = { better };
  else if (better === 'within') {
    const low = number('low', input.low);
    const high = number('high', input.high);
    if (high < low) check.add('high', 'must be at least the low end of the range');
    polarity = { better: 'within', low, high };
  } else check.add('better', `"${clip(input.better ?? '')}" is not one of higher, lower, within`);
  if (isValidIsoDate(baseline.date) && isValidIsoDate(target.date) && target.date <= baseline.date)
    check.add('targetDate', 'must be after the baseline date');
  if (polarity.better !== 'within' && baseline.value !== target.value) {
    const improves =
      polarity.better === 'higher' ? target.value > baseline.value : target.value < baseline.value;
    if (!improves) check.add('target', `is worse than the baseline, but ${polarityWords(polarity, unit)}`);
  }
  if (unit === 'percentage')
    for (const [field, v] of [
      ['baseline', baseline.value],
      ['target', target.value],
    ] as const)
      if (v < 0 || v > 100) check.add(field, 'is a percentage, so between 0 and 100');
  if (!check.ok) throw new ValidationError(check.issues);
  return {
    id,
    areaId,
    actionIds: [...new Set(input.actionIds ?? [])],
    name,
    definition,
    source,
    unit,
    polarity,
    baseline,
    target,
    frequency,
    reporter,
    kind,
  };
}

/** A measure's values are owed to be asked for when the period owed has no value yet. */
export function valueOwed(
  measure: Measure,
  values: readonly MeasureValue[],
  today: IsoDate,
): ReportingPeriod | undefined {
  const owed = periodOwed(measure.frequency, today);
  return values.some((v) => v.measureId === measure.id && v.period === owed.start) ? undefined : owed;
}
