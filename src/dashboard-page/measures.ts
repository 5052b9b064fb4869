/**
 * The plan's impact measures (issue 21): per area, each measure's run chart — the values reported, the
 * baseline, the target and its date, the dashed line from one to the other and the striped on-track side
 * of it — with its status in words and a symbol, a table of the same numbers, every entry with its
 * corrections, and (for its reporter or a coordinator) a form to enter or correct a period's value.
 * Nothing is told by colour alone: the lines differ in dash, the points in shape, the corridor in stripes.
 */
import type { ChartConfiguration, ChartDataset, Chart as ChartInstance, PointStyle } from 'chart.js';
import type {
  TabMeasure,
  TabMeasureStatus,
  TabMeasures,
  TabMeasureValueResult,
  TabPlanView,
} from '../http/dashboard-api/api-types.js';
import { type Api, apiError, errorText, readJson, seg } from './api.js';
import { h, plural, replace } from './dom.js';
import { clearIssues, type FindField, showIssues } from './error-summary.js';
import { onThemeChange, themeColour } from './theme.js';
import { type ChartConstructor, loadChart } from './vendor.js';

const STATUS_SYMBOL: Record<TabMeasureStatus, string> = {
  'on-track': '✓',
  'off-track': '✗',
  'no-data': '?',
};

const STATUS_TITLE: Record<TabMeasureStatus, string> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  'no-data': 'No data',
};

const TREND_WORDS: Record<NonNullable<TabMeasure['trend']>, string> = {
  better: 'Better than the period before.',
  worse: 'Worse than the period before.',
  same: 'The same as the period before.',
};

const UNIT_AXIS: Record<TabMeasure['unit'], string> = {
  number: 'Number',
  percentage: 'Per cent',
  days: 'Days',
  count: 'Count',
};

const UNIT_FIELD: Record<TabMeasure['unit'], string> = {
  number: 'Value',
  percentage: 'Value (per cent)',
  days: 'Value (days)',
  count: 'Value (a whole number)',
};

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A measure drawn on the page: its own chart and the parts a saved value redraws. */
interface Shown {
  measure: TabMeasure;
  display: HTMLElement;
  chart?: ChartInstance;
}

export class MeasuresView {
  private readonly shown = new Map<string, Shown>();
  private ChartJs: ChartConstructor | undefined;
  private disposed = false;
  private readonly stopFollowingTheme: () => void;
  /**
   * Charts are drawn as they come near the screen: a plan with hundreds of measures draws the few in
   * view, not hundreds of canvases at once. (Without IntersectionObserver, all are drawn.)
   */
  private readonly observer: IntersectionObserver | undefined;
  private readonly waiting = new WeakMap<Element, Shown>();

  constructor(
    private readonly container: HTMLElement,
    private readonly api: Api,
    private readonly view: TabPlanView,
  ) {
    this.stopFollowingTheme = onThemeChange(() => this.drawAll());
    this.observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => this.onNearScreen(entries), { rootMargin: '400px 0px' })
        : undefined;
  }

  /**
   * Loads and draws the measures; a failure is shown in this section only. Answers how many measures
   * the viewer may see (undefined when they could not be loaded, or this view was disposed meanwhile).
   */
  async load(): Promise<number | undefined> {
    replace(this.container, h('p', { class: 'loading' }, 'Loading the measures…'));
    let loaded: TabMeasures;
    try {
      loaded = await this.api.get<TabMeasures>(`/api/tab/plans/${seg(this.view.plan.id)}/measures`);
      // Owners see no chart unless they report a measure: the library is fetched only when needed.
      if (loaded.measures.length > 0) this.ChartJs = await loadChart();
    } catch (error) {
      if (this.disposed) return undefined;
      replace(
        this.container,
        h('p', { class: 'error', role: 'alert' }, `The measures could not be shown: ${errorText(error)}`),
      );
      return undefined;
    }
    if (this.disposed) return undefined;
    this.render(loaded);
    return loaded.measures.length;
  }

  /** Stops drawing: the plan view this belonged to has gone. */
  dispose(): void {
    this.disposed = true;
    this.stopFollowingTheme();
    this.observer?.disconnect();
    for (const shown of this.shown.values()) shown.chart?.destroy();
    this.shown.clear();
  }

  private render(loaded: TabMeasures): void {
    if (loaded.measures.length === 0) {
      replace(
        this.container,
        h(
          'p',
          { class: 'empty' },
          'This plan has no impact measures yet. Once measures are added (npm run cli -- measure add), each area’s measures appear here with their run charts.',
        ),
      );
      return;
    }
    const areaText = new Map(this.view.areas.map((area) => [area.id, area.text]));
    const areaIds = [
      ...this.view.areas.map((area) => area.id).filter((id) => loaded.measures.some((m) => m.areaId === id)),
      ...new Set(loaded.measures.map((m) => m.areaId).filter((id) => !areaText.has(id))),
    ];
    replace(
      this.container,
      h(
        'p',
        { class: 'note' },
        'Each chart shows the values reported (solid line; circles on track, crosses off track), the baseline (square), the target and its date (star), the dashed line from baseline to target, and the on-track side of that line, striped. Each value sits at the end of its period, on its month’s tick. The table under each chart has every number.',
      ),
      areaIds.map((areaId) => {
        const headingId = `measures-area-${areaId}`;
        return h(
          'section',
          { class: 'measure-area', 'aria-labelledby': headingId },
          h('h3', { id: headingId }, `${areaId}: ${areaText.get(areaId) ?? 'Area'}`),
          loaded.measures.filter((m) => m.areaId === areaId).map((measure) => this.measureBlock(measure)),
        );
      }),
    );
    this.drawAll();
  }

  private measureBlock(measure: TabMeasure): HTMLElement {
    const id = domId(measure.id);
    const display = h('div', { class: 'measure-display' });
    const shown: Shown = { measure, display };
    this.shown.set(measure.id, shown);
    this.fillDisplay(shown);
    return h(
      'article',
      { class: 'measure', 'aria-labelledby': `${id}-name`, 'data-measure-id': measure.id },
      h('h4', { id: `${id}-name` }, `${measure.id}: ${measure.name}`),
      display,
      measure.mayReport ? this.valueForm(shown) : null,
    );
  }

  /** The status, facts, chart, table and history: everything a saved value changes. */
  private fillDisplay(shown: Shown): void {
    const { measure } = shown;
    const id = domId(measure.id);
    const canvas = h(
      'canvas',
      {
        role: 'img',
        'aria-label': `Run chart of ${measure.name}`,
        'aria-describedby': `${id}-chart-description`,
      },
      'Run chart: the numbers are in the table below.',
    );
    replace(
      shown.display,
      h(
        'p',
        { class: `measure-status measure-status-${measure.status}`, 'data-status': measure.status },
        h('span', { class: 'measure-symbol', 'aria-hidden': 'true' }, STATUS_SYMBOL[measure.status]),
        ' ',
        h('strong', {}, STATUS_TITLE[measure.status]),
        `: ${measure.reason}.`,
        measure.trend ? ` ${TREND_WORDS[measure.trend]}` : '',
      ),
      h('p', { class: 'measure-summary' }, measure.summary),
      h(
        'dl',
        { class: 'measure-facts' },
        fact('Baseline', `${measure.baseline.valueLabel} on ${measure.baseline.dateLabel}`),
        fact('Target', `${measure.target.valueLabel} by ${measure.target.dateLabel}`),
        fact('Better when', measure.polarityWords),
        fact('Reported', `${measure.frequency} by ${measure.reporter}`),
        fact('Question', measure.kindLabel),
        measure.definition ? fact('Definition', measure.definition) : null,
        measure.source ? fact('Source', measure.source) : null,
      ),
      h('div', { class: 'chart-box measure-chart' }, canvas),
      legend(measure),
      h('p', { id: `${id}-chart-description`, class: 'note' }, chartDescription(measure)),
      valueTable(measure, measure.mayReport ? (period) => this.startCorrection(measure, period) : undefined),
      historyDetails(measure),
    );
    this.watch(shown, canvas);
  }

  /** Draws the chart when its canvas comes near the screen (at once without an observer, once placed). */
  private watch(shown: Shown, canvas: HTMLCanvasElement): void {
    shown.chart?.destroy();
    shown.chart = undefined;
    if (!this.observer) {
      if (canvas.isConnected) this.draw(shown, canvas);
      return;
    }
    this.waiting.set(canvas, shown);
    this.observer.observe(canvas);
  }

  private onNearScreen(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer?.unobserve(entry.target);
      const shown = this.waiting.get(entry.target);
      this.waiting.delete(entry.target);
      if (shown && entry.target instanceof HTMLCanvasElement) this.draw(shown, entry.target);
    }
  }

  /** After a change of theme: the charts drawn so far, again (the others are drawn in it when reached). */
  private drawAll(): void {
    for (const shown of this.shown.values()) {
      const canvas = shown.display.querySelector('canvas');
      if (canvas && (shown.chart || !this.observer)) this.draw(shown, canvas);
    }
  }

  private draw(shown: Shown, canvas: HTMLCanvasElement): void {
    const ChartJs = this.ChartJs;
    shown.chart?.destroy();
    shown.chart = undefined;
    if (!ChartJs || this.disposed) return;
    ChartJs.defaults.color = themeColour('--text');
    ChartJs.defaults.borderColor = themeColour('--chart-grid');
    ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
    ChartJs.defaults.font.size = 14;
    shown.chart = new ChartJs(canvas, chartConfig(shown.measure));
  }

  private valueForm(shown: Shown): HTMLElement {
    const { measure } = shown;
    const id = domId(measure.id);
    const period = h('input', {
      id: `${id}-period`,
      type: 'month',
      name: 'period',
      required: true,
      'aria-describedby': `${id}-period-hint`,
    });
    period.value = measure.owed.period;
    const value = h('input', {
      id: `${id}-value`,
      type: 'number',
      name: 'value',
      step: 'any',
      inputmode: 'decimal',
      required: true,
    });
    const note = h('textarea', { id: `${id}-note`, name: 'note', rows: 2, maxlength: 2000 });
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Save the value');
    const status = h('p', { class: 'status', role: 'status' });
    const summary = h('div', { class: 'error-summary', tabindex: -1, hidden: true });
    const form = h(
      'form',
      { class: 'measure-form', novalidate: true, 'aria-labelledby': `${id}-form-heading` },
      h('h5', { id: `${id}-form-heading` }, 'Enter or correct a value'),
      h(
        'p',
        { class: 'hint' },
        'A value for a period that already has one corrects it; both are kept in the history.',
      ),
      summary,
      h(
        'div',
        { class: 'field' },
        h('label', { for: period.id }, 'Period'),
        h(
          'p',
          { id: `${id}-period-hint`, class: 'hint' },
          measure.frequency === 'monthly'
            ? 'The month, such as 2026-11.'
            : `Any month of the ${measure.frequency === 'quarterly' ? 'quarter' : 'term'}, such as 2026-11.`,
        ),
        period,
      ),
      h('div', { class: 'field' }, h('label', { for: value.id }, UNIT_FIELD[measure.unit]), value),
      h('div', { class: 'field' }, h('label', { for: note.id }, 'Note (optional)'), note),
      h('div', { class: 'form-actions wrap' }, submit, status),
    );
    const find: FindField = (field) => {
      switch (field) {
        case 'period':
          return { control: period, label: 'Period' };
        case 'value':
          return { control: value, label: 'Value' };
        case 'note':
          return { control: note, label: 'Note' };
        default:
          return { control: null, label: field };
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      clearIssues({ form, summary });
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.textContent = 'Saving…';
      // A number input holds '' for text it cannot read: the server is told what was typed, as far as it can be.
      const typed = value.value === '' && value.validity.badInput ? 'not a number' : value.value;
      this.save(measure, { period: period.value, value: typed, note: note.value })
        .then((result) => {
          if (result.ok) {
            shown.measure = result.measure;
            this.fillDisplay(shown);
            value.value = '';
            note.value = '';
            status.textContent = result.message;
            return;
          }
          status.textContent = '';
          showIssues({ form, summary }, result.error, result.issues ?? [], find, ' ');
        })
        .catch((error: unknown) => {
          status.textContent = '';
          showIssues({ form, summary }, errorText(error), [], find, ' ');
        })
        .finally(() => {
          submit.disabled = false;
          form.removeAttribute('aria-busy');
        });
    });
    return form;
  }

  /** A row's Correct: the form below takes its period, and the value field the focus. */
  private startCorrection(measure: TabMeasure, period: string): void {
    const id = domId(measure.id);
    const periodInput = document.getElementById(`${id}-period`) as HTMLInputElement | null;
    const valueInput = document.getElementById(`${id}-value`) as HTMLInputElement | null;
    if (!periodInput || !valueInput) return;
    periodInput.value = period;
    valueInput.focus();
  }

  /** Posts a value: a refusal with issues (422) or an answer with ok:false is an outcome, not an error. */
  private async save(
    measure: TabMeasure,
    body: { period: string; value: string; note: string },
  ): Promise<TabMeasureValueResult> {
    const response = await this.api.sendJson(
      `/api/tab/plans/${seg(this.view.plan.id)}/measures/${seg(measure.id)}/values`,
      { period: body.period, value: body.value, ...(body.note.trim() ? { note: body.note } : {}) },
    );
    const payload = (await readJson(response)) as TabMeasureValueResult | undefined;
    if (response.ok && payload?.ok) return payload;
    if ((response.status === 422 || response.status === 400) && payload && payload.ok === false)
      return payload;
    throw apiError(response, payload);
  }
}

/** The chart's key as text with a symbol for each mark, so it wraps at 320 px and reads as a list. */
function legend(measure: TabMeasure): HTMLElement {
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

function correctButton(period: string, label: string, correct: (period: string) => void): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'secondary' },
    'Correct',
    h('span', { class: 'visually-hidden' }, ` ${label}`),
  );
  button.addEventListener('click', () => correct(period));
  return button;
}

function fact(term: string, text: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, text)];
}

/** An id safe in the DOM for a measure id (letters, digits, dot, dash and underscore). */
function domId(measureId: string): string {
  return `measure-${measureId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function chartDescription(measure: TabMeasure): string {
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

/** `correct`, when the viewer may report: each row offers to correct its period in the form below. */
function valueTable(measure: TabMeasure, correct?: (period: string) => void): HTMLElement {
  const caption = `Values of ${measure.id} by period`;
  if (measure.points.length === 0) return h('p', { class: 'empty' }, 'No values reported yet.');
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'measure-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Period', 'Value', 'Expected', 'Status', 'Reported by', 'When'].map((heading) =>
            h('th', { scope: 'col' }, heading),
          ),
          correct ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Correct')) : null,
        ),
      ),
      h(
        'tbody',
        {},
        measure.points.map((point) =>
          h(
            'tr',
            { 'data-period': point.period },
            h('th', { scope: 'row' }, point.periodLabel, point.corrected ? ' (corrected)' : ''),
            h('td', {}, point.valueLabel),
            h('td', {}, point.expectedLabel),
            h(
              'td',
              { 'data-status': point.status },
              h('span', { 'aria-hidden': 'true' }, `${STATUS_SYMBOL[point.status]} `),
              point.statusWords,
            ),
            h('td', {}, point.reportedBy),
            h('td', {}, point.reportedAtLabel),
            correct ? h('td', {}, correctButton(point.period, point.periodLabel, correct)) : null,
          ),
        ),
      ),
    ),
  );
}

function historyDetails(measure: TabMeasure): HTMLElement | null {
  if (measure.entries.length === 0) return null;
  const caption = `Every entry for ${measure.id}, newest first`;
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, `Every entry, corrections included (${measure.entries.length})`),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Period', 'Value', 'Counts', 'Reported by', 'When', 'Note'].map((heading) =>
              h('th', { scope: 'col' }, heading),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          measure.entries.map((entry) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, entry.periodLabel),
              h('td', {}, entry.valueLabel),
              h('td', {}, entry.superseded ? 'No: corrected by a later entry' : 'Yes'),
              h('td', {}, entry.reportedBy),
              h('td', {}, entry.reportedAtLabel),
              h('td', {}, entry.note ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}

type Point = { x: number; y: number };

function chartConfig(measure: TabMeasure): ChartConfiguration<'line', Point[]> {
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
