/**
 * The sweep's job for the outbox: announcements a card press could not settle are sent now, or put on
 * the coordinators' list. What it sends is settled (unqueued) only after the lists are told, by `settle`.
 */
import type { PeopleCache, PlanCache } from '../delivery/lookups';
import { retryQueuedAnnouncements } from '../updates/announce';
import type { SweepDeps, SweepTally } from './sweep-report';

export async function retryAnnouncements(
  deps: SweepDeps,
  lookups: { plans: PlanCache; people: PeopleCache },
  tally: SweepTally,
): Promise<{ settle: () => Promise<void> }> {
  const queued = await retryQueuedAnnouncements(deps, lookups);
  for (const r of queued.rows)
    tally.row({
      planId: r.planId,
      actionId: r.actionId,
      owner: r.recipient,
      outcome: r.outcome,
      reason: r.reason,
    });
  for (const [planId, items] of queued.undelivered) tally.unreachable(planId, items);
  return { settle: queued.settle };
}
