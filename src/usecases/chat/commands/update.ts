import type { Answer } from '../chat-deps';
import { isReply } from '../finding';
import { noEmail } from '../reply-helpers';
import { actionCardReply, refuseUpdate, visibleAction } from './action-card';

export const answerUpdate: Answer<'update'> = async (deps, asker, command) => {
  const { email } = asker;
  if (!email) return noEmail();
  const found = await visibleAction(deps, { ...asker, email }, command.actionId, command);
  if (isReply(found)) return found;
  return (
    refuseUpdate(found.plan, found.action, email) ?? actionCardReply(deps, { ...asker, email }, found, false)
  );
};
