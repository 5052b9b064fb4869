/**
 * Builds hostile .xlsx files in the test: a real workbook written by ExcelJS, its first sheet's XML
 * replaced, zipped again by hand (node's zlib) so a test can also make a zip whose central directory
 * understates what an entry unpacks to.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface HostileEntry {
  name: string;
  data: Buffer;
  /** What the zip says the entry unpacks to; default the truth. */
  claimedSize?: number;
}

/** The parts of a one-sheet workbook ExcelJS wrote, by name. */
export async function workbookParts(): Promise<Map<string, Buffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Action plan').addRow(['area_id', 'area', 'action_id']);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const parts = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir) parts.set(name, await file.async('nodebuffer'));
  }
  return parts;
}

const SHEET = 'xl/worksheets/sheet1.xml';

/** A worksheet whose <sheetData> is `rows` (XML), everything else as ExcelJS writes it. */
export function sheetXml(rows: string, dimension = 'A1'): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`,
  );
}

export function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** The workbook with its first sheet replaced; `claimedSize` lets the zip lie about the sheet. */
export async function hostileXlsx(sheet: Buffer, options: { claimedSize?: number } = {}): Promise<Buffer> {
  const parts = await workbookParts();
  parts.set(SHEET, sheet);
  return zip(
    [...parts].map(([name, data]) => ({
      name,
      data,
      ...(name === SHEET && options.claimedSize !== undefined ? { claimedSize: options.claimedSize } : {}),
    })),
  );
}

/** A plain zip (deflate, no data descriptors, no zip64), as Excel writes. */
export function zip(entries: HostileEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data, { level: 9 });
    const size = entry.claimedSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
