/**
 * The dashboard tab's JSON API (contract in api-types.ts). Each request is authenticated (Entra ID token,
 * or local mode on loopback) and answered through the same use cases and rules as the bot.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { NotAuthorisedError, NotFoundError, UnavailableError, ValidationError } from '../../domain/errors';
import { assertNever } from '../../domain/never';
import { describeRecordedUpdate } from '../../domain/update-summary';
import { type PaperOptions, readPaperOptions } from '../../reports/paper-options';
import { reportFileName } from '../../reports/render-report';
import { measureRows, measuresCsvName, progressMeasuresCsv } from '../../reports/render-tabular';
import { toCsv } from '../../spreadsheets/write-spreadsheet';
import { loadMemberships } from '../../usecases/chat/memberships';
import {
  compareRounds,
  loadActionDetail,
  loadPlanDashboard,
  loadTrends,
  requirePlanRole,
} from '../../usecases/dashboard/dashboard';
import { exportPlan } from '../../usecases/plans/export-plan';
import {
  buildPlanProgressReport,
  type ProgressReportFormat,
  REPORT_FORMATS,
} from '../../usecases/reports/build-progress-report';
import type { Actor } from '../../usecases/shared/actor';
import { type UpdateOutcome, updateFromForm } from '../../usecases/updates/handle-card-action';
import { limitPerMinute, refuseAsJson } from '../rate-limits';
import { checkReportLink, REPORT_LINK_REFUSALS } from '../report-links';
import { sendProgressReport } from '../send-report';
import { refusedOnAction } from './action-refusal';
import { adminApiRouter } from './admin-api';
import type { TabError, TabMe, TabUpdateRequest, TabUpdateResult } from './api-types';
import { mountDecisionRoute } from './decision-api';
import { mountImportRoutes } from './import-api';
import { findLocalPeople, localPeople, RecentLocalPeople } from './local-people';
import { mountMeasuresApi } from './measures-api';
import { mountModerationApi } from './moderation-api';
import { itemIdOf, jsonObject, planIdOf } from './request-params';
import type { TabApiDeps } from './tab-api-deps';
import { AuthenticationError, withRosterEmail } from './tab-auth';
import { tabAction, tabActionDetail, tabComparison, tabPlanView, tabTrends } from './tab-views';

const LOCAL_USER_HEADER = 'x-local-user';
/** An update form is a rating, a note of at most 2,000 characters and a link: 16 KB is plenty. */
const BODY_LIMIT = '16kb';
/** A report link is under 2 KB (verifyReportLink refuses longer ones). */
const LINK_BODY_LIMIT = '4kb';

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;

export function tabApiRouter(deps: TabApiDeps): Router {
  const router = Router();
  const recentPeople = deps.tokens ? undefined : new RecentLocalPeople(deps.stores);
  router.use('/api/tab', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  // Counted per signed-in person, so it runs after the actor is known; an address limit runs before.
  const perPerson =
    deps.perPersonPerMinute === undefined
      ? undefined
      : limitPerMinute(
          deps.perPersonPerMinute,
          (_req, res) => (res.locals as { person?: string }).person,
          refuseAsJson,
        );

  const route = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    let actor: Actor;
    try {
      actor = await authenticate(deps, req, recentPeople);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        deps.logger.info({ reason: error.message }, 'tab API call refused');
        sendError(res, 401, 'Sign in through Microsoft Teams to use the dashboard.');
        return;
      }
      // Storage down while looking the actor up is a 503 like any other, not a 500.
      if (!answerError(res, error)) next(error);
      return;
    }
    // A change made through the dashboard may name someone anew, or give them a role: ask again after it.
    if (recentPeople && req.method !== 'GET') {
      res.once('finish', () => {
        if (res.statusCode < 400) recentPeople.forget();
      });
    }
    if (perPerson) {
      (res.locals as { person?: string }).person = actor.aadObjectId;
      let allowed = false;
      await perPerson(req, res, () => {
        allowed = true;
      });
      if (!allowed) return;
    }
    try {
      await handler(req, res, actor);
    } catch (error) {
      if (!answerError(res, error)) next(error);
    }
  };

  router.get(
    '/api/tab/me',
    route(async (_req, res, actor) => {
      const memberships = await loadMemberships(deps.stores, actor.email);
      const me: TabMe = {
        mode: deps.tokens ? 'teams' : 'local',
        user: { name: actor.name, email: actor.email },
        plans: memberships.map((m) => ({
          id: m.planId,
          title: m.planTitle,
          roles: m.roles,
          openActionsOwned: m.openActionsOwned,
        })),
        ...(deps.tokens ? {} : { localUsers: await localPeople(deps.stores, actor.email) }),
      };
      res.json(me);
    }),
  );

  // Local mode's "Act as" search: anyone any plan names. Signed-in people have no one else to be.
  router.get(
    '/api/tab/local-people',
    route(async (req, res) => {
      if (deps.tokens) return sendError(res, 404, 'There is no such dashboard endpoint.');
      const query = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
      res.json(await findLocalPeople(deps.stores, query));
    }),
  );

  router.get(
    '/api/tab/plans/:planId',
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const view = await loadPlanDashboard(deps.stores, actor, planId, deps.clock.now());
      res.json(tabPlanView(view));
    }),
  );

  router.get(
    '/api/tab/plans/:planId/actions/:actionId',
    route(async (req, res, actor) => {
      const detail = await loadActionDetail(
        deps.stores,
        actor,
        planIdOf(req),
        actionIdOf(req),
        deps.clock.now(),
      );
      res.json(tabActionDetail(detail));
    }),
  );

  router.post(
    '/api/tab/plans/:planId/actions/:actionId',
    express.json({ limit: BODY_LIMIT, strict: true }),
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const actionId = actionIdOf(req);
      const body = readUpdate(req.body);
      const outcome = await updateFromForm(
        {
          stores: deps.stores,
          clock: deps.clock,
          calendar: deps.calendar,
          random: Math.random,
          source: 'tab',
        },
        { aadObjectId: actor.aadObjectId, name: actor.name, email: actor.email },
        { planId, actionId, ...body },
      );
      const answer = updateAnswer(outcome, actionId);
      if (outcome.kind === 'saved') deps.afterResponse?.(outcome);
      res.status(answer.status).json(answer.body);
    }),
  );

  router.get(
    '/api/tab/plans/:planId/trends',
    route(async (req, res, actor) => {
      res.json(tabTrends(await loadTrends(deps.stores, actor, planIdOf(req), deps.clock.now())));
    }),
  );

  router.get(
    '/api/tab/plans/:planId/compare',
    route(async (req, res, actor) => {
      const from = roundNumber(req.query.from, 'from');
      const to =
        req.query.to === 'now' || req.query.to === undefined ? 'now' : roundNumber(req.query.to, 'to');
      res.json(
        tabComparison(await compareRounds(deps.stores, actor, planIdOf(req), from, to, deps.clock.now())),
      );
    }),
  );

  // Issue 21: the measures of the CSV report, a sibling file (a CSV is one table; render-tabular.ts).
  router.get(
    '/api/tab/plans/:planId/report-measures.csv',
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      await requirePlanRole(deps.stores, actor, planId, deps.clock.now());
      const report = await buildPlanProgressReport(deps.stores, planId, actor.email, deps.clock.now(), 'csv');
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${measuresCsvName(reportFileName(report, 'csv'))}"`,
      );
      res.send(progressMeasuresCsv(report) ?? toCsv(measureRows(report)));
    }),
  );

  router.get(
    '/api/tab/plans/:planId/report.:format',
    route(async (req, res, actor) => {
      const format = req.params.format as ProgressReportFormat;
      if (!REPORT_FORMATS.includes(format))
        throw new NotFoundError(`A report in ${String(req.params.format)}`);
      const planId = planIdOf(req);
      const round = req.query.round === undefined ? undefined : roundNumber(req.query.round, 'round');
      const group = typeof req.query.group === 'string' && req.query.group ? req.query.group : undefined;
      // The same rule as the report command: coordinators and leads.
      await requirePlanRole(deps.stores, actor, planId, deps.clock.now());
      await sendProgressReport(res, deps.stores, {
        planId,
        actor: actor.email,
        at: deps.clock.now(),
        format,
        ...(round ? { round } : {}),
        ...(group ? { group } : {}),
        ...(format === 'docx' || format === 'html' ? { paper: paperOptions(req) } : {}),
        disposition: 'attachment',
      });
    }),
  );

  const secret = deps.reportLinkSecret;
  if (secret) {
    // A report link from a card, opened in Teams by /tab/report: the signed-in actor must be the person
    // the link was made for (see report-links.ts for why both are needed). POST, so the link travels in
    // the body, never in a URL a log or a proxy keeps.
    router.post(
      '/api/tab/report-link',
      express.json({ limit: LINK_BODY_LIMIT, strict: true }),
      route(async (req, res, actor) => {
        const link = (req.body as { link?: unknown } | undefined)?.link;
        if (typeof link !== 'string' || link === '') {
          throw new ValidationError([{ field: 'link', reason: 'must be the report link from the card' }]);
        }
        const checked = await checkReportLink(deps.stores, secret, deps.clock.now(), link, actor.email);
        if (!checked.ok) {
          deps.logger.info({ refusal: checked.refusal }, 'report link refused');
          sendError(res, 403, REPORT_LINK_REFUSALS[checked.refusal]);
          return;
        }
        const { claims } = checked;
        await sendProgressReport(res, deps.stores, {
          planId: claims.p,
          actor: actor.email,
          at: deps.clock.now(),
          format: claims.f,
          ...(claims.r ? { round: claims.r } : {}),
          disposition: 'attachment',
        });
      }),
    );
  }

  router.get(
    '/api/tab/plans/:planId/export.csv',
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      await requirePlanRole(deps.stores, actor, planId, deps.clock.now());
      const rows = await exportPlan(deps.stores, planId, actor.email, deps.clock.now());
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${planId}-actions.csv"`);
      res.send(toCsv(rows));
    }),
  );

  // The plan management page's routes (admin-api.ts), behind the same sign-in, limits and error mapping.
  router.use(adminApiRouter(deps, route));
  mountImportRoutes(router, route, deps);
  // Issue 15: the moderation page and endorsements (their own module; the same sign-in and errors).
  mountModerationApi(router, deps, route);
  // Issue 20: Approve / Reject on a date request from the action detail, beside the update form's route.
  mountDecisionRoute(router, deps, route);
  // Issue 21: the plan's impact measures and entering their values (measures-api.ts).
  mountMeasuresApi(router, deps, route);

  // A body that is not JSON, or too big, is the actor's mistake: a 400 that says so, never a 500.
  router.use(
    '/api/tab',
    (error: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large')
        return sendError(
          res,
          413,
          req.path === '/import' ? 'That file is too large.' : 'That update is too large.',
        );
      if (error.type === 'entity.parse.failed')
        return sendError(res, 400, 'The request body is not valid JSON.');
      next(error);
    },
  );
  router.use('/api/tab', (_req, res) => sendError(res, 404, 'There is no such dashboard endpoint.'));
  return router;
}

async function authenticate(
  deps: TabApiDeps,
  req: Request,
  recentPeople: RecentLocalPeople | undefined,
): Promise<Actor> {
  const header = req.headers.authorization;
  if (deps.tokens) {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token || token.length > 8192) throw new AuthenticationError('no bearer token');
    return withRosterEmail(deps.stores, await deps.tokens.validate(token));
  }
  // Local mode: act as one of the plans' own people, chosen in the page; no token exists to check.
  if (!recentPeople) throw new AuthenticationError('no bearer token');
  const person = await recentPeople.person(String(req.headers[LOCAL_USER_HEADER] ?? ''));
  if (!person) throw new AuthenticationError('no plans loaded');
  return { aadObjectId: `local:${person.email}`, name: person.name, email: person.email };
}

/**
 * The committee paper's inputs as chosen in the dashboard when it is made (the same shape and checks as
 * the CLI's `report` options); a bad one is refused as a ValidationError, and nothing is made.
 */
function paperOptions(req: Request): PaperOptions {
  const { title, meeting, committee, date, author, recommendations } = req.query;
  return readPaperOptions({ title, meeting, committee, date, author, recommendations });
}

function actionIdOf(req: Request): string {
  return itemIdOf(req, 'actionId');
}

function roundNumber(value: unknown, field: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 9999) {
    throw new ValidationError([{ field, reason: 'must be a round number such as 2' }]);
  }
  return number;
}

function readUpdate(body: unknown): TabUpdateRequest {
  const record = jsonObject(body);
  const issues: { field: string; reason: string }[] = [];
  const text = (field: string, max: number): string | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') issues.push({ field, reason: 'must be text' });
    else if (value.length > max) issues.push({ field, reason: `must be at most ${max} characters` });
    else return value;
    return undefined;
  };
  const version = text('version', 64);
  const update: TabUpdateRequest = { version: version ?? '' };
  const rating = text('rating', 32);
  const note = text('note', 4000);
  const evidence = text('evidence', 2048);
  if (version === undefined && !issues.some((i) => i.field === 'version'))
    issues.push({ field: 'version', reason: 'is required (the version of the action you were looking at)' });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    ...update,
    ...(rating ? { rating } : {}),
    ...(note ? { note } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

/** The tab presenter for its update form: each outcome as a status and the JSON the page reads. */
function updateAnswer(outcome: UpdateOutcome, actionId: string): { status: number; body: TabUpdateResult } {
  switch (outcome.kind) {
    case 'saved':
    case 'already-saved': {
      const { view } = outcome;
      return {
        status: 200,
        body: {
          ok: true,
          message: describeRecordedUpdate(outcome.entry, view.plan.timeZone),
          action: tabAction(view.plan, view.action, view.today, view.viewer.canUpdate),
        },
      };
    }
    case 'invalid':
      return {
        status: 400,
        body: {
          ok: false,
          error: 'Nothing was saved. Please check the highlighted answers.',
          issues: outcome.issues.map((i) => ({ field: i.field, reason: i.reason })),
        },
      };
    case 'stale':
    case 'conflict':
      // The card's wording speaks of "this card"; the tab's form says the same in its own words.
      return {
        status: 409,
        body: {
          ok: false,
          error:
            'Someone changed this action after you opened it, so nothing was saved. Check its current state and save again.',
        },
      };
    case 'forbidden':
    case 'not-found':
    case 'incomplete':
      return refusedOnAction(outcome, actionId);
    default:
      return assertNever(outcome);
  }
}

function answerError(res: Response, error: unknown): boolean {
  if (error instanceof ValidationError) {
    sendError(
      res,
      400,
      error.message,
      error.issues.map((i) => ({ field: i.field, reason: i.reason })),
    );
  } else if (error instanceof NotAuthorisedError) sendError(res, 403, error.message);
  else if (error instanceof NotFoundError) sendError(res, 404, error.message);
  else if (error instanceof UnavailableError) sendError(res, 503, error.message);
  else return false;
  return true;
}

function sendError(res: Response, status: number, message: string, issues?: TabError['issues']): void {
  const body: TabError = { error: message, ...(issues ? { issues } : {}) };
  res.status(status).json(body);
}
