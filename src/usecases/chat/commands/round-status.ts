import type { Plan } from '../../../domain/plan';
import { groupsOf } from '../../../domain/plan-groups';
import { mayDoInPlan } from '../../access/access';
import { roundStatus, roundStatusesByGroup } from '../../rounds/monitoring-rounds';
import type { KnownChatActor } from '../../shared/actor';
import type { Answer, ChatDeps } from '../chat-deps';
import type { Reply } from '../replies';
import { planClosed } from './closed-plan';
import { actorOf, alreadyClosed, answeringRoundErrors, noRoundYet, onlyCoordinatorsClose } from './rounds';
import { withWholePlan } from './whole-plan';

export const answerRoundStatus: Answer<'round-status'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, (plan, person) =>
    answeringRoundErrors(() => roundStatusReply(deps, person, plan, false)),
  );

/** "round status", and "round close" without a number: the open (or latest) round, asking to confirm. */
export async function roundStatusReply(
  deps: ChatDeps,
  actor: KnownChatActor,
  plan: Plan,
  closing: boolean,
): Promise<Reply> {
  const mayAdminister = mayDoInPlan(actor, plan, 'administer');
  if (groupsOf(plan).length > 0) return groupStatusesReply(deps, actor, plan, closing, mayAdminister);
  const status = await roundStatus(deps, actorOf(actor), plan.id);
  if (!status) return noRoundYet(mayAdminister);
  if (closing && !mayAdminister) return plan.closedAt ? planClosed(plan.title) : onlyCoordinatorsClose();
  if (closing && status.round.status !== 'open') return alreadyClosed(status.round.number);
  return {
    kind: 'round-status',
    status,
    canClose: mayAdminister && status.round.status === 'open',
    confirmClose: closing,
  };
}

/** A plan with monitoring groups: every group's round on one card, with a close button per open round. */
async function groupStatusesReply(
  deps: ChatDeps,
  actor: KnownChatActor,
  plan: Plan,
  closing: boolean,
  mayAdminister: boolean,
): Promise<Reply> {
  const statuses = await roundStatusesByGroup(deps, actorOf(actor), plan.id);
  if (statuses.length === 0) return noRoundYet(mayAdminister);
  if (closing && !mayAdminister) return plan.closedAt ? planClosed(plan.title) : onlyCoordinatorsClose();
  const open = statuses.filter((s) => s.round.status === 'open');
  if (closing && open.length === 0) return alreadyClosed(statuses.at(-1)!.round.number);
  return {
    kind: 'round-statuses',
    plan,
    statuses,
    canClose: mayAdminister && open.length > 0,
    confirmClose: closing,
  };
}
