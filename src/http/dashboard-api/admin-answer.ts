/**
 * What the plan management routers share: the one presenter that gives a use case's typed outcome a
 * status and words (`answer`), the route that reads a request, runs one use case and answers (`change`),
 * and the small readers of a request's body and path.
 */
import express, { type Request, type Response } from 'express';
import { describeDenial } from '../../domain/access-words';
import { formatUkDateTime } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { assertNever } from '../../domain/never';
import { DEFAULT_TIME_ZONE } from '../../domain/plan';
import type { PlanCreators } from '../../domain/plan-creators';
import type { AdminViewDeps } from '../../usecases/admin/admin-view';
import type { Actor } from '../../usecases/shared/actor';
import type { AdminOutcome } from '../../usecases/shared/admin-outcome';
import type { TabAdminResult } from './admin-types';

export interface AdminApiDeps extends Omit<AdminViewDeps, 'random'> {
  random?: () => number;
  planCreators?: PlanCreators;
}

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;
/** The tab API's wrapper: authenticates, rate-limits and maps named errors (see tab-api.ts). */
export type Route = (handler: Handler) => express.RequestHandler;

/** The plan management routes all start here. */
export const ADMIN_PLAN = '/api/tab/admin/plans/:planId';

/** Settings, owners and action text are small: 64 KB is far more than any form sends. */
const BODY_LIMIT = '64kb';

export const jsonBody = () => express.json({ limit: BODY_LIMIT, strict: true });

/** A change: its outcome presented; `message` words a success. */
export function changeRoute(route: Route) {
  return <T>(
    run: (req: Request, actor: Actor) => Promise<AdminOutcome<T>>,
    message: (value: T) => TabAdminResult,
  ) =>
    route(async (req, res, actor) => {
      const outcome = await run(req, actorOf(actor));
      answer(res, outcome, message);
    });
}

/**
 * The actor's own fields and no more: what the token adds (its tenant) stays in the adapter, and nothing a
 * route adds can make a dashboard actor the operator.
 */
export function actorOf(actor: Actor): Actor {
  return {
    aadObjectId: actor.aadObjectId,
    name: actor.name,
    email: actor.email,
    ...(actor.groups ? { groups: actor.groups } : {}),
  };
}

/** The one presenter: each outcome as a status and the JSON the page reads. */
export function answer<T>(
  res: Response,
  outcome: AdminOutcome<T>,
  message: (value: T) => TabAdminResult,
): void {
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

export function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError([{ field, reason: 'must be text' }]);
  if (value.length > max) throw new ValidationError([{ field, reason: `must be at most ${max} characters` }]);
  return value;
}

// The management routes read their requests as every dashboard route does.
export { bodyOf, itemIdOf, planIdOf } from './request-params';
