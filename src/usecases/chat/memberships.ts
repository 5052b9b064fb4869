import { emailAddress } from '../../domain/email-address';
import { isOpen } from '../../domain/lifecycle';
import { rolesOf } from '../../domain/plan';
import type { Stores } from '../ports/index';
import type { Membership } from './replies';

/** Every plan a person has a role in or owns open actions in. */
export async function loadMemberships(stores: Stores, email: string | undefined): Promise<Membership[]> {
  if (!email) return [];
  const [plans, owned] = await Promise.all([stores.plans.list(), stores.actions.listByOwner(email)]);
  const memberships: Membership[] = [];
  for (const plan of plans) {
    const roles = rolesOf(plan, email);
    const openActionsOwned = owned.filter((a) => a.planId === plan.id && isOpen(a.lifecycle)).length;
    const ownsAny = owned.some((a) => a.planId === plan.id);
    // Someone covering for an owner finds the plan too; which actions they see follows the cover's dates.
    const covers = (plan.delegations ?? []).some((d) => d.delegate === emailAddress(email));
    if (roles.length > 0 || ownsAny || covers)
      memberships.push({ planId: plan.id, planTitle: plan.title, roles, openActionsOwned });
  }
  return memberships;
}
