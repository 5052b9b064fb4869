import { summarisePlan } from '../../../domain/plan-summary';
import type { Answer } from '../chat-deps';
import { today } from '../reply-helpers';
import { planContents, withWholePlan } from './whole-plan';

export const answerSummary: Answer<'summary'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { actions } = await planContents(deps, plan);
    const day = today(deps, plan);
    return { kind: 'summary', plan, summary: summarisePlan(actions, day), today: day };
  });
