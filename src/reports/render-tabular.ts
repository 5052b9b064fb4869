/**
 * The progress report as spreadsheets: CSV (the action table, one row per action) and XLSX (one sheet per
 * view: Summary, Quadrants, Actions). Formula-like cells are neutralised in both.
 */
import ExcelJS from 'exceljs';
import { FACT_LABELS } from '../domain/action-field-rules';
import { formatUkDate } from '../domain/dates';
import { neutraliseFormula } from '../domain/plan-export';
import type { ProgressReport, ReportRow } from '../domain/progress-report';
import { ratingName } from '../domain/rating';
import { toCsv } from '../spreadsheets/write-spreadsheet';
import type { PlanProgressReport } from '../usecases/reports/report-measures';

const ACTION_HEADERS = [
  'Area',
  'Area for improvement',
  'Action',
  'Description',
  'Owner(s)',
  'Lead agency',
  'Contributing agencies',
  'Baseline due',
  'Current due',
  'Rescheduled',
  'Rating',
  'Rating agreement',
  'Status',
  'Overdue',
  // The fields shown among an action's facts, by label (today: 'Success measure').
  ...FACT_LABELS,
  'Evidence',
  'Agreed commentary',
];

export function actionRows(report: ProgressReport): string[][] {
  return [
    ACTION_HEADERS,
    ...report.areas.flatMap((area) =>
      area.rows.map((row) => [
        area.id,
        area.text,
        row.id,
        row.description,
        row.owners,
        row.leadAgency,
        row.contributingAgencies,
        row.baselineDue,
        row.currentDue,
        row.rescheduled ? 'Yes' : 'No',
        row.ratingName,
        agreementOf(row),
        row.status,
        row.overdue ? 'Yes' : 'No',
        ...row.texts.map(([, text]) => text),
        row.evidence.join('; '),
        row.commentary,
      ]),
    ),
  ];
}

/** "Agreed", or the proposal the rating shown is. */
function agreementOf(row: ReportRow): string {
  if (!row.rating) return '';
  return row.ratingNote ?? 'Agreed';
}

export function summaryRows(report: PlanProgressReport): string[][] {
  return [
    ['Measure', 'Value'],
    ['Plan', `${report.title} (${report.planId})`],
    ['Position as at', report.asAtLabel],
    ['Drawn from', report.basis],
    ...(report.governance ? [['Agreement', report.governance]] : []),
    ['Actions in the plan', String(report.front.total)],
    ...report.front.byRating.map((c) => [`Rated ${c.name}`, String(c.count)]),
    ['Overdue', String(report.front.overdue)],
    ['Rescheduled with approval', String(report.front.rescheduled)],
    ['Complete or impact evidenced', String(report.front.complete)],
    ['Withdrawn', String(report.front.withdrawn)],
    ['Ratings proposed, not yet agreed', String(report.front.awaitingAgreement)],
    ...(report.front.movement
      ? [
          ['Compared with', report.front.movement.since],
          ['Ratings improved', String(report.front.movement.comparison.improved)],
          ['Ratings worsened', String(report.front.movement.comparison.worsened)],
          ['Due dates moved later', String(report.front.movement.comparison.slipped.length)],
        ]
      : []),
    ...(report.measures
      ? [
          ['Measures of impact', String(report.measures.total)],
          ['Measures on track', String(report.measures.counts['on-track'])],
          ['Measures off track', String(report.measures.counts['off-track'])],
          ['Measures with no data', String(report.measures.counts['no-data'])],
        ]
      : []),
  ];
}

const MEASURE_HEADERS = [
  'Area',
  'Area for improvement',
  'Measure',
  'Kind',
  'Unit',
  'Better when',
  'Baseline',
  'Baseline date',
  'Latest',
  'Latest period',
  'Target',
  'Target date',
  'Status',
  'Why',
  'In words',
];

/** "What difference has it made": one row per measure, by area; headers only without measures. */
export function measureRows(report: PlanProgressReport): string[][] {
  return [
    MEASURE_HEADERS,
    ...(report.measures?.areas ?? []).flatMap((area) =>
      area.measures.map(({ measure, assessment, ...part }) => [
        area.areaId,
        area.areaText,
        measure.name,
        part.kindLabel,
        measure.unit,
        part.direction,
        String(measure.baseline.value),
        formatUkDate(measure.baseline.date),
        assessment.latest ? String(assessment.latest.value) : '',
        assessment.latest?.periodLabel ?? '',
        String(measure.target.value),
        formatUkDate(measure.target.date),
        part.statusWords,
        assessment.reason,
        part.sentence,
      ]),
    ),
  ];
}

/** Rating movements and slipped dates since the previous round; empty (headers only) without one. */
export function movementRows(report: ProgressReport): string[][] {
  const movement = report.front.movement;
  const rows = [['Action', 'Change', 'From', 'To', 'Days later']];
  if (!movement) return rows;
  for (const m of movement.comparison.movements) {
    rows.push([
      m.actionId,
      `Rating ${m.movement}`,
      m.from ? ratingName(m.from) : 'Not rated',
      m.to ? ratingName(m.to) : 'Not rated',
      '',
    ]);
  }
  for (const s of movement.comparison.slipped) {
    rows.push([s.actionId, 'Due date moved later', formatUkDate(s.from), formatUkDate(s.to), String(s.days)]);
  }
  return rows;
}

export function quadrantRows(report: ProgressReport): string[][] {
  return [
    ['Rating', 'Heading', 'Action', 'Description', 'Rating agreement', 'Agreed commentary'],
    ...report.quadrants.flatMap((q) =>
      q.actions.map((a) => [
        q.name,
        q.heading,
        a.actionId,
        a.description,
        a.ratingNote ?? 'Agreed',
        a.commentary ?? '',
      ]),
    ),
    ...report.unrated.map((a) => ['Not yet rated', '', a.actionId, a.description, '', a.commentary ?? '']),
    // Complete or impact evidenced: their own place, as in the paper, with the rating they ended on.
    ...report.done.map((a) => [
      a.ratingName ?? 'Not rated',
      a.status ?? '',
      a.actionId,
      a.description,
      a.ratingName ? (a.ratingNote ?? 'Agreed') : '',
      a.commentary ?? '',
    ]),
  ];
}

/**
 * The measures of a CSV report, as a sibling file beside the action table (issue 21): a CSV is read as
 * one table by everything an analyst loads it into (Excel's Power Query, Power BI, R, pandas), and a
 * second section with other columns under the first would break each of them. The same columns as the
 * XLSX "What difference" sheet. None when the plan has no measures.
 */
export function progressMeasuresCsv(report: PlanProgressReport): string | undefined {
  return report.measures && report.measures.total > 0 ? toCsv(measureRows(report)) : undefined;
}

/** `plan-progress-2026-12-06.csv` → `plan-progress-2026-12-06-measures.csv`. */
export function measuresCsvName(csvName: string): string {
  return csvName.replace(/(\.csv)?$/i, '-measures.csv');
}

/** The action table as CSV: UTF-8 with a BOM, formula-like cells neutralised. */
export function progressReportCsv(report: ProgressReport): string {
  return toCsv(actionRows(report));
}

export async function progressReportXlsx(report: PlanProgressReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = `${report.title} — progress report`;
  addSheet(workbook, 'Summary', summaryRows(report), false);
  addSheet(workbook, 'Quadrants', quadrantRows(report), true);
  addSheet(workbook, 'Actions', actionRows(report), true);
  if (report.front.movement) addSheet(workbook, 'Movement', movementRows(report), true);
  if (report.measures) addSheet(workbook, 'What difference', measureRows(report), true);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, rows: string[][], filter: boolean): void {
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow(row.map(neutraliseFormula));
  const width = rows[0]?.length ?? 0;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (filter && width > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length, column: width } };
  }
  for (let i = 0; i < width; i++) {
    sheet.getColumn(i + 1).width = Math.min(
      60,
      Math.max(10, ...rows.slice(0, 200).map((r) => (r[i] ?? '').length * 0.9)),
    );
    sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  }
}
