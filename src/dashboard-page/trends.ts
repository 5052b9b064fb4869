/**
 * Trends for coordinators and leads: ratings at each closed monitoring round (stacked bars) and open
 * actions against due dates (burn-down), drawn with Chart.js in the theme's colours. Every dataset is
 * told apart by more than colour (fill patterns, dashes, point shapes, legend words), and every chart
 * has a table with the same numbers. Also "Compare rounds".
 */
import type { ChartConfiguration, Chart as ChartInstance } from 'chart.js';
import type { TabComparison, TabPlanView, TabRating, TabTrends } from '../http/dashboard-api/api-types.js';
import { type Api, errorText } from './api.js';
import { field, h, plural, replace, sentence, uniqueId } from './dom.js';
import { type RatingKey, UNRATED_NAME } from './ratings.js';
import { onThemeChange, themeColour } from './theme.js';
import { type ChartConstructor, loadChart } from './vendor.js';

type Mark = 'solid' | 'dots' | 'diagonal' | 'cross' | 'none';

const MARKS: Record<RatingKey, Mark> = {
  green: 'solid',
  yellow: 'dots',
  amber: 'diagonal',
  red: 'cross',
  unrated: 'none',
};

const PATTERN_WORDS: Record<Mark, string> = {
  solid: 'solid',
  dots: 'dotted',
  diagonal: 'striped',
  cross: 'cross-hatched',
  none: 'outlined',
};

interface Series {
  key: RatingKey;
  name: string;
}

export class TrendsView {
  private charts: ChartInstance[] = [];
  private trends: TabTrends | undefined;
  private ChartJs: ChartConstructor | undefined;
  private disposed = false;
  private readonly rounds = h('div', { class: 'chart-block' });
  private readonly burndown = h('div', { class: 'chart-block' });
  private readonly stopFollowingTheme: () => void;

  constructor(
    private readonly container: HTMLElement,
    private readonly api: Api,
    private readonly view: TabPlanView,
    private readonly say: (message: string) => void,
  ) {
    this.stopFollowingTheme = onThemeChange(() => this.draw());
  }

  /**
   * Loads the trends and draws them; a failure is shown in this section only. Undefined when they could
   * not be loaded, or when this view was disposed meanwhile (the section already belongs to another plan).
   */
  async load(): Promise<TabTrends | undefined> {
    replace(this.container, h('p', { class: 'loading' }, 'Loading trends…'));
    let trends: TabTrends;
    try {
      const [loaded, ChartJs] = await Promise.all([this.api.trends(this.view.plan.id), loadChart()]);
      if (this.disposed) return undefined;
      trends = loaded;
      this.trends = loaded;
      this.ChartJs = ChartJs;
    } catch (error) {
      if (this.disposed) return undefined;
      replace(
        this.container,
        h('p', { class: 'error', role: 'alert' }, `Trends could not be shown: ${errorText(error)}`),
      );
      return undefined;
    }
    replace(
      this.container,
      h(
        'section',
        { class: 'trend', 'aria-labelledby': 'rounds-heading' },
        h('h3', { id: 'rounds-heading' }, 'Ratings at each monitoring round'),
        trends.closedRounds.length === 0
          ? h(
              'p',
              { class: 'note' },
              'No monitoring round has closed yet: the chart fills in as rounds close. For now it shows the current position.',
            )
          : null,
        this.rounds,
      ),
      h(
        'section',
        { class: 'trend', 'aria-labelledby': 'burndown-heading' },
        h('h3', { id: 'burndown-heading' }, 'Open actions against due dates'),
        h(
          'p',
          { class: 'note' },
          'The dashed line is how many actions would be open if every action finished on its due date; the solid line is how many actually were.',
        ),
        this.burndown,
      ),
      this.compareForm(trends),
    );
    this.draw();
    return trends;
  }

  /** Stops drawing: the plan view this belonged to has gone. */
  dispose(): void {
    this.disposed = true;
    this.stopFollowingTheme();
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    this.trends = undefined;
  }

  /** (Re)draws both charts in the current theme. */
  private draw(): void {
    const { trends, ChartJs } = this;
    if (!trends || !ChartJs || !this.rounds.isConnected) return;
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    const text = themeColour('--text');
    ChartJs.defaults.color = text;
    ChartJs.defaults.borderColor = themeColour('--chart-grid');
    ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
    ChartJs.defaults.font.size = 14;
    this.drawRounds(ChartJs, trends);
    this.drawBurndown(ChartJs, trends);
  }

  private series(trends: TabTrends): Series[] {
    const series: Series[] = this.view.plan.ratings.map((info) => ({ key: info.rating, name: info.name }));
    if (trends.rounds.some((round) => (round.counts.unrated ?? 0) > 0)) {
      series.push({ key: 'unrated', name: UNRATED_NAME });
    }
    return series;
  }

  private drawRounds(ChartJs: ChartConstructor, trends: TabTrends): void {
    const series = this.series(trends);
    const latest = trends.rounds.at(-1);
    const description = latest
      ? `${latest.label}: ${series.map((s) => `${latest.counts[s.key] ?? 0} ${s.name.toLowerCase()}`).join(', ')}.`
      : '';
    const canvas = h(
      'canvas',
      {
        role: 'img',
        'aria-label': `Stacked bar chart of the number of actions by rating at each monitoring round. ${description} The table below has every number.`,
      },
      'Stacked bar chart of ratings at each round: the numbers are in the table below.',
    );
    const background = themeColour('--bg');
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: trends.rounds.map((round) => round.label),
        datasets: series.map((s) => {
          const colour = themeColour(`--chart-${s.key}`);
          return {
            label: `${s.name} (${PATTERN_WORDS[MARKS[s.key]]})`,
            data: trends.rounds.map((round) => round.counts[s.key] ?? 0),
            backgroundColor: pattern(MARKS[s.key], colour, background),
            borderColor: colour,
            borderWidth: 2,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: {
            stacked: true,
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: 'Actions' },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    this.charts.push(new ChartJs(canvas, config));
    replace(
      this.rounds,
      h('div', { class: 'chart-box' }, canvas),
      tableDetails(
        'Ratings at each round as a table',
        'Number of actions by rating at each monitoring round',
        ['Round', ...series.map((s) => s.name), 'Total'],
        trends.rounds.map((round) => {
          const counts = series.map((s) => round.counts[s.key] ?? 0);
          return [round.label, ...counts.map(String), String(counts.reduce((sum, n) => sum + n, 0))];
        }),
      ),
    );
  }

  private drawBurndown(ChartJs: ChartConstructor, trends: TabTrends): void {
    const points = trends.burndown;
    if (points.length === 0) {
      replace(this.burndown, h('p', { class: 'empty' }, 'No due dates to draw yet.'));
      return;
    }
    const planned = themeColour('--chart-planned');
    const actual = themeColour('--chart-actual');
    const last = [...points].reverse().find((point) => point.actual !== undefined);
    const canvas = h(
      'canvas',
      {
        role: 'img',
        'aria-label': `Line chart of open actions against due dates, from ${points[0]?.label ?? ''} to ${points.at(-1)?.label ?? ''}.${
          last
            ? ` On ${last.label}: ${plural(last.actual ?? 0, 'action')} open, against ${last.planned} planned.`
            : ''
        } The table below has every number.`,
      },
      'Line chart of open actions against due dates: the numbers are in the table below.',
    );
    const config: ChartConfiguration<'line'> = {
      type: 'line',
      data: {
        labels: points.map((point) => point.label),
        datasets: [
          {
            label: 'Planned (dashed line, diamonds)',
            data: points.map((point) => point.planned),
            borderColor: planned,
            backgroundColor: planned,
            borderDash: [8, 5],
            borderWidth: 2,
            pointStyle: 'rectRot',
            pointRadius: 4,
            stepped: true,
          },
          {
            label: 'Actual (solid line, circles)',
            data: points.map((point) => point.actual ?? null),
            borderColor: actual,
            backgroundColor: actual,
            borderWidth: 3,
            pointStyle: 'circle',
            pointRadius: 4,
            spanGaps: false,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Open actions' } },
        },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
      },
    };
    this.charts.push(new ChartJs(canvas, config));
    replace(
      this.burndown,
      h('div', { class: 'chart-box' }, canvas),
      tableDetails(
        'Open actions against due dates as a table',
        'Open actions against due dates: planned and actual',
        ['Date', 'Planned open actions', 'Actual open actions'],
        points.map((point) => [
          point.label,
          String(point.planned),
          point.actual === undefined ? 'Not yet known' : String(point.actual),
        ]),
      ),
    );
  }

  private compareForm(trends: TabTrends): HTMLElement {
    const section = h(
      'section',
      { class: 'trend', 'aria-labelledby': 'compare-heading' },
      h('h3', { id: 'compare-heading' }, 'Compare rounds'),
    );
    if (trends.closedRounds.length === 0) {
      section.append(h('p', { class: 'note' }, 'Rounds can be compared once a monitoring round has closed.'));
      return section;
    }
    // A fresh set of <option>s for each select (a node has one parent).
    const roundOptions = () =>
      trends.closedRounds.map((round) => h('option', { value: String(round.number) }, round.label));
    const from = h('select', { id: 'compare-from' }, roundOptions());
    const to = h('select', { id: 'compare-to' }, roundOptions(), h('option', { value: 'now' }, 'Now'));
    from.value = String(trends.closedRounds.at(-1)?.number ?? '');
    to.value = 'now';
    const result = h('div', { class: 'compare-result' });
    const submit = h('button', { type: 'submit', class: 'secondary' }, 'Compare');
    const form = h(
      'form',
      { class: 'compare-form' },
      field('compare-from', 'From round', from),
      field('compare-to', 'To round', to),
      h('div', { class: 'field field-button' }, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      this.api
        .compare(this.view.plan.id, from.value, to.value)
        .then((comparison) => {
          replace(result, this.comparison(comparison));
          this.say(sentence(`${comparison.from} to ${comparison.to}: ${counts(comparison)}.`));
        })
        .catch((error: unknown) => {
          replace(result, h('p', { class: 'error', role: 'alert' }, errorText(error)));
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    section.append(form, result);
    return section;
  }

  private comparison(comparison: TabComparison): Node[] {
    const name = (rating: TabRating | undefined) =>
      rating ? (this.view.plan.ratings.find((info) => info.rating === rating)?.name ?? rating) : UNRATED_NAME;
    return [
      h('h4', {}, sentence(`${comparison.from} to ${comparison.to}`)),
      h('p', {}, `${counts(comparison)}.`),
      comparison.movements.length === 0
        ? h('p', {}, 'No rating moved.')
        : table(
            'Rating movements',
            ['Action', 'From', 'To', 'Movement'],
            comparison.movements.map((m) => [m.actionId, name(m.from), name(m.to), m.movement]),
          ),
      comparison.slipped.length === 0
        ? h('p', {}, 'No due date moved later.')
        : table(
            'Due dates moved later',
            ['Action', 'From', 'To', 'Days later'],
            comparison.slipped.map((s) => [s.actionId, s.fromLabel, s.toLabel, String(s.days)]),
          ),
    ];
  }
}

function counts(comparison: TabComparison): string {
  return [
    `${comparison.improved} improved`,
    `${comparison.worsened} worsened`,
    `${comparison.unchanged} unchanged`,
    `${comparison.newlyRated} newly rated`,
  ].join(', ');
}

function tableDetails(summary: string, caption: string, headings: string[], rows: string[][]): HTMLElement {
  return h('details', { class: 'chart-table' }, h('summary', {}, summary), table(caption, headings, rows));
}

/** A data table: caption, column headings, and the first cell of each row as its row heading. */
function table(caption: string, headings: readonly string[], rows: readonly string[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption, id: uniqueId('table') },
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
          headings.map((heading) => h('th', { scope: 'col' }, heading)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map(([first, ...rest]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, first ?? ''),
            rest.map((cell) => h('td', {}, cell)),
          ),
        ),
      ),
    ),
  );
}

/**
 * A small tile that fills a bar: a pale wash of the colour with marks (dots, stripes, hatching) in the
 * full colour, so the ratings differ in texture as well as hue, in the legend too.
 */
function pattern(mark: Mark, colour: string, background: string): CanvasPattern | string {
  const size = 10;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const context = tile.getContext('2d');
  if (!context) return colour;
  if (mark === 'solid') {
    context.fillStyle = colour;
    context.fillRect(0, 0, size, size);
  } else {
    context.fillStyle = background;
    context.fillRect(0, 0, size, size);
    context.strokeStyle = colour;
    context.fillStyle = colour;
    context.lineWidth = 2;
    context.lineCap = 'square';
    const line = (x1: number, y1: number, x2: number, y2: number) => {
      context.beginPath();
      context.moveTo(x1, y1);
      context.lineTo(x2, y2);
      context.stroke();
    };
    switch (mark) {
      case 'dots':
        for (const [x, y] of [
          [2.5, 2.5],
          [7.5, 7.5],
        ] as const) {
          context.beginPath();
          context.arc(x, y, 1.8, 0, Math.PI * 2);
          context.fill();
        }
        break;
      case 'diagonal':
        line(0, size, size, 0);
        line(-1, 1, 1, -1);
        line(size - 1, size + 1, size + 1, size - 1);
        break;
      case 'cross':
        line(0, size, size, 0);
        line(0, 0, size, size);
        break;
      case 'none':
        break;
      default:
        return mark satisfies never;
    }
  }
  return context.createPattern(tile, 'repeat') ?? colour;
}
