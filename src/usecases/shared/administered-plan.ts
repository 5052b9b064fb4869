/** The first step of every change to a plan: is it there for this person, and may they run it. */
import type { Plan } from '../../domain/plan';
import { decideOnPlan, mayKnowOfStored } from '../access/access';
import type { Stores, Versioned } from '../ports/index';
import type { Actor } from './actor';
import type { AdminRefusal } from './admin-outcome';

/**
 * The plan with its version when `actor` may administer it; otherwise why not. Someone with nothing to
 * do with the plan hears that it is not there, as for a plan that does not exist.
 */
export async function administeredPlan(
  stores: Stores,
  actor: Actor,
  planId: string,
  now: Date,
): Promise<{ kind: 'ok'; plan: Versioned<Plan> } | AdminRefusal> {
  const loaded = await stores.plans.get(planId);
  const notFound: AdminRefusal = { kind: 'not-found', what: `Plan ${planId}` };
  if (!loaded) return notFound;
  // The CLI's operator holds the store's keys already: the entry lets them run any plan that is open.
  const decision = decideOnPlan(actor, loaded.value, 'administer');
  if (decision.allowed) return { kind: 'ok', plan: loaded };
  if (actor.operator) return { kind: 'forbidden', reason: decision.reason };
  if (!(await mayKnowOfStored(stores, now, actor, loaded.value))) return notFound;
  return { kind: 'forbidden', reason: decision.reason };
}
