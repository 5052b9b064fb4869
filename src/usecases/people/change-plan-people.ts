import { NotFoundError } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import type { Clock, Stores } from '../ports/index';

export type PeopleDeps = { stores: Stores; clock: Clock };

/** One change to who holds a role in a plan: the plan after it (the same object when nothing changed). */
export interface PeopleChange {
  plan: Plan;
  event: string;
  details: Record<string, string>;
}

/**
 * Every grant and removal goes the same way: read the plan, apply the pure change, write it back
 * ETag-checked (a concurrent edit fails rather than being lost), and record it in the audit log.
 */
export async function changePlanPeople(
  deps: PeopleDeps,
  request: { planId: string; actor: string },
  change: (plan: Plan, now: Date) => PeopleChange,
): Promise<{ changed: boolean }> {
  const current = await deps.stores.plans.get(request.planId);
  if (!current) throw new NotFoundError(`Plan ${request.planId}`);
  const now = deps.clock.now();
  const { plan, event, details } = change(current.value, now);
  if (plan === current.value) return { changed: false };
  await deps.stores.plans.update(plan, current.etag);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: request.actor,
    event,
    planId: request.planId,
    details,
  });
  return { changed: true };
}

export const normalisedAddress = (email: string): string => email.trim().toLowerCase();
