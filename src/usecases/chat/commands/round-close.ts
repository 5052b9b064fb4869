import type { Plan } from '../../../domain/plan';
import { mayDoInPlan } from '../../access/access';
import { closeRound } from '../../rounds/monitoring-rounds';
import type { KnownChatActor } from '../../shared/actor';
import type { Answer, ChatDeps } from '../chat-deps';
import type { Reply } from '../replies';
import { notice } from '../reply-helpers';
import { planClosed } from './closed-plan';
import { roundStatusReply } from './round-status';
import { actorOf, alreadyClosed, answeringRoundErrors, noRoundYet, onlyCoordinatorsClose } from './rounds';
import { withWholePlan } from './whole-plan';

/** "round close" shows what is outstanding and asks to confirm; the button sends "round close <n>". */
export const answerRoundClose: Answer<'round-close'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, (plan, person) =>
    answeringRoundErrors(() =>
      command.round === undefined
        ? roundStatusReply(deps, person, plan, true)
        : closeConfirmedRound(deps, person, plan, command.round),
    ),
  );

/** "round close 3", sent by the confirm button: closes round 3 if it is still the open round. */
async function closeConfirmedRound(
  deps: ChatDeps,
  actor: KnownChatActor,
  plan: Plan,
  number: number,
): Promise<Reply> {
  const mayAdminister = mayDoInPlan(actor, plan, 'administer');
  const rounds = await deps.stores.rounds.list(plan.id);
  // With monitoring groups several rounds may be open at once: the number says which.
  const current =
    rounds.find((r) => r.status === 'open' && r.number === number) ??
    rounds.findLast((r) => r.status === 'open') ??
    rounds.at(-1);
  if (!current) return noRoundYet(mayAdminister);
  if (!mayAdminister) return plan.closedAt ? planClosed(plan.title) : onlyCoordinatorsClose();
  if (current.status !== 'open') return alreadyClosed(current.number);
  if (number !== current.number) {
    return notice(
      'warning',
      `Round ${number} is not the open round`,
      `The open round is ${current.number}. Say "round close" to see it before closing.`,
      ['round close'],
    );
  }
  const closed = await closeRound(deps, actorOf(actor), plan.id, { number });
  return {
    kind: 'round-closed',
    plan,
    round: closed.round,
    actions: closed.snapshot.length,
    responded: closed.snapshot.filter((item) => item.responded).length,
    ...(closed.comparison
      ? {
          comparison: {
            since: `round ${closed.comparison.previous.number}`,
            comparison: closed.comparison.comparison,
          },
        }
      : {}),
  };
}
