import type { Answer } from '../chat-deps';
import { loadMemberships } from '../memberships';
import { notice } from '../reply-helpers';

/** Choosing the plan plan-wide commands answer for; remembered with the person. */
export const answerPlan: Answer<'plan'> = async (deps, actor, command) => {
  const memberships = await loadMemberships(deps.stores, actor.email);
  if (memberships.length === 0) {
    return notice('info', 'You are not in any plan yet', 'You have no role in a plan and own no actions.');
  }
  const { planId } = command;
  if (!planId) {
    return {
      kind: 'choose-plan',
      plans: memberships.map((m) => ({ id: m.planId, title: m.planTitle })),
      afterChoice: { name: 'summary' },
    };
  }
  const membership = memberships.find((m) => m.planId === planId);
  if (!membership) {
    return notice('info', `You are not in plan ${planId}`, 'Say "plan" to see the plans you are in.', [
      'plan',
    ]);
  }
  const user = await deps.stores.users.get(actor.aadObjectId);
  if (user) {
    await deps.stores.users.put({
      ...user.value,
      preferredPlanId: planId,
      updatedAt: deps.clock.now().toISOString(),
    });
  }
  return {
    kind: 'notice',
    tone: 'info',
    title: `Now using ${membership.planTitle}`,
    text: 'Plan-wide commands such as "summary" and "overdue" now answer for this plan.',
    suggestions: ['summary', 'overdue'],
    // The bot remembers the choice from this, not from the title's words.
    chosenPlanId: membership.planId,
  };
};
