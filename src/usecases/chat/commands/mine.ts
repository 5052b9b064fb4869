import { byUrgency } from '../../../domain/deadline';
import { isOpen } from '../../../domain/lifecycle';
import type { Answer } from '../chat-deps';
import { listReply, noEmail } from '../reply-helpers';

/** The actor's own open actions, from every plan, most urgent first. */
export const answerMine: Answer<'mine'> = async (deps, actor, command, page) => {
  if (!actor.email) return noEmail();
  // Both at once: the plans are few, and waiting for the actions before asking for them doubles the wait.
  const [owned, allPlans] = await Promise.all([
    deps.stores.actions.listByOwner(actor.email),
    deps.stores.plans.list(),
  ]);
  const open = owned.filter((a) => isOpen(a.lifecycle)).sort(byUrgency);
  const planIds = new Set(open.map((a) => a.planId));
  return listReply(deps, {
    title: 'Your open actions',
    subtitle: `${open.length} open, most urgent first`,
    plans: allPlans.filter((p) => planIds.has(p.id)),
    actions: open,
    page,
    command,
    emptyText: 'You have no open actions. Nothing is waiting on you.',
  });
};
