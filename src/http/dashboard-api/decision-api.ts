/**
 * The dashboard's Approve / Reject on a pending date request (the action detail's decision form). The
 * decision goes through the same use case as the Teams card's buttons and the e-mail update page's
 * (handleCardAction's date.approve / date.reject), so it is recorded once, with one history entry and one
 * audit event, and the requester is told on their channel; a request already decided elsewhere is
 * answered with who decided it and how, never recorded twice.
 */
import express, { type Request, type Response, type Router } from 'express';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { ValidationError } from '../../domain/errors';
import { describeRecordedUpdate } from '../../domain/update-summary';
import type { Actor } from '../../usecases/shared/actor';
import { type CardActionOutcome, handleCardAction } from '../../usecases/updates/handle-card-action';
import { refusedOnAction } from './action-refusal';
import type { TabDecisionRequest, TabDecisionResult } from './api-types';
import { itemIdOf, jsonObject, planIdOf } from './request-params';
import type { TabApiDeps } from './tab-api-deps';

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;
type Route = (handler: Handler) => express.RequestHandler;

/** A request id and a comment of at most 2,000 characters: 8 KB is plenty. */
const BODY_LIMIT = '8kb';
const COMMENT_LIMIT = 2000;

export function mountDecisionRoute(router: Router, deps: TabApiDeps, route: Route): void {
  router.post(
    '/api/tab/plans/:planId/actions/:actionId/decision',
    express.json({ limit: BODY_LIMIT, strict: true }),
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const actionId = itemIdOf(req, 'actionId');
      const body = readDecision(req.body);
      const outcome = await handleCardAction(
        {
          stores: deps.stores,
          clock: deps.clock,
          calendar: deps.calendar,
          random: Math.random,
          source: 'tab',
        },
        { aadObjectId: actor.aadObjectId, name: actor.name, email: actor.email },
        body.decision === 'approve' ? 'date.approve' : 'date.reject',
        {
          planId,
          actionId,
          requestId: body.requestId,
          ...(body.comment ? { comment: body.comment } : {}),
        },
      );
      const answer = decisionAnswer(outcome, actionId);
      if (outcome.kind === 'saved') deps.afterResponse?.(outcome);
      res.status(answer.status).json(answer.body);
    }),
  );
}

function readDecision(body: unknown): TabDecisionRequest {
  const record = jsonObject(body);
  const issues: { field: string; reason: string }[] = [];
  const { requestId, decision, comment } = record;
  if (typeof requestId !== 'string' || requestId === '' || requestId.length > 128)
    issues.push({ field: 'requestId', reason: 'must name the date request you were looking at' });
  if (decision !== 'approve' && decision !== 'reject')
    issues.push({ field: 'decision', reason: 'must be "approve" or "reject"' });
  if (comment !== undefined && comment !== null && typeof comment !== 'string')
    issues.push({ field: 'comment', reason: 'must be text' });
  else if (typeof comment === 'string' && comment.length > COMMENT_LIMIT)
    issues.push({
      field: 'comment',
      reason: `must be at most ${COMMENT_LIMIT.toLocaleString('en-GB')} characters`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
  const text = typeof comment === 'string' ? comment.trim() : '';
  return {
    requestId: requestId as string,
    decision: decision as TabDecisionRequest['decision'],
    ...(text ? { comment: text } : {}),
  };
}

/** The tab presenter for a decision: each outcome as a status and the JSON the detail reads. */
function decisionAnswer(
  outcome: CardActionOutcome,
  actionId: string,
): { status: number; body: TabDecisionResult } {
  switch (outcome.kind) {
    case 'saved':
    case 'already-saved':
      return {
        status: 200,
        body: { ok: true, message: describeRecordedUpdate(outcome.entry, outcome.view.plan.timeZone) },
      };
    case 'date-already-decided': {
      const latest = outcome.latest;
      const how = latest?.dateDecision
        ? ` It was ${latest.dateDecision} by ${latest.author.name} at ${formatUkDateTime(latest.at, outcome.view.plan.timeZone)}.`
        : ' It is no longer pending.';
      return {
        status: 409,
        body: { ok: false, error: `That date request has already been decided, so nothing was saved.${how}` },
      };
    }
    case 'requested-date-invalid':
      return {
        status: 422,
        body: {
          ok: false,
          error: `The requested date ${formatUkDate(outcome.date)} ${outcome.issue ?? 'is no longer valid'}, so it cannot be approved; reject it and ask for another.`,
        },
      };
    case 'stale':
    case 'conflict':
      return {
        status: 409,
        body: {
          ok: false,
          error:
            'Someone changed this action while you were deciding, so nothing was saved. Check it and decide again.',
        },
      };
    case 'forbidden':
    case 'not-found':
    case 'incomplete':
      return refusedOnAction(outcome, actionId);
    case 'unrecognised':
    case 'shown':
    case 'snoozed':
    case 'not-complete':
    case 'impact-not-evidenced':
    case 'moderation':
    case 'invalid':
      // Not answers a decision gives: a change to the use case that makes them so must be worded here.
      throw new Error(`A date decision came to "${outcome.kind}"`);
    default: {
      const never: never = outcome;
      throw new Error(`Unknown outcome ${String(never)}`);
    }
  }
}
