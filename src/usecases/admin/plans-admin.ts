/**
 * Creating a plan and closing one from the dashboard. Who may create is the PLAN_CREATORS setting
 * (addresses, or Entra ID groups in the person's token), asked of the access policy; the creator becomes
 * the plan's first coordinator. Closing is for the plan's coordinators, and asks them to type its id.
 */
import { ValidationError } from '../../domain/errors';
import { createPlan, type Plan } from '../../domain/plan';
import type { PlanCreators } from '../../domain/plan-creators';
import { decideOnCreatingPlans } from '../access/access';
import { closePlanForGood } from '../retention/retention';
import type { Actor } from '../shared/actor';
import { type AdminDeps, type AdminOutcome, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

export function mayCreatePlans(creators: PlanCreators, actor: Actor): boolean {
  return decideOnCreatingPlans(creators, actor).allowed;
}

export async function createPlanAs(
  deps: AdminDeps,
  actor: Actor,
  creators: PlanCreators,
  input: { id: string; title: string; principalAuthority?: string },
): Promise<AdminOutcome<{ planId: string }>> {
  const decision = decideOnCreatingPlans(creators, actor);
  if (!decision.allowed) return { kind: 'forbidden', reason: decision.reason };
  const now = deps.clock.now();
  let plan: Plan;
  try {
    plan = createPlan(
      {
        id: input.id.trim(),
        title: input.title,
        principalAuthority: input.principalAuthority ?? '',
        coordinators: [actor.email],
      },
      now,
    );
  } catch (error) {
    if (error instanceof ValidationError)
      return invalid(error.issues.map((i) => ({ ...i, field: i.field === 'plan' ? 'id' : i.field })));
    throw error;
  }
  if (await deps.stores.plans.get(plan.id))
    return invalid([{ field: 'id', reason: `a plan with the id ${plan.id} exists already: choose another` }]);
  await deps.stores.plans.create({ ...plan, updatedBy: actor.name });
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.email,
    event: 'plan.created',
    planId: plan.id,
    details: { coordinator: actor.email },
  });
  return saved({ planId: plan.id });
}

/** Monitoring has ended: no more reminders, rounds or digests; the retention period starts. */
export async function closePlanAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; confirm: string },
): Promise<AdminOutcome<{ closedAt: string }>> {
  const found = await administeredPlan(deps.stores, actor, request.planId, deps.clock.now());
  if (found.kind !== 'ok') return found;
  if (request.confirm.trim() !== request.planId)
    return invalid([{ field: 'confirm', reason: `type the plan’s id, ${request.planId}, to confirm` }]);
  const closed = await closePlanForGood(deps, request.planId, actor.email);
  return saved({ closedAt: closed.closedAt ?? deps.clock.now().toISOString() });
}
