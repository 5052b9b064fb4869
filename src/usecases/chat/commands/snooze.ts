import { formatUkDate } from '../../../domain/dates';
import { ConflictError, NotAuthorisedError } from '../../../domain/errors';
import { decideOnAction } from '../../access/access';
import { snoozeAction } from '../../reminders/snooze';
import type { Answer } from '../chat-deps';
import { isReply, resolveVisibleAction } from '../finding';
import { noEmail, notice } from '../reply-helpers';
import { refusal } from './closed-plan';

export const answerSnooze: Answer<'snooze'> = async (deps, actor, command) => {
  const { email } = actor;
  if (!email) return noEmail();
  const found = await resolveVisibleAction(deps, { ...actor, email }, command.actionId, command);
  if (found === undefined)
    return notice('info', `I can't find action ${command.actionId}`, 'Say "mine" to see your actions.');
  if (isReply(found)) return found;
  const { plan, action } = found;
  const decision = decideOnAction(deps.clock, actor, plan, action, 'snooze');
  if (!decision.allowed)
    return refusal(
      decision.reason,
      plan.title,
      'Not yours to snooze',
      `Only the owners of action ${action.id} can snooze its reminders.`,
    );
  try {
    const { until } = await snoozeAction(deps, actor, {
      planId: plan.id,
      actionId: action.id,
      days: command.days,
    });
    return notice(
      'info',
      `Reminders for action ${action.id} snoozed`,
      `No reminders about it until ${formatUkDate(until)}.`,
    );
  } catch (error) {
    if (error instanceof NotAuthorisedError) return notice('refusal', 'Not yours to snooze', error.message);
    if (error instanceof ConflictError)
      return notice('warning', 'That action has just changed', 'Please try again.');
    throw error;
  }
};
