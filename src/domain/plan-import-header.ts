/**
 * A sheet's header: the row found below any title rows (or the one the person names), each header cell
 * mapped to the column it holds, as proposed or as the person chose, and the columns still missing.
 */

import type { ValidationIssue } from './errors';
import { findHeaderRow } from './header-row';
import { type Column, columnForHeader, normaliseHeader } from './spreadsheet-columns';

/** Columns a sheet must have: without them a row cannot become an action. */
export const REQUIRED_IMPORT_COLUMNS: readonly Column[] = ['action', 'due_date', 'lead_agency'];

export interface ColumnMapping {
  header: string;
  column: Column;
}

/** One non-blank header cell, with the column it maps to (none when not used) and the one proposed. */
export interface HeaderReading {
  header: string;
  column?: Column;
  proposed?: Column;
}

/** The header chosen or found, and what each cell maps to. */
export interface SheetHeader {
  /** 0-based row of the header. */
  index: number;
  /** The column at each cell position, where one is mapped. */
  columnAt: (Column | undefined)[];
  headers: HeaderReading[];
  /** The columns mapped, each to the header text that holds it. */
  seen: Map<Column, string>;
  /** Required columns no header maps to (owner_name standing for "a name or an address"). */
  missing: Column[];
}

/**
 * The sheet's header row and its mapping; `overrides` (normalised header text → column or 'ignore')
 * are the person's choices, which win over the proposed mapping.
 */
export function readHeader(
  rows: readonly (readonly string[])[],
  headerRow: number | undefined,
  overrides: ReadonlyMap<string, Column | 'ignore'>,
): SheetHeader | undefined {
  const header = headerOf(rows, headerRow);
  if (!header) return undefined;
  const columnAt: (Column | undefined)[] = [];
  const headers: HeaderReading[] = [];
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
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !seen.has(c));
  if (!seen.has('owner_name') && !seen.has('owner_email')) missing.push('owner_name');
  return { index: header.index, columnAt, headers, seen, missing };
}

function headerOf(
  rows: readonly (readonly string[])[],
  headerRow: number | undefined,
): { index: number; cells: readonly string[] } | undefined {
  if (headerRow !== undefined) {
    const cells = rows[headerRow - 1];
    return cells ? { index: headerRow - 1, cells } : undefined;
  }
  const found = findHeaderRow(rows);
  return found ? { index: found.index, cells: rows[found.index]! } : undefined;
}

export /** The proposed mapping of one header row, as the CLI's report and the tests read it. */
function mapHeaders(headers: readonly string[]): {
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
