/**
 * The parts of an uploaded .xlsx, read from the zip by hand and checked three ways before anything is
 * unpacked: the end record, the central directory and the local headers must all tell the same story.
 * A reader that trusted only the end record's count could be shown sixteen parts while JSZip (inside
 * ExcelJS) went on to unpack twenty; so the directory is walked until its signatures stop and the local
 * headers from the first byte until theirs stop, and any disagreement refuses the file. Part names must
 * be ones a spreadsheet program writes: ExcelJS strips a leading '/' and matches worksheet names anywhere
 * in a name ('x/xl/worksheets/sheet1.xml'), so anything but the canonical spelling could smuggle in a
 * sheet no limit was checked on.
 */
import { crc32 } from 'node:zlib';
import { ValidationError } from '../domain/errors';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
/** General purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor after the data. */
const ENCRYPTED = 0x0001;
const SIZES_AFTER_DATA = 0x0008;

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  packedSize: number;
  /** What the directory says it unpacks to: a ceiling, never believed beyond. */
  size: number;
  crc: number;
  /** Where its packed bytes start. */
  dataStart: number;
  /** A folder entry ("xl/"): no data, nothing for ExcelJS. */
  folder: boolean;
}

function refuse(reason: string): never {
  throw new ValidationError([{ field: 'file', reason }]);
}

const damaged = (why?: string): never =>
  refuse(why ? `is damaged: ${why} (is it a real .xlsx?)` : 'is not a readable .xlsx workbook');

/** Too large for any plan: Zip64 marks sizes and counts it cannot fit with all ones. */
const tooLarge = (): never => refuse('is larger than any plan workbook unpacked');

/**
 * The canonical spelling of a part name: relative, '/'-separated, no empty, '.' or '..' segment, no
 * control or backslash characters, and 'xl/' only as the first folder (ExcelJS matches it anywhere).
 */
export function isCanonicalPartName(name: string): boolean {
  if (name === '' || name.length > 255) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f\\:*?"<>|]/.test(name)) return false;
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return false;
  return name.indexOf('xl/', 1) < 0;
}

/** The end record: where the directory is and how many entries it says it holds. */
function endRecord(bytes: Buffer): { at: number; count: number; directorySize: number; directoryAt: number } {
  // 22 bytes plus a comment of up to 65,535; the last record found is the one readers use.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const disk = bytes.readUInt16LE(at + 4);
    const directoryDisk = bytes.readUInt16LE(at + 6);
    const onThisDisk = bytes.readUInt16LE(at + 8);
    const count = bytes.readUInt16LE(at + 10);
    const directorySize = bytes.readUInt32LE(at + 12);
    const directoryAt = bytes.readUInt32LE(at + 16);
    if (count === 0xffff || directoryAt === 0xffffffff || directorySize === 0xffffffff) tooLarge();
    if (disk !== 0 || directoryDisk !== 0 || onThisDisk !== count) damaged('it is split across disks');
    return { at, count, directorySize, directoryAt };
  }
  return damaged();
}

interface DirectoryEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packedSize: number;
  size: number;
  localOffset: number;
}

/** Every directory entry until the signatures stop; it must fill the directory exactly. */
function directoryEntries(bytes: Buffer, end: ReturnType<typeof endRecord>): DirectoryEntry[] {
  if (end.directoryAt + end.directorySize !== end.at)
    damaged('its zip directory is not where its end record says');
  const entries: DirectoryEntry[] = [];
  let at = end.directoryAt;
  while (at + 46 <= end.at && bytes.readUInt32LE(at) === DIRECTORY_ENTRY) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > end.at) damaged('its zip directory runs past its end');
    const entry: DirectoryEntry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      packedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    if (entry.packedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff)
      tooLarge();
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== end.count) {
    damaged(`its zip directory lists ${entries.length} parts but its end record says ${end.count}`);
  }
  if (at !== end.at) damaged('its zip directory does not end where its end record says');
  return entries;
}

/**
 * The local headers from the first byte, each where the directory says, until their signatures stop;
 * then the directory must begin. Returns where each entry's data starts.
 */
function walkLocalHeaders(
  bytes: Buffer,
  entries: DirectoryEntry[],
  directoryAt: number,
): Map<DirectoryEntry, number> {
  // Programs write the directory in the order of the parts; in file order whatever it is.
  const inFileOrder = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const starts = new Map<DirectoryEntry, number>();
  let at = 0;
  while (at + 30 <= bytes.length && bytes.readUInt32LE(at) === LOCAL_HEADER) {
    const entry = inFileOrder[starts.size];
    if (!entry || entry.localOffset !== at) return damaged('it holds parts its zip directory does not list');
    const flags = bytes.readUInt16LE(at + 6);
    const method = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 30, at + 30 + nameLength);
    if (name !== entry.name || method !== entry.method || (flags & ENCRYPTED) !== (entry.flags & ENCRYPTED)) {
      damaged(`its zip directory and the part ${JSON.stringify(name.slice(0, 100))} disagree`);
    }
    if ((flags & SIZES_AFTER_DATA) === 0) {
      const packed = bytes.readUInt32LE(at + 18);
      const size = bytes.readUInt32LE(at + 22);
      if (packed !== entry.packedSize || size !== entry.size) {
        damaged(`its zip directory and the part ${JSON.stringify(name.slice(0, 100))} disagree on its size`);
      }
    }
    const dataStart = at + 30 + nameLength + extraLength;
    let next = dataStart + entry.packedSize;
    if (next > directoryAt) damaged('a part runs into its zip directory');
    if (flags & SIZES_AFTER_DATA) {
      // The descriptor: an optional signature, then crc and both sizes (12 bytes).
      next += next + 4 <= directoryAt && bytes.readUInt32LE(next) === DATA_DESCRIPTOR ? 16 : 12;
    }
    starts.set(entry, dataStart);
    at = next;
  }
  if (starts.size !== entries.length) damaged('its zip directory lists parts the file does not hold');
  if (at !== directoryAt) damaged('it holds parts its zip directory does not list');
  return starts;
}

/** Every part of the zip, each vouched for by the end record, the directory and its local header. */
export function readZipParts(bytes: Buffer): ZipPart[] {
  if (bytes.length < 22) damaged();
  const end = endRecord(bytes);
  const entries = directoryEntries(bytes, end);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isCanonicalPartName(entry.name)) {
      damaged(
        `the part name ${JSON.stringify(entry.name.slice(0, 100))} is not one a spreadsheet program writes`,
      );
    }
    // Part names are compared without regard to case (Open Packaging Conventions).
    const key = entry.name.toLowerCase();
    if (seen.has(key)) damaged(`the part ${entry.name.slice(0, 100)} appears twice`);
    seen.add(key);
    if (entry.flags & ENCRYPTED) refuse('is protected with a password; save a copy without one');
    if (entry.method !== 0 && entry.method !== 8) damaged();
  }
  const starts = walkLocalHeaders(bytes, entries, end.directoryAt);
  return entries.map((entry) => ({
    name: entry.name,
    method: entry.method,
    packedSize: entry.packedSize,
    size: entry.size,
    crc: entry.crc,
    dataStart: starts.get(entry)!,
    folder: entry.name.endsWith('/'),
  }));
}

/**
 * A plain zip of stored (unpacked) parts: what ExcelJS is handed, so it sees exactly the parts that were
 * vetted and unpacked within their limits, and nothing else the upload carried.
 */
export function storedZip(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    // Bit 11: the name is UTF-8.
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, part.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const listing = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(listing.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, listing, end]);
}
