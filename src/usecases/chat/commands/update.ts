import type { Answer } from '../chat-deps';
import { actionCardReply, refuseUpdate, withVisibleAction } from './action-card';

export const answerUpdate: Answer<'update'> = (deps, actor, command) =>
  withVisibleAction(
    deps,
    actor,
    command,
    (found, signedIn) => refuseUpdate(deps, found, signedIn) ?? actionCardReply(deps, signedIn, found, false),
  );
