import type { Answer } from '../chat-deps';
import { isReply } from '../finding';
import { noEmail } from '../reply-helpers';
import { actionCardReply, visibleAction } from './action-card';

export const answerShow: Answer<'show'> = async (deps, asker, command) => {
  const { email } = asker;
  if (!email) return noEmail();
  const found = await visibleAction(deps, { ...asker, email }, command.actionId, command);
  if (isReply(found)) return found;
  return actionCardReply(deps, { ...asker, email }, found, true);
};
