/**
 * Agreeing an owner's proposed rating (or setting a different agreed rating) with the commentary the
 * committee paper prints. The card, the dashboard's moderation page and the CLI all come here; who may
 * agree is the access policy's answer. The agreement is written onto the action (ETag-checked) and
 * appended to its history, beside the owner's own entry that made the proposal.
 */
import type { Action } from '../../domain/action';
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import { agreeRating } from '../../domain/moderation';
import type { Plan } from '../../domain/plan';
import { parseRating, type Rating } from '../../domain/rating';
import { cardVersion } from '../../domain/status-change';
import type { StatusUpdate, UpdateSource } from '../../domain/status-update';
import { type DenialReason, decideOnAction } from '../access/access';
import type { Clock, Stores } from '../ports/index';

export interface AgreeDeps {
  stores: Stores;
  clock: Clock;
  random: () => number;
}

/** A person (checked against the policy), or the CLI operator without `--by` (trusted, as for rounds). */
export interface Moderator {
  name: string;
  email: string;
  aadObjectId?: string;
  operator?: boolean;
}

export interface AgreeRequest {
  planId: string;
  actionId: string;
  /** Absent or empty: agree the proposal as it stands. A rating word as spreadsheets write it. */
  rating?: string;
  commentary: string;
  /** The action's version the moderator looked at: a newer proposal is shown, not agreed unseen. */
  version?: string;
  source: UpdateSource;
}

export type AgreeOutcome =
  | { kind: 'agreed'; plan: Plan; action: Action; entry: StatusUpdate }
  | { kind: 'forbidden'; plan: Plan; action: Action; reason: DenialReason }
  /** The owner changed the action after the moderator's view of it was drawn. */
  | { kind: 'stale'; plan: Plan; action: Action }
  | { kind: 'invalid'; plan: Plan; action: Action; issues: readonly ValidationIssue[] }
  /** Someone else wrote the action between our read and our write; nothing was saved. */
  | { kind: 'conflict'; plan: Plan; action: Action };

/** Throws NotFoundError for an unknown plan or action; every other outcome is typed. */
export async function agreeActionRating(
  deps: AgreeDeps,
  by: Moderator,
  request: AgreeRequest,
): Promise<AgreeOutcome> {
  const plan = (await deps.stores.plans.get(request.planId))?.value;
  if (!plan) throw new NotFoundError(`Plan ${request.planId}`);
  const loaded = await deps.stores.actions.get(plan.id, request.actionId);
  if (!loaded) throw new NotFoundError(`Action ${request.actionId} in plan ${plan.id}`);
  const action = loaded.value;
  // The CLI's operator (by.operator) is answered by the same entry: any open plan.
  const decision = decideOnAction(deps.clock, by, plan, action, 'agree-rating');
  if (!decision.allowed) return { kind: 'forbidden', plan, action, reason: decision.reason };
  if (request.version !== undefined && request.version !== cardVersion(action))
    return { kind: 'stale', plan, action };

  const now = deps.clock.now();
  let rating: Rating | undefined;
  const word = request.rating?.trim() ?? '';
  if (word !== '') {
    rating = parseRating(word);
    if (!rating)
      return {
        kind: 'invalid',
        plan,
        action,
        issues: [{ field: 'rating', reason: `"${word.slice(0, 40)}" is not a rating` }],
      };
  }
  let agreed: ReturnType<typeof agreeRating>;
  try {
    agreed = agreeRating(
      action,
      plan.ratingScale,
      {
        ...(rating ? { rating } : {}),
        commentary: request.commentary,
        by: { name: by.name, email: by.email },
      },
      now,
    );
  } catch (error) {
    if (error instanceof ValidationError) return { kind: 'invalid', plan, action, issues: error.issues };
    throw error;
  }
  // Not an update by the owner: lastUpdatedAt and the revision stay, so the round still waits for the
  // owner's answer and the owner's open card is not made stale by someone else's agreement.
  const after: Action = { ...action, agreed };
  try {
    await deps.stores.actions.update(after, loaded.etag, action);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const fresh = (await deps.stores.actions.get(plan.id, action.id))?.value ?? action;
    return { kind: 'conflict', plan, action: fresh };
  }
  const entry: StatusUpdate = {
    planId: plan.id,
    actionId: action.id,
    id: newestFirstId(now, deps.random),
    at: agreed.agreedAt,
    author: { name: by.name, ...(by.aadObjectId ? { aadObjectId: by.aadObjectId } : {}) },
    agreement: {
      rating: agreed.rating,
      commentary: agreed.commentary,
      ...(agreed.proposal ? { proposal: agreed.proposal } : {}),
    },
    source: request.source,
  };
  await deps.stores.history.append([entry]);
  await deps.stores.audit.record({
    at: entry.at,
    actor: by.aadObjectId ?? by.name,
    event: 'action.rating-agreed',
    planId: plan.id,
    details: {
      actionId: action.id,
      entryId: entry.id,
      rating: agreed.rating,
      differs: agreed.rating !== agreed.proposal,
    },
  });
  return { kind: 'agreed', plan, action: after, entry };
}

/** Several agreements at once (the moderation page's "agree selected"), each with its own outcome. */
export async function agreeMany(
  deps: AgreeDeps,
  by: Moderator,
  requests: readonly AgreeRequest[],
): Promise<{ actionId: string; outcome: AgreeOutcome | { kind: 'not-found' } }[]> {
  const results: { actionId: string; outcome: AgreeOutcome | { kind: 'not-found' } }[] = [];
  // One after another: they share a plan partition, and the count is what one person ticks on a page.
  for (const request of requests) {
    try {
      results.push({ actionId: request.actionId, outcome: await agreeActionRating(deps, by, request) });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      results.push({ actionId: request.actionId, outcome: { kind: 'not-found' } });
    }
  }
  return results;
}
