/**
 * What a moderator looks at: the actions updated in the open round (or, with no round open, every
 * proposal not yet agreed), each with the owner's proposal against the agreed rating, the owner's note
 * and evidence, and the flags worth a second look. Only moderators and coordinators see it: it carries
 * owners' raw notes, which never leave for a paper.
 */
import { AccessDeniedError, decideForAction, decideForPlan } from '../../domain/access-policy';
import { type Action, compareActionIds } from '../../domain/action';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import {
  type ModerationFlag,
  moderationFlags,
  type RatingStanding,
  standingOfAction,
} from '../../domain/moderation';
import type { Round } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { cardVersion } from '../../domain/status-change';
import type { Stores } from '../ports/index';
import { forEachConcurrently } from '../shared/concurrently';
import { latestNote } from '../shared/latest-note';

export interface ModerationItem {
  action: Action;
  standing: RatingStanding;
  flags: ModerationFlag[];
  /** The owner's latest note: for the moderator's eyes, not for the paper. */
  note?: { text: string; at: string };
  version: string;
}

export interface ModerationQueue {
  plan: Plan;
  today: IsoDate;
  /** The open round the list is drawn from; absent: no round is open, so it lists unagreed proposals. */
  round?: Round;
  items: ModerationItem[];
}

export async function moderationQueue(
  stores: Stores,
  viewer: { email: string },
  planId: string,
  now: Date,
): Promise<ModerationQueue> {
  const plan = (await stores.plans.get(planId))?.value;
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const { actions: loaded } = await stores.actions.readPlan(plan.id);
  const actions = loaded.map((a) => a.value).sort((a, b) => compareActionIds(a.id, b.id));
  // The policy decides on an action; a plan with no actions has nothing to moderate, so ask the plan.
  const probe = actions[0];
  const decision = probe
    ? decideForAction(plan, probe, viewer.email, 'agree-rating')
    : decideForPlan(plan, viewer.email, 'see-whole-plan');
  if (!decision.allowed) {
    if (decision.reason === 'not-involved' || decision.reason === 'no-plan-role')
      throw new NotFoundError(`Plan ${planId}`);
    throw new AccessDeniedError(decision.reason, 'agree-rating');
  }
  const today = calendarDateIn(plan.timeZone, now);
  const round = (await stores.rounds.list(plan.id)).findLast((r) => r.status === 'open');
  const chosen = round
    ? actions.filter(
        (a) =>
          round.requested.some((r) => r.actionId === a.id) ||
          (a.lastUpdatedAt !== undefined && a.lastUpdatedAt >= round.openedAt),
      )
    : actions.filter((a) => standingOfAction(a).status === 'proposed');
  const items: ModerationItem[] = new Array(chosen.length);
  await forEachConcurrently(chosen, 8, async (action, index) => {
    const noted = await latestNote(stores, plan.id, action.id);
    items[index] = {
      action,
      standing: standingOfAction(action),
      flags: round
        ? moderationFlags(action, {
            roundOpenedAt: round.openedAt,
            today,
            ...(action.agreed ? { agreed: action.agreed } : {}),
          })
        : moderationFlags(action, {
            roundOpenedAt: '',
            today,
            ...(action.agreed ? { agreed: action.agreed } : {}),
          }).filter((flag) => flag !== 'no-update-this-round'),
      ...(noted ? { note: { text: noted.note, at: noted.at } } : {}),
      version: cardVersion(action),
    };
  });
  return { plan, today, ...(round ? { round } : {}), items };
}
