/**
 * The steps a change to a plan from the command line or chat begins and ends with (those surfaces throw
 * their refusals; the dashboard's typed first step is administered-plan.ts): the plan read with its
 * version, then the changed plan saved against that version and the change recorded in the audit log.
 */
import { NotFoundError } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import type { AuditEvent, Stores, Versioned } from '../ports/index';

/** The plan with its version; a plan that is not there is a NotFoundError. */
export async function planOrNotFound(
  stores: Pick<Stores, 'plans'>,
  planId: string,
): Promise<Versioned<Plan>> {
  const loaded = await stores.plans.get(planId);
  if (!loaded) throw new NotFoundError(`Plan ${planId}`);
  return loaded;
}

/**
 * Saves `plan` against the version it was read at (a ConflictError when someone saved meanwhile, and then
 * nothing is recorded), then records who did what, and when, in the audit log.
 */
export async function savePlanChange(
  stores: Pick<Stores, 'plans' | 'audit'>,
  plan: Plan,
  etag: string,
  change: { at: Date; actor: string; event: string; details: AuditEvent['details'] },
): Promise<void> {
  await stores.plans.update(plan, etag);
  await stores.audit.record({
    at: change.at.toISOString(),
    actor: change.actor,
    event: change.event,
    planId: plan.id,
    details: change.details,
  });
}
