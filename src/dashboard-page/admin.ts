/**
 * The plan management page (/tab/admin): a coordinator runs their plan here — settings, people and
 * cover, actions and areas, closing it — and the people PLAN_CREATORS names create plans. Works inside
 * Teams (SSO, Teams theme) and in local mode, like the dashboard it is reached from.
 */
import type { TabAdminGroups } from '../http/dashboard-api/admin-groups-types.js';
import type { TabAdminPlan } from '../http/dashboard-api/admin-types.js';
import { actionsSection } from './admin-actions.js';
import { AdminClient } from './admin-client.js';
import { type SubmitHooks, showIssues } from './admin-forms.js';
import { groupsSection, loadGroups } from './admin-groups.js';
import { areaWordingPart } from './admin-groups-areas.js';
import { actionGroupForm } from './admin-groups-forms.js';
import { peopleSection } from './admin-people.js';
import { closePlanForm, createPlanForm } from './admin-plans.js';
import { RoundsSection } from './admin-rounds.js';
import { settingsSection } from './admin-settings.js';
import { byId, h, replace } from './dom.js';
import { renderLocalBanner } from './local-banner.js';
import { boot, pageLink, shellElements, showError as showPageError, statusLine } from './page-shell.js';
import type { Session } from './session.js';

const page = {
  ...shellElements(),
  settings: byId('settings'),
  settingsBody: byId('settings-body'),
  people: byId('people'),
  peopleBody: byId('people-body'),
  actions: byId('actions-admin'),
  actionsBody: byId('actions-admin-body'),
  monitoring: byId('monitoring'),
  monitoringBody: byId('monitoring-body'),
  rounds: byId('rounds'),
  roundsBody: byId('rounds-body'),
  plans: byId('plans'),
  plansBody: byId('plans-body'),
};

const say = statusLine(page.status);
const showError = (error: unknown) => showPageError(page.alert, error);

class AdminPage {
  private view: TabAdminPlan | undefined;
  private groups: TabAdminGroups | undefined;
  private chosenAction: string | undefined;
  private mayCreate = false;
  private readonly client: AdminClient;
  private readonly rounds: RoundsSection;

  constructor(private readonly session: Session) {
    this.client = new AdminClient(session.api);
    this.rounds = new RoundsSection(page.roundsBody, session.api, this.client, showError);
  }

  private readonly hooks: SubmitHooks = {
    say,
    reload: (after) => this.reload(after),
  };

  async start(): Promise<void> {
    this.renderHeader();
    this.mayCreate = (await this.client.me()).mayCreatePlans;
    const coordinated = this.session.me.plans.filter((p) => p.roles.includes('coordinator'));
    const wanted = new URLSearchParams(location.search).get('plan');
    const planId = coordinated.find((p) => p.id === wanted)?.id ?? coordinated[0]?.id;
    if (coordinated.length > 0) {
      const picker = h(
        'select',
        { id: 'plan-select' },
        coordinated.map((p) => h('option', { value: p.id }, p.title)),
      );
      if (planId) picker.value = planId;
      picker.addEventListener('change', () => location.assign(pageLink('/tab/admin', picker.value)));
      replace(page.picker, h('label', { for: 'plan-select' }, 'Action plan'), picker);
      page.picker.hidden = false;
    }
    if (wanted && planId !== wanted)
      replace(
        page.alert,
        h(
          'p',
          {},
          `You are not a coordinator of the plan “${wanted.slice(0, 64)}”, so it cannot be managed here.`,
        ),
      );
    if (!planId) {
      replace(page.title, 'Manage plans');
      replace(
        page.subtitle,
        this.mayCreate
          ? 'You coordinate no plan yet. Create one below.'
          : 'Only a plan’s coordinators manage it. Ask your partnership’s coordinator to make you one.',
      );
      this.renderPlans();
      say('');
      return;
    }
    await this.load(planId);
  }

  private async load(planId: string): Promise<boolean> {
    page.main.setAttribute('aria-busy', 'true');
    try {
      [this.view, this.groups] = await Promise.all([
        this.client.plan(planId),
        loadGroups(this.session.api, planId),
      ]);
    } catch (error) {
      this.view = undefined;
      this.groups = undefined;
      for (const section of [page.settings, page.people, page.actions, page.monitoring, page.rounds])
        section.hidden = true;
      replace(page.title, 'Plan not shown');
      showError(error);
      this.renderPlans();
      return false;
    } finally {
      page.main.removeAttribute('aria-busy');
    }
    const view = this.view;
    document.title = `Manage ${view.plan.title} – Action Tracker`;
    replace(page.title, `Manage ${view.plan.title}`);
    replace(
      page.subtitle,
      'You are a coordinator of this plan. ',
      h('a', { href: pageLink('/tab', view.plan.id) }, 'Back to the dashboard'),
    );
    replace(
      page.nav,
      h(
        'ul',
        {},
        [
          ['#settings-heading', 'Settings'],
          ['#people-heading', 'People'],
          ['#actions-admin-heading', 'Actions and areas'],
          ['#monitoring-heading', 'Monitoring groups'],
          ['#rounds-heading', 'Monitoring rounds'],
          ['#plans-heading', 'Plans'],
        ].map(([href, text]) => h('li', {}, h('a', { href }, text))),
      ),
    );
    page.nav.hidden = false;
    this.render();
    return true;
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    replace(page.settingsBody, settingsSection(view, this.client, this.hooks));
    replace(page.peopleBody, peopleSection(view, this.client, this.hooks));
    replace(
      page.actionsBody,
      actionsSection(
        view,
        this.client,
        this.hooks,
        this.chosenAction,
        (actionId) => {
          this.chosenAction = actionId || undefined;
          this.render();
          byId('action-choice').focus();
        },
        (action) =>
          this.groups ? actionGroupForm(view.plan.id, action.id, this.groups, this.client, this.hooks) : null,
      ),
      areaWordingPart(view, this.client, this.hooks),
    );
    if (this.groups) replace(page.monitoringBody, groupsSection(view, this.groups, this.client, this.hooks));
    page.settings.hidden = false;
    page.people.hidden = false;
    page.actions.hidden = false;
    page.monitoring.hidden = !this.groups;
    // Drawn once its own request answers; a closed plan runs no rounds, so it has none to offer.
    page.rounds.hidden = view.plan.closed;
    if (!view.plan.closed) void this.rounds.show(view.plan.id);
    this.renderPlans();
  }

  private renderPlans(): void {
    const parts: HTMLElement[] = [];
    if (this.view) parts.push(closePlanForm(this.view, this.client, this.hooks));
    if (this.mayCreate)
      parts.push(
        createPlanForm(
          this.client,
          this.hooks,
          (planId) => location.assign(pageLink('/tab/admin', planId)),
          this.session.me.mode === 'local',
        ),
      );
    if (parts.length === 0) {
      page.plans.hidden = true;
      return;
    }
    replace(page.plansBody, parts);
    page.plans.hidden = false;
  }

  /** After a save (or a form someone else's change made stale): the plan again, the message kept. */
  private async reload(after: { formId: string; error?: string }): Promise<void> {
    const view = this.view;
    if (!view) return;
    const section = document.getElementById(after.formId)?.closest('section');
    if (!(await this.load(view.plan.id))) return;
    if (after.error) {
      const form = document.getElementById(after.formId);
      const summary = form?.querySelector<HTMLElement>('.error-summary');
      if (form && summary) {
        showIssues({ form, summary }, after.error, []);
        return;
      }
      replace(page.alert, h('p', {}, after.error));
      return;
    }
    // The form was drawn again: focus goes back to its section, whose status says what was saved.
    section?.querySelector<HTMLElement>('h2')?.focus();
  }

  private renderHeader(): void {
    const { me } = this.session;
    if (me.mode !== 'local') {
      page.user.textContent = `Signed in as ${me.user.name}`;
      return;
    }
    renderLocalBanner(page.banner, me, this.session.localUser);
  }
}

void boot(say, page.alert, async (session) => {
  await new AdminPage(session).start();
  say('');
});
