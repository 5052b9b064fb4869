/**
 * What a moderator looks at: the actions updated in the open round (or, with no round open, every
 * proposal not yet agreed), each with the owner's proposal against the agreed rating, the owner's note
 * and evidence, and the flags worth a second look. Only moderators and coordinators see it: it carries
 * owners' raw notes, which never leave for a paper.
 */
import { type Action, compareActionIds } from '../../domain/action';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { impactEvidence, impactEvidenceLine } from '../../domain/impact-evidence';
import { assessMeasure, type Measure, type MeasureValue, STATUS_WORDS } from '../../domain/measures';
import {
  type ModerationFlag,
  moderationFlags,
  type RatingStanding,
  standingOfAction,
} from '../../domain/moderation';
import type { Round } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { cardVersion } from '../../domain/status-change';
import { AccessDeniedError, decideOnAction, decideOnPlan, mayKnowOf } from '../access/access';
import type { Stores } from '../ports/index';
import { forEachConcurrently } from '../shared/concurrently';
import { latestProgressNote } from '../shared/latest-note';

export interface ModerationItem {
  action: Action;
  standing: RatingStanding;
  flags: ModerationFlag[];
  /** The owner's latest progress note: for the moderator's eyes, not for the paper. */
  note?: { text: string; at: string };
  /** A request to move the due date awaiting a decision, with its reason: shown apart from the note. */
  dateRequest?: { date: IsoDate; reason: string };
  /**
   * For a complete or impact-evidenced action: "Impact: evidence given / measure M1 on track", or what
   * is missing before impact can be confirmed (domain/impact-evidence.ts).
   */
  impact?: string;
  version: string;
}

/** The plan's measures and values, read once for the whole list. */
export interface MeasureContext {
  measures: readonly Measure[];
  values: readonly MeasureValue[];
}

export interface ModerationQueue {
  plan: Plan;
  today: IsoDate;
  /** The open round the list is drawn from; absent: no round is open, so it lists unagreed proposals. */
  round?: Round;
  /** Every round of the plan, oldest first: the open ones can be chosen, the closed ones endorsed. */
  rounds: Round[];
  items: ModerationItem[];
  /** Any action of the plan by id, moderated or not: the card shows one just agreed. */
  find(actionId: string): Action | undefined;
}

export async function moderationQueue(
  stores: Stores,
  viewer: { email: string },
  planId: string,
  now: Date,
  /** An open round to moderate; the latest open one when absent. */
  roundNumber?: number,
): Promise<ModerationQueue> {
  const plan = (await stores.plans.get(planId))?.value;
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const { actions: loaded } = await stores.actions.readPlan(plan.id);
  const actions = loaded.map((a) => a.value).sort((a, b) => compareActionIds(a.id, b.id));
  // The policy decides on an action; a plan with no actions has nothing to moderate, so ask the plan.
  const probe = actions[0];
  const decision = probe
    ? decideOnAction(now, viewer, plan, probe, 'agree-rating')
    : decideOnPlan(viewer, plan, 'see-whole-plan');
  if (!decision.allowed) {
    // Someone the plan is not there for gets the answer of a plan that does not exist.
    if (!mayKnowOf(now, viewer, plan, actions)) throw new NotFoundError(`Plan ${planId}`);
    const reason = decision.reason === 'plan-closed' ? 'plan-closed' : 'not-moderator-or-coordinator';
    throw new AccessDeniedError(reason, 'agree-rating');
  }
  const today = calendarDateIn(plan.timeZone, now);
  // With two groups' rounds open at once, each group's moderators agree their own round's ratings.
  const rounds = await stores.rounds.list(plan.id);
  const openRounds = rounds.filter((r) => r.status === 'open');
  const round =
    roundNumber === undefined ? openRounds.at(-1) : openRounds.find((r) => r.number === roundNumber);
  if (roundNumber !== undefined && !round) throw new NotFoundError(`Open round ${roundNumber}`);
  const chosen = round
    ? actions.filter(
        (a) =>
          round.requested.some((r) => r.actionId === a.id) ||
          (a.lastUpdatedAt !== undefined && a.lastUpdatedAt >= round.openedAt),
      )
    : actions.filter((a) => standingOfAction(a).status === 'proposed');
  const items: ModerationItem[] = new Array(chosen.length);
  const [measures, values] = await Promise.all([
    stores.measures.list(plan.id),
    stores.measures.listValues(plan.id),
  ]);
  const measureContext = { measures: measures.map((m) => m.value), values };
  await forEachConcurrently(chosen, 8, async (action, index) => {
    items[index] = await moderationItem(stores, action, round, today, measureContext);
  });
  const all = new Map(actions.map((a) => [a.id, a]));
  return { plan, today, ...(round ? { round } : {}), rounds, items, find: (id) => all.get(id) };
}

/** One action as the moderator sees it: standing, flags, the owner's latest note, its version. */
export async function moderationItem(
  stores: Stores,
  action: Action,
  round: Round | undefined,
  today: IsoDate,
  measureContext?: MeasureContext,
): Promise<ModerationItem> {
  // The progress note, not a later date request's reason (which the item carries on its own, below).
  const noted = await latestProgressNote(stores, action.planId, action.id);
  const impact =
    measureContext && (action.lifecycle === 'complete' || action.lifecycle === 'impact_evidenced')
      ? impactEvidenceLine(
          impactEvidence(action, {
            history: await stores.history.listForAction(action.planId, action.id),
            ...measureContext,
            today,
            statusOf: (measure) => STATUS_WORDS[assessMeasure(measure, measureContext.values, today).status],
          }),
        )
      : undefined;
  const context = { today, ...(action.agreed ? { agreed: action.agreed } : {}) };
  return {
    action,
    standing: standingOfAction(action),
    // With no round open there is no "this round" to have missed.
    flags: round
      ? moderationFlags(action, { ...context, roundOpenedAt: round.openedAt })
      : moderationFlags(action, { ...context, roundOpenedAt: '' }).filter(
          (f) => f !== 'no-update-this-round',
        ),
    ...(noted ? { note: { text: noted.note, at: noted.at } } : {}),
    ...(action.pendingDateRequest
      ? { dateRequest: { date: action.pendingDateRequest.date, reason: action.pendingDateRequest.reason } }
      : {}),
    ...(impact ? { impact } : {}),
    version: cardVersion(action),
  };
}
