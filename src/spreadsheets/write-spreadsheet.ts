import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../domain/plan-export';
import type { SpreadsheetFormat } from './read-spreadsheet';

const BOM = '\uFEFF';

/** UTF-8 with a BOM, so Excel opens names with accents correctly; formula-like cells are neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return (
    BOM +
    stringify(
      rows.map((row) => row.map(neutraliseFormula)),
      { record_delimiter: '\r\n' },
    )
  );
}

export async function toXlsx(
  rows: readonly (readonly string[])[],
  sheetName: string,
  /** Further sheets after the first (the plan's Measures sheet). */
  more: readonly { name: string; rows: readonly (readonly string[])[] }[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of [{ name: sheetName, rows }, ...more]) addSheet(workbook, sheet.name, sheet.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, sheetName: string, rows: readonly (readonly string[])[]): void {
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  for (const row of rows) sheet.addRow(row.map(neutraliseFormula));
  const header = rows[0] ?? [];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (header.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length, column: header.length } };
  header.forEach((_, i) => {
    sheet.getColumn(i + 1).width = Math.min(
      60,
      Math.max(12, ...rows.slice(0, 200).map((r) => (r[i] ?? '').length / 1.5)),
    );
  });
}

export async function writeSpreadsheet(
  path: string,
  format: SpreadsheetFormat,
  rows: readonly (readonly string[])[],
  sheetName: string,
  more: readonly { name: string; rows: readonly (readonly string[])[] }[] = [],
): Promise<void> {
  const contents = format === 'csv' ? toCsv(rows) : await toXlsx(rows, sheetName, more);
  await writeFile(path, contents);
}
