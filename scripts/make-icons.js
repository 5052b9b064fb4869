#!/usr/bin/env node
/**
 * Draws the Teams app icons into manifest/: color.png (192×192, full colour) and outline.png
 * (32×32, white on transparent, as Teams requires). No dependencies: shapes are signed-distance
 * functions sampled 4×4 per pixel for smooth edges, and the PNG is written by hand with zlib.
 *
 *   node scripts/make-icons.js            writes manifest/color.png and manifest/outline.png
 *   node scripts/make-icons.js <dir>      writes them into <dir> instead
 *
 * The output is deterministic, so re-running it leaves the committed files unchanged.
 */

const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { deflateSync } = require('node:zlib');

// ---------------------------------------------------------------------------------------------
// PNG encoder: 8-bit RGBA (colour type 6), no interlace, filter type 0 (None) on every row.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** @param {number} width @param {number} height @param {Uint8Array} rgba width*height*4 bytes */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Shapes as signed distance functions: negative inside, positive outside, in pixels.

function roundedRect(x0, y0, x1, y1, radius) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - radius;
  const hy = (y1 - y0) / 2 - radius;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx;
    const dy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
    return outside + Math.min(Math.max(dx, dy), 0) - radius;
  };
}

/** A stroked polyline with round caps and joins. */
function stroke(points, width) {
  const half = width / 2;
  return (x, y) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const vx = bx - ax;
      const vy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
      best = Math.min(best, Math.hypot(x - (ax + t * vx), y - (ay + t * vy)));
    }
    return best - half;
  };
}

function union(...shapes) {
  return (x, y) => {
    let best = Number.POSITIVE_INFINITY;
    for (const shape of shapes) best = Math.min(best, shape(x, y));
    return best;
  };
}

const SAMPLES = 4;

/** Fraction (0..1) of the pixel at (px, py) covered by the shape, by SAMPLES×SAMPLES supersampling. */
function coverage(shape, px, py) {
  // Shapes are distance functions, so a pixel whose centre is more than half a diagonal from the
  // edge is wholly inside or outside and needs no sampling.
  const centre = shape(px + 0.5, py + 0.5);
  if (centre <= -0.75) return 1;
  if (centre >= 0.75) return 0;
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES) <= 0) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

// ---------------------------------------------------------------------------------------------
// The motif, drawn on a 0..1 unit square: three list lines with a tick over the last one. `zoom`
// scales it about the centre: the 32-pixel outline needs it larger to stay legible.

function motif(size, lineWidth, tickWidth, zoom = 1) {
  const s = (v) => (0.5 + (v - 0.5) * zoom) * size;
  const line = (y, x1) =>
    stroke(
      [
        [s(0.28), s(y)],
        [s(x1), s(y)],
      ],
      lineWidth,
    );
  return union(
    line(0.34, 0.72),
    line(0.48, 0.72),
    line(0.62, 0.44),
    stroke(
      [
        [s(0.52), s(0.64)],
        [s(0.6), s(0.72)],
        [s(0.76), s(0.53)],
      ],
      tickWidth,
    ),
  );
}

const TEAL = [0x0b, 0x8a, 0x8f];
const BLUE = [0x1b, 0x5f, 0xa8];

function drawColor(size) {
  const rgba = new Uint8Array(size * size * 4);
  const background = roundedRect(0, 0, size, size, size * 0.2);
  const symbol = motif(size, size * 0.06, size * 0.085);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bg = coverage(background, x, y);
      const fg = coverage(symbol, x, y);
      // Diagonal gradient from teal (top left) to blue (bottom right).
      const t = (x + y) / (2 * (size - 1));
      const base = TEAL.map((c, i) => c + (BLUE[i] - c) * t);
      const colour = base.map((c) => Math.round(c + (255 - c) * fg));
      const offset = (y * size + x) * 4;
      rgba.set([...colour, Math.round(255 * bg)], offset);
    }
  }
  return encodePng(size, size, rgba);
}

/** White only; anti-aliasing lives in the alpha channel so every pixel is white or transparent. */
function drawOutline(size) {
  const rgba = new Uint8Array(size * size * 4);
  const symbol = motif(size, 2.5, 3.25, 1.55);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(255 * coverage(symbol, x, y));
      rgba.set(alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = resolve(process.argv[2] ?? join(__dirname, '..', 'manifest'));
  mkdirSync(outDir, { recursive: true });
  const files = [
    ['color.png', drawColor(192)],
    ['outline.png', drawOutline(32)],
  ];
  for (const [name, png] of files) {
    const path = join(outDir, name);
    writeFileSync(path, png);
    process.stdout.write(`wrote ${relative(process.cwd(), path) || path} (${png.length} bytes)\n`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, drawColor, drawOutline };
