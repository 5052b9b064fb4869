/**
 * Turns the sheets of a plan spreadsheet, as partnerships really keep them, into areas and actions: the
 * header found below any title rows, every sheet with a recognisable header, area cells filled down,
 * key and footnote rows left out, timescales read as people write them. Nothing here decides to write:
 * the result lists the good rows, the rows with problems (each with its reasons) and every reading made,
 * so the person importing confirms what was understood before anything is saved.
 */
import type { ActionFields, Owner } from './action';
import { TEXT_FIELDS } from './action-field-rules';
import type { TextFieldName } from './action-fields';
import { parseContributingContacts } from './contributing-contacts';
import { isValidIsoDate, parseUkDate } from './dates';
import { ValidationError, type ValidationIssue } from './errors';
import { findHeaderRow } from './header-row';
import { type Lifecycle, lifecycleLabel, parseLifecycle } from './lifecycle';
import { parseRating, type Rating, type RatingScale, ratingName, ratingsOf } from './rating';
import { tableRows } from './sheet-table';
import { type Column, columnForHeader, normaliseHeader } from './spreadsheet-columns';
import { readTimescale } from './timescale';
import { Checker, LIMITS } from './validation';

export const MAX_IMPORT_ROWS = 20_000;

/** Columns a sheet must have: without them a row cannot become an action. */
export const REQUIRED_IMPORT_COLUMNS: readonly Column[] = ['action', 'due_date', 'lead_agency'];

export interface ImportedArea {
  id: string;
  text: string;
  order: number;
}

/** An action as the file states it; blank optional cells are absent, so a re-import leaves them alone. */
export type ImportedAction = Omit<
  ActionFields,
  | 'lifecycle'
  | 'rating'
  | 'currentDueDate'
  | 'evidenceLinks'
  | 'contributingAgencies'
  | TextFieldName
  | 'baselineDueDate'
> & {
  /** Absent when the timescale says there is no deadline ("Ongoing", "TBC"). */
  baselineDueDate?: string;
  lifecycle?: Lifecycle;
  rating?: Rating;
  currentDueDate?: string;
  evidenceLinks?: string[];
  contributingAgencies?: string[];
  /** The monitoring group as the file names it (its name or id); the import resolves it against the plan. */
  monitoringGroup?: string;
  /** The file's latest progress note, recorded in the action's history. */
  note?: string;
  row: number;
} & Partial<Record<TextFieldName, string>>; // Free text (success measure, …): absent when the cell is blank.

export interface ColumnMapping {
  header: string;
  column: Column;
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
  headers: { header: string; column?: Column; proposed?: Column }[];
  /** Data rows read from it (good and with problems). */
  rows: number;
  /** Columns it needs but no header maps to: the sheet is not read until the mapping names them. */
  missingColumns?: Column[];
}

/** How a cell was understood, shown for confirmation ("Q3 2027/28" → "31 Dec 2027 (end of Q3 2027/28)"). */
export interface CellReading {
  sheet: string;
  row: number;
  actionId: string;
  column: Column;
  text: string;
  reading: string;
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
    const header = headerOf(sheet, choices.headerRow);
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
    const columnAt: (Column | undefined)[] = [];
    const headers: SheetReading['headers'] = [];
    const seen = new Map<Column, string>();
    header.cells.forEach((raw, position) => {
      const text = raw.trim();
      if (text === '') return;
      const proposed = columnForHeader(text);
      const override = overrides.get(normaliseHeader(text));
      const column = override === 'ignore' ? undefined : (override ?? proposed);
      if (column && seen.has(column)) {
        // The first header for a column wins; a second one is shown, unused, for the person to choose.
        headers.push({ header: text, ...(proposed ? { proposed } : {}) });
        return;
      }
      if (column) {
        seen.set(column, text);
        columnAt[position] = column;
      }
      headers.push({ header: text, ...(column ? { column } : {}), ...(proposed ? { proposed } : {}) });
    });
    const included = chosen && !leftOut.has(sheet.name);
    const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !seen.has(c));
    if (!seen.has('owner_name') && !seen.has('owner_email')) missing.push('owner_name');
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

function headerOf(
  sheet: Sheet,
  headerRow: number | undefined,
): { index: number; cells: readonly string[] } | undefined {
  if (headerRow !== undefined) {
    const cells = sheet.rows[headerRow - 1];
    return cells ? { index: headerRow - 1, cells } : undefined;
  }
  const found = findHeaderRow(sheet.rows);
  return found ? { index: found.index, cells: sheet.rows[found.index]! } : undefined;
}

function readAction(
  cell: (c: Column) => string,
  check: Checker,
  scale: RatingScale,
  readings: CellReading[],
  where: { sheet: string; row: number; actionId: string; areaId: string },
): ImportedAction {
  const noted = (column: Column, text: string, reading: string) =>
    readings.push({ sheet: where.sheet, row: where.row, actionId: where.actionId, column, text, reading });

  const date = (column: 'start_date' | 'current_due_date'): string | undefined => {
    const raw = cell(column);
    if (raw === '') return undefined;
    const parsed = parseUkDate(raw);
    if (!parsed.ok) {
      check.add(column, parsed.reason);
      return undefined;
    }
    if (raw !== parsed.value) noted(column, raw, parsed.value);
    return parsed.value;
  };
  const startDate = date('start_date');
  const currentDueDate = date('current_due_date');

  let baselineDueDate: string | undefined;
  const timescale = cell('due_date');
  if (timescale === '') check.add('due_date', 'is blank: write a date, a month, a quarter or "Ongoing"');
  else {
    const reading = readTimescale(timescale);
    if (reading.kind === 'unreadable') check.add('due_date', reading.reason);
    else {
      if (reading.kind === 'date') baselineDueDate = reading.date;
      // An ISO date in the file needs no confirming; anything else is shown as read.
      if (!(reading.kind === 'date' && isValidIsoDate(timescale)))
        noted('due_date', timescale, reading.reading);
    }
  }
  if (startDate && baselineDueDate && baselineDueDate < startDate) {
    check.add('due_date', 'is before the start date');
  }

  const action: ImportedAction = {
    row: where.row,
    id: where.actionId,
    areaId: where.areaId,
    description: check.text('action', cell('action'), LIMITS.actionDescription, { required: true }),
    leadAgency: check.text('lead_agency', cell('lead_agency'), LIMITS.agency, { required: true }),
    owners: readOwners(cell('owner_name'), cell('owner_email'), check),
    ...(startDate ? { startDate } : {}),
    ...(baselineDueDate ? { baselineDueDate } : {}),
    ...(currentDueDate ? { currentDueDate } : {}),
  };
  for (const field of TEXT_FIELDS) {
    const text = check.text(field.column, cell(field.column), field.limit);
    if (text !== '') action[field.name] = text;
  }
  const note = check.text('note', cell('note'), LIMITS.note);
  if (note !== '') action.note = note;

  const ratingText = cell('rating');
  if (ratingText !== '') {
    const rating = parseRating(ratingText);
    const done = parseLifecycle(ratingText);
    if (rating && ratingsOf(scale).includes(rating)) {
      action.rating = rating;
      if (ratingText.toLowerCase() !== rating) noted('rating', ratingText, ratingName(rating));
    } else if (done === 'complete' || done === 'impact_evidenced') {
      // "Complete" in the RAG column says where the action is, not how it is rated.
      action.lifecycle = done;
      noted('rating', ratingText, `status: ${lifecycleLabel(done)}`);
    } else {
      check.add(
        'rating',
        `"${ratingText}" is not a rating on this plan's scale (${ratingsOf(scale).join(', ')})`,
      );
    }
  }
  const lifecycleText = cell('lifecycle');
  if (lifecycleText !== '') {
    const lifecycle = parseLifecycle(lifecycleText);
    if (!lifecycle) {
      check.add(
        'lifecycle',
        `"${lifecycleText}" is not one of not started, in progress, complete, impact evidenced, withdrawn`,
      );
    } else action.lifecycle = lifecycle;
  }
  const agencies = splitList(cell('contributing_agencies'), /[;\n,]/);
  if (agencies.length > LIMITS.contributingAgencies) {
    check.add(
      'contributing_agencies',
      `lists ${agencies.length}; the limit is ${LIMITS.contributingAgencies}`,
    );
  }
  if (agencies.length > 0) {
    action.contributingAgencies = agencies.map((a) => check.text('contributing_agencies', a, LIMITS.agency));
  }
  readGroupColumns(action, cell, check);
  const links = splitList(cell('evidence_links'));
  if (links.length > LIMITS.evidenceLinks) {
    check.add('evidence_links', `lists ${links.length}; the limit is ${LIMITS.evidenceLinks}`);
  }
  if (links.length > 0) action.evidenceLinks = links.map((link) => check.httpsUrl('evidence_links', link));
  return action;
}

/**
 * Several owners share one cell, separated by semicolons, in the same order in both columns. An owner
 * named without an address is kept by name (no contact) until one is added.
 */
function readOwners(names: string, emails: string, check: Checker): Owner[] {
  const nameList = splitList(names);
  const emailList = splitList(emails);
  if (nameList.length === 0) {
    check.add('owner_name', 'is required');
    if (emailList.length === 0) return [];
  }
  if (emailList.length > 0 && nameList.length > 0 && nameList.length !== emailList.length) {
    check.add('owner_email', `lists ${emailList.length} addresses for ${nameList.length} owner names`);
  }
  const count = Math.max(nameList.length, emailList.length);
  if (count > LIMITS.owners) check.add('owner_email', `lists more than ${LIMITS.owners} owners`);
  return Array.from({ length: count }, (_, i) => {
    const email = emailList[i];
    return {
      name: check.text('owner_name', nameList[i] ?? '', LIMITS.personName),
      email: email === undefined ? '' : check.email('owner_email', email),
    };
  });
}

export function splitList(cell: string, separators: RegExp = /[;\n]/): string[] {
  return cell
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
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

/** The proposed mapping of one header row, as the CLI's report and the tests read it. */
export function mapHeaders(headers: readonly string[]): {
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
  issues: ValidationIssue[];
} {
  const mapping: ColumnMapping[] = [];
  const ignoredHeaders: string[] = [];
  const issues: ValidationIssue[] = [];
  const seen = new Map<Column, string>();
  for (const header of headers) {
    if (header.trim() === '') continue;
    const column = columnForHeader(header);
    if (!column) {
      ignoredHeaders.push(header);
      continue;
    }
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      issues.push({ row: 1, field: header, reason: `maps to ${column}, as "${earlier}" does already` });
      continue;
    }
    seen.set(column, header);
    mapping.push({ header, column });
  }
  for (const column of REQUIRED_IMPORT_COLUMNS) {
    if (!seen.has(column)) issues.push({ row: 1, field: column, reason: 'no column for this was found' });
  }
  if (!seen.has('owner_name') && !seen.has('owner_email'))
    issues.push({ row: 1, field: 'owner_name', reason: 'no column for this was found' });
  return { mapping, ignoredHeaders, issues };
}

/**
 * "Monitoring group" names the action's group; "Contributing contacts" / "Supported by" names people
 * (`Health: Sam Smith <sam@nhs.uk>`) where it carries them, and otherwise agencies, which contribute.
 */
function readGroupColumns(action: ImportedAction, cell: (c: Column) => string, check: Checker): void {
  const group = check.text('monitoring_group', cell('monitoring_group'), LIMITS.agency);
  if (group !== '') action.monitoringGroup = group;
  const parts = splitList(cell('contributing_contacts'));
  const people = parts.filter((part) => part.includes('@'));
  // Agencies alone are often listed with commas ("Police, Health"), as in the contributing agencies column.
  const agencies = parts.filter((part) => !part.includes('@')).flatMap((part) => splitList(part, /[,]/));
  if (people.length > 0)
    action.contributingContacts = parseContributingContacts(people.join(';'), check, 'contributing_contacts');
  const named = [...(action.contributingAgencies ?? [])];
  for (const agency of [...agencies, ...(action.contributingContacts ?? []).map((c) => c.agency)]) {
    const text = check.text('contributing_contacts', agency, LIMITS.agency);
    if (!named.some((a) => a.toLowerCase() === text.toLowerCase())) named.push(text);
  }
  if (named.length > (action.contributingAgencies?.length ?? 0)) action.contributingAgencies = named;
}
