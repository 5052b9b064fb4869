import { decideOnPlan } from '../../access/access';
import { startRound } from '../../rounds/monitoring-rounds';
import type { Answer } from '../chat-deps';
import { refusal } from './closed-plan';
import { actorOf, answeringRoundErrors } from './rounds';
import { withWholePlan } from './whole-plan';

export const answerRoundStart: Answer<'round-start'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan, person) => {
    const decision = decideOnPlan(person, plan, 'administer');
    if (!decision.allowed)
      return refusal(
        decision.reason,
        plan.title,
        'That is for coordinators',
        "Only the plan's coordinators can start a monitoring round. Ask your partnership business manager.",
      );
    return answeringRoundErrors(async () => {
      const started = await startRound(deps, actorOf(person), {
        planId: plan.id,
        ...(command.due ? { responseDue: command.due } : {}),
        ...(command.group ? { group: command.group } : {}),
      });
      return { kind: 'round-started', ...started };
    });
  });
