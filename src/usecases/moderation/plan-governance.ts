import type { Plan } from '../../domain/plan';
import type { Clock, Stores } from '../ports/index';
import { planOrNotFound, savePlanChange } from '../shared/plan-change';

/**
 * The plan's moderation group (named in "Agreed by the S&CE subgroup on …") and the protective marking
 * its committee papers carry. An empty value clears the setting, back to its default. ETag-checked and
 * audited like a change of roles.
 */
export async function setPlanGovernance(
  deps: { stores: Stores; clock: Clock },
  request: { planId: string; moderationGroup?: string; protectiveMarking?: string; actor: string },
): Promise<Plan> {
  const current = await planOrNotFound(deps.stores, request.planId);
  const now = deps.clock.now();
  let plan: Plan = { ...current.value, updatedAt: now.toISOString() };
  const set = (key: 'moderationGroup' | 'protectiveMarking', value: string | undefined) => {
    if (value === undefined) return;
    const { [key]: _old, ...rest } = plan;
    plan = value.trim() === '' ? rest : { ...rest, [key]: value.trim() };
  };
  set('moderationGroup', request.moderationGroup);
  set('protectiveMarking', request.protectiveMarking);
  await savePlanChange(deps.stores, plan, current.etag, {
    at: now,
    actor: request.actor,
    event: 'plan.governance-set',
    details: {
      ...(plan.moderationGroup ? { moderationGroup: plan.moderationGroup } : {}),
      ...(plan.protectiveMarking ? { protectiveMarking: plan.protectiveMarking } : {}),
    },
  });
  return plan;
}
