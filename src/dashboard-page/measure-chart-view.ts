/**
 * A measure's run chart on the dashboard (issue 21): the values reported, the baseline, the target and
 * its date, the dashed line from one to the other and the striped on-track side of it, drawn by Chart.js;
 * its key as a list of text and its description in words, so nothing is told by the picture alone.
 * Nothing is told by colour alone either: the lines differ in dash, the points in shape, the corridor in
 * stripes.
 */
import type { ChartConfiguration, ChartDataset, PointStyle } from 'chart.js';
import type { TabMeasure } from '../http/dashboard-api/api-types.js';
import { h, plural } from './dom.js';
import { themeColour } from './theme.js';

const UNIT_AXIS: Record<TabMeasure['unit'], string> = {
  number: 'Number',
  percentage: 'Per cent',
  days: 'Days',
  count: 'Count',
};

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The chart's key as text with a symbol for each mark, so it wraps at 320 px and reads as a list. */
export function legend(measure: TabMeasure): HTMLElement {
  const item = (mark: string, symbol: string, text: string) =>
    h(
      'li',
      {},
      h('span', { class: `measure-key measure-key-${mark}`, 'aria-hidden': 'true' }, symbol),
      ` ${text}`,
    );
  return h(
    'ul',
    { class: 'measure-legend', 'aria-label': `Key to the chart of ${measure.id}` },
    item('values', '●', 'Values reported: a solid line; circles on track, crosses (✕) off track'),
    item(
      'baseline',
      '■',
      `Baseline ${measure.baseline.valueLabel} on ${measure.baseline.dateLabel} (square)`,
    ),
    item('target', '★', `Target ${measure.target.valueLabel} by ${measure.target.dateLabel} (star)`),
    measure.better === 'within'
      ? item('corridor', '▨', `On-track range ${measure.polarityWords.replace('best between ', '')}: striped`)
      : [
          item('path', '┄', 'The line from baseline to target: dashed'),
          item(
            'corridor',
            '▨',
            `On track: the striped side ${measure.better === 'higher' ? 'above' : 'below'} that line`,
          ),
        ],
  );
}

export function chartDescription(measure: TabMeasure): string {
  const first = measure.points[0];
  const last = measure.points.at(-1);
  const values =
    first && last
      ? `${plural(measure.points.length, 'value')} from ${first.periodLabel} to ${last.periodLabel}; the latest, ${last.valueLabel} in ${last.periodLabel}, is ${last.statusWords}.`
      : 'No values reported yet.';
  const corridor =
    measure.better === 'within'
      ? `The on-track range, ${measure.polarityWords.replace('best between ', '')}, is striped.`
      : `The on-track side of the line from baseline to target (${measure.better === 'higher' ? 'above' : 'below'} it) is striped.`;
  return `${values} Baseline ${measure.baseline.valueLabel} on ${measure.baseline.dateLabel}; target ${measure.target.valueLabel} by ${measure.target.dateLabel}; ${measure.polarityWords}. ${corridor} Status now: ${measure.statusWords}.`;
}

type Point = { x: number; y: number };

export function chartConfig(measure: TabMeasure): ChartConfiguration<'line', Point[]> {
  const baseline: Point = { x: dayNumber(measure.baseline.date), y: measure.baseline.value };
  const target: Point = { x: dayNumber(measure.target.date), y: measure.target.value };
  const values: Point[] = measure.points.map((p) => ({ x: dayNumber(p.periodEnd), y: p.value }));
  const xs = [baseline.x, target.x, ...values.map((v) => v.x)];
  const xMin = Math.min(...xs) - 15;
  const xMax = Math.max(...xs) + 15;
  const path = themeColour('--chart-planned');
  const actual = themeColour('--chart-actual');
  const corridorColour = themeColour('--chart-green');
  const text = themeColour('--text');
  const stripes = striped(corridorColour);
  const corridor: ChartDataset<'line', Point[]>[] =
    measure.better === 'within' && measure.range
      ? [
          {
            label: 'On-track range, low end',
            data: [
              { x: xMin, y: measure.range.low },
              { x: xMax, y: measure.range.low },
            ],
            borderColor: corridorColour,
            borderWidth: 1,
            pointRadius: 0,
            fill: false,
            order: 2,
          },
          {
            label: `On-track range, ${measure.polarityWords.replace('best between ', '')} (striped band)`,
            data: [
              { x: xMin, y: measure.range.high },
              { x: xMax, y: measure.range.high },
            ],
            borderColor: corridorColour,
            backgroundColor: stripes,
            borderWidth: 1,
            pointRadius: 0,
            fill: '-1',
            order: 2,
          },
        ]
      : [
          {
            label: `Line from baseline to target (dashed); on-track side ${measure.better === 'higher' ? 'above' : 'below'} it (striped)`,
            // Past the target date the line holds at the target, as the status reads it.
            data: target.x < xMax ? [baseline, target, { x: xMax, y: target.y }] : [baseline, target],
            borderColor: path,
            backgroundColor: stripes,
            borderDash: [8, 5],
            borderWidth: 2,
            pointRadius: 0,
            fill: measure.better === 'higher' ? 'end' : 'start',
            // Drawn first, beneath the values (a higher order is drawn earlier).
            order: 2,
          },
        ];
  const styles: PointStyle[] = measure.points.map((p) => (p.status === 'off-track' ? 'crossRot' : 'circle'));
  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: {
      datasets: [
        ...corridor,
        {
          label: 'Values reported (solid line; circles on track, crosses off track)',
          data: values,
          borderColor: actual,
          backgroundColor: actual,
          borderWidth: 3,
          pointStyle: (context) => styles[context.dataIndex] ?? 'circle',
          pointRadius: 6,
          pointBorderWidth: 3,
          fill: false,
        },
        {
          label: `Baseline ${measure.baseline.valueLabel}, ${measure.baseline.dateLabel} (square)`,
          data: [baseline],
          borderColor: path,
          backgroundColor: path,
          pointStyle: 'rect',
          pointRadius: 7,
          showLine: false,
        },
        {
          label: `Target ${measure.target.valueLabel} by ${measure.target.dateLabel} (star)`,
          data: [target],
          borderColor: text,
          backgroundColor: text,
          pointStyle: 'star',
          pointRadius: 10,
          pointBorderWidth: 2,
          showLine: false,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          min: xMin,
          max: xMax,
          afterBuildTicks: (axis) => {
            axis.ticks = monthTicks(xMin, xMax).map((value) => ({ value }));
          },
          ticks: { callback: (value) => monthLabel(Number(value)), autoSkip: true, maxRotation: 0 },
        },
        y: {
          beginAtZero: measure.unit !== 'number',
          ...(measure.unit === 'percentage' ? { max: 100 } : {}),
          title: { display: true, text: UNIT_AXIS[measure.unit] },
        },
      },
      plugins: {
        // The key is a list under the chart (legend()): its words wrap on a narrow screen, the canvas's do not.
        legend: { display: false },
        tooltip: { enabled: true },
      },
    },
  };
  return config;
}

/**
 * The last day of each month between two day numbers, thinned to at most eight ticks: a value sits at the
 * end of its period, and baselines and targets are mostly dated at a month's end, so each lands on its tick.
 */
function monthTicks(from: number, to: number): number[] {
  const start = new Date(from * DAY_MS);
  const months: number[] = [];
  // Date.UTC rolls a month past December into the next year; day 0 is the previous month's last day.
  for (let k = 1; ; k += 1) {
    const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k, 0) / DAY_MS;
    if (day > to) break;
    if (day >= from) months.push(day);
  }
  const step = Math.max(1, Math.ceil(months.length / 8));
  return months.filter((_, index) => index % step === 0);
}

function monthLabel(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Diagonal stripes of `colour`: the on-track side, told by texture too. */
function striped(colour: string): CanvasPattern | string {
  const size = 12;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const context = tile.getContext('2d');
  if (!context) return colour;
  // No background: the values drawn over the corridor must show through it.
  context.strokeStyle = colour;
  context.lineWidth = 1.5;
  context.globalAlpha = 0.6;
  const line = (x1: number, y1: number, x2: number, y2: number) => {
    context.beginPath();
    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    context.stroke();
  };
  line(0, size, size, 0);
  line(-1, 1, 1, -1);
  line(size - 1, size + 1, size + 1, size - 1);
  return context.createPattern(tile, 'repeat') ?? colour;
}
