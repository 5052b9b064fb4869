import type { Answer } from '../chat-deps';
import { actionCardReply, withVisibleAction } from './action-card';

export const answerShow: Answer<'show'> = (deps, asker, command) =>
  withVisibleAction(deps, asker, command, (found, signedIn) => actionCardReply(deps, signedIn, found, true));
