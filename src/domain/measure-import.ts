/**
 * The "Measures" sheet of a plan workbook (or a measures CSV), as councils' performance teams keep it:
 * Ref, Measure / Indicator, Area, Baseline, Target with their dates, which way is better, how often,
 * who reports it, and the latest figure. Each row is read through readMeasure and readMeasureValue, so
 * a row is refused for exactly the reasons the dashboard and the CLI give. The export writes the same
 * columns back (measuresToRows), so a round trip loses nothing. Pure: the day is passed in.
 */
import { formatUkDate, type IsoDate, isValidIsoDate, monthFromName, parseUkDate } from './dates';
import { ValidationError, type ValidationIssue } from './errors';
import { findHeaderRow } from './header-row';
import {
  currentValues,
  isMonth,
  type Measure,
  type MeasureInput,
  type MeasureValue,
  type Month,
  periodContaining,
  readMeasure,
  readMeasureValue,
} from './measures';
import { normaliseHeader } from './spreadsheet-columns';

export const MEASURE_COLUMNS = [
  'ref',
  'name',
  'area',
  'definition',
  'source',
  'unit',
  'kind',
  'better',
  'low',
  'high',
  'baseline',
  'baseline_date',
  'target',
  'target_date',
  'frequency',
  'reporter',
  'actions',
  'latest',
  'latest_date',
] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** The export's header for each column, and the variants people type (matched case- and punctuation-blind). */
const HEADERS: Record<MeasureColumn, { label: string; variants: readonly string[] }> = {
  ref: {
    label: 'Ref',
    variants: ['ref', 'measure ref', 'measure id', 'id', 'no', 'number', 'indicator ref'],
  },
  name: {
    label: 'Measure',
    variants: [
      'measure',
      'indicator',
      'measure / indicator',
      'measure name',
      'performance indicator',
      'kpi',
      'pi',
    ],
  },
  area: { label: 'Area', variants: ['area', 'area id', 'priority', 'area for improvement', 'afi'] },
  definition: { label: 'Definition', variants: ['definition', 'description', 'how it is calculated'] },
  source: { label: 'Source', variants: ['source', 'data source'] },
  unit: { label: 'Unit', variants: ['unit', 'units', 'measured in'] },
  kind: { label: 'Kind', variants: ['kind', 'type', 'oba', 'oba question', 'question'] },
  better: {
    label: 'Better when',
    variants: ['better when', 'polarity', 'direction', 'good is', 'better is', 'direction of travel'],
  },
  low: { label: 'Range low', variants: ['range low', 'low', 'lower bound'] },
  high: { label: 'Range high', variants: ['range high', 'high', 'upper bound'] },
  baseline: { label: 'Baseline', variants: ['baseline', 'baseline value', 'starting point'] },
  baseline_date: { label: 'Baseline date', variants: ['baseline date', 'baseline as at', 'baseline at'] },
  target: { label: 'Target', variants: ['target', 'target value'] },
  target_date: { label: 'Target date', variants: ['target date', 'target by', 'by when'] },
  frequency: {
    label: 'Frequency',
    variants: ['frequency', 'reporting frequency', 'how often', 'reported'],
  },
  reporter: {
    label: 'Reporter e-mail',
    variants: [
      'reporter e-mail',
      'reporter email',
      'reporter',
      'reported by',
      'data owner',
      'lead officer e-mail',
    ],
  },
  actions: { label: 'Linked actions', variants: ['actions', 'action ids', 'related actions'] },
  latest: { label: 'Latest', variants: ['latest', 'latest value', 'current', 'current value', 'actual'] },
  latest_date: {
    label: 'Latest date',
    variants: ['latest date', 'latest period', 'period', 'as at', 'current as at', 'date of latest'],
  },
};

export const MEASURE_SHEET_HEADER: readonly string[] = MEASURE_COLUMNS.map((c) => HEADERS[c].label);

const LOOKUP = new Map<string, MeasureColumn>();
for (const column of MEASURE_COLUMNS)
  for (const variant of [HEADERS[column].label, ...HEADERS[column].variants])
    LOOKUP.set(normaliseHeader(variant), column);

export function measureColumnForHeader(header: string): MeasureColumn | undefined {
  return LOOKUP.get(normaliseHeader(header));
}

/** The header row of a measures sheet: the measure's name, a baseline and a target among the first rows. */
export function findMeasureHeaderRow(rows: readonly (readonly string[])[]): number | undefined {
  const limit = Math.min(rows.length, 30);
  for (let index = 0; index < limit; index++) {
    const found = new Set(
      rows[index]!.filter((c) => c.length <= 80).flatMap((c) => measureColumnForHeader(c) ?? []),
    );
    if (found.has('name') && found.has('baseline') && found.has('target')) return index;
  }
  return undefined;
}

/**
 * A sheet of measures rather than actions: with a measures header and no column of a plan's (lead agency,
 * owner), or named so ("Measures", "Impact measures", "Indicators") with no header of either kind (its
 * problem is then listed). A plan's own sheet is never taken for one.
 */
export function isMeasureSheet(sheet: { name: string; rows: readonly (readonly string[])[] }): boolean {
  const named = /^(impact )?(measures|indicators|kpis|performance measures)$/.test(
    normaliseHeader(sheet.name),
  );
  const actions = findHeaderRow(sheet.rows);
  if (findMeasureHeaderRow(sheet.rows) === undefined) return named && actions === undefined;
  // "Ref", "Area" and "Target date" read as action columns too; a lead agency or an owner never does.
  return !actions?.columns.some((c) => c === 'lead_agency' || c === 'owner_name' || c === 'owner_email');
}

/** A measure read from a row, with the latest figure the row gives (not yet stored). */
export interface ImportedMeasure {
  measure: Measure;
  latest?: { period: Month; value: number };
  sheet: string;
  row: number;
}

export interface MeasureProblem {
  sheet: string;
  row: number;
  measureId?: string;
  issues: { field: string; reason: string }[];
}

export interface MeasureSheetReading {
  sheets: { name: string; headerRow?: number; mapping: { header: string; column: MeasureColumn }[] }[];
  measures: ImportedMeasure[];
  problems: MeasureProblem[];
  /** How cells were understood, for the person to confirm ("%" read as a percentage). */
  readings: {
    sheet: string;
    row: number;
    measureId: string;
    column: MeasureColumn;
    text: string;
    reading: string;
  }[];
}

export interface MeasureImportContext {
  /** The plan's areas (those in the file and those stored): an Area cell may give the id or the text. */
  areas: readonly { id: string; text: string }[];
  /** The plan's action ids (in the file and stored), for the Actions column. */
  actionIds: ReadonlySet<string>;
  today: IsoDate;
}

/** Reads every measures sheet; rows with problems are listed with every reason, never thrown. */
export function readMeasureSheets(
  sheets: readonly { name: string; rows: readonly (readonly string[])[] }[],
  context: MeasureImportContext,
): MeasureSheetReading {
  const result: MeasureSheetReading = { sheets: [], measures: [], problems: [], readings: [] };
  const seenIds = new Map<string, string>();
  const areaByText = new Map(context.areas.map((a) => [normaliseHeader(a.text), a.id]));
  const areaIds = new Set(context.areas.map((a) => a.id));
  for (const sheet of sheets) {
    const headerIndex = findMeasureHeaderRow(sheet.rows);
    if (headerIndex === undefined) {
      result.problems.push({
        sheet: sheet.name,
        row: 1,
        issues: [{ field: 'header', reason: 'no header row naming the measure, its baseline and target' }],
      });
      result.sheets.push({ name: sheet.name, mapping: [] });
      continue;
    }
    const columnAt: (MeasureColumn | undefined)[] = [];
    const mapping: { header: string; column: MeasureColumn }[] = [];
    sheet.rows[headerIndex]!.forEach((raw, position) => {
      const column = measureColumnForHeader(raw);
      // The first header for a column wins, as on an action sheet.
      if (!column || mapping.some((m) => m.column === column)) return;
      columnAt[position] = column;
      mapping.push({ header: raw.trim(), column });
    });
    result.sheets.push({ name: sheet.name, headerRow: headerIndex + 1, mapping });
    let autoNumber = 0;
    sheet.rows.slice(headerIndex + 1).forEach((cells, offset) => {
      if (cells.every((c) => c.trim() === '')) return;
      const row = headerIndex + 2 + offset;
      const cell = (column: MeasureColumn) => {
        const position = columnAt.indexOf(column);
        return position < 0 ? '' : (cells[position] ?? '').trim();
      };
      const issues: ValidationIssue[] = [];
      const noted = (column: MeasureColumn, text: string, reading: string, id: string) =>
        result.readings.push({ sheet: sheet.name, row, measureId: id, column, text, reading });
      const id = cell('ref') || `M${++autoNumber}`;
      const areaCell = cell('area');
      const areaId = areaIds.has(areaCell)
        ? areaCell
        : (areaByText.get(normaliseHeader(areaCell)) ?? areaCell);
      if (areaCell !== '' && !areaIds.has(areaId))
        issues.push({ field: 'area', reason: `"${areaCell}" is not an area of this plan` });
      const actionIds = cell('actions')
        .split(/[,;\s]+/)
        .filter((a) => a !== '');
      for (const actionId of actionIds)
        if (!context.actionIds.has(actionId))
          issues.push({ field: 'actions', reason: `action ${actionId} is not in this plan` });
      const better = readBetter(cell('better'));
      const unit = cell('unit') || guessUnit(cell('baseline'), cell('target'));
      if (cell('unit') === '') noted('unit', cell('baseline'), `read as ${unit}`, id);
      const input: MeasureInput = {
        id,
        areaId,
        actionIds,
        name: cell('name'),
        definition: cell('definition'),
        source: cell('source'),
        unit,
        better: better.better,
        low: cell('low') || better.low,
        high: cell('high') || better.high,
        baseline: cell('baseline'),
        baselineDate: readDate(cell('baseline_date')),
        target: cell('target'),
        targetDate: readDate(cell('target_date')),
        frequency: readFrequency(cell('frequency')),
        reporter: cell('reporter'),
        // Most partnership measures answer "is anyone better off?"; the kind is shown for confirming.
        kind: readKind(cell('kind')),
      };
      let measure: Measure | undefined;
      try {
        measure = readMeasure(input, row);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.issues);
      }
      let latest: ImportedMeasure['latest'];
      if (measure && (cell('latest') !== '' || cell('latest_date') !== '')) {
        const period = readPeriod(cell('latest_date'));
        try {
          const read = readMeasureValue({ value: cell('latest'), period }, measure, context.today);
          latest = { period: read.period, value: read.value };
          if (period !== cell('latest_date'))
            noted(
              'latest_date',
              cell('latest_date'),
              `the value for ${periodContaining(measure.frequency, read.period).label}`,
              id,
            );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          issues.push(
            ...error.issues.map((i) => ({ ...i, field: i.field === 'value' ? 'latest' : 'latest_date' })),
          );
        }
      }
      const first = seenIds.get(id);
      if (first !== undefined)
        issues.push({ field: 'ref', reason: `measure ${id} appears already on ${first}` });
      else seenIds.set(id, `${sheet.name} row ${row}`);
      if (issues.length > 0 || !measure) {
        result.problems.push({
          sheet: sheet.name,
          row,
          measureId: id,
          issues: issues.map(({ field, reason }) => ({ field, reason })),
        });
        return;
      }
      result.measures.push({ measure, ...(latest ? { latest } : {}), sheet: sheet.name, row });
    });
  }
  return result;
}

function readBetter(text: string): { better: string; low?: string; high?: string } {
  const t = text.trim().toLowerCase();
  if (t === '') return { better: 'higher' };
  const range = /(-?\d+(?:\.\d+)?)%?\s*(?:-|–|to|and)\s*(-?\d+(?:\.\d+)?)%?/.exec(t);
  if (/within|between|range|band/.test(t) || range)
    return { better: 'within', ...(range ? { low: range[1]!, high: range[2]! } : {}) };
  if (
    /^(higher|high|up|increase|increasing|more|bigger|\+)( is (better|good))?$/.test(t) ||
    t === 'higher is better'
  )
    return { better: 'higher' };
  if (/^(lower|low|down|decrease|decreasing|less|fewer|smaller|-)( is (better|good))?$/.test(t))
    return { better: 'lower' };
  return { better: text };
}

function readFrequency(text: string): string {
  const t = text.trim().toLowerCase();
  if (/^(monthly|month|every month|per month)$/.test(t)) return 'monthly';
  if (/^(quarterly|quarter|every quarter|per quarter)$/.test(t)) return 'quarterly';
  if (/^(termly|term|each term|per term|every term)$/.test(t)) return 'termly';
  return text;
}

function readKind(text: string): string {
  const t = text.trim().toLowerCase();
  if (t === '' || /better off/.test(t)) return 'better-off';
  if (/how much/.test(t)) return 'how-much';
  if (/how well/.test(t)) return 'how-well';
  return text;
}

function guessUnit(baseline: string, target: string): string {
  return baseline.trim().endsWith('%') || target.trim().endsWith('%') ? 'percentage' : 'number';
}

/** A date as people type it (31/03/2027, 31 Mar 2027) or as the adapter gives it (2027-03-31). */
function readDate(text: string): string {
  if (text === '' || isValidIsoDate(text)) return text;
  const parsed = parseUkDate(text);
  return parsed.ok ? parsed.value : text;
}

/** The latest figure's period: a month (2026-11, Nov 2026) or any date in it. */
function readPeriod(text: string): string {
  const t = text.trim();
  if (isMonth(t)) return t;
  const named = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
  if (named) {
    const month = monthFromName(named[1]!);
    if (month !== undefined) return `${named[2]}-${String(month).padStart(2, '0')}`;
  }
  const date = readDate(t);
  return isValidIsoDate(date) ? date.slice(0, 7) : t;
}

/**
 * The Measures sheet as the export writes it: every field of each measure, and its latest value with
 * the last day of that value's period (so a re-import records it for the same period).
 */
export function measuresToRows(measures: readonly Measure[], values: readonly MeasureValue[]): string[][] {
  const rows = measures.map((m) => {
    const latest = currentValues(values.filter((v) => v.measureId === m.id)).at(-1);
    const cells: Record<MeasureColumn, string> = {
      ref: m.id,
      name: m.name,
      area: m.areaId,
      definition: m.definition,
      source: m.source,
      unit: m.unit,
      kind: m.kind,
      better: m.polarity.better,
      low: m.polarity.better === 'within' ? String(m.polarity.low) : '',
      high: m.polarity.better === 'within' ? String(m.polarity.high) : '',
      baseline: String(m.baseline.value),
      baseline_date: m.baseline.date,
      target: String(m.target.value),
      target_date: m.target.date,
      frequency: m.frequency,
      reporter: m.reporter,
      actions: m.actionIds.join(', '),
      latest: latest ? String(latest.value) : '',
      latest_date: latest ? periodContaining(m.frequency, latest.period).end : '',
    };
    return MEASURE_COLUMNS.map((c) => cells[c]);
  });
  return [[...MEASURE_SHEET_HEADER], ...rows];
}

/** What a re-import would change in a stored measure, in words ("Target: 85 → 90"). */
export function measureChanges(before: Measure, after: Measure): string[] {
  const words: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields: [string, unknown, unknown][] = [
    ['Measure', before.name, after.name],
    ['Area', before.areaId, after.areaId],
    ['Definition', before.definition, after.definition],
    ['Source', before.source, after.source],
    ['Unit', before.unit, after.unit],
    ['Kind', before.kind, after.kind],
    ['Better when', before.polarity, after.polarity],
    ['Baseline', before.baseline, after.baseline],
    ['Target', before.target, after.target],
    ['Frequency', before.frequency, after.frequency],
    ['Reporter', before.reporter, after.reporter],
    ['Actions', before.actionIds, after.actionIds],
  ];
  for (const [label, a, b] of fields) if (!same(a, b)) words.push(`${label}: ${show(a)} → ${show(b)}`);
  return words;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value || 'none';
  if (Array.isArray(value)) return value.join(', ') || 'none';
  if (value && typeof value === 'object' && 'date' in value && 'value' in value) {
    const dated = value as { value: number; date: string };
    return `${dated.value} (${formatUkDate(dated.date)})`;
  }
  if (value && typeof value === 'object' && 'better' in value) return (value as { better: string }).better;
  return String(value);
}
