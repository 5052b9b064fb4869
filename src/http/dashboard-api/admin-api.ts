/**
 * The plan management page's API (contract in admin-types.ts): mounted inside the tab's API router, so
 * the actor is authenticated the same way (Teams token, or local mode on loopback) and rate-limited
 * the same. One router per concern (settings, people, areas and actions; the plans themselves here),
 * each route reading its body, calling one use case and handing the typed outcome to `answer`
 * (admin-answer.ts), the one presenter that gives it a status and words.
 */
import { Router } from 'express';
import { fieldLabel, TEXT_FIELDS } from '../../domain/action-field-rules';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { formatDueDate, noDeadlineOf } from '../../domain/deadline';
import { isOpen, lifecycleLabel } from '../../domain/lifecycle';
import { CADENCES, DIGEST_WEEKDAYS } from '../../domain/plan';
import { NO_PLAN_CREATORS } from '../../domain/plan-creators';
import { REGION_NAMES } from '../../domain/plan-settings';
import { HOLIDAY_REGIONS } from '../../domain/working-days';
import { type AdminViewDeps, loadPlanAdmin, type PlanAdminView } from '../../usecases/admin/admin-view';
import { closePlanAs, createPlanAs, mayCreatePlans } from '../../usecases/admin/plans-admin';
import { adminActionsRouter } from './admin-actions-api';
import {
  ADMIN_PLAN,
  actorOf,
  answer,
  bodyOf,
  changeRoute,
  jsonBody,
  planIdOf,
  type Route,
  text,
} from './admin-answer';
import { adminGroupsRouter } from './admin-groups-api';
import { adminPeopleRouter, personView } from './admin-people-api';
import { type AdminRoundsDeps, adminRoundsRouter } from './admin-rounds-api';
import { adminSettingsRouter, settingsForm } from './admin-settings-api';
import type { TabAdminMe, TabAdminPlan } from './admin-types';

const SCALE_LABELS: Record<string, string> = {
  quadrant: 'Four progress quadrants (Northumberland style)',
  rag: 'Red, amber, green (RAG)',
};
const CADENCE_LABELS: Record<string, string> = {
  monthly: 'Monthly',
  'bi-monthly': 'Every two months',
  quarterly: 'Quarterly',
};
const UK_TIME_ZONES = ['Europe/London', 'Europe/Belfast', 'Europe/Dublin', 'UTC'];

export function adminApiRouter(deps: AdminRoundsDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const useCases: AdminViewDeps = { ...deps, random: deps.random ?? Math.random };
  const creators = deps.planCreators ?? NO_PLAN_CREATORS;
  const change = changeRoute(route);

  router.get(
    '/api/tab/admin/me',
    route(async (_req, res, actor) => {
      const me: TabAdminMe = { mayCreatePlans: mayCreatePlans(creators, actorOf(actor)) };
      res.json(me);
    }),
  );

  router.post(
    '/api/tab/admin/plans',
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return createPlanAs(useCases, actor, creators, {
          id: text(body, 'id', 64),
          title: text(body, 'title', 400),
          principalAuthority: text(body, 'principalAuthority', 400),
        });
      },
      ({ planId }) => ({ ok: true, message: `Plan ${planId} created. You are its coordinator.`, planId }),
    ),
  );

  router.get(
    ADMIN_PLAN,
    route(async (req, res, actor) => {
      const outcome = await loadPlanAdmin(useCases, actorOf(actor), planIdOf(req));
      if (outcome.kind === 'saved') res.json(adminView(outcome.value));
      else answer(res, outcome, () => ({ ok: true, message: '' }));
    }),
  );

  router.use(adminSettingsRouter(useCases, route));
  router.use(adminPeopleRouter(useCases, route));
  router.use(adminActionsRouter(useCases, route));
  router.use(adminRoundsRouter(deps, route));
  router.use(adminGroupsRouter(useCases, route));

  router.post(
    `${ADMIN_PLAN}/close`,
    json,
    change(
      (req, actor) =>
        closePlanAs(useCases, actor, { planId: planIdOf(req), confirm: text(bodyOf(req), 'confirm', 64) }),
      () => ({
        ok: true,
        message:
          'The plan is closed: no more reminders, rounds or digests, and its actions no longer change.',
      }),
    ),
  );

  return router;
}

/** Everything the page shows, read once, as the JSON it reads. */
function adminView(view: PlanAdminView): TabAdminPlan {
  const { plan } = view;
  const nameOf = (email: string) => view.people.find((p) => p.email === email)?.name ?? email;
  const owners = view.people.filter((p) =>
    view.actions.some((a) => a.owners.some((o) => o.email === p.email)),
  );
  return {
    plan: { id: plan.id, title: plan.title, closed: Boolean(plan.closedAt) },
    revision: view.revision,
    ...(plan.updatedBy
      ? { lastSaved: `Saved by ${plan.updatedBy}, ${formatUkDateTime(plan.updatedAt, plan.timeZone)}` }
      : {}),
    today: view.today,
    settings: settingsForm(view.settings),
    options: {
      regions: HOLIDAY_REGIONS.map((value) => ({ value, label: REGION_NAMES[value] })),
      timeZones: UK_TIME_ZONES.includes(plan.timeZone) ? UK_TIME_ZONES : [plan.timeZone, ...UK_TIME_ZONES],
      ratingScales: Object.entries(SCALE_LABELS).map(([value, label]) => ({ value, label })),
      cadences: CADENCES.map((value) => ({ value, label: CADENCE_LABELS[value] ?? value })),
      digestDays: DIGEST_WEEKDAYS.map((value) => ({
        value,
        label: value.charAt(0).toUpperCase() + value.slice(1),
      })),
    },
    people: view.people.map(personView),
    unaddressedOwners: view.unaddressedOwners,
    delegations: view.delegations.map((d) => ({
      id: d.id,
      owner: d.owner,
      ownerName: nameOf(d.owner),
      delegate: d.delegate,
      delegateName: nameOf(d.delegate),
      from: d.from,
      to: d.to,
      datesLabel: `${formatUkDate(d.from)} to ${formatUkDate(d.to)}`,
      active: d.active,
    })),
    owners: owners.map((p) => ({ email: p.email, name: p.name })),
    agencies: [...new Set(view.actions.map((a) => a.leadAgency))].sort(),
    areas: view.areas.map((a) => ({ id: a.id, text: a.text })),
    actions: view.actions.map((a) => ({
      id: a.id,
      description: a.description,
      areaId: a.areaId,
      leadAgency: a.leadAgency,
      contributingAgencies: a.contributingAgencies.join(', '),
      owners: a.owners.map((o) => `${o.name}, ${o.email}`).join('\n'),
      successMeasure: a.successMeasure,
      texts: Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, a[f.name] ?? ''])),
      baselineDueLabel: formatDueDate(a.baselineDueDate, noDeadlineOf(a)),
      currentDue: a.currentDueDate ?? '',
      currentDueLabel: formatDueDate(a.currentDueDate, noDeadlineOf(a)),
      lifecycleLabel: lifecycleLabel(a.lifecycle),
      open: isOpen(a.lifecycle),
      version: a.version,
    })),
    textFields: TEXT_FIELDS.map((f) => ({ name: f.name, label: fieldLabel(f.name) })),
  };
}
