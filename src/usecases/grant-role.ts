import { NotFoundError } from '../domain/errors';
import { grantRole, type PlanRole } from '../domain/plan';
import type { Clock, Stores } from './ports';

export async function grantPlanRole(
  deps: { stores: Stores; clock: Clock },
  request: { planId: string; email: string; role: PlanRole; actor: string },
): Promise<{ changed: boolean }> {
  const { stores, clock } = deps;
  const current = await stores.plans.get(request.planId);
  if (!current) throw new NotFoundError(`Plan ${request.planId}`);
  const now = clock.now();
  const updated = grantRole(current.value, request.email, request.role, now);
  if (updated === current.value) return { changed: false };
  await stores.plans.update(updated, current.etag);
  await stores.audit.record({
    at: now.toISOString(),
    actor: request.actor,
    event: 'plan.role-granted',
    planId: request.planId,
    details: { role: request.role, email: request.email.trim().toLowerCase() },
  });
  return { changed: true };
}
