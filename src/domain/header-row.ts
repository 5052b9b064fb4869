/**
 * Finds the header row of a plan sheet. Partnerships' spreadsheets open with a title, the inspection's
 * name and a key before the table starts, so the header is the first row, among the first few, whose
 * cells name enough of the plan's columns, one of them the action itself.
 */
import { type Column, columnForHeader } from './spreadsheet-columns';

/** Title rows above a header rarely run past a dozen; looking further finds data that resembles one. */
export const HEADER_SEARCH_ROWS = 30;
/** Columns a row must name to count as a header: the action and two more (an owner, a date, a rating…). */
export const HEADER_MIN_COLUMNS = 3;

export interface HeaderRow {
  /** Zero-based index of the header row in the sheet's rows. */
  index: number;
  /** The distinct columns its cells name. */
  columns: Column[];
}

export function findHeaderRow(rows: readonly (readonly string[])[]): HeaderRow | undefined {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const columns = recognisedColumns(rows[index]!);
    if (columns.includes('action') && columns.length >= HEADER_MIN_COLUMNS) return { index, columns };
  }
  return undefined;
}

function recognisedColumns(cells: readonly string[]): Column[] {
  const found = new Set<Column>();
  for (const cell of cells) {
    // A header cell is a short label; a long cell is a title or a sentence of data.
    if (cell.length > 80) continue;
    const column = columnForHeader(cell);
    if (column) found.add(column);
  }
  return [...found];
}
