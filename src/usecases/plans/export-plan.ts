import { NotFoundError } from '../../domain/errors';
import { measuresToRows } from '../../domain/measure-import';
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

/** The sheet of a workbook export that holds the plan's measures (issue 21); read back by the import. */
export const MEASURES_SHEET = 'Measures';

/**
 * The plan's measures as the Measures sheet: every definition and each measure's latest value, so an
 * export imported into a new plan holds the same measures. None when the plan has no measures (the
 * workbook then stays one sheet, as before).
 */
export async function exportMeasureRows(stores: Stores, planId: string): Promise<string[][] | undefined> {
  const [measures, values] = await Promise.all([
    stores.measures.list(planId),
    stores.measures.listValues(planId),
  ]);
  if (measures.length === 0) return undefined;
  return measuresToRows(
    measures.map((m) => m.value),
    values,
  );
}
