import {
  DEMO_ACTIONS,
  DEMO_AREAS,
  DEMO_COORDINATOR,
  DEMO_LEAD,
  DEMO_PLAN_DETAILS,
  DEMO_PLAN_ID,
  DEMO_PLAN_TITLE,
} from '../../demo/demo-plan';
import { addDays, calendarDateIn } from '../../domain/dates';
import { DEFAULT_TIME_ZONE } from '../../domain/plan';
import { EXPORT_COLUMNS } from '../../domain/spreadsheet-columns';
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
