/** Show and update answer with the same action card a reminder carries; history lists its updates. */

import type { Action } from '../../../domain/action';
import type { Command } from '../../../domain/commands/command';
import type { Plan } from '../../../domain/plan';
import { decideOnAction } from '../../access/access';
import { cardStateFor } from '../../shared/action-card-view';
import type { ChatActor, KnownChatActor } from '../../shared/actor';
import type { ChatDeps } from '../chat-deps';
import { isReply, resolveVisibleAction } from '../finding';
import type { Reply } from '../replies';
import { noEmail, notice } from '../reply-helpers';

/** The action the actor means and may see, or what to answer instead. */
/**
 * The commands about one action (show, update, history) start alike: a signed-in actor, an action they
 * may see; `answer` gets both, and every other case is already a reply.
 */
export async function withVisibleAction(
  deps: ChatDeps,
  actor: ChatActor,
  command: Command & { actionId: string },
  answer: (found: { plan: Plan; action: Action }, actor: KnownChatActor) => Promise<Reply> | Reply,
): Promise<Reply> {
  const { email } = actor;
  if (!email) return noEmail();
  const signedIn = { ...actor, email };
  const found = await visibleAction(deps, signedIn, command.actionId, command);
  return isReply(found) ? found : answer(found, signedIn);
}

export async function visibleAction(
  deps: ChatDeps,
  actor: KnownChatActor,
  actionId: string,
  command: Command,
): Promise<{ plan: Plan; action: Action } | Reply> {
  const found = await resolveVisibleAction(deps, actor, actionId, command);
  if (found === undefined) {
    return notice(
      'info',
      `I can't find action ${actionId}`,
      'It is not in a plan where you own actions or have a coordinator or lead role. Say "mine" to see your actions.',
    );
  }
  return found;
}

export async function actionCardReply(
  deps: ChatDeps,
  actor: KnownChatActor,
  { plan, action }: { plan: Plan; action: Action },
  detail: boolean,
): Promise<Reply> {
  return {
    kind: 'action-card',
    view: {
      ...(await cardStateFor(deps, actor, { plan, action })),
      headline: { text: `Action ${action.id}`, tone: 'info' },
      detail,
    },
  };
}

/** "update 2.1" from someone who may see the action but not change it. */
export function refuseUpdate(
  deps: ChatDeps,
  { plan, action }: { plan: Plan; action: Action },
  actor: ChatActor,
): Reply | undefined {
  const decision = decideOnAction(deps.clock, actor, plan, action, 'update');
  // A closed action or plan still shows its card, without the form: there is nothing to refuse.
  if (decision.allowed || decision.reason !== 'not-owner-or-coordinator') return undefined;
  return notice(
    'refusal',
    `Action ${action.id} is not yours to update`,
    "Only the action's owners and the plan's coordinators can update it. You can still view it.",
    [`show ${action.id}`],
  );
}
