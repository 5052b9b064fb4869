/**
 * Taking roles away: the counterpart of grant-role. Each removal is an ETag-checked write and an audit
 * event; access follows at once, because every surface (chat, tab, report links) re-reads the plan's roles.
 */
import { NotFoundError } from '../../domain/errors';
import { type PlanRole, removeAgencyLead, revokeRole } from '../../domain/plan';
import type { Clock, Stores } from '../ports/index';

export async function revokePlanRole(
  deps: { stores: Stores; clock: Clock },
  request: { planId: string; email: string; role: PlanRole; actor: string },
): Promise<{ changed: boolean }> {
  const { stores, clock } = deps;
  const current = await stores.plans.get(request.planId);
  if (!current) throw new NotFoundError(`Plan ${request.planId}`);
  const now = clock.now();
  const updated = revokeRole(current.value, request.email, request.role, now);
  if (updated === current.value) return { changed: false };
  await stores.plans.update(updated, current.etag);
  await stores.audit.record({
    at: now.toISOString(),
    actor: request.actor,
    event: 'plan.role-revoked',
    planId: request.planId,
    details: { role: request.role, email: request.email.trim().toLowerCase() },
  });
  return { changed: true };
}

export async function removePlanAgencyLead(
  deps: { stores: Stores; clock: Clock },
  request: { planId: string; email: string; agency?: string; actor: string },
): Promise<{ changed: boolean; agencies: string[] }> {
  const current = await deps.stores.plans.get(request.planId);
  if (!current) throw new NotFoundError(`Plan ${request.planId}`);
  const now = deps.clock.now();
  const { plan, agencies } = removeAgencyLead(current.value, request.email, request.agency, now);
  if (agencies.length === 0) return { changed: false, agencies };
  await deps.stores.plans.update(plan, current.etag);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: request.actor,
    event: 'plan.agency-lead-removed',
    planId: request.planId,
    details: { agency: agencies.join(', '), email: request.email.trim().toLowerCase() },
  });
  return { changed: true, agencies };
}
