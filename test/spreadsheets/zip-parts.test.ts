/**
 * The issue's crafted workbooks (issue 23, item 1) and CSV of blank lines (item 2), refused by the reader
 * itself with a reason that says what is wrong, before ExcelJS or the import sees any of it.
 */
import { ValidationError } from '../../src/domain/errors';
import { parseWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { checkXlsxLimits } from '../../src/spreadsheets/xlsx-limits';
import { inlineCell, sheetXml } from './hostile-xlsx';
import { bigSheet, lyingZip, workbookEntries, workbookWithHiddenParts } from './lying-zip';

async function reasonFor(bytes: Buffer, format: 'csv' | 'xlsx' = 'xlsx'): Promise<string> {
  try {
    await parseWorkbook(bytes, format);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
  }
  throw new Error('the hostile file was read');
}

const SHEET = 'xl/worksheets/sheet1.xml';

describe('zip parts of an uploaded workbook', () => {
  test('when the end record claims fewer entries than the directory lists, then the file is refused', async () => {
    const bytes = await workbookWithHiddenParts(60, 'short-record');
    expect(bytes.length).toBeLessThan(2_000_000);
    const listed = (await workbookEntries()).length;
    expect(await reasonFor(bytes)).toBe(
      `file: is damaged: its zip directory lists ${listed + 4} parts but its end record says ${listed} (is it a real .xlsx?)`,
    );
  }, 60_000);

  test('when parts sit in the file that the directory does not list, then the file is refused', async () => {
    const bytes = await workbookWithHiddenParts(60, 'unlisted');
    expect(await reasonFor(bytes)).toBe(
      'file: is damaged: it holds parts its zip directory does not list (is it a real .xlsx?)',
    );
  }, 60_000);

  test.each([
    ['/xl/worksheets/sheet1.xml'],
    ['x/xl/worksheets/sheet1.xml'],
    ['xl/xl/worksheets/sheet1.xml'],
    ['xl/worksheets/../worksheets/sheet1.xml'],
    ['xl\\worksheets\\sheet1.xml'],
  ])(
    'when a part is named %s, then the file is refused before ExcelJS could take it for a sheet',
    async (name) => {
      const entries = (await workbookEntries()).filter((e) => e.name !== SHEET);
      // 1.6 M cells: what cost 6–8 s and 870 MB when ExcelJS was handed it.
      const bytes = lyingZip([...entries, { name, data: bigSheet(1_600_000) }]);
      expect(await reasonFor(bytes)).toBe(
        `file: is damaged: the part name ${JSON.stringify(name)} is not one a spreadsheet program writes (is it a real .xlsx?)`,
      );
    },
    60_000,
  );

  test('when a part name appears twice, then the file is refused', async () => {
    const entries = await workbookEntries();
    const sheet = sheetXml(`<row r="1">${inlineCell('A1', 'area_id')}</row>`);
    const bytes = lyingZip([...entries, { name: SHEET, data: sheet }]);
    expect(await reasonFor(bytes)).toBe(
      `file: is damaged: the part ${SHEET} appears twice (is it a real .xlsx?)`,
    );
  });

  test('when a sheet named only like a worksheet holds too many cells, then its cells are counted too', async () => {
    const entries = await workbookEntries();
    const bytes = lyingZip([...entries, { name: 'xl/worksheets/sheet2.xml.bak', data: bigSheet(600_000) }]);
    expect(await reasonFor(bytes)).toContain('sheet sheet2.xml.bak reaches row 30000');
  }, 60_000);

  test('when a workbook is honest, then the vetted parts are every part, in order', async () => {
    const entries = await workbookEntries();
    const parts = checkXlsxLimits(lyingZip(entries));
    expect(parts.map((p) => p.name)).toEqual(entries.map((e) => e.name));
    expect(parts.map((p) => p.data.length)).toEqual(entries.map((e) => e.data.length));
  });
});

describe('an uploaded CSV', () => {
  test('when it is 5 MB of blank lines, then it is refused at the row limit without reading it all', async () => {
    const started = performance.now();
    const reason = await reasonFor(Buffer.alloc(5 * 1024 * 1024, '\n'), 'csv');
    expect(reason).toBe(
      'file: has more than 25000 rows; a plan may have at most 25000. Delete the rows below the plan and save again',
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('when one line holds more cells than any plan, then it is refused', async () => {
    const reason = await reasonFor(Buffer.from(`${','.repeat(600_000)}\n`), 'csv');
    expect(reason).toBe(
      'file: has more than 500000 cells; a plan may have at most 500000. Delete the cells beyond the plan and save again',
    );
  });

  test('when it is a plan, then it is read as before', async () => {
    const rows = await (await import('../../src/spreadsheets/read-spreadsheet')).parseCsv(
      Buffer.from('\uFEFFarea_id,area\r\n1,"Strategy, meetings"\r\n\r\n2,\'=SUM(A1)\r\n'),
    );
    expect(rows).toEqual([['area_id', 'area'], ['1', 'Strategy, meetings'], [''], ['2', '=SUM(A1)']]);
  });
});
