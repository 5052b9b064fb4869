/**
 * The channel tab's configuration page (/tab/configure): the person picks one of their plans, and Teams
 * saves a tab whose content URL is /tab?plan=<id>. Outside Teams (local mode) it lists the plans with
 * links to preview each tab.
 */
import type { TabMe } from '../http/dashboard-api/api-types.js';
import { errorText } from './api.js';
import { byId, h, hidden, plural, replace } from './dom.js';
import { NotSignedInError, notifyTeamsLoaded, type Session, startSession } from './session.js';

const form = byId<HTMLFormElement>('configure-form');
const choices = byId('plan-choices');
const alert = byId('alert');
const status = byId('status');

function contentUrl(planId: string): string {
  return `${location.origin}/tab?plan=${encodeURIComponent(planId)}`;
}

function roleText(plan: TabMe['plans'][number]): string {
  const roles = plan.roles.map((role) => role);
  if (roles.length > 0) return `you are ${roles.join(' and ')}`;
  return `you own ${plural(plan.openActionsOwned, 'open action')}`;
}

async function currentPlan(session: Session): Promise<string | undefined> {
  try {
    const config = await session.teams?.sdk.pages.getConfig();
    const match = /^plan-(.+)$/.exec(config?.entityId ?? '');
    return match?.[1];
  } catch {
    return undefined;
  }
}

async function configure(): Promise<void> {
  let session: Session;
  try {
    session = await startSession();
  } catch (error) {
    replace(alert, h('p', {}, error instanceof NotSignedInError ? error.message : errorText(error)));
    return;
  }
  const { me, teams } = session;
  byId('user-name').textContent =
    me.mode === 'local' ? `Local mode: acting as ${me.user.name}` : `Signed in as ${me.user.name}`;
  if (me.plans.length === 0) {
    replace(
      alert,
      h(
        'p',
        {},
        'You have no role in any action plan yet, so there is nothing to show in this tab. Ask your partnership’s coordinator to add you.',
      ),
    );
    teams?.sdk.pages.config.setValidityState(false);
    return;
  }

  const selected = (await currentPlan(session)) ?? (me.plans.length === 1 ? me.plans[0]?.id : undefined);
  replace(
    choices,
    me.plans.map((plan) => {
      const id = `plan-${plan.id}`;
      const radio = h('input', {
        type: 'radio',
        name: 'plan',
        id,
        value: plan.id,
        checked: plan.id === selected,
      });
      return h(
        'div',
        { class: 'choice' },
        radio,
        h('label', { for: id }, plan.title, h('span', { class: 'hint' }, ` (${roleText(plan)})`)),
        teams
          ? null
          : h(
              'a',
              { href: `/tab?plan=${encodeURIComponent(plan.id)}`, class: 'preview' },
              'Preview',
              hidden(` ${plan.title}`),
            ),
      );
    }),
  );
  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  const chosen = () => form.querySelector<HTMLInputElement>('input[name="plan"]:checked')?.value;

  if (!teams) {
    status.textContent =
      'Outside Teams this page only lists your plans; in Teams, choosing one and pressing Save adds the tab.';
    return;
  }
  const { pages } = teams.sdk;
  pages.config.registerOnSaveHandler((save) => {
    const planId = chosen();
    if (!planId) {
      save.notifyFailure('Choose an action plan first.');
      return;
    }
    pages.config
      .setConfig({
        contentUrl: contentUrl(planId),
        entityId: `plan-${planId}`,
        suggestedDisplayName: 'Action plan',
      })
      .then(() => save.notifySuccess())
      .catch((error: unknown) => save.notifyFailure(error instanceof Error ? error.message : String(error)));
  });
  pages.config.setValidityState(chosen() !== undefined);
  form.addEventListener('change', () => {
    const planId = chosen();
    pages.config.setValidityState(planId !== undefined);
    const plan = me.plans.find((p) => p.id === planId);
    if (plan) status.textContent = `${plan.title} chosen. Press Save to add the tab.`;
  });
}

void configure().finally(notifyTeamsLoaded);
