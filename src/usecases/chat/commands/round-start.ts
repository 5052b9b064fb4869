import { decideOnPlan } from '../../access/access';
import { startRound } from '../../rounds/monitoring-rounds';
import type { Answer } from '../chat-deps';
import { notice } from '../reply-helpers';
import { planClosed } from './closed-plan';
import { actorOf, answeringRoundErrors } from './rounds';
import { withWholePlan } from './whole-plan';

export const answerRoundStart: Answer<'round-start'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan, person) => {
    const decision = decideOnPlan(person, plan, 'administer');
    if (!decision.allowed) {
      if (decision.reason === 'plan-closed') return planClosed(plan.title);
      return notice(
        'refusal',
        'That is for coordinators',
        "Only the plan's coordinators can start a monitoring round. Ask your partnership business manager.",
      );
    }
    return answeringRoundErrors(async () => {
      const started = await startRound(deps, actorOf(person), {
        planId: plan.id,
        ...(command.due ? { responseDue: command.due } : {}),
        ...(command.group ? { group: command.group } : {}),
      });
      return { kind: 'round-started', ...started };
    });
  });
