/**
 * Just enough PNG reading to check Teams app icons: the IHDR header (size, format) and, for
 * non-interlaced 8-bit images, the pixels as RGBA. No dependencies beyond node:zlib.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  pixels: Uint8Array;
}

interface Chunk {
  type: string;
  data: Buffer;
}

export class PngError extends Error {
  override readonly name = 'PngError';
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file');
  const found: Chunk[] = [];
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > png.length) throw new PngError(`truncated ${type} chunk`);
    found.push({ type, data: png.subarray(offset + 8, end) });
    offset = end + 4; // skip the CRC
    if (type === 'IEND') break;
  }
  return found;
}

/** Reads the IHDR chunk, which PNG requires to come first. */
export function readPngHeader(png: Buffer): PngHeader {
  const first = chunks(png)[0];
  if (first?.type !== 'IHDR' || first.data.length !== 13) throw new PngError('missing IHDR chunk');
  return {
    width: first.data.readUInt32BE(0),
    height: first.data.readUInt32BE(4),
    bitDepth: first.data[8] ?? 0,
    colourType: first.data[9] ?? 0,
    interlaced: first.data[12] === 1,
  };
}

/** Channels per pixel for each colour type: greyscale, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced, 8-bit PNG of any colour type to RGBA. Other layouts (16-bit, fewer
 * than 8 bits, Adam7) are refused with a PngError rather than guessed at.
 */
export function decodePng(png: Buffer): RgbaImage {
  const all = chunks(png);
  const header = readPngHeader(png);
  const { width, height, bitDepth, colourType, interlaced } = header;
  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new PngError(`unknown colour type ${colourType}`);
  if (bitDepth !== 8 || interlaced) {
    throw new PngError(`cannot read ${bitDepth}-bit${interlaced ? ' interlaced' : ''} PNGs; use 8-bit`);
  }
  const palette = all.find((c) => c.type === 'PLTE')?.data;
  const transparency = all.find((c) => c.type === 'tRNS')?.data;
  if (colourType === 3 && !palette) throw new PngError('palette image without a PLTE chunk');

  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new PngError('image data is shorter than its size');

  const samples = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (samples[out + i - channels] ?? 0) : 0;
      const b = y > 0 ? (samples[out - stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (samples[out - stride + i - channels] ?? 0) : 0;
      const x = row[i] ?? 0;
      let value: number;
      switch (filter) {
        case 0:
          value = x;
          break;
        case 1:
          value = x + a;
          break;
        case 2:
          value = x + b;
          break;
        case 3:
          value = x + ((a + b) >> 1);
          break;
        case 4:
          value = x + paeth(a, b, c);
          break;
        default:
          throw new PngError(`unknown filter type ${filter} on row ${y}`);
      }
      samples[out + i] = value & 0xff;
    }
  }

  const pixels = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const v0 = samples[s] ?? 0;
    let rgba: [number, number, number, number];
    switch (colourType) {
      case 0:
        rgba = [v0, v0, v0, transparency && transparency.readUInt16BE(0) === v0 ? 0 : 255];
        break;
      case 2: {
        const rgb: [number, number, number] = [v0, samples[s + 1] ?? 0, samples[s + 2] ?? 0];
        const clear =
          transparency !== undefined &&
          transparency.length >= 6 &&
          rgb.every((value, i) => transparency.readUInt16BE(i * 2) === value);
        rgba = [...rgb, clear ? 0 : 255];
        break;
      }
      case 3: {
        const entry = palette ?? Buffer.alloc(0);
        rgba = [
          entry[v0 * 3] ?? 0,
          entry[v0 * 3 + 1] ?? 0,
          entry[v0 * 3 + 2] ?? 0,
          transparency?.[v0] ?? 255,
        ];
        break;
      }
      case 4:
        rgba = [v0, v0, v0, samples[s + 1] ?? 0];
        break;
      default:
        rgba = [v0, samples[s + 1] ?? 0, samples[s + 2] ?? 0, samples[s + 3] ?? 0];
    }
    pixels.set(rgba, p * 4);
  }
  return { width, height, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
