/**
 * Checks an .xlsx before ExcelJS loads it. An .xlsx is a zip of XML, and ExcelJS unpacks all of it and
 * builds every cell in memory: a 42 KB file could grow to hundreds of MB, and one cell at XFD1048576 made
 * the reader walk sixteen thousand columns. So the zip's central directory is read by hand first (what each
 * part says it unpacks to), each part is unpacked with that size as a hard ceiling (a zip that understates
 * is refused, not believed), and the worksheets' cell references are counted: size, rows, columns and
 * cells all have limits a real plan stays far below.
 *
 * The zip is read by zip-parts.ts, which refuses a file whose end record, directory and local headers
 * disagree or whose part names are not canonical; every part is then unpacked and checked here, and only
 * those parts (rebuilt into a fresh zip) reach ExcelJS, so nothing hidden in the upload is unpacked by it.
 */
import { inflateRawSync } from 'node:zlib';
import { ValidationError } from '../domain/errors';
import { readZipParts, type ZipPart } from './zip-parts';

/** Everything inside the zip, unpacked. A 20,000-action plan is about 15 MB of XML. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** The plan's columns are a dozen or so; people keep a few of their own beside them. */
export const MAX_SHEET_COLUMNS = 100;
/** The import takes up to 20,000 actions; blank rows between them are allowed for. */
export const MAX_SHEET_ROWS = 25_000;
/** 20,000 rows of 25 cells: far beyond a plan, well within memory. */
export const MAX_SHEET_CELLS = 500_000;

const MB = 1024 * 1024;

function refuse(reason: string): never {
  throw new ValidationError([{ field: 'file', reason }]);
}

const damaged = (): never => refuse('is not a readable .xlsx workbook');

/** One part's bytes, never more than the directory says: zlib stops at the ceiling. */
function unpack(bytes: Buffer, entry: ZipPart): Buffer {
  const packed = bytes.subarray(entry.dataStart, entry.dataStart + entry.packedSize);
  if (entry.method === 0) {
    if (packed.length !== entry.size) damaged();
    return packed;
  }
  if (entry.method !== 8) damaged();
  try {
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      refuse(
        `is damaged: ${entry.name.slice(0, 100)} unpacks to more than its zip entry says (is it a real .xlsx?)`,
      );
    }
    return damaged();
  }
}

/** "XFD" → 16384. */
function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

/**
 * Rows, columns and cells a worksheet's XML names, without building any of them. Counting stops just past
 * the cell limit, so a sheet of millions of cells costs no more than one at the limit.
 */
function measureSheet(xml: string): { rows: number; columns: number; cells: number } {
  let rows = 0;
  let columns = 0;
  let cells = 0;
  const first = /r="([A-Z]{1,4})(\d{1,8})"/y;
  const anywhere = /\sr="([A-Z]{1,4})(\d{1,8})"/;
  for (let at = xml.indexOf('<c', 0); at >= 0 && cells <= MAX_SHEET_CELLS; at = xml.indexOf('<c', at + 2)) {
    const next = xml.charCodeAt(at + 2);
    // "<c " or "<c>" or "<c/>" is a cell; "<col", "<cfRule" and the like are not.
    if (next !== 32 && next !== 62 && next !== 47) continue;
    cells++;
    // Excel writes r first; anything else is looked for within the tag.
    first.lastIndex = at + 3;
    let ref = first.exec(xml);
    if (!ref) {
      const close = xml.indexOf('>', at);
      ref = anywhere.exec(xml.slice(at + 2, close < 0 ? undefined : close));
    }
    if (ref) {
      columns = Math.max(columns, columnNumber(ref[1]!));
      rows = Math.max(rows, Number(ref[2]));
    }
  }
  for (const match of xml.matchAll(/<row\b[^>]*?\br="(\d{1,8})"/g)) rows = Math.max(rows, Number(match[1]));
  return { rows, columns, cells };
}

/** A part's name, and its bytes unpacked: what ExcelJS may be given. */
export interface VettedPart {
  name: string;
  data: Buffer;
}

/**
 * Names ExcelJS would read as a worksheet (its match is not anchored) or that look like one: each is
 * measured, so no spelling of a sheet escapes the row, column and cell limits.
 */
const SHEET_NAME = /^xl\/worksheets\/[^/]+\.xml$|xl\/worksheets\/sheet\d+[.]xml/;

/**
 * Throws a ValidationError saying which limit a workbook exceeds; returns the vetted parts (every part of
 * the zip, unpacked within its limits, folders left out) when ExcelJS may load them.
 */
export function checkXlsxLimits(bytes: Buffer): VettedPart[] {
  const entries = readZipParts(bytes);
  const claimed = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (claimed > MAX_UNPACKED_BYTES) {
    refuse(`unpacks to ${Math.floor(claimed / MB)} MB; the limit is ${MAX_UNPACKED_BYTES / MB} MB`);
  }
  const vetted: VettedPart[] = [];
  for (const entry of entries) {
    if (entry.folder) continue;
    const part = unpack(bytes, entry);
    vetted.push({ name: entry.name, data: part });
    if (!SHEET_NAME.test(entry.name)) continue;
    const sheet = measureSheet(part.toString('utf8'));
    const which =
      entry.name === 'xl/worksheets/sheet1.xml' ? 'the first sheet' : `sheet ${entry.name.slice(14, 60)}`;
    if (sheet.columns > MAX_SHEET_COLUMNS) {
      refuse(
        `${which} reaches column ${columnName(sheet.columns)} (${sheet.columns} columns); a plan sheet may use at most ${MAX_SHEET_COLUMNS} columns. Delete the cells beyond the plan and save again`,
      );
    }
    if (sheet.rows > MAX_SHEET_ROWS) {
      refuse(
        `${which} reaches row ${sheet.rows}; a plan sheet may have at most ${MAX_SHEET_ROWS} rows. Delete the rows below the plan and save again`,
      );
    }
    if (sheet.cells > MAX_SHEET_CELLS) {
      refuse(
        `${which} has more than ${MAX_SHEET_CELLS} cells; a plan sheet may have at most ${MAX_SHEET_CELLS}. Delete the cells beyond the plan and save again`,
      );
    }
  }
  return vetted;
}

/** 16384 → "XFD". */
function columnName(number: number): string {
  let name = '';
  for (let n = number; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
