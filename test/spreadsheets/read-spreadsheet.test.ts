import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ValidationError } from '../../src/domain/errors';
import { readPlanRows } from '../../src/domain/plan-import';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';

const dir = mkdtempSync(join(tmpdir(), 'sheets-'));

async function councilWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  sheet.addRow([
    'AFI',
    'Area for improvement',
    'Ref',
    'Action',
    'Lead Agency',
    'Lead officer',
    'Email',
    'Start',
    'Target date',
    'RAG',
    'Measure of success',
  ]);
  sheet.addRow([
    'A1',
    'Strategy meetings',
    '1.1',
    'Review attendance',
    'Police',
    'DI Smith',
    'DI.Smith@Example.org',
    new Date(Date.UTC(2024, 8, 1)),
    new Date(Date.UTC(2024, 11, 31)),
    'Amber',
    'Attendance above 90%',
  ]);
  sheet.addRow([
    'A1',
    'Strategy meetings',
    '1.2',
    { richText: [{ text: 'Audit ' }, { text: 'records' }] },
    'Health',
    'Named Nurse',
    'nurse@example.org',
    '01/10/2024',
    '31 Mar 2025',
    'G',
    '',
  ]);
  sheet.addRow([]);
  sheet.addRow([]);
  const path = join(dir, 'council.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('reading spreadsheets', () => {
  test('when an Excel file uses its own headers and date cells, then it maps and reads them day-first', async () => {
    const rows = await readSpreadsheet(await councilWorkbook());
    const plan = readPlanRows(rows, 'quadrant');
    expect(plan.mapping.map((m) => `${m.header} → ${m.column}`)).toEqual([
      'AFI → area_id',
      'Area for improvement → area',
      'Ref → action_id',
      'Action → action',
      'Lead Agency → lead_agency',
      'Lead officer → owner_name',
      'Email → owner_email',
      'Start → start_date',
      'Target date → due_date',
      'RAG → rating',
      'Measure of success → success_measure',
    ]);
    expect(plan.actions).toHaveLength(2);
    expect(plan.actions[0]).toMatchObject({
      startDate: '2024-09-01',
      baselineDueDate: '2024-12-31',
      rating: 'amber',
      owners: [{ name: 'DI Smith', email: 'di.smith@example.org' }],
    });
    expect(plan.actions[1]).toMatchObject({
      description: 'Audit records',
      startDate: '2024-10-01',
      baselineDueDate: '2025-03-31',
      rating: 'green',
    });
  });

  test('when a CSV has a byte-order mark and CRLF line ends, then the first header is still read', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\uFEFFarea_id,area\r\nA1,"Text, with comma"\r\n');
    expect(await readSpreadsheet(path)).toEqual([
      ['area_id', 'area'],
      ['A1', 'Text, with comma'],
    ]);
  });

  test('when a file is not a spreadsheet, then the reason is clear', async () => {
    const notXlsx = join(dir, 'fake.xlsx');
    writeFileSync(notXlsx, 'this is not a zip');
    await expect(readSpreadsheet(notXlsx)).rejects.toThrow('file: is not a readable .xlsx workbook');
    await expect(readSpreadsheet(join(dir, 'plan.pdf'))).rejects.toThrow(
      'file: ".pdf" is not a .csv or .xlsx file',
    );
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'a,b\n"unterminated,1\n');
    await expect(readSpreadsheet(broken)).rejects.toBeInstanceOf(ValidationError);
  });
});
