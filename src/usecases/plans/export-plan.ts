import { NotFoundError } from '../../domain/errors';
import { planToRows } from '../../domain/plan-export';
import type { Stores } from '../ports/index';

export async function exportPlan(
  stores: Stores,
  planId: string,
  actor: string,
  at: Date,
): Promise<string[][]> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const { areas, actions } = await stores.actions.readPlan(planId);
  const rows = planToRows(
    areas,
    actions.map((a) => a.value),
  );
  // Exports carry owners' names and e-mail addresses out of the system, so who took one is recorded.
  await stores.audit.record({
    at: at.toISOString(),
    actor,
    event: 'plan.exported',
    planId,
    details: { actions: actions.length },
  });
  return rows;
}
