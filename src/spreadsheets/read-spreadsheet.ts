/**
 * Reads a CSV or XLSX file into rows of text cells. Date cells become ISO dates here, so the domain
 * sees one shape whatever program saved the file. Every limit is checked while reading, never after:
 * a CSV is parsed in chunks and given up at the row or cell limit, an .xlsx is vetted part by part
 * (xlsx-limits.ts) and ExcelJS sees only the vetted parts. An upload is read in a worker thread on top
 * of this (parse-in-worker.ts), so even a file that slips past a limit costs a worker, not the server.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { ValidationError } from '../domain/errors';
import { checkXlsxLimits, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './xlsx-limits';
import { storedZip } from './zip-parts';

/** Larger files are refused before parsing: a plan is hundreds of rows, not megabytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type SpreadsheetFormat = 'csv' | 'xlsx';

export function formatOf(path: string): SpreadsheetFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new ValidationError([
    { field: 'file', reason: `"${extension || path}" is not a .csv or .xlsx file` },
  ]);
}

export interface SheetRows {
  name: string;
  rows: string[][];
}

/** The first sheet's rows. */
export async function readSpreadsheet(path: string): Promise<string[][]> {
  const [first] = await readWorkbook(path);
  return first?.rows ?? [];
}

/** Every visible sheet of a workbook, in order; a CSV is one sheet named after the file. */
export async function readWorkbook(path: string): Promise<SheetRows[]> {
  const format = formatOf(path);
  // Measured before it is read: a file too large is never held in memory.
  const { size } = await stat(path);
  if (size > MAX_FILE_BYTES) {
    throw new ValidationError([
      { field: 'file', reason: `is ${size} bytes; the limit is ${MAX_FILE_BYTES}` },
    ]);
  }
  const bytes = await readFile(path);
  return parseWorkbook(bytes, format, basename(path, extname(path)));
}

/** For bytes that arrive without a file (an upload): the same limits, checked before parsing. */
export async function parseWorkbook(
  bytes: Buffer,
  format: SpreadsheetFormat,
  csvSheetName = 'Sheet1',
): Promise<SheetRows[]> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ValidationError([
      { field: 'file', reason: `is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES}` },
    ]);
  }
  return format === 'csv' ? [{ name: csvSheetName, rows: await parseCsv(bytes) }] : parseXlsxSheets(bytes);
}

/** A CSV is read this many bytes at a time, the event loop served between chunks. */
const CSV_CHUNK_BYTES = 64 * 1024;
/** One field or line longer than this is not a plan's: csv-parse gives up rather than buffer it. */
const MAX_CSV_RECORD_CHARS = 1024 * 1024;

/**
 * Rows of a CSV, parsed as a stream: given up at MAX_SHEET_ROWS rows (blank ones count) or
 * MAX_SHEET_CELLS cells, so a file of blank lines or commas costs no more than one at the limit.
 */
export async function parseCsv(bytes: Buffer): Promise<string[][]> {
  const rows: string[][] = [];
  let cells = 0;
  let failure: Error | undefined;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  const fail = (error: Error) => {
    failure ??= error;
    parser.destroy();
  };
  parser.on('data', (record: string[]) => {
    if (failure) return;
    if (rows.length >= MAX_SHEET_ROWS) {
      fail(
        tooMuch(
          `has more than ${MAX_SHEET_ROWS} rows; a plan may have at most ${MAX_SHEET_ROWS}. Delete the rows below the plan and save again`,
        ),
      );
      return;
    }
    cells += record.length;
    if (cells > MAX_SHEET_CELLS) {
      fail(
        tooMuch(
          `has more than ${MAX_SHEET_CELLS} cells; a plan may have at most ${MAX_SHEET_CELLS}. Delete the cells beyond the plan and save again`,
        ),
      );
      return;
    }
    rows.push(record.map(restoreNeutralisedCell));
  });
  const finished = new Promise<void>((resolve) => {
    parser.on('error', (error) => {
      const reason = error instanceof Error ? error.message : String(error);
      fail(new ValidationError([{ field: 'file', reason: `is not valid CSV: ${reason}` }]));
      resolve();
    });
    parser.on('end', () => resolve());
    parser.on('close', () => resolve());
  });
  for (let at = 0; at < bytes.length && !failure; at += CSV_CHUNK_BYTES) {
    parser.write(bytes.subarray(at, at + CSV_CHUNK_BYTES));
    await nextTurn();
  }
  if (!failure) parser.end();
  await finished;
  if (failure) throw failure;
  return rows;
}

function tooMuch(reason: string): ValidationError {
  return new ValidationError([{ field: 'file', reason }]);
}

/** The first sheet's rows. */
export async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const [first] = await parseXlsxSheets(bytes);
  return first?.rows ?? [];
}

/** Every visible worksheet; hidden ones hold lookups and lists, not the plan. */
export async function parseXlsxSheets(bytes: Buffer): Promise<SheetRows[]> {
  // ExcelJS unpacks every part it is given: it is given only the parts that passed the limits.
  const vetted = storedZip(checkXlsxLimits(bytes));
  // Loaded only now (a second on a busy machine), so a file refused above never waits for it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(vetted as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError([{ field: 'file', reason: 'is not a readable .xlsx workbook' }]);
  }
  const sheets = workbook.worksheets.filter(
    (sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden',
  );
  if (sheets.length === 0) throw new ValidationError([{ field: 'file', reason: 'has no worksheets' }]);
  return sheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  // Worked out once: ExcelJS computes columnCount afresh on every call, over every row.
  const width = Math.min(sheet.columnCount, MAX_SHEET_COLUMNS);
  const height = Math.min(sheet.rowCount, MAX_SHEET_ROWS);
  const rows: string[][] = [];
  for (let rowNumber = 1; rowNumber <= height; rowNumber++) {
    // findRow, unlike getRow, creates nothing for a row the sheet does not have.
    const row = sheet.findRow(rowNumber);
    if (!row) {
      rows.push([]);
      continue;
    }
    const cells: string[] = new Array(width).fill('');
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column <= width) cells[column - 1] = restoreNeutralisedCell(cellText(cell.value));
    });
    rows.push(cells);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Excel stores a date cell as a day count; ExcelJS hands it over as midnight UTC of that day. */
function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Undoes the apostrophe our export puts before formula-like text, so a round trip is lossless. */
function restoreNeutralisedCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
