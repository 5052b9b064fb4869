import { actionsDueWithin } from '../../../domain/deadline';
import type { Answer } from '../chat-deps';
import { listReply, today } from '../reply-helpers';
import { planContents, withWholePlan } from './whole-plan';

export const answerDue: Answer<'due'> = (deps, actor, command, page) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { actions } = await planContents(deps, plan);
    return listReply(deps, {
      title: `Due in the next ${command.days} days`,
      subtitle: plan.title,
      plans: [plan],
      actions: actionsDueWithin(actions, today(deps, plan), command.days),
      page,
      command,
      emptyText: `No open action is due in the next ${command.days} days.`,
    });
  });
