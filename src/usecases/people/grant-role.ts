import { grantRole, type PlanRole, setAgencyLead } from '../../domain/plan';
import { changePlanPeople, normalisedAddress, type PeopleDeps } from './change-plan-people';

export function grantPlanRole(
  deps: PeopleDeps,
  request: { planId: string; email: string; role: PlanRole; actor: string },
): Promise<{ changed: boolean }> {
  return changePlanPeople(deps, request, (plan, now) => ({
    plan: grantRole(plan, request.email, request.role, now),
    event: 'plan.role-granted',
    details: { role: request.role, email: normalisedAddress(request.email) },
  }));
}

export function setPlanAgencyLead(
  deps: PeopleDeps,
  request: { planId: string; agency: string; email: string; actor: string },
): Promise<{ changed: boolean }> {
  return changePlanPeople(deps, request, (plan, now) => ({
    plan: setAgencyLead(plan, request.agency, request.email, now),
    event: 'plan.agency-lead-set',
    details: { agency: request.agency.trim(), email: normalisedAddress(request.email) },
  }));
}
