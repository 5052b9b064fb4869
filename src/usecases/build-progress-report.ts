import { calendarDateIn } from '../domain/dates';
import { NotFoundError } from '../domain/errors';
import { buildProgressReport, type ProgressReport } from '../domain/progress-report';
import type { Stores } from './ports';

export type ProgressReportFormat = 'html' | 'xlsx' | 'csv';

/** The progress report drawn from the plan's current state, as at today in the plan's time zone. */
export async function buildPlanProgressReport(
  stores: Stores,
  planId: string,
  actor: string,
  at: Date,
  format: ProgressReportFormat,
): Promise<ProgressReport> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const { areas, actions } = await stores.actions.readPlan(planId);
  const report = buildProgressReport({
    plan: plan.value,
    areas,
    actions: actions.map((a) => a.value),
    asAt: calendarDateIn(plan.value.timeZone, at),
  });
  // Like an export, the report carries owners' names out of the system, so who took one is recorded.
  await stores.audit.record({
    at: at.toISOString(),
    actor,
    event: 'plan.reported',
    planId,
    details: { actions: actions.length, format },
  });
  return report;
}
