/**
 * Reads the Teams app icons for the manifest checks: size and pixels as RGBA, through pngjs (every
 * bit depth, colour type and interlacing PNG allows, checksums checked). Its errors become a PngError
 * whose message finishes the sentence "… cannot be read as a PNG: <reason>".
 */
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row; 16-bit images scaled to 8 bits. */
  pixels: Uint8Array;
}

export class PngError extends Error {
  override readonly name = 'PngError';
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** pngjs's wording where a plainer one helps the person fixing the icon. */
const REASONS: Record<string, string> = {
  'There are some read requests waitng on finished stream': 'the file ends too soon',
  'Unexpected end of input': 'the file ends too soon',
};

export function decodePng(png: Buffer): RgbaImage {
  // Checked here because pngjs, given a file shorter than the signature, only says its stream ran dry.
  if (!png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new PngError('not a PNG file');
  try {
    const { width, height, data } = PNG.sync.read(png);
    return { width, height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PngError(REASONS[message] ?? message);
  }
}
