/**
 * Turns the sheets of a plan spreadsheet, as partnerships really keep them, into areas and actions: the
 * header found below any title rows, every sheet with a recognisable header, area cells filled down,
 * key and footnote rows left out, timescales read as people write them. Nothing here decides to write:
 * the result lists the good rows, the rows with problems (each with its reasons) and every reading made,
 * so the person importing confirms what was understood before anything is saved.
 */
import { ValidationError, type ValidationIssue } from './errors';
import { type ColumnMapping, type HeaderReading, readHeader } from './plan-import-header';
import { type CellReading, type ImportedAction, readAction } from './plan-import-row';
import type { RatingScale } from './rating';
import { tableRows } from './sheet-table';
import { type Column, normaliseHeader } from './spreadsheet-columns';
import { Checker, LIMITS } from './validation';

export const MAX_IMPORT_ROWS = 20_000;

export interface ImportedArea {
  id: string;
  text: string;
  order: number;
}

/** A sheet as the preview shows it: whether it is read, where its header is, and what maps to what. */
export interface SheetReading {
  name: string;
  /** Read unless the person left it out, or no header was found. */
  included: boolean;
  /** 1-based row of the header, when one was found. */
  headerRow?: number;
  /** Why a sheet is not read ("no header row found", "left out"). */
  skippedBecause?: string;
  /** Every non-blank header cell in order, with the column it maps to (none when not used). */
  headers: HeaderReading[];
  /** Data rows read from it (good and with problems). */
  rows: number;
  /** Columns it needs but no header maps to: the sheet is not read until the mapping names them. */
  missingColumns?: Column[];
}

/** A row that cannot be imported as it stands, with every reason. */
export interface ProblemRow {
  sheet: string;
  row: number;
  actionId?: string;
  issues: { field: string; reason: string }[];
}

export interface ImportChoices {
  /** Sheets left out, by name. */
  leaveOut?: readonly string[];
  /** Only this sheet (the CLI's --sheet). */
  onlySheet?: string;
  /** The header's 1-based row on every sheet read (the CLI's --header-row), instead of finding it. */
  headerRow?: number;
  /** Header text → the column it holds, or 'ignore'; overrides the proposed mapping on every sheet. */
  mapping?: Readonly<Record<string, Column | 'ignore'>>;
}

export interface PlanReading {
  sheets: SheetReading[];
  areas: ImportedArea[];
  /** The rows with no problems: what an import of "the good rows" writes. */
  actions: ImportedAction[];
  problems: ProblemRow[];
  readings: CellReading[];
  /** The mapping of the sheets read, merged (header → column), for the report. */
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
  /** Required columns no header maps to, per sheet: nothing can be written while there are any. */
  missingColumns: ValidationIssue[];
}

export interface Sheet {
  name: string;
  rows: readonly (readonly string[])[];
}

/**
 * Reads every chosen sheet. Throws a ValidationError only when nothing can be read (no sheet has a
 * header, or a sheet read lacks a required column); problems in rows are listed, never thrown.
 */
export function readPlanSheets(
  sheets: readonly Sheet[],
  scale: RatingScale,
  choices: ImportChoices = {},
): PlanReading {
  if (choices.onlySheet !== undefined && !sheets.some((s) => s.name === choices.onlySheet)) {
    throw new ValidationError([
      {
        field: 'sheet',
        reason: `there is no sheet "${choices.onlySheet}"; the file has ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
      },
    ]);
  }
  const overrides = new Map(
    Object.entries(choices.mapping ?? {}).map(([header, column]) => [normaliseHeader(header), column]),
  );
  const leftOut = new Set(choices.leaveOut ?? []);
  const issues: ValidationIssue[] = [];
  const result: PlanReading = {
    sheets: [],
    areas: [],
    actions: [],
    problems: [],
    readings: [],
    mapping: [],
    ignoredHeaders: [],
    missingColumns: [],
  };
  const areas = new Map<string, ImportedArea & { where: string }>();
  const areaIdsByText = new Map<string, string>();
  const actionWhere = new Map<string, string>();
  const mapped = new Map<string, Column>();
  let nextAreaNumber = 1;
  const ignored = new Set<string>();
  let total = 0;

  for (const sheet of sheets) {
    const header = readHeader(sheet.rows, choices.headerRow, overrides);
    const chosen = choices.onlySheet === undefined || choices.onlySheet === sheet.name;
    if (!header) {
      result.sheets.push({
        name: sheet.name,
        included: false,
        skippedBecause: 'no header row found (a row naming the action and at least two more columns)',
        headers: [],
        rows: 0,
      });
      continue;
    }
    const { columnAt, headers, seen, missing } = header;
    const included = chosen && !leftOut.has(sheet.name);
    const body = tableRows(sheet.rows, header.index, columnAt);
    result.sheets.push({
      name: sheet.name,
      included,
      headerRow: header.index + 1,
      ...(included ? {} : { skippedBecause: chosen ? 'left out' : 'not the sheet chosen' }),
      headers,
      rows: body.length,
    });
    if (!included) continue;
    if (missing.length > 0) result.sheets.at(-1)!.missingColumns = missing;
    for (const column of missing) {
      issues.push({
        row: header.index + 1,
        field: `${sheet.name}: ${column}`,
        reason: 'no column for this was found; choose which header holds it',
      });
    }
    if (missing.length > 0) continue;
    for (const h of headers) {
      if (h.column) mapped.set(h.header, h.column);
      else ignored.add(h.header);
    }
    total += body.length;
    if (total > MAX_IMPORT_ROWS) {
      throw new ValidationError([
        {
          field: 'file',
          reason: `has ${total} rows; the limit is ${MAX_IMPORT_ROWS}`,
        },
      ]);
    }

    const at = (cells: readonly string[]) => (column: Column) => {
      const position = columnAt.indexOf(column);
      return position < 0 ? '' : (cells[position] ?? '').trim();
    };
    const perArea = new Map<string, number>();
    for (const { cells, sheetRow } of body) {
      const cell = at(cells);
      const check = new Checker(sheetRow);
      const readings: CellReading[] = [];

      // The area: its number, or numbered in the order areas first appear; the sheet's name if none.
      const areaText = check.text(
        'area',
        cell('area') || (seen.has('area') ? '' : sheet.name),
        LIMITS.areaText,
        {
          required: true,
        },
      );
      let areaId = cell('area_id');
      if (areaId === '') {
        areaId = areaIdsByText.get(areaText) ?? '';
        while (areaId === '' || (areas.has(areaId) && areas.get(areaId)!.text !== areaText))
          areaId = String(nextAreaNumber++);
      }
      areaId = check.itemId('area_id', areaId);
      areaIdsByText.set(areaText, areaId);

      let actionId = cell('action_id');
      if (actionId === '' && !seen.has('action_id')) {
        const n = (perArea.get(areaId) ?? 0) + 1;
        perArea.set(areaId, n);
        actionId = `${areaId}.${n}`;
      }
      actionId = check.itemId('action_id', actionId);
      const action = readAction(cell, check, scale, readings, {
        sheet: sheet.name,
        row: sheetRow,
        actionId,
        areaId,
      });

      const where = sheets.length > 1 ? `${sheet.name} row ${sheetRow}` : `row ${sheetRow}`;
      const knownArea = areas.get(areaId);
      if (!knownArea) {
        areas.set(areaId, { id: areaId, text: areaText, order: areas.size + 1, where });
      } else if (knownArea.text !== areaText) {
        check.add('area', `differs from the text given for area ${areaId} on ${knownArea.where}`);
      }
      const first = actionWhere.get(actionId);
      if (first !== undefined) check.add('action_id', `action ${actionId} appears already on ${first}`);
      else if (actionId !== '') actionWhere.set(actionId, where);

      if (check.issues.length > 0) {
        result.problems.push({
          sheet: sheet.name,
          row: sheetRow,
          ...(actionId ? { actionId } : {}),
          issues: check.issues.map(({ field, reason }) => ({ field, reason })),
        });
      } else {
        result.actions.push(action);
        result.readings.push(...readings);
      }
    }
  }
  // Shown in a preview, so the mapping can be changed to supply them; refused by any write.
  result.missingColumns = issues;
  const read = result.sheets.filter((s) => s.included);
  if (read.length === 0) {
    throw new ValidationError([
      {
        field: 'file',
        reason:
          result.sheets.length === 0
            ? 'has no sheets'
            : 'no sheet has a header row naming the action, its lead agency, owner and timescale',
      },
    ]);
  }
  if (result.actions.length === 0 && result.problems.length === 0 && issues.length === 0) {
    const first = read[0]!;
    throw new ValidationError([{ row: (first.headerRow ?? 0) + 1, field: 'file', reason: 'has no actions' }]);
  }
  // Areas used only by rows with problems are not created; numbering stays as the file gives it.
  const used = new Set(result.actions.map((a) => a.areaId));
  result.areas = [...areas.values()]
    .filter((a) => used.has(a.id))
    .map(({ id, text, order }) => ({ id, text, order }));
  result.mapping = [...mapped.entries()].map(([header, column]) => ({ header, column }));
  result.ignoredHeaders = [...ignored].filter((h) => !mapped.has(h));
  return result;
}

/**
 * The strict reading of one sheet whose header is on row 1 (the canonical columns, as export writes
 * them): any problem refuses the file, naming row, column and reason of each.
 */
export function readPlanRows(rows: readonly (readonly string[])[], ratingScale: RatingScale): PlanReading {
  if (rows.length === 0 || rows[0]!.every((c) => c.trim() === '')) {
    throw new ValidationError([{ row: 1, field: 'file', reason: 'has no header row' }]);
  }
  const reading = readPlanSheets([{ name: 'Sheet1', rows }], ratingScale, { headerRow: 1 });
  if (reading.missingColumns.length > 0) throw new ValidationError(reading.missingColumns);
  const issues = problemIssues(reading.problems);
  if (issues.length > 0) throw new ValidationError(issues);
  return reading;
}

/** Every problem as the row, column and reason the CLI and the tests print. */
export function problemIssues(problems: readonly ProblemRow[]): ValidationIssue[] {
  return problems.flatMap((p) => p.issues.map((issue) => ({ row: p.row, ...issue })));
}

export type ImportedPlan = PlanReading;
