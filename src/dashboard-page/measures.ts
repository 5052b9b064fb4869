/**
 * The plan's impact measures (issue 21): per area, each measure's status in words and a symbol, its
 * facts, and — loaded as it comes near the screen — its run chart (measure-chart-view.ts), a table of the
 * same numbers and every entry with its corrections (measure-tables.ts); for its reporter or a
 * coordinator a form to enter or correct a period's value (measure-value-form.ts); for a coordinator,
 * adding a measure and changing one's definition (measure-form.ts).
 *
 * Summary first: the list answers every measure's status without its values, so a plan of 500 measures
 * opens at once; a measure's values are asked for when its block nears the screen.
 */
import type { Chart as ChartInstance } from 'chart.js';
import type {
  TabMeasure,
  TabMeasureDefineResult,
  TabMeasureDefinition,
  TabMeasureSummary,
  TabMeasures,
  TabMeasureValueResult,
  TabPlanView,
} from '../http/dashboard-api/api-types.js';
import { type Api, apiError, errorText, readJson, seg } from './api.js';
import { h, replace } from './dom.js';
import { chartConfig, chartDescription, legend } from './measure-chart-view.js';
import { definitionForm, nextMeasureId } from './measure-form.js';
import { domId, fact, STATUS_SYMBOL, STATUS_TITLE } from './measure-parts.js';
import { historyDetails, valueTable } from './measure-tables.js';
import { startCorrection, valueForm } from './measure-value-form.js';
import { onThemeChange, themeColour } from './theme.js';
import { type ChartConstructor, loadChart } from './vendor.js';

const TREND_WORDS: Record<NonNullable<TabMeasureSummary['trend']>, string> = {
  better: 'Better than the period before.',
  worse: 'Worse than the period before.',
  same: 'The same as the period before.',
};

/** A measure on the page: its summary, its values once asked for, and the parts they redraw. */
interface Shown {
  summary: TabMeasureSummary;
  full?: TabMeasure;
  display: HTMLElement;
  values: HTMLElement;
  chart?: ChartInstance;
}

export class MeasuresView {
  private readonly shown = new Map<string, Shown>();
  private ChartJs: ChartConstructor | undefined;
  private disposed = false;
  private readonly stopFollowingTheme: () => void;
  /**
   * A measure's values are asked for as its block comes near the screen: a plan with hundreds of
   * measures fetches and draws the few in view. (Without IntersectionObserver, all are fetched.)
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
   * `notice` is said at the top once drawn (a definition just saved), and `focus` names the measure
   * whose heading takes the focus.
   */
  async load(notice?: string, focus?: string): Promise<number | undefined> {
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
    this.forgetShown();
    this.render(loaded, notice);
    if (focus) {
      const heading = document.getElementById(`${domId(focus)}-name`);
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    }
    return loaded.measures.length;
  }

  /** Stops drawing: the plan view this belonged to has gone. */
  dispose(): void {
    this.disposed = true;
    this.stopFollowingTheme();
    this.observer?.disconnect();
    this.forgetShown();
  }

  private forgetShown(): void {
    for (const shown of this.shown.values()) {
      shown.chart?.destroy();
      this.observer?.unobserve(shown.values);
    }
    this.shown.clear();
  }

  private render(loaded: TabMeasures, notice?: string): void {
    const status = h('p', { class: 'status', role: 'status' }, notice ?? '');
    const adding = loaded.mayDefine ? this.addMeasure(loaded) : null;
    if (loaded.measures.length === 0) {
      replace(
        this.container,
        status,
        h(
          'p',
          { class: 'empty' },
          loaded.mayDefine
            ? 'This plan has no impact measures yet. Add one below: each area’s measures then appear here with their run charts.'
            : 'This plan has no impact measures yet. Once measures are added, each area’s measures appear here with their run charts.',
        ),
        adding,
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
      status,
      h(
        'p',
        { class: 'note' },
        'Each chart shows the values reported (solid line; circles on track, crosses off track), the baseline (square), the target and its date (star), the dashed line from baseline to target, and the on-track side of that line, striped. Each value sits at the end of its period, on its month’s tick. The table under each chart has every number.',
      ),
      adding,
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
  }

  /** A coordinator's "Add a measure": the form is built when first opened, not with every view. */
  private addMeasure(loaded: TabMeasures): HTMLElement {
    return this.formInDetails('Add a measure', 'measure-add', () =>
      definitionForm({
        areas: this.view.areas,
        suggestedId: nextMeasureId(loaded.measures),
        send: (body) => this.define(`/api/tab/plans/${seg(this.view.plan.id)}/measures`, body),
        saved: (measure, message) => void this.load(message, measure.id),
      }),
    );
  }

  private formInDetails(title: string, className: string, build: () => HTMLElement): HTMLElement {
    const details = h('details', { class: className }, h('summary', {}, title));
    details.addEventListener('toggle', () => {
      if (details.open && details.children.length === 1) details.append(build());
    });
    return details;
  }

  private measureBlock(summary: TabMeasureSummary): HTMLElement {
    const id = domId(summary.id);
    const shown: Shown = {
      summary,
      display: h('div', { class: 'measure-display' }),
      values: h('div', { class: 'measure-values' }, h('p', { class: 'loading' }, 'Loading the values…')),
    };
    this.shown.set(summary.id, shown);
    this.fillSummary(shown);
    this.watch(shown);
    return h(
      'article',
      { class: 'measure', 'aria-labelledby': `${id}-name`, 'data-measure-id': summary.id },
      h('h4', { id: `${id}-name` }, `${summary.id}: ${summary.name}`),
      shown.display,
      shown.values,
      summary.mayReport
        ? valueForm({
            measure: summary,
            send: (body) => this.saveValue(summary, body),
            saved: (measure) => this.showFull(shown, measure),
          })
        : null,
      summary.mayDefine
        ? this.formInDetails('Change the definition', 'measure-change', () =>
            definitionForm({
              areas: this.view.areas,
              measure: shown.summary,
              send: (body) =>
                this.define(
                  `/api/tab/plans/${seg(this.view.plan.id)}/measures/${seg(summary.id)}/definition`,
                  body,
                ),
              saved: (measure, message) => void this.load(message, measure.id),
            }),
          )
        : null,
    );
  }

  /** The status and facts: what the list knows of a measure. */
  private fillSummary(shown: Shown): void {
    const measure = shown.summary;
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
        measure.actionIds.length > 0 ? fact('Linked actions', measure.actionIds.join(', ')) : null,
        measure.definition ? fact('Definition', measure.definition) : null,
        measure.source ? fact('Source', measure.source) : null,
      ),
    );
  }

  /** Asks for the measure's values when its block nears the screen (at once without an observer). */
  private watch(shown: Shown): void {
    if (!this.observer) {
      void this.fetchValues(shown);
      return;
    }
    this.waiting.set(shown.values, shown);
    this.observer.observe(shown.values);
  }

  private onNearScreen(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer?.unobserve(entry.target);
      const shown = this.waiting.get(entry.target);
      this.waiting.delete(entry.target);
      if (shown) void this.fetchValues(shown);
    }
  }

  private async fetchValues(shown: Shown): Promise<void> {
    try {
      const measure = await this.api.get<TabMeasure>(
        `/api/tab/plans/${seg(this.view.plan.id)}/measures/${seg(shown.summary.id)}`,
      );
      if (this.disposed || this.shown.get(shown.summary.id) !== shown) return;
      this.showFull(shown, measure);
    } catch (error) {
      if (this.disposed) return;
      replace(
        shown.values,
        h('p', { class: 'error', role: 'alert' }, `The values could not be shown: ${errorText(error)}`),
      );
    }
  }

  /** The measure with its values: the summary again (a saved value may change it), the chart and tables. */
  private showFull(shown: Shown, measure: TabMeasure): void {
    shown.summary = measure;
    shown.full = measure;
    this.fillSummary(shown);
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
      shown.values,
      h('div', { class: 'chart-box measure-chart' }, canvas),
      legend(measure),
      h('p', { id: `${id}-chart-description`, class: 'note' }, chartDescription(measure)),
      valueTable(measure, measure.mayReport ? (period) => startCorrection(measure.id, period) : undefined),
      historyDetails(measure),
    );
    this.draw(shown, canvas);
  }

  /** After a change of theme: the charts drawn so far, again. */
  private drawAll(): void {
    for (const shown of this.shown.values()) {
      const canvas = shown.values.querySelector('canvas');
      if (canvas && shown.full) this.draw(shown, canvas);
    }
  }

  private draw(shown: Shown, canvas: HTMLCanvasElement): void {
    const ChartJs = this.ChartJs;
    shown.chart?.destroy();
    shown.chart = undefined;
    if (!ChartJs || this.disposed || !shown.full || !canvas.isConnected) return;
    ChartJs.defaults.color = themeColour('--text');
    ChartJs.defaults.borderColor = themeColour('--chart-grid');
    ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
    ChartJs.defaults.font.size = 14;
    shown.chart = new ChartJs(canvas, chartConfig(shown.full));
  }

  /** Posts a value: a refusal with issues (422) or an answer with ok:false is an outcome, not an error. */
  private saveValue(
    measure: TabMeasureSummary,
    body: { period: string; value: string; note: string },
  ): Promise<TabMeasureValueResult> {
    return this.postAnswer<TabMeasureValueResult>(
      `/api/tab/plans/${seg(this.view.plan.id)}/measures/${seg(measure.id)}/values`,
      { period: body.period, value: body.value, ...(body.note.trim() ? { note: body.note } : {}) },
    );
  }

  private define(path: string, body: TabMeasureDefinition): Promise<TabMeasureDefineResult> {
    return this.postAnswer<TabMeasureDefineResult>(path, body);
  }

  /** A POST whose refusal (422, 400 with ok:false) is an answer the form shows; anything else an error. */
  private async postAnswer<T extends { ok: boolean }>(path: string, body: unknown): Promise<T> {
    const response = await this.api.sendJson(path, body);
    const payload = (await readJson(response)) as T | undefined;
    if (response.ok && payload?.ok) return payload;
    if ((response.status === 422 || response.status === 400) && payload && payload.ok === false)
      return payload;
    throw apiError(response, payload);
  }
}
