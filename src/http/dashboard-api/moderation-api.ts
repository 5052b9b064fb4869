/**
 * The moderation page's API: the list a moderator works through, agreeing one or many at once, and the
 * oversight body's endorsement of a closed round. Mounted by tab-api.ts with its `route` wrapper, so
 * sign-in, rate limits and the error mapping (400, 403, 404, 503) are the tab's own.
 */
import express, { type Request, type Response, type Router } from 'express';
import { describeDenial } from '../../domain/access-words';
import { formatUkDate } from '../../domain/dates';
import { formatDueDate, noDeadlineOf } from '../../domain/deadline';
import { describeGovernance } from '../../domain/endorsement';
import { describeIssue, ValidationError } from '../../domain/errors';
import { moderationFlagLabel, standingNote } from '../../domain/moderation';
import { scopeName } from '../../domain/plan-groups';
import { ratingName, ratingsOf } from '../../domain/rating';
import { ITEM_ID_PATTERN } from '../../domain/validation';
import type { HolidayCalendar } from '../../domain/working-days';
import { mayDoInPlan } from '../../usecases/access/access';
import { agreeMany } from '../../usecases/moderation/agree-rating';
import { moderationQueue } from '../../usecases/moderation/moderation-queue';
import type { Clock, Stores } from '../../usecases/ports/index';
import { recordEndorsement } from '../../usecases/rounds/monitoring-rounds';
import type { Actor } from '../../usecases/shared/actor';
import type { TabAgreeRequest, TabAgreeResult, TabEndorsed, TabModeration } from './moderation-types';
import { planIdOf } from './request-params';

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;
type Route = (handler: Handler) => express.RequestHandler;

/** At most this many agreements in one request: a page of ticked rows, not a bulk import. */
const MAX_ITEMS = 200;

export function mountModerationApi(
  router: Router,
  deps: { stores: Stores; clock: Clock; calendar: HolidayCalendar },
  route: Route,
): void {
  router.get(
    '/api/tab/plans/:planId/moderation',
    route(async (req, res, actor) => {
      const now = deps.clock.now();
      const queue = await moderationQueue(deps.stores, actor, planIdOf(req), now, roundChosen(req));
      const { rounds } = queue;
      const body: TabModeration = {
        planId: queue.plan.id,
        basis: queue.round
          ? `Actions in monitoring round ${queue.round.number}, opened ${formatUkDate(queue.round.openedOn)}`
          : 'No monitoring round is open: every proposed rating not yet agreed',
        ...(queue.round ? { round: queue.round.number } : {}),
        openRounds: rounds
          .filter((r) => r.status === 'open')
          .map((r) => ({
            number: r.number,
            label: `Round ${r.number} (${scopeName(queue.plan, r.groupId)}), opened ${formatUkDate(r.openedOn)}`,
          })),
        ratings: ratingsOf(queue.plan.ratingScale).map((rating) => ({ rating, name: ratingName(rating) })),
        items: queue.items.map(({ action, standing, flags, note, dateRequest, impact, version }) => ({
          id: action.id,
          description: action.description,
          owners: action.owners.map((o) => o.name || o.email).join(', '),
          dueLabel: formatDueDate(action.currentDueDate, noDeadlineOf(action)),
          ...(action.rating ? { proposed: action.rating } : {}),
          proposedName: action.rating ? ratingName(action.rating) : 'No proposal',
          ...(action.agreed
            ? { agreed: action.agreed.rating, agreedName: ratingName(action.agreed.rating) }
            : {}),
          standing: standingNote(standing) ?? (standing.status === 'agreed' ? 'Agreed' : 'Not yet rated'),
          awaitingAgreement: standing.status === 'proposed',
          commentary: action.agreed?.commentary ?? '',
          ...(note ? { note: note.text } : {}),
          ...(dateRequest
            ? {
                dateRequest: `Asks to move the due date to ${formatUkDate(dateRequest.date)}: ${dateRequest.reason}`,
              }
            : {}),
          evidence: action.evidenceLinks,
          ...(impact ? { impact } : {}),
          flags: flags.map((flag) => moderationFlagLabel(flag, action, queue.today)),
          version,
        })),
        closedRounds: rounds
          .filter((r) => r.status === 'closed')
          .map((r) => {
            const governance = describeGovernance(r);
            return {
              number: r.number,
              label: `Round ${r.number} (closed ${formatUkDate(r.closedOn ?? r.responseDue)})`,
              ...(governance ? { governance } : {}),
            };
          }),
        mayEndorse: mayDoInPlan(actor, queue.plan, 'administer'),
      };
      res.json(body);
    }),
  );

  router.post(
    '/api/tab/plans/:planId/moderation',
    express.json({ limit: '256kb', strict: true }),
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const request = readAgree(req.body);
      // An id no action can have ("a/b", say) is answered here, per item: storage would refuse the key.
      const wellFormed = request.items.filter((item) => ITEM_ID_PATTERN.test(item.actionId));
      const results = await agreeMany(
        { stores: deps.stores, clock: deps.clock, random: Math.random },
        { name: actor.name, email: actor.email, aadObjectId: actor.aadObjectId },
        wellFormed.map((item) => ({ planId, ...item, source: 'tab' as const })),
      );
      const agreed = results.values();
      const body: TabAgreeResult = {
        results: request.items.map((item) => {
          if (!ITEM_ID_PATTERN.test(item.actionId))
            return {
              actionId: item.actionId,
              ok: false,
              message: `${item.actionId}: not an action id (such as 2.3); nothing was agreed.`,
            };
          const { actionId, outcome } = agreed.next().value!;
          switch (outcome.kind) {
            case 'agreed': {
              const { rating, proposal } = outcome.action.agreed!;
              return {
                actionId,
                ok: true,
                message: `${actionId}: agreed ${ratingName(rating)}${proposal && proposal !== rating ? ` (proposed ${ratingName(proposal)})` : ''}.`,
              };
            }
            case 'invalid':
              return {
                actionId,
                ok: false,
                message: `${actionId}: ${outcome.issues.map(describeIssue).join('; ')}`,
              };
            case 'forbidden':
              return {
                actionId,
                ok: false,
                message: `${actionId}: ${describeDenial(outcome.reason, 'agree-rating').text}`,
              };
            case 'stale':
            case 'conflict':
              return {
                actionId,
                ok: false,
                message: `${actionId}: the owner changed it since the list was drawn; reload and agree again.`,
              };
            case 'not-found':
              return { actionId, ok: false, message: `${actionId}: not in this plan.` };
            default: {
              const never: never = outcome;
              throw new Error(`Unknown outcome ${String(never)}`);
            }
          }
        }),
      };
      res.json(body);
    }),
  );

  router.post(
    '/api/tab/plans/:planId/rounds/:round/endorsement',
    express.json({ limit: '4kb', strict: true }),
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const round = Number(req.params.round);
      if (!Number.isInteger(round) || round < 1 || round > 9999)
        throw new ValidationError([{ field: 'round', reason: 'must be a round number such as 2' }]);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');
      const endorsed = await recordEndorsement(
        { stores: deps.stores, clock: deps.clock, calendar: deps.calendar },
        { name: actor.name, email: actor.email, aadObjectId: actor.aadObjectId },
        { planId, round, date: text('date'), meeting: text('meeting') },
      );
      const answer: TabEndorsed = { round, governance: describeGovernance(endorsed) ?? '' };
      res.json(answer);
    }),
  );
}

function readAgree(body: unknown): TabAgreeRequest {
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0)
    throw new ValidationError([{ field: 'items', reason: 'must list at least one action to agree' }]);
  if (items.length > MAX_ITEMS)
    throw new ValidationError([{ field: 'items', reason: `must list at most ${MAX_ITEMS} actions at once` }]);
  return {
    items: items.map((raw, index) => {
      const item = (raw ?? {}) as Record<string, unknown>;
      const field = (name: string, max: number, required: boolean): string | undefined => {
        const value = item[name];
        if (value === undefined && !required) return undefined;
        if (typeof value !== 'string' || value.length > max)
          throw new ValidationError([
            { field: `items[${index}].${name}`, reason: `must be text of at most ${max} characters` },
          ]);
        return value;
      };
      const rating = field('rating', 32, false);
      return {
        actionId: field('actionId', 64, true)!,
        version: field('version', 64, true)!,
        ...(rating ? { rating } : {}),
        commentary: field('commentary', 4000, true)!,
      };
    }),
  };
}

/** `?round=<n>`: an open round to moderate; absent, the latest. */
function roundChosen(req: Request): number | undefined {
  const value = req.query.round;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value))
    throw new ValidationError([{ field: 'round', reason: 'must be a round number such as 2' }]);
  return Number(value);
}
