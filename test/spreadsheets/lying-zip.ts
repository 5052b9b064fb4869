/**
 * Zips that lie, built record by record (the reproductions): an end record that claims fewer
 * entries than the directory lists, parts the directory does not list at all, part names ExcelJS would
 * take for a worksheet though they are not the canonical one, and names that appear twice.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { workbookParts } from './hostile-xlsx';

export interface LyingEntry {
  name: string;
  data: Buffer;
  /** false: written as a local part but left out of the central directory (hidden). */
  listed?: boolean;
}

/** A zip of `entries`; `claimedCount` is what the end record says the directory holds. */
export function lyingZip(entries: LyingEntry[], options: { claimedCount?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data, { level: 6 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    if (entry.listed !== false) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(crc, 16);
      central.writeUInt32LE(packed.length, 20);
      central.writeUInt32LE(entry.data.length, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
      listed++;
    }
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const count = options.claimedCount ?? listed;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-sheet workbook's parts as ExcelJS writes them, in order. */
export async function workbookEntries(): Promise<LyingEntry[]> {
  return [...(await workbookParts())].map(([name, data]) => ({ name, data }));
}

/** A worksheet of `cells` cells (about 20 bytes each unpacked), for a part that must cost to build. */
export function bigSheet(cells: number): Buffer {
  const rows: string[] = [];
  const perRow = 20;
  for (let row = 1; row * perRow <= cells; row++) {
    let line = `<row r="${row}">`;
    for (let column = 0; column < perRow; column++)
      line += `<c r="${String.fromCharCode(65 + column)}${row}"><v>1</v></c>`;
    rows.push(`${line}</row>`);
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  );
}

/**
 * The file: a real workbook, then four hidden parts of `hiddenMb` MB each (ExcelJS would unpack
 * them all), the directory listing every part but the end record claiming four fewer.
 */
export async function workbookWithHiddenParts(
  hiddenMb: number,
  how: 'short-record' | 'unlisted',
): Promise<Buffer> {
  const entries = await workbookEntries();
  const filler = Buffer.alloc(hiddenMb * 1024 * 1024, 0x20);
  const hidden = [1, 2, 3, 4].map((n) => ({
    name: `xl/media/hidden${n}.xml`,
    data: filler,
    listed: how !== 'unlisted',
  }));
  const all = [...entries, ...hidden];
  return lyingZip(all, how === 'short-record' ? { claimedCount: entries.length } : {});
}
