import {
  DEMO_ACTIONS,
  DEMO_AREAS,
  DEMO_COORDINATOR,
  DEMO_LEAD,
  DEMO_MEASURES,
  DEMO_PLAN_DETAILS,
  DEMO_PLAN_ID,
  DEMO_PLAN_TITLE,
} from '../../demo/demo-plan';
import { addDays, calendarDateIn } from '../../domain/dates';
import {
  type MeasureFrequency,
  periodOwed,
  previousPeriod,
  type ReportingPeriod,
} from '../../domain/measures';
import { DEFAULT_TIME_ZONE } from '../../domain/plan';
import { EXPORT_COLUMNS } from '../../domain/spreadsheet-columns';
import { defineMeasure, recordMeasureValue } from '../measures/measures';
import { grantRoleAs } from '../people/people-service';
import { operatorActor } from '../shared/actor';
import { type ImportDeps, importPlan } from './import-plan';

/** Loads the demo plan into an empty store; does nothing when any plan exists. */
export async function seedDemoPlan(deps: ImportDeps): Promise<boolean> {
  if ((await deps.stores.plans.list()).length > 0) return false;
  const today = calendarDateIn(DEFAULT_TIME_ZONE, deps.clock.now());
  const rows = [
    [...EXPORT_COLUMNS],
    ...DEMO_ACTIONS.map(
      ([areaId, actionId, action, agency, ownerName, ownerEmail, start, due, rating, lifecycle, measure]) => {
        // Partial: a column the demo has nothing for (a field added later) is left blank.
        const cells: Partial<Record<(typeof EXPORT_COLUMNS)[number], string>> = {
          area_id: areaId,
          area: DEMO_AREAS[areaId] ?? '',
          action_id: actionId,
          action,
          lead_agency: agency,
          owner_name: ownerName,
          owner_email: ownerEmail,
          start_date: addDays(today, start),
          due_date: addDays(today, due),
          rating,
          success_measure: measure,
          current_due_date: '',
          lifecycle,
          contributing_agencies: '',
          evidence_links: '',
        };
        return EXPORT_COLUMNS.map((column) => cells[column] ?? '');
      },
    ),
  ];
  const actor = 'demo set-up';
  await importPlan(deps, {
    planId: DEMO_PLAN_ID,
    title: DEMO_PLAN_TITLE,
    details: DEMO_PLAN_DETAILS,
    rows,
    dryRun: false,
    actor,
    sourceName: 'built-in demo plan',
  });
  // Through the people service as the operator, as the CLI gives roles; a refusal is a broken demo.
  for (const [email, role] of [
    [DEMO_COORDINATOR.email, 'coordinator'],
    [DEMO_LEAD.email, 'lead'],
  ] as const) {
    const outcome = await grantRoleAs(deps, operatorActor(actor), { planId: DEMO_PLAN_ID, email, role });
    if (outcome.kind !== 'saved') throw new Error(`The demo plan's ${role} was refused (${outcome.kind})`);
  }
  return true;
}

/**
 * The demo's three impact measures with a year of values, so the dashboard's charts and the paper's
 * "what difference has it made" have something to show at `npm start`. Apart from seedDemoPlan because
 * the demo's actions are many tests' fixture, and those tests define their own measures on it. Through
 * the measures use case as the operator, so every value is read and audited as any other. Does nothing
 * when the demo plan already has measures.
 */
export async function seedDemoMeasures(deps: ImportDeps): Promise<boolean> {
  if ((await deps.stores.measures.list(DEMO_PLAN_ID)).length > 0) return false;
  const today = calendarDateIn(DEFAULT_TIME_ZONE, deps.clock.now());
  const actor = operatorActor('demo set-up');
  for (const demo of DEMO_MEASURES) {
    const periods = lastPeriods(demo.frequency, today, demo.values.length);
    const defined = await defineMeasure(deps, actor, DEMO_PLAN_ID, {
      id: demo.id,
      areaId: demo.areaId,
      actionIds: demo.actionIds,
      name: demo.name,
      definition: demo.definition,
      source: demo.source,
      unit: demo.unit,
      better: demo.better,
      baseline: String(demo.baseline),
      // The baseline is the year before the first value: the chart starts from where things stood.
      baselineDate: addDays(`${periods[0]!.start}-01`, -1),
      target: String(demo.target),
      targetDate: addDays(today, demo.targetInDays),
      frequency: demo.frequency,
      reporter: demo.reporter,
      kind: demo.kind,
    });
    if (defined.kind !== 'saved')
      throw new Error(`The demo's measure ${demo.id} was refused (${defined.kind})`);
    for (const [index, value] of demo.values.entries()) {
      const recorded = await recordMeasureValue(deps, actor, {
        planId: DEMO_PLAN_ID,
        measureId: demo.id,
        period: periods[index]!.start,
        value: String(value),
      });
      if (recorded.kind !== 'saved')
        throw new Error(`A value of the demo's measure ${demo.id} was refused (${recorded.kind})`);
    }
  }
  return true;
}

/** The `count` periods ending with the one owed today, oldest first. */
function lastPeriods(frequency: MeasureFrequency, today: string, count: number): ReportingPeriod[] {
  const periods = [periodOwed(frequency, today)];
  while (periods.length < count) periods.unshift(previousPeriod(frequency, periods[0]!));
  return periods;
}
