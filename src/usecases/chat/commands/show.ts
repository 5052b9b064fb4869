import type { Answer } from '../chat-deps';
import { actionCardReply, withVisibleAction } from './action-card';

export const answerShow: Answer<'show'> = (deps, actor, command) =>
  withVisibleAction(deps, actor, command, (found, signedIn) => actionCardReply(deps, signedIn, found, true));
