/**
 * A spreadsheet is untrusted input: a small file must not be able to take the process's time or memory.
 * Each hostile file is built here and refused with a clear reason well under a second.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../src/domain/errors';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { hostileXlsx, inlineCell, sheetXml } from './hostile-xlsx';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));

/**
 * Before the fix these files took 45 s or more (or never finished). Alone they are refused in well under
 * a second (70–750 ms measured here); the bound is wider so a loaded CI machine cannot fail it, while a
 * parser that builds the sheet again would still blow through it.
 */
const REFUSED_WITHIN_MS = 5000;

async function refusal(bytes: Buffer): Promise<{ reason: string; ms: number; size: number }> {
  const path = join(dir, `hostile-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, bytes);
  const started = performance.now();
  try {
    await readSpreadsheet(path);
  } catch (error) {
    const ms = performance.now() - started;
    if (!(error instanceof ValidationError)) throw error;
    return { reason: error.issues.map((i) => `${i.field}: ${i.reason}`).join('; '), ms, size: bytes.length };
  }
  throw new Error('the hostile file was read');
}

const header = `<row r="1">${inlineCell('A1', 'area_id')}${inlineCell('B1', 'area')}</row>`;

describe('hostile spreadsheets', () => {
  test('when a tiny file has a cell at XFD1048576, then it is refused at once, naming the column', async () => {
    const sheet = sheetXml(
      `${header}<row r="1048576">${inlineCell('XFD1048576', 'x')}</row>`,
      'A1:XFD1048576',
    );
    const { reason, ms, size } = await refusal(await hostileXlsx(sheet));
    expect(size).toBeLessThan(8_000);
    expect(reason).toBe(
      'file: the first sheet reaches column XFD (16384 columns); a plan sheet may use at most 100 columns. Delete the cells beyond the plan and save again',
    );
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  }, 120_000);

  test('when a cell sits at row 1048576, then it is refused at once, naming the row', async () => {
    const sheet = sheetXml(`${header}<row r="1048576">${inlineCell('A1048576', 'x')}</row>`);
    const { reason, ms } = await refusal(await hostileXlsx(sheet));
    expect(reason).toBe(
      'file: the first sheet reaches row 1048576; a plan sheet may have at most 25000 rows. Delete the rows below the plan and save again',
    );
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  }, 120_000);

  test('when a small file unpacks to more than the limit, then it is refused from its directory without unpacking', async () => {
    // 80 MB of whitespace between rows is valid XML and packs into a few tens of KB.
    const sheet = sheetXml(`${header}${' '.repeat(80 * 1024 * 1024)}`);
    const { reason, ms, size } = await refusal(await hostileXlsx(sheet));
    expect(size).toBeLessThan(200_000);
    expect(reason).toBe('file: unpacks to 80 MB; the limit is 50 MB');
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  }, 120_000);

  test('when the zip understates what the sheet unpacks to, then it is refused without unpacking it all', async () => {
    const sheet = sheetXml(`${header}${' '.repeat(80 * 1024 * 1024)}`);
    const { reason, ms } = await refusal(await hostileXlsx(sheet, { claimedSize: 4096 }));
    expect(reason).toBe(
      'file: is damaged: xl/worksheets/sheet1.xml unpacks to more than its zip entry says (is it a real .xlsx?)',
    );
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  }, 120_000);

  test('when a sheet has more cells than a plan could, then it is refused before loading', async () => {
    const rows: string[] = [header];
    for (let row = 2; row <= 20_001; row++) {
      const cells: string[] = [];
      for (const column of [
        'A',
        'B',
        'C',
        'D',
        'E',
        'F',
        'G',
        'H',
        'I',
        'J',
        'K',
        'L',
        'M',
        'N',
        'O',
        'P',
        'Q',
        'R',
        'S',
        'T',
        'U',
        'V',
        'W',
        'X',
        'Y',
        'Z',
      ])
        cells.push(`<c r="${column}${row}"/>`);
      rows.push(`<row r="${row}">${cells.join('')}</row>`);
    }
    const { reason, ms } = await refusal(await hostileXlsx(sheetXml(rows.join(''))));
    expect(reason).toBe(
      'file: the first sheet has more than 500000 cells; a plan sheet may have at most 500000. Delete the cells beyond the plan and save again',
    );
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  }, 120_000);

  test('when a sheet is within every limit, then it is still read', async () => {
    const sheet = sheetXml(`${header}<row r="3">${inlineCell('CV3', 'far but allowed')}</row>`);
    const path = join(dir, 'fine.xlsx');
    writeFileSync(path, await hostileXlsx(sheet));
    const rows = await readSpreadsheet(path);
    expect(rows[0]!.slice(0, 2)).toEqual(['area_id', 'area']);
    expect(rows[2]![99]).toBe('far but allowed');
    expect(rows[2]!.length).toBe(100);
  });
});
