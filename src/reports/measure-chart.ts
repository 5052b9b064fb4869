/**
 * A measure's small run chart as a PNG, drawn pixel by pixel with pngjs so the paper is made without a
 * browser: the reported values as a line with square markers, the straight line from baseline to target
 * (dashed), and the on-track corridor hatched with diagonal lines, so it reads in greyscale print and
 * without colour. It carries no text: the alt text and the sentence beside it give the numbers.
 */
import { deflateSync } from 'node:zlib';
import { formatUkDate, type IsoDate } from '../domain/dates';
import { formatMeasureValue, type Measure, periodContaining } from '../domain/measures';
import type { ReportMeasure } from '../usecases/reports/report-measures';

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 200;
const MARGIN = 12;

/**
 * The chart's five colours, by their index in the PNG's palette: a paper of 500 measures draws 500 charts,
 * and one byte a pixel (rather than four, packed to three by pngjs pixel by pixel) makes each a third of
 * the data to fill and compress. The pixels are the same colours as ever.
 */
type Colour = 0 | 1 | 2 | 3 | 4;
const WHITE: Colour = 0;
const FRAME: Colour = 1;
const CORRIDOR: Colour = 2;
const TARGET_LINE: Colour = 3;
const VALUES: Colour = 4;
const PALETTE: readonly (readonly [number, number, number])[] = [
  [255, 255, 255],
  [150, 150, 150],
  [120, 170, 120],
  [70, 70, 70],
  [20, 60, 140],
];

/** Each row as the PNG stores it: a filter byte (0, none) and then one palette index per pixel. */
const STRIDE = CHART_WIDTH + 1;

class Canvas {
  readonly rows = new Uint8Array(STRIDE * CHART_HEIGHT);

  set(x: number, y: number, colour: Colour): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= CHART_WIDTH || py >= CHART_HEIGHT) return;
    this.rows[py * STRIDE + 1 + px] = colour;
  }

  /** A line `width` pixels thick; `dash` draws that many pixels on, then as many off. */
  line(x0: number, y0: number, x1: number, y1: number, colour: Colour, width = 2, dash = 0): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let s = 0; s <= steps; s++) {
      if (dash > 0 && Math.floor(s / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.square(x, y, width, colour);
    }
  }

  square(cx: number, cy: number, size: number, colour: Colour): void {
    const half = (size - 1) / 2;
    for (let dx = -half; dx <= half; dx++)
      for (let dy = -half; dy <= half; dy++) this.set(cx + dx, cy + dy, colour);
  }

  /** An 8-bit indexed-colour PNG: no row filter, as flat colours compress well without one. */
  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(CHART_WIDTH, 0);
    header.writeUInt32BE(CHART_HEIGHT, 4);
    header.set([8, 3, 0, 0, 0], 8);
    return Buffer.concat([
      PNG_SIGNATURE,
      chunk('IHDR', header),
      chunk('PLTE', Buffer.from(PALETTE.flat())),
      chunk('IDAT', deflateSync(this.rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  let crc = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) crc = CRC_TABLE[(crc ^ out[i]!) & 0xff]! ^ (crc >>> 8);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** Where each value sits on the time axis: the end of its reporting period, where it is assessed. */
function pointsOf(part: ReportMeasure): { day: number; value: number }[] {
  return part.values.map((v) => ({
    day: dayNumber(periodContaining(part.measure.frequency, v.period).end),
    value: v.value,
  }));
}

/**
 * Charts drawn lately, by what their pixels depend on: a paper is built again for every link opened and
 * every download, and its 500 charts change only when a value or a definition does. Bounded, oldest out.
 */
const drawn = new Map<string, Buffer>();
const CHARTS_KEPT = 2000;

export function renderMeasureChart(part: ReportMeasure): Buffer {
  const { measure } = part;
  const key = JSON.stringify([
    measure.polarity,
    measure.baseline,
    measure.target,
    measure.frequency,
    part.values.map((v) => [v.period, v.value]),
  ]);
  const kept = drawn.get(key);
  if (kept) {
    // Most recently used last, so the oldest is the first to go.
    drawn.delete(key);
    drawn.set(key, kept);
    return kept;
  }
  const png = drawMeasureChart(part);
  drawn.set(key, png);
  if (drawn.size > CHARTS_KEPT) drawn.delete(drawn.keys().next().value as string);
  return png;
}

/** Forgets the charts drawn, so the next are drawn afresh (the bench's cold measurement). */
export function forgetDrawnCharts(): void {
  drawn.clear();
}

function drawMeasureChart(part: ReportMeasure): Buffer {
  const { measure } = part;
  const canvas = new Canvas();
  const points = pointsOf(part);
  const baselineDay = dayNumber(measure.baseline.date);
  const targetDay = dayNumber(measure.target.date);
  const days = [baselineDay, targetDay, ...points.map((p) => p.day)];
  const band = measure.polarity.better === 'within' ? [measure.polarity.low, measure.polarity.high] : [];
  const values = [measure.baseline.value, measure.target.value, ...band, ...points.map((p) => p.value)];
  const firstDay = Math.min(...days);
  const lastDay = Math.max(...days);
  let low = Math.min(...values);
  let high = Math.max(...values);
  const pad = high > low ? (high - low) * 0.1 : 1;
  low -= pad;
  high += pad;
  const x = (day: number) =>
    MARGIN + ((day - firstDay) / Math.max(1, lastDay - firstDay)) * (CHART_WIDTH - 2 * MARGIN);
  const y = (value: number) =>
    CHART_HEIGHT - MARGIN - ((value - low) / (high - low)) * (CHART_HEIGHT - 2 * MARGIN);

  hatchCorridor(canvas, measure, x, y, baselineDay, targetDay);
  // The frame: the plotting area's edges.
  const [left, right, top, bottom] = [MARGIN, CHART_WIDTH - MARGIN, MARGIN, CHART_HEIGHT - MARGIN];
  canvas.line(left, top, right, top, FRAME, 1);
  canvas.line(left, bottom, right, bottom, FRAME, 1);
  canvas.line(left, top, left, bottom, FRAME, 1);
  canvas.line(right, top, right, bottom, FRAME, 1);
  if (measure.polarity.better === 'within') {
    canvas.line(left, y(measure.polarity.low), right, y(measure.polarity.low), TARGET_LINE, 2, 6);
    canvas.line(left, y(measure.polarity.high), right, y(measure.polarity.high), TARGET_LINE, 2, 6);
  } else {
    canvas.line(
      x(baselineDay),
      y(measure.baseline.value),
      x(targetDay),
      y(measure.target.value),
      TARGET_LINE,
      2,
      6,
    );
    // The target: a hollow square where the line ends, by its date.
    canvas.square(x(targetDay), y(measure.target.value), 9, TARGET_LINE);
    canvas.square(x(targetDay), y(measure.target.value), 5, WHITE);
  }
  canvas.square(x(baselineDay), y(measure.baseline.value), 7, TARGET_LINE);
  points.forEach((p, i) => {
    const next = points[i + 1];
    if (next) canvas.line(x(p.day), y(p.value), x(next.day), y(next.value), VALUES, 3);
  });
  for (const p of points) canvas.square(x(p.day), y(p.value), 7, VALUES);
  return canvas.png();
}

/** The on-track corridor: above the line for "higher", below it for "lower", inside the band for "within". */
function hatchCorridor(
  canvas: Canvas,
  measure: Measure,
  x: (day: number) => number,
  y: (value: number) => number,
  baselineDay: number,
  targetDay: number,
): void {
  const { polarity } = measure;
  const x0 = x(baselineDay);
  const x1 = x(targetDay);
  const lineAt = (px: number): number => {
    if (polarity.better === 'within') return 0;
    if (px <= x0) return y(measure.baseline.value);
    if (px >= x1) return y(measure.target.value);
    return (
      y(measure.baseline.value) +
      ((px - x0) / (x1 - x0)) * (y(measure.target.value) - y(measure.baseline.value))
    );
  };
  // Every seventh diagonal: per column, the first hatched row and then every seventh below it, with the
  // corridor's edge worked out once per column rather than once per pixel.
  const bandTop = polarity.better === 'within' ? y(polarity.high) : 0;
  const bandBottom = polarity.better === 'within' ? y(polarity.low) : 0;
  for (let px = MARGIN; px <= CHART_WIDTH - MARGIN; px++) {
    const edge = lineAt(px);
    for (let py = MARGIN + ((7 - ((px + MARGIN) % 7)) % 7); py <= CHART_HEIGHT - MARGIN; py += 7) {
      const inside =
        polarity.better === 'within'
          ? py <= bandBottom && py >= bandTop
          : polarity.better === 'higher'
            ? py <= edge
            : py >= edge;
      if (inside) canvas.set(px, py, CORRIDOR);
    }
  }
}

/** The chart's alt text: what it shows, with the numbers, so nobody needs to see it. */
export function measureChartAltText(part: ReportMeasure): string {
  const { measure } = part;
  const v = (n: number) => formatMeasureValue(measure.unit, n);
  const shown = part.values.slice(-12);
  const values =
    shown.length === 0
      ? 'no values reported yet'
      : `${shown.length === part.values.length ? 'values' : `the last ${shown.length} values`}: ${shown
          .map((p) => `${p.periodLabel} ${v(p.value)}`)
          .join(', ')}`;
  const corridor =
    measure.polarity.better === 'within'
      ? `the shaded band from ${v(measure.polarity.low)} to ${v(measure.polarity.high)} is on track`
      : `the dashed line runs from the baseline to the target, and the shaded area ${measure.polarity.better === 'higher' ? 'above' : 'below'} it is on track`;
  return `Run chart of ${measure.name}: baseline ${v(measure.baseline.value)} on ${formatUkDate(measure.baseline.date)}; ${values}; target ${v(measure.target.value)} by ${formatUkDate(measure.target.date)}; ${corridor}; ${part.direction}; ${part.statusWords}.`;
}
