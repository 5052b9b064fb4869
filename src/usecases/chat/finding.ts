/**
 * Which plan or action a person means, limited to what the access policy lets them see: a plan whose
 * whole picture they may see, or an action they may see, asking "Which plan?" when it could be several.
 */
import type { Action } from '../../domain/action';
import type { Command } from '../../domain/commands/command';
import type { Plan } from '../../domain/plan';
import { mayActOnAction, mayDoInPlan } from '../access/access';
import type { Clock, Stores } from '../ports/index';
import type { ChatActor, KnownChatActor } from '../shared/actor';
import type { Reply } from './replies';
import { notice } from './reply-helpers';

/** The plan a coordinator or lead means: their only one, the one they chose, or a question. */
export async function resolveWholePlan(
  stores: Stores,
  actor: KnownChatActor,
  afterChoice: Command,
): Promise<{ plan: Plan } | Reply> {
  const plans = (await stores.plans.list()).filter((p) => mayDoInPlan(actor, p, 'see-whole-plan'));
  if (plans.length === 0) {
    return notice(
      'refusal',
      'That is for coordinators and leads',
      'Plan-wide figures are for the coordinators and leads of a plan, and you have neither role. Say "mine" to see your own actions, or ask your partnership business manager for access.',
      ['mine', 'help'],
    );
  }
  const chosen =
    plans.find((p) => p.id === actor.preferredPlanId) ?? (plans.length === 1 ? plans[0] : undefined);
  if (chosen) return { plan: chosen };
  return { kind: 'choose-plan', plans: plans.map((p) => ({ id: p.id, title: p.title })), afterChoice };
}

/** The action with this id that the actor means, among the plans where they may see it. */
export async function resolveVisibleAction(
  deps: { stores: Stores; clock: Clock },
  actor: KnownChatActor,
  actionId: string,
  afterChoice: Command,
): Promise<{ plan: Plan; action: Action } | undefined | Reply> {
  const candidates = await findVisibleAction(deps, actor, actionId);
  if (candidates.length === 0) return undefined;
  return pickCandidate(candidates, actor, afterChoice);
}

/**
 * The action with this id in every plan where the actor may see it, read in parallel. A delegate sees
 * the actions they cover for while the cover lasts (the access entry reads today in each plan's zone).
 */
async function findVisibleAction(deps: { stores: Stores; clock: Clock }, actor: ChatActor, actionId: string) {
  const plans = await deps.stores.plans.list();
  const found = await Promise.all(
    plans.map(async (plan) => {
      const action = (await deps.stores.actions.get(plan.id, actionId))?.value;
      return action && mayActOnAction(deps.clock, actor, plan, action, 'see') ? [{ plan, action }] : [];
    }),
  );
  return found.flat();
}

/** The one match the actor means: their chosen plan's, the only one, or a question. Needs ≥ 1 candidate. */
function pickCandidate<T extends { plan: Plan }>(
  candidates: T[],
  actor: ChatActor,
  afterChoice: Command,
): T | Reply {
  const preferred = candidates.find((c) => c.plan.id === actor.preferredPlanId);
  if (candidates.length > 1 && !preferred) {
    return {
      kind: 'choose-plan',
      plans: candidates.map((c) => ({ id: c.plan.id, title: c.plan.title })),
      afterChoice,
    };
  }
  return preferred ?? candidates[0]!;
}

export function isReply(value: object): value is Reply {
  return 'kind' in value;
}
