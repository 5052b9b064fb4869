/**
 * The dashboard tab (/tab): plan picker, the quadrant board with filters, action detail with the update
 * form, trends and downloads. Works inside Teams (SSO, Teams theme) and, when the server is in local
 * mode, in a plain browser as a clearly labelled demo user.
 */
import type { TabAction, TabMe, TabPlanView } from '../http/dashboard-api/api-types.js';
import { countsByRating, renderBoard } from './board.js';
import { ActionDetail } from './detail.js';
import { byId, h, plural, replace } from './dom.js';
import { renderDownloads } from './downloads.js';
import { renderFilterForm } from './filter-form.js';
import {
  applyFilters,
  type Filters,
  filtersFromQuery,
  filtersToQuery,
  isFiltered,
  NO_FILTERS,
} from './filters.js';
import { mountImport } from './import-page.js';
import { renderLocalBanner } from './local-banner.js';
import { MeasuresView } from './measures.js';
import { renderGovernance } from './moderation.js';
import { boot, pageLink, shellElements, showError as showPageError, statusLine } from './page-shell.js';
import { recall, remember } from './prefs.js';
import { reportLinkInSubPage, reportPageFor } from './report-link.js';
import { NotSignedInError, type Session } from './session.js';
import { TrendsView } from './trends.js';

const PLAN_KEY = 'actionTracker.plan';
const ANNOUNCE_AFTER_MS = 700;

const page = {
  ...shellElements(),
  actions: byId('actions'),
  actionsHeading: byId('actions-heading'),
  filters: byId('filters'),
  summary: byId('board-summary'),
  board: byId('board'),
  measures: byId('measures'),
  measuresBody: byId('measures-body'),
  trends: byId('trends'),
  trendsBody: byId('trends-body'),
  downloads: byId('downloads'),
  downloadsBody: byId('downloads-body'),
  importSection: byId('import'),
  importBody: byId('import-body'),
  governance: byId('governance'),
  governanceBody: byId('governance-body'),
};

const say = statusLine(page.status);
const showError = (error: unknown) => showPageError(page.alert, error);

function clearError(): void {
  page.alert.replaceChildren();
}

class Dashboard {
  private view: TabPlanView | undefined;
  private filters: Filters;
  private trends: TrendsView | undefined;
  private measures: MeasuresView | undefined;
  /** The viewer may see at least one of the plan's measures (coordinators and leads see the section anyway). */
  private measuresShown = false;
  private importShown = false;
  private picker: HTMLSelectElement | undefined;
  private readonly detail: ActionDetail;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly session: Session) {
    this.filters = filtersFromQuery(new URLSearchParams(location.search));
    this.detail = new ActionDetail(session.api, {
      onSaved: () => void this.refresh(),
      onError: showError,
      cardFor: (actionId) => this.cardFor(actionId),
    });
    page.board.addEventListener('click', (event) => this.onBoardClick(event));
  }

  async start(): Promise<void> {
    const { me } = this.session;
    this.renderHeader(me);
    this.importShown = mountImport(page.importSection, page.importBody, this.session.api, me, say, (fresh) =>
      this.plansChanged(fresh),
    );
    if (me.plans.length === 0) {
      replace(page.title, 'No action plans');
      replace(
        page.subtitle,
        'You have no role in any action plan and own no actions yet. Ask your partnership’s coordinator to add you.',
      );
      say('');
      return;
    }
    const ids = me.plans.map((plan) => plan.id);
    // A configured channel tab names its plan in the URL; a deep link to the personal tab (the digest's
    // "Open the dashboard") names it as the sub-page.
    const fromUrl =
      new URLSearchParams(location.search).get('plan') ?? this.session.teams?.context.page.subPageId ?? null;
    if (fromUrl && ids.includes(fromUrl)) {
      await this.load(fromUrl, this.filters);
      return;
    }
    const remembered = recall('local', PLAN_KEY);
    await this.load(remembered && ids.includes(remembered) ? remembered : ids[0]!, this.filters);
    if (fromUrl && this.view) {
      replace(
        page.alert,
        h('p', {}, `You have no role in the plan “${fromUrl}”, so ${this.view.plan.title} is shown instead.`),
      );
    }
  }

  /** After an import: the picker lists the plan too, the one shown staying chosen. */
  private plansChanged(me: TabMe): void {
    this.session.me = me;
    this.renderHeader(me);
    if (this.picker && this.view) this.picker.value = this.view.plan.id;
  }

  private renderHeader(me: TabMe): void {
    const { session } = this;
    if (me.mode === 'local') {
      renderLocalBanner(page.banner, me, session.localUser);
      page.user.textContent = '';
    } else {
      page.user.textContent = `Signed in as ${me.user.name}`;
    }

    const picker = h(
      'select',
      { id: 'plan-select' },
      me.plans.map((plan) => h('option', { value: plan.id }, plan.title)),
    );
    picker.addEventListener('change', () => {
      this.detail.close();
      void this.load(picker.value, NO_FILTERS);
    });
    replace(page.picker, h('label', { for: 'plan-select' }, 'Action plan'), picker);
    page.picker.hidden = me.plans.length === 0;
    this.picker = picker;
  }

  private async load(planId: string, filters: Filters): Promise<void> {
    if (this.picker) this.picker.value = planId;
    say('Loading the action plan…');
    page.main.setAttribute('aria-busy', 'true');
    let view: TabPlanView;
    try {
      view = await this.session.api.plan(planId);
    } catch (error) {
      say('');
      // Nothing of a plan the person may not (or can no longer) see stays on the page.
      this.view = undefined;
      this.dropTrends();
      page.actions.hidden = true;
      page.trends.hidden = true;
      page.measures.hidden = true;
      page.downloads.hidden = true;
      page.governance.hidden = true;
      replace(page.title, 'Action plan not shown');
      page.subtitle.replaceChildren();
      showError(error);
      return;
    } finally {
      page.main.removeAttribute('aria-busy');
    }
    clearError();
    remember('local', PLAN_KEY, planId);
    this.view = view;
    this.filters = { ...filters };
    this.dropTrends();

    document.title = `${view.plan.title} – Action Tracker`;
    replace(page.title, view.plan.title);
    replace(page.subtitle, this.subtitle(view));
    const whole = view.viewer.seesWholePlan;
    replace(page.actionsHeading, whole ? 'Actions' : 'Your actions');
    page.actions.hidden = false;
    this.renderNav(whole);
    renderFilterForm(page.filters, view, this.filters, (next) => this.onFilters(next), this.locale());
    this.draw();
    this.syncUrl();
    say(`${view.plan.title}: ${this.countText(view)}.`);

    page.trends.hidden = !whole;
    page.downloads.hidden = !whole;
    this.showMeasures(view, whole);
    page.governance.hidden = !whole;
    if (whole) renderGovernance(page.governanceBody, this.session.api, view, say);
    if (whole) {
      const offerRounds = renderDownloads(page.downloadsBody, this.session.api, planId, say);
      // Trends follow the board rather than hold it up; downloads then offer the closed rounds too. (A
      // view disposed meanwhile, by another plan's load, answers undefined.)
      this.trends = new TrendsView(page.trendsBody, this.session.api, view, say);
      void this.trends.load().then((loaded) => {
        if (loaded) offerRounds(loaded.closedRounds);
      });
    }
  }

  /** The trends and measures of the plan that was shown stop drawing (and following the theme). */
  private dropTrends(): void {
    this.trends?.dispose();
    this.trends = undefined;
    this.measures?.dispose();
    this.measures = undefined;
    this.measuresShown = false;
  }

  /**
   * Issue 21: the plan's impact measures, for those who see the whole plan, and for an owner who reports
   * one (the section stays hidden for anyone with none to see).
   */
  private showMeasures(view: TabPlanView, whole: boolean): void {
    page.measures.hidden = !whole;
    this.measuresShown = whole;
    const measures = new MeasuresView(page.measuresBody, this.session.api, view);
    this.measures = measures;
    void measures.load().then((count) => {
      if (this.measures !== measures || whole || !count) return;
      page.measures.hidden = false;
      this.measuresShown = true;
      this.renderNav(whole);
    });
  }

  /** After an update: the plan again (one request), keeping the filters. */
  private async refresh(): Promise<void> {
    const view = this.view;
    if (!view) return;
    try {
      this.view = await this.session.api.plan(view.plan.id);
      this.draw();
    } catch (error) {
      showError(error);
    }
  }

  private subtitle(view: TabPlanView): string {
    const roles = view.viewer.roles;
    const role =
      roles.length > 0
        ? `You are ${roles.map((r) => `a ${r}`).join(' and ')} of this plan`
        : `You see the ${plural(view.actions.length, 'action')} you own`;
    return `${view.plan.principalAuthority}. ${role}. Today is ${view.todayLabel}.`;
  }

  private renderNav(whole: boolean): void {
    const link = (href: string, text: string) => h('li', {}, h('a', { href }, text));
    replace(
      page.nav,
      h(
        'ul',
        {},
        link('#actions-heading', whole ? 'Actions' : 'Your actions'),
        whole || this.measuresShown ? link('#measures-heading', 'Measures') : null,
        whole ? link('#trends-heading', 'Trends') : null,
        whole ? link('#governance-heading', 'Moderation and papers') : null,
        whole ? link('#downloads-heading', 'Downloads') : null,
        // Coordinators run their plan on its own page (admin.ts): settings, people, actions, closing.
        this.view?.viewer.roles.includes('coordinator')
          ? link(manageLink(this.view.plan.id), 'Manage this plan')
          : null,
        this.importShown ? link('#import-heading', 'Import a spreadsheet') : null,
      ),
    );
    page.nav.hidden = false;
  }

  private onFilters(filters: Filters): void {
    this.filters = filters;
    this.draw();
    this.syncUrl();
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      if (this.view) say(this.countText(this.view));
    }, ANNOUNCE_AFTER_MS);
  }

  private draw(): void {
    const view = this.view;
    if (!view) return;
    const shown = applyFilters(view.actions, this.filters);
    renderBoard(page.board, view, shown, this.filters.group);
    const counts = countsByRating(view, shown).map((column) => `${column.name} ${column.count}`);
    replace(
      page.summary,
      h('strong', {}, this.countText(view, shown)),
      ` (${counts.join(', ')}; overdue ${shown.filter((a) => a.overdue).length}).`,
    );
  }

  private countText(view: TabPlanView, shown?: readonly TabAction[]): string {
    const visible = shown ?? applyFilters(view.actions, this.filters);
    return isFiltered(this.filters)
      ? `Showing ${visible.length} of ${plural(view.actions.length, 'action')}`
      : `Showing all ${plural(view.actions.length, 'action')}`;
  }

  private syncUrl(): void {
    const view = this.view;
    if (!view) return;
    const url = new URL(location.href);
    url.searchParams.set('plan', view.plan.id);
    filtersToQuery(this.filters, url.searchParams);
    history.replaceState(history.state, '', url);
  }

  private onBoardClick(event: MouseEvent): void {
    const view = this.view;
    const target = event.target as Element | null;
    if (!view || !target) return;
    const button = target.closest<HTMLButtonElement>('[data-open-action]');
    if (button) {
      void this.detail.open(view.plan.id, button.dataset.openAction ?? '', button);
      return;
    }
    // A click anywhere on a card opens it too (unless on a link or control inside it).
    const card = target.closest('.card');
    if (card && !target.closest('a, button, input, select, textarea')) {
      card.querySelector<HTMLButtonElement>('[data-open-action]')?.click();
    }
  }

  private cardFor(actionId: string): HTMLElement | null {
    return page.board.querySelector<HTMLElement>(`[data-open-action="${CSS.escape(actionId)}"]`);
  }

  private locale(): string | undefined {
    return this.session.teams?.context.app.locale;
  }
}

/** The plan management page for `planId`. */
function manageLink(planId: string): string {
  return pageLink('/tab/admin', planId);
}

void boot(
  say,
  page.alert,
  async (session) => {
    // A report card's button: a deep link whose sub-page is the signed link, for the report page.
    const reportLink = reportLinkInSubPage(session.teams?.context.page.subPageId);
    if (reportLink) {
      location.replace(reportPageFor(reportLink));
      return;
    }
    await new Dashboard(session).start();
  },
  (error) => {
    if (!(error instanceof NotSignedInError)) return;
    replace(page.title, 'Action Tracker');
    replace(
      page.subtitle,
      'Action Tracker shows your partnership’s inspection action plans. It signs you in through Microsoft Teams.',
    );
  },
);
