import { calendarDateIn } from '../../../domain/dates';
import { byUrgency } from '../../../domain/deadline';
import { coveredBy } from '../../../domain/delegation';
import { isOpen } from '../../../domain/lifecycle';
import type { Answer } from '../chat-deps';
import { listReply, noEmail } from '../reply-helpers';

/**
 * The actor's own open actions, from every plan, most urgent first, with those of owners they cover for
 * today (leave), each marked whose it is.
 */
export const answerMine: Answer<'mine'> = async (deps, actor, command, page) => {
  if (!actor.email) return noEmail();
  // Both at once: the plans are few, and waiting for the actions before asking for them doubles the wait.
  const [owned, allPlans] = await Promise.all([
    deps.stores.actions.listByOwner(actor.email),
    deps.stores.plans.list(),
  ]);
  // Cover is read on each plan's own calendar day, as the access entry reads it.
  const covers = allPlans.flatMap((plan) =>
    coveredBy(plan.delegations, actor.email ?? '', calendarDateIn(plan.timeZone, deps.clock.now())).map(
      (cover) => ({ planId: plan.id, owner: cover.owner }),
    ),
  );
  const coveredLists = await Promise.all(
    [...new Set(covers.map((c) => c.owner))].map((owner) => deps.stores.actions.listByOwner(owner)),
  );
  const coveringFor: Record<string, string> = {};
  const mineIds = new Set(owned.map((a) => `${a.planId}/${a.id}`));
  const covered = coveredLists.flat().filter((action) => {
    const key = `${action.planId}/${action.id}`;
    const cover = covers.find(
      (c) => c.planId === action.planId && action.owners.some((o) => o.email === c.owner),
    );
    // Their own action is theirs, whoever else owns it; one covered action is listed once.
    if (!cover || mineIds.has(key) || coveringFor[key] !== undefined) return false;
    coveringFor[key] = action.owners.find((o) => o.email === cover.owner)?.name || cover.owner;
    return true;
  });
  const open = [...owned, ...covered].filter((a) => isOpen(a.lifecycle)).sort(byUrgency);
  const planIds = new Set(open.map((a) => a.planId));
  const coveringCount = open.filter((a) => coveringFor[`${a.planId}/${a.id}`] !== undefined).length;
  return listReply(deps, {
    title: 'Your open actions',
    subtitle: `${open.length} open, most urgent first${coveringCount > 0 ? ` (${coveringCount} you are covering for)` : ''}`,
    plans: allPlans.filter((p) => planIds.has(p.id)),
    actions: open,
    ...(coveringCount > 0 ? { coveringFor } : {}),
    page,
    command,
    emptyText: 'You have no open actions. Nothing is waiting on you.',
  });
};
