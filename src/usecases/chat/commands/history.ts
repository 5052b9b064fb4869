import type { Answer } from '../chat-deps';
import { isReply } from '../finding';
import { noEmail } from '../reply-helpers';
import { visibleAction } from './action-card';

/** The newest updates that fit one card. */
const HISTORY_SHOWN = 20;

export const answerHistory: Answer<'history'> = async (deps, asker, command) => {
  const { email } = asker;
  if (!email) return noEmail();
  const found = await visibleAction(deps, { ...asker, email }, command.actionId, command);
  if (isReply(found)) return found;
  const { plan, action } = found;
  const entries = await deps.stores.history.listForAction(plan.id, action.id, HISTORY_SHOWN);
  return { kind: 'history', plan, action, entries };
};
