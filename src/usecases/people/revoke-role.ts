/**
 * Taking roles away: the counterpart of grant-role. Each removal is an ETag-checked write and an audit
 * event; access follows at once, because every surface (chat, tab, report links) re-reads the plan's roles.
 */
import { type PlanRole, removeAgencyLead, revokeRole } from '../../domain/plan';
import { changePlanPeople, normalisedAddress, type PeopleDeps } from './change-plan-people';

export function revokePlanRole(
  deps: PeopleDeps,
  request: { planId: string; email: string; role: PlanRole; actor: string },
): Promise<{ changed: boolean }> {
  return changePlanPeople(deps, request, (plan, now) => ({
    plan: revokeRole(plan, request.email, request.role, now),
    event: 'plan.role-revoked',
    details: { role: request.role, email: normalisedAddress(request.email) },
  }));
}

export async function removePlanAgencyLead(
  deps: PeopleDeps,
  request: { planId: string; email: string; agency?: string; actor: string },
): Promise<{ changed: boolean; agencies: string[] }> {
  let agencies: string[] = [];
  const { changed } = await changePlanPeople(deps, request, (plan, now) => {
    const removed = removeAgencyLead(plan, request.email, request.agency, now);
    agencies = removed.agencies;
    return {
      plan: removed.agencies.length === 0 ? plan : removed.plan,
      event: 'plan.agency-lead-removed',
      details: { agency: removed.agencies.join(', '), email: normalisedAddress(request.email) },
    };
  });
  return { changed, agencies };
}
