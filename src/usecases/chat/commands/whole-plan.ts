/** Plan-wide answers: for the plan's coordinators and leads (the policy's "see-whole-plan"). */
import type { Action } from '../../../domain/action';
import type { Area } from '../../../domain/area';
import type { Command } from '../../../domain/commands/command';
import type { Plan } from '../../../domain/plan';
import type { ChatActor, KnownChatActor } from '../../shared/actor';
import type { ChatDeps } from '../chat-deps';
import { isReply, resolveWholePlan } from '../finding';
import type { Reply } from '../replies';
import { noEmail } from '../reply-helpers';

export async function withWholePlan(
  deps: ChatDeps,
  actor: ChatActor,
  command: Command,
  answer: (plan: Plan, actor: KnownChatActor) => Promise<Reply>,
): Promise<Reply> {
  const { email } = actor;
  if (!email) return noEmail();
  const resolved = await resolveWholePlan(deps.stores, { ...actor, email }, command);
  if (isReply(resolved)) return resolved;
  return answer(resolved.plan, { ...actor, email });
}

export async function planContents(
  deps: ChatDeps,
  plan: Plan,
): Promise<{ areas: Area[]; actions: Action[] }> {
  const { areas, actions } = await deps.stores.actions.readPlan(plan.id);
  return { areas, actions: actions.map((v) => v.value) };
}
