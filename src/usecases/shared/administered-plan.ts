/** The first step of every change to a plan: is it there for this person, and may they run it. */
import { decideForPlan, mayKnowOfPlan } from '../../domain/access-policy';
import { calendarDateIn } from '../../domain/dates';
import type { Plan } from '../../domain/plan';
import type { Stores, Versioned } from '../ports/index';
import type { Actor, AdminRefusal } from './admin-outcome';

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
  // The CLI's operator holds the store's keys already; a closed plan stays closed for them too.
  if (actor.operator)
    return loaded.value.closedAt
      ? { kind: 'forbidden', reason: 'plan-closed' }
      : { kind: 'ok', plan: loaded };
  const decision = decideForPlan(loaded.value, actor.email, 'administer');
  if (decision.allowed) return { kind: 'ok', plan: loaded };
  const { actions } = await stores.actions.readPlan(planId);
  const today = calendarDateIn(loaded.value.timeZone, now);
  if (
    !mayKnowOfPlan(
      loaded.value,
      actions.map((a) => a.value),
      actor.email,
      today,
    )
  )
    return notFound;
  return { kind: 'forbidden', reason: decision.reason };
}
