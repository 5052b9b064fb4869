/**
 * "Approve" or "Reject" on a requested date, by a lead or coordinator: the one use case every surface
 * decides through (the Teams card, the update page an e-mail's "Please decide" opens, the dashboard's
 * action detail), so a decision is recorded once, with one history entry and one audit event, and the
 * owners are told on their channel whichever way it came. The request must still be the one the button
 * was drawn for, so a second decision from another surface is answered with the first, never recorded;
 * an approved date must still be a future working day.
 */
import { ValidationError } from '../../../domain/errors';
import { reminderSettingsOf } from '../../../domain/plan';
import {
  type Applied,
  applyDateRejection,
  applyRevisedDate,
  readDateRequest,
} from '../../../domain/status-change';
import { planToday } from '../../access/access';
import { card } from './card-view';
import { changeContext } from './change';
import { fingerprint } from './inputs';
import type { CardActionOutcome, Handler, VerbContext } from './outcome';
import { save } from './save';

export const approveDate: Handler = (ctx) => decideDate(ctx, 'approved');
export const rejectDate: Handler = (ctx) => decideDate(ctx, 'rejected');

async function decideDate(ctx: VerbContext, decision: 'approved' | 'rejected'): Promise<CardActionOutcome> {
  const { deps, actor, plan, loaded, data } = ctx;
  const pending = loaded.value.pendingDateRequest;
  const requestId = String(data.requestId ?? '');
  if (!pending || pending.id !== requestId) {
    const latest = await decidingEntry(ctx, requestId);
    return {
      kind: 'date-already-decided',
      ...(latest ? { latest } : {}),
      view: await card(ctx, loaded.value, latest ? { latest } : {}),
    };
  }
  const comment = typeof data.comment === 'string' ? data.comment.trim().slice(0, 2000) : '';
  const now = deps.clock.now();
  const context = changeContext(ctx, fingerprint(actor.aadObjectId, ctx.verb, requestId, { comment }), now);
  const note = comment || undefined;
  let applied: Applied;
  if (decision === 'approved') {
    try {
      // The request was valid when made; the date must still be a future working day now.
      readDateRequest(
        { revisedDate: pending.date, reason: pending.reason },
        { ...loaded.value, currentDueDate: '' },
        { today: planToday(plan, now), region: reminderSettingsOf(plan).region, calendar: deps.calendar },
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issue = error.issues[0]?.reason;
      return {
        kind: 'requested-date-invalid',
        date: pending.date,
        ...(issue ? { issue } : {}),
        view: await card(ctx, loaded.value),
      };
    }
    applied = applyRevisedDate(loaded.value, pending.date, { ...(note ? { note } : {}) }, context);
  } else {
    applied = applyDateRejection(loaded.value, { ...(note ? { note } : {}) }, context);
  }
  applied.entry = {
    ...applied.entry,
    dateDecision: decision,
    dateRequestId: pending.id,
    revisedDueDateRequested: pending.date,
  };
  return save(ctx, applied, [{ kind: 'date-decision', decision, requestId: pending.id, date: pending.date }]);
}

/** How many recent entries are searched for the decision that settled a request, to say who made it. */
const DECISION_LOOKBACK = 20;

/**
 * The entry that settled the request (who approved or rejected it, and when), so a second decider is told
 * who got there first; the latest entry when none of the recent ones is a decision (it was withdrawn).
 */
async function decidingEntry(ctx: VerbContext, requestId: string) {
  const recent = await ctx.deps.stores.history.listForAction(
    ctx.plan.id,
    ctx.loaded.value.id,
    DECISION_LOOKBACK,
  );
  // The entry that settled this very request; entries made in the same millisecond have no order, so
  // "the newest decision" could name an earlier request's.
  return (
    recent.find((entry) => entry.dateRequestId === requestId) ??
    recent.find((entry) => entry.dateDecision !== undefined) ??
    recent[0]
  );
}
