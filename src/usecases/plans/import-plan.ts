import type { Action } from '../../domain/action';
import { ImportInterruptedError, ValidationError } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import { importHistoryEntry, planImportChanges } from '../../domain/import-changes';
import { createPlan, type NewPlan, type Plan } from '../../domain/plan';
import { resolveImportedGroups } from '../../domain/plan-groups';
import { type ColumnMapping, readPlanRows } from '../../domain/plan-import';
import type { RatingScale } from '../../domain/rating';
import type { HolidayCalendar } from '../../domain/working-days';
import { type Clock, PartialWriteError, type PlanItemWrite, type Stores } from '../ports/index';
import { withReminderSchedule } from '../reminders/reminder-schedule';

export interface ImportRequest {
  planId: string;
  /** Header row first, cells as text (the spreadsheet adapter turns date cells into ISO dates). */
  rows: readonly (readonly string[])[];
  /** Needed only when the plan is new. */
  title?: string;
  ratingScale?: RatingScale;
  /** Inspection, authority and cadence details for a new plan. */
  details?: Omit<NewPlan, 'id' | 'title' | 'ratingScale'>;
  dryRun: boolean;
  actor: string;
  /** Shown in the audit trail, e.g. the file name. */
  sourceName: string;
}

export interface ImportReport {
  planId: string;
  planCreated: boolean;
  dryRun: boolean;
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
  areas: { created: number; updated: number };
  actions: {
    created: string[];
    updated: { id: string; fields: string[] }[];
    unchanged: number;
    notInFile: string[];
  };
}

export interface ImportDeps {
  stores: Stores;
  clock: Clock;
  random: () => number;
  calendar: HolidayCalendar;
}

/**
 * Checks the whole file first and writes nothing unless every row is valid; a re-import of the same
 * file reports everything unchanged and writes nothing at all.
 */
export async function importPlan(deps: ImportDeps, request: ImportRequest): Promise<ImportReport> {
  const { stores, clock } = deps;
  const now = clock.now();
  const existing = await stores.plans.get(request.planId);
  let plan: Plan;
  if (existing) plan = existing.value;
  else {
    plan = createPlan(
      {
        ...request.details,
        id: request.planId,
        title: request.title ?? '',
        ...(request.ratingScale ? { ratingScale: request.ratingScale } : {}),
      },
      now,
    );
  }
  if (existing && request.ratingScale && request.ratingScale !== plan.ratingScale) {
    throw new ValidationError([
      {
        field: 'scale',
        reason: `plan ${plan.id} uses the ${plan.ratingScale} scale; it cannot change on import`,
      },
    ]);
  }
  const read = readPlanRows(request.rows, plan.ratingScale);
  const imported = { ...read, actions: resolveImportedGroups(plan, read.actions) };
  const contents = existing ? await stores.actions.readPlan(plan.id) : { areas: [], actions: [] };
  const etags = new Map(contents.actions.map((a) => [a.value.id, a.etag]));
  const changes = planImportChanges(
    plan.id,
    imported,
    contents.areas,
    contents.actions.map((a) => a.value),
  );

  const report: ImportReport = {
    planId: plan.id,
    planCreated: !existing,
    dryRun: request.dryRun,
    mapping: imported.mapping,
    ignoredHeaders: imported.ignoredHeaders,
    areas: { created: changes.createdAreas.length, updated: changes.updatedAreas.length },
    actions: {
      created: changes.createdActions.map((a) => a.id),
      updated: changes.updatedActions.map((c) => ({ id: c.after.id, fields: c.changedFields })),
      unchanged: changes.unchangedActions.length,
      notInFile: changes.missingFromFile.map((a) => a.id),
    },
  };
  if (request.dryRun) return report;

  const at = now.toISOString();
  const schedule = (action: Action) => withReminderSchedule(action, plan, deps.calendar, now);
  const writes: PlanItemWrite[] = [
    ...changes.createdAreas.map((area): PlanItemWrite => ({ kind: 'create-area', area })),
    ...changes.updatedAreas.map((area): PlanItemWrite => ({ kind: 'update-area', area })),
    ...changes.createdActions.map(
      (action): PlanItemWrite => ({
        kind: 'create-action',
        action: schedule({ ...action, lastUpdatedAt: at }),
      }),
    ),
    ...changes.updatedActions.map(
      (change): PlanItemWrite => ({
        kind: 'update-action',
        action: schedule({ ...change.after, lastUpdatedAt: at, revision: (change.before.revision ?? 0) + 1 }),
        etag: etags.get(change.after.id)!,
        previous: change.before,
      }),
    ),
  ];
  if (writes.length === 0 && existing) return report;

  if (!existing) await stores.plans.create(plan);
  const newId = () => newestFirstId(now, deps.random);
  const historyOf = (done: readonly PlanItemWrite[]) =>
    done.flatMap((write) => {
      if (write.kind === 'create-action')
        return [importHistoryEntry({ after: write.action }, at, newId(), request.actor)];
      if (write.kind !== 'update-action') return [];
      const change = changes.updatedActions.find((c) => c.after.id === write.action.id)!;
      return [importHistoryEntry(change, at, newId(), request.actor)];
    });
  try {
    await stores.actions.writeMany(plan.id, writes);
  } catch (error) {
    if (!(error instanceof PartialWriteError)) throw error;
    // What was saved keeps its history and an audit line; the rest waits for the import to be run again.
    await stores.history.append(historyOf(error.committed));
    await stores.audit.record({
      at,
      actor: request.actor,
      event: 'plan.import-interrupted',
      planId: plan.id,
      details: { source: request.sourceName, saved: error.committed.length, total: writes.length },
    });
    throw new ImportInterruptedError(plan.id, error.committed.length, writes.length);
  }
  await stores.history.append(historyOf(writes));
  await stores.audit.record({
    at,
    actor: request.actor,
    event: 'plan.imported',
    planId: plan.id,
    details: {
      source: request.sourceName,
      planCreated: !existing,
      actionsCreated: changes.createdActions.length,
      actionsUpdated: changes.updatedActions.length,
      areasCreated: changes.createdAreas.length,
      areasUpdated: changes.updatedAreas.length,
    },
  });
  return report;
}
