/**
 * The sweep's last job: each plan's coordinators get one list of everyone the other jobs could not
 * reach, so nobody is skipped silently.
 */
import { calendarDateIn } from '../../domain/dates';
import type { PeopleCache, PlanCache } from '../delivery/lookups';
import { tellCoordinators } from '../delivery/tell-coordinators';
import type { SweepDeps, SweepTally } from './sweep-report';

export async function tellUndelivered(
  deps: SweepDeps,
  lookups: { plans: PlanCache; people: PeopleCache },
  now: Date,
  tally: SweepTally,
): Promise<void> {
  for (const [planId, items] of tally.undelivered) {
    const plan = await lookups.plans.plan(planId);
    if (!plan) continue;
    const told = await tellCoordinators(
      deps,
      plan,
      items,
      (email) => lookups.people.get(email),
      calendarDateIn(plan.timeZone, now),
    );
    for (const r of told)
      tally.row({ planId, actionId: '—', owner: r.coordinator, outcome: r.outcome, reason: r.reason });
  }
}
