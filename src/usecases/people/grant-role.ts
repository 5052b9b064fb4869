import { NotFoundError } from '../../domain/errors';
import { grantRole, type PlanRole, setAgencyLead } from '../../domain/plan';
import type { Clock, Stores } from '../ports/index';

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

export async function setPlanAgencyLead(
  deps: { stores: Stores; clock: Clock },
  request: { planId: string; agency: string; email: string; actor: string },
): Promise<{ changed: boolean }> {
  const current = await deps.stores.plans.get(request.planId);
  if (!current) throw new NotFoundError(`Plan ${request.planId}`);
  const now = deps.clock.now();
  const updated = setAgencyLead(current.value, request.agency, request.email, now);
  if (updated === current.value) return { changed: false };
  await deps.stores.plans.update(updated, current.etag);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: request.actor,
    event: 'plan.agency-lead-set',
    planId: request.planId,
    details: { agency: request.agency.trim(), email: request.email.trim().toLowerCase() },
  });
  return { changed: true };
}
