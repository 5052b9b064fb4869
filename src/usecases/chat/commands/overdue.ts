import { overdueActions } from '../../../domain/deadline';
import type { Answer } from '../chat-deps';
import { listReply, today } from '../reply-helpers';
import { planContents, withWholePlan } from './whole-plan';

export const answerOverdue: Answer<'overdue'> = (deps, actor, command, page) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { actions } = await planContents(deps, plan);
    return listReply(deps, {
      title: 'Overdue actions',
      subtitle: plan.title,
      plans: [plan],
      actions: overdueActions(actions, today(deps, plan)),
      page,
      command,
      emptyText: 'No open action is past its due date.',
    });
  });
