/**
 * The plan management page's API (contract in admin-types.ts): mounted inside the tab's API router, so
 * the caller is authenticated the same way (Teams token, or local mode on loopback) and rate-limited
 * the same. Each route reads its body, calls one use case and hands the typed outcome to `answer`, the
 * one presenter that gives it a status and words.
 */
import express, { type Request, type Response, Router } from 'express';
import { describeDenial } from '../../domain/access-words';
import { fieldLabel, TEXT_FIELDS } from '../../domain/action-field-rules';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { formatDueDate } from '../../domain/deadline';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { isOpen, lifecycleLabel } from '../../domain/lifecycle';
import { assertNever } from '../../domain/never';
import { CADENCES, DEFAULT_TIME_ZONE, DIGEST_WEEKDAYS } from '../../domain/plan';
import { NO_PLAN_CREATORS, type PlanCreators } from '../../domain/plan-creators';
import { type PlanSettings, REGION_NAMES } from '../../domain/plan-settings';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import { HOLIDAY_REGIONS } from '../../domain/working-days';
import {
  addActionAs,
  addAreaAs,
  editActionAs,
  editAreaAs,
  rescheduleActionAs,
  withdrawActionAs,
} from '../../usecases/admin/action-admin';
import type { Actor, AdminDeps, AdminOutcome } from '../../usecases/admin/admin-outcome';
import { loadPlanAdmin, type PlanAdminView } from '../../usecases/admin/admin-view';
import {
  addDelegationAs,
  grantRoleAs,
  type PlanPerson,
  removeDelegationAs,
  revokeRoleAs,
} from '../../usecases/admin/plan-people';
import { savePlanSettings } from '../../usecases/admin/plan-settings';
import { closePlanAs, createPlanAs, mayCreatePlans } from '../../usecases/admin/plans-admin';
import type { TabAdminMe, TabAdminPlan, TabAdminResult, TabPlanSettings } from './admin-types';
import type { Caller } from './tab-auth';

export interface AdminApiDeps extends Omit<AdminDeps, 'random'> {
  random?: () => number;
  planCreators?: PlanCreators;
}

type Handler = (req: Request, res: Response, caller: Caller) => Promise<void>;
/** The tab API's wrapper: authenticates, rate-limits and maps named errors (see tab-api.ts). */
export type Route = (handler: Handler) => express.RequestHandler;

/** Settings, owners and action text are small: 64 KB is far more than any form sends. */
const BODY_LIMIT = '64kb';

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

export function adminApiRouter(deps: AdminApiDeps, route: Route): Router {
  const router = Router();
  const json = express.json({ limit: BODY_LIMIT, strict: true });
  const useCases: AdminDeps = { ...deps, random: deps.random ?? Math.random };
  const creators = deps.planCreators ?? NO_PLAN_CREATORS;
  const base = '/api/tab/admin/plans/:planId';

  /** A change: its outcome presented; `message` words a success. */
  const change = <T>(
    run: (req: Request, actor: Actor) => Promise<AdminOutcome<T>>,
    message: (value: T) => TabAdminResult,
  ) =>
    route(async (req, res, caller) => {
      const outcome = await run(req, actorOf(caller));
      answer(res, outcome, message);
    });

  router.get(
    '/api/tab/admin/me',
    route(async (_req, res, caller) => {
      const me: TabAdminMe = { mayCreatePlans: mayCreatePlans(creators, actorOf(caller)) };
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
    base,
    route(async (req, res, caller) => {
      const outcome = await loadPlanAdmin(useCases, actorOf(caller), planIdOf(req));
      if (outcome.kind === 'saved') res.json(adminView(outcome.value));
      else answer(res, outcome, () => ({ ok: true, message: '' }));
    }),
  );

  router.post(
    `${base}/settings`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const settings = body.settings;
        if (!settings || typeof settings !== 'object' || Array.isArray(settings))
          throw new ValidationError([
            { field: 'settings', reason: 'must be an object of the form’s values' },
          ]);
        return savePlanSettings(useCases, actor, {
          planId: planIdOf(req),
          revision: text(body, 'revision', 32),
          settings: settings as Record<string, unknown>,
        });
      },
      ({ changed, revision }) => ({
        ok: true,
        message:
          changed.length === 0
            ? 'Nothing had changed, so there was nothing to save.'
            : `Settings saved: ${changed.map((field) => SETTING_WORDS[field]).join(', ')}.`,
        revision,
      }),
    ),
  );

  router.post(
    `${base}/roles`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const request = {
          planId: planIdOf(req),
          email: text(body, 'email', 320),
          role: text(body, 'role', 32),
          ...(text(body, 'agency', 200) ? { agency: text(body, 'agency', 200) } : {}),
        };
        return body.remove === true
          ? revokeRoleAs(useCases, actor, request)
          : grantRoleAs(useCases, actor, request);
      },
      ({ changed }) => ({
        ok: true,
        message: changed ? 'Saved: the plan’s people have changed.' : 'Nothing changed: that was so already.',
      }),
    ),
  );

  router.post(
    `${base}/delegations`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return addDelegationAs(useCases, actor, {
          planId: planIdOf(req),
          owner: text(body, 'owner', 320),
          delegate: text(body, 'delegate', 320),
          delegateName: text(body, 'delegateName', 200),
          from: text(body, 'from', 40),
          to: text(body, 'to', 40),
        });
      },
      () => ({
        ok: true,
        message:
          'Cover saved: the delegate gets the owner’s reminders on those dates and may update their actions.',
      }),
    ),
  );

  router.post(
    `${base}/delegations/:id/remove`,
    change(
      (req, actor) =>
        removeDelegationAs(useCases, actor, {
          planId: planIdOf(req),
          id: String(req.params.id).slice(0, 64),
        }),
      ({ changed }) => ({
        ok: true,
        message: changed ? 'Cover removed.' : 'That cover had been removed already.',
      }),
    ),
  );

  router.post(
    `${base}/areas`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return addAreaAs(useCases, actor, {
          planId: planIdOf(req),
          id: text(body, 'id', 64),
          text: text(body, 'text', 4000),
        });
      },
      ({ areaId }) => ({ ok: true, message: `Area ${areaId} added.` }),
    ),
  );

  router.post(
    `${base}/areas/:areaId`,
    json,
    change(
      (req, actor) =>
        editAreaAs(useCases, actor, {
          planId: planIdOf(req),
          areaId: itemIdOf(req, 'areaId'),
          text: text(bodyOf(req), 'text', 4000),
        }),
      ({ areaId }) => ({ ok: true, message: `Area ${areaId} saved.` }),
    ),
  );

  router.post(
    `${base}/actions`,
    json,
    change(
      (req, actor) => addActionAs(useCases, actor, { planId: planIdOf(req), fields: bodyOf(req) }),
      ({ actionId, version }) => ({ ok: true, message: `Action ${actionId} added.`, version }),
    ),
  );

  router.post(
    `${base}/actions/:actionId`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const fields = body.fields;
        if (!fields || typeof fields !== 'object' || Array.isArray(fields))
          throw new ValidationError([{ field: 'fields', reason: 'must be an object of the form’s values' }]);
        return editActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          fields: fields as Record<string, unknown>,
        });
      },
      ({ actionId, version, changed }) => ({
        ok: true,
        message:
          changed.length === 0 ? `Nothing had changed in action ${actionId}.` : `Action ${actionId} saved.`,
        version,
      }),
    ),
  );

  router.post(
    `${base}/actions/:actionId/reschedule`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return rescheduleActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          date: text(body, 'date', 40),
          reason: text(body, 'reason', 4000),
        });
      },
      ({ actionId, version }) => ({
        ok: true,
        message: `Action ${actionId} rescheduled. Its baseline date stays as agreed.`,
        version,
      }),
    ),
  );

  router.post(
    `${base}/actions/:actionId/withdraw`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return withdrawActionAs(useCases, actor, {
          planId: planIdOf(req),
          actionId: itemIdOf(req, 'actionId'),
          version: text(body, 'version', 32),
          reason: text(body, 'reason', 4000),
        });
      },
      ({ actionId, version }) => ({
        ok: true,
        message: `Action ${actionId} withdrawn. It stays in the plan’s history.`,
        version,
      }),
    ),
  );

  router.post(
    `${base}/close`,
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

const SETTING_WORDS: Record<keyof PlanSettings, string> = {
  title: 'title',
  principalAuthority: 'principal authority',
  inspectionTheme: 'inspection theme',
  inspectionStart: 'inspection start',
  inspectionEnd: 'inspection end',
  submissionDate: 'submission deadline',
  region: 'bank holidays',
  timeZone: 'time zone',
  ratingScale: 'rating scale',
  reminderDaysBefore: 'reminder days',
  windowStart: 'send window',
  windowEnd: 'send window',
  cadence: 'monitoring cadence',
  oversightBody: 'oversight body',
  digestDay: 'digest day',
};

function actorOf(caller: Caller): Actor {
  return {
    aadObjectId: caller.aadObjectId,
    name: caller.name,
    email: caller.email,
    ...(caller.groups ? { groups: caller.groups } : {}),
  };
}

/** The one presenter: each outcome as a status and the JSON the page reads. */
function answer<T>(res: Response, outcome: AdminOutcome<T>, message: (value: T) => TabAdminResult): void {
  const send = (status: number, body: TabAdminResult) => res.status(status).json(body);
  switch (outcome.kind) {
    case 'saved':
      send(200, message(outcome.value));
      return;
    case 'invalid':
      send(400, {
        ok: false,
        error: 'Nothing was saved. Please check the highlighted answers.',
        issues: outcome.issues.map((i) => ({ field: i.field, reason: i.reason })),
      });
      return;
    case 'stale': {
      const who = outcome.changedBy ?? 'Someone';
      const when = outcome.changedAt ? ` (${formatUkDateTime(outcome.changedAt, DEFAULT_TIME_ZONE)})` : '';
      send(409, {
        ok: false,
        error: `${who} saved a change${when} after you opened this, so nothing was saved. The form now shows the current version: check it and save again.`,
        ...(outcome.changedBy ? { changedBy: outcome.changedBy } : {}),
      });
      return;
    }
    case 'forbidden':
      send(403, {
        ok: false,
        error: describeDenial(
          outcome.reason,
          outcome.reason === 'not-plan-creator' ? 'create-plan' : 'administer',
        ).text,
      });
      return;
    case 'not-found':
      throw new NotFoundError(outcome.what);
    default:
      assertNever(outcome);
  }
}

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
    delegations: view.delegations.map((d) => ({
      id: d.id,
      owner: d.owner,
      ownerName: nameOf(d.owner),
      delegate: d.delegate,
      delegateName: d.delegateName,
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
      baselineDueLabel: formatDueDate(a.baselineDueDate),
      currentDue: a.currentDueDate ?? '',
      currentDueLabel: formatDueDate(a.currentDueDate),
      lifecycleLabel: lifecycleLabel(a.lifecycle),
      open: isOpen(a.lifecycle),
      version: a.version,
    })),
    textFields: TEXT_FIELDS.map((f) => ({ name: f.name, label: fieldLabel(f.name) })),
  };
}

function settingsForm(s: PlanSettings): TabPlanSettings {
  return {
    title: s.title,
    principalAuthority: s.principalAuthority,
    inspectionTheme: s.inspectionTheme,
    inspectionStart: s.inspectionStart ?? '',
    inspectionEnd: s.inspectionEnd ?? '',
    submissionDate: s.submissionDate ?? '',
    region: s.region,
    timeZone: s.timeZone,
    ratingScale: s.ratingScale,
    reminderDaysBefore: s.reminderDaysBefore.join(', '),
    windowStart: s.windowStart,
    windowEnd: s.windowEnd,
    cadence: s.cadence,
    oversightBody: s.oversightBody,
    digestDay: s.digestDay,
  };
}

function personView(p: PlanPerson) {
  const roles = [
    ...(p.roles.includes('coordinator') ? ['Coordinator'] : []),
    ...(p.roles.includes('lead') ? ['Lead'] : []),
    ...p.agencies.map((agency) => `Lead officer for ${agency}`),
    ...(p.openActionsOwned > 0
      ? [`Owner of ${p.openActionsOwned} open action${p.openActionsOwned === 1 ? '' : 's'}`]
      : []),
  ];
  return {
    email: p.email,
    name: p.name,
    roles: p.roles,
    rolesLabel: roles.join(', ') || (p.covers ? 'Covers for an owner' : 'Owner of no open actions'),
    openActionsOwned: p.openActionsOwned,
    teams: p.reachability.teams,
    reachLabel: p.reachability.teams
      ? 'Teams: reachable'
      : p.reachability.reason === 'removed'
        ? 'Teams: removed the app or blocked it'
        : 'Teams: has not installed Action Tracker',
  };
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ValidationError([{ field: 'body', reason: 'must be a JSON object' }]);
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError([{ field, reason: 'must be text' }]);
  if (value.length > max) throw new ValidationError([{ field, reason: `must be at most ${max} characters` }]);
  return value;
}

function planIdOf(req: Request): string {
  const planId = String(req.params.planId);
  if (!PLAN_ID_PATTERN.test(planId)) throw new NotFoundError(`Plan ${planId.slice(0, 64)}`);
  return planId;
}

function itemIdOf(req: Request, name: 'actionId' | 'areaId'): string {
  const id = String(req.params[name]);
  if (!ITEM_ID_PATTERN.test(id))
    throw new NotFoundError(`${name === 'actionId' ? 'Action' : 'Area'} ${id.slice(0, 32)}`);
  return id;
}
