import type { Action } from '../../domain/action';
import { ImportInterruptedError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import {
  type ActionChange,
  appEditsSinceImport,
  editedInAppWords,
  importHistoryEntry,
  planImportChanges,
  type TakeFile,
} from '../../domain/import-changes';
import { createPlan, type NewPlan, type Plan } from '../../domain/plan';
import { resolveImportedGroups } from '../../domain/plan-groups';
import {
  type ImportChoices,
  type ProblemRow,
  problemIssues,
  readPlanSheets,
  type Sheet,
  type SheetReading,
} from '../../domain/plan-import';
import type { ColumnMapping } from '../../domain/plan-import-header';
import type { CellReading } from '../../domain/plan-import-row';
import type { RatingScale } from '../../domain/rating';
import { revokeRemovedOwnersLinks } from '../people/people-service';
import { PartialWriteError, type PlanChangeDeps, type PlanItemWrite } from '../ports/index';
import { withReminderSchedule } from '../reminders/reminder-schedule';
import {
  emptyPlanReading,
  type MeasureImportReport,
  planMeasureImport,
  splitMeasureSheets,
} from './import-measures';

export interface ImportRequest {
  planId: string;
  /** The workbook's sheets, cells as text (the spreadsheet adapter turns date cells into ISO dates). */
  sheets?: readonly Sheet[];
  /** One sheet's rows, for callers with a single table (the header is found as in a sheet). */
  rows?: readonly (readonly string[])[];
  /** Sheets left out, the header row, the mapping changed: what the person chose in the preview. */
  choices?: ImportChoices;
  /**
   * Write the good rows even though others have problems (the person chose "import the good rows");
   * without it, any problem refuses the file and nothing is written.
   */
  importGoodRows?: boolean;
  /** Needed only when the plan is new. */
  title?: string;
  ratingScale?: RatingScale;
  /** Inspection, authority and cadence details for a new plan. */
  details?: Omit<NewPlan, 'id' | 'title' | 'ratingScale'>;
  dryRun: boolean;
  actor: string;
  /** Shown in the audit trail, e.g. the file name. */
  sourceName: string;
  /**
   * Values edited in Action Tracker since the last import are kept; these are the ones the person chose to
   * take from the file instead ('all': every one).
   */
  takeFile?: TakeFile;
}

/** A value the file would change that was edited in Action Tracker since the last import. */
export interface EditedValue {
  actionId: string;
  /** The field's code name, for choosing it (takeFile); never shown. */
  field: string;
  /** "Success measure". */
  label: string;
  /** The value in Action Tracker, in words. */
  appValue: string;
  /** The file's value, in words. */
  fileValue: string;
  editedAt: string;
  editedBy: string;
  /** "edited in Action Tracker on 3 Dec 2026 by Jo Bloggs". */
  edited: string;
  /** Which value the action ends with: 'app' (kept) unless the person chose the file's. */
  took: 'app' | 'file';
}

export interface ImportReport {
  planId: string;
  planCreated: boolean;
  dryRun: boolean;
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
  sheets: SheetReading[];
  /** How timescales, ratings and statuses were read, for the person to confirm. */
  readings: CellReading[];
  /** Rows not imported, each with its reasons. */
  problems: ProblemRow[];
  /** Required columns no header maps to (a preview shows them; a write is refused). */
  missingColumns: ValidationIssue[];
  /** Whether anything was saved (false for a preview, or when nothing changed). */
  written: boolean;
  areas: { created: number; updated: number };
  actions: {
    created: string[];
    /** Each change written, in words: "Owners: Jo <jo@…> → Sam <sam@…>", "Monitoring group: none → board". */
    updated: { id: string; fields: string[] }[];
    unchanged: number;
    notInFile: string[];
    /** Values edited in Action Tracker since the last import that the file differs from, and which way each goes. */
    edited: EditedValue[];
  };
  /** The Measures sheet, when the file has one (issue 21): what it creates, changes and records. */
  measures?: MeasureImportReport;
}

export type ImportDeps = PlanChangeDeps;

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
  const { actionSheets: sheets, measureSheets } = splitMeasureSheets(
    request.sheets ?? [{ name: 'Sheet1', rows: request.rows ?? [] }],
  );
  // A file of measures alone (a measures CSV) changes no action.
  const read =
    sheets.length === 0 && measureSheets.length > 0
      ? emptyPlanReading()
      : readPlanSheets(sheets, plan.ratingScale, request.choices);
  const imported = { ...read, actions: resolveImportedGroups(plan, read.actions) };
  if (!request.dryRun && imported.missingColumns.length > 0)
    throw new ValidationError(imported.missingColumns);
  if (!request.dryRun && !request.importGoodRows && imported.problems.length > 0) {
    throw new ValidationError(problemIssues(imported.problems));
  }
  if (imported.actions.length === 0 && measureSheets.length === 0 && !request.dryRun) {
    throw new ValidationError([{ field: 'file', reason: 'has no rows that can be imported' }]);
  }
  const notes = new Map(imported.actions.flatMap((a) => (a.note ? [[a.id, a.note] as const] : [])));
  const contents = existing ? await stores.actions.readPlan(plan.id) : { areas: [], actions: [] };
  const etags = new Map(contents.actions.map((a) => [a.value.id, a.etag]));
  const stored = contents.actions.map((a) => a.value);
  const groups = plan.monitoringGroups ?? [];
  const measureStep = await planMeasureImport(
    deps,
    plan,
    measureSheets,
    {
      areas: [...imported.areas, ...contents.areas],
      actionIds: new Set([...imported.actions.map((a) => a.id), ...stored.map((a) => a.id)]),
    },
    request.actor,
  );
  if (!request.dryRun && !request.importGoodRows && measureStep.problems.length > 0)
    throw new ValidationError(problemIssues(measureStep.problems));
  let changes = planImportChanges(plan.id, imported, contents.areas, stored, groups);
  // Only a file that changes something needs the history: what was edited in the app since it last set it.
  if (existing && changes.updatedActions.length > 0) {
    const edits = appEditsSinceImport(await stores.history.listForPlan(plan.id));
    if (edits.size > 0) {
      changes = planImportChanges(plan.id, imported, contents.areas, stored, groups, {
        edits,
        ...(request.takeFile ? { takeFile: request.takeFile } : {}),
      });
    }
  }
  const flagged = [...changes.updatedActions, ...changes.keptActions].flatMap((change) =>
    change.fields.flatMap((f): EditedValue[] =>
      f.editedInApp
        ? [
            {
              actionId: change.before.id,
              field: f.field,
              label: f.label,
              appValue: f.from,
              fileValue: f.to,
              editedAt: f.editedInApp.at,
              editedBy: f.editedInApp.by,
              edited: editedInAppWords(f.editedInApp, plan.timeZone),
              took: f.took,
            },
          ]
        : [],
    ),
  );

  const report: ImportReport = {
    planId: plan.id,
    planCreated: !existing,
    dryRun: request.dryRun,
    mapping: imported.mapping,
    ignoredHeaders: imported.ignoredHeaders,
    sheets: imported.sheets,
    readings: imported.readings,
    problems: [...imported.problems, ...measureStep.problems],
    missingColumns: imported.missingColumns,
    written: false,
    areas: { created: changes.createdAreas.length, updated: changes.updatedAreas.length },
    actions: {
      created: changes.createdActions.map((a) => a.id),
      updated: changes.updatedActions.map((c) => ({ id: c.after.id, fields: c.described })),
      // An action whose only differences were edited in the app, all kept, is not changed.
      unchanged: changes.unchangedActions.length + changes.keptActions.length,
      notInFile: changes.missingFromFile.map((a) => a.id),
      edited: flagged,
    },
    ...(measureSheets.length > 0 ? { measures: measureStep.report } : {}),
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
  // Kept values change nothing in the action, but the history says the app's value was kept over the file's.
  const keptHistory = (id: () => string) =>
    changes.keptActions.map((change: ActionChange) => importHistoryEntry(change, at, id(), request.actor));
  if (writes.length === 0 && existing) {
    if (changes.keptActions.length === 0)
      return (await measureStep.write()) ? { ...report, written: true } : report;
    await stores.history.append(keptHistory(() => newestFirstId(now, deps.random)));
    await measureStep.write();
    await auditImport();
    return { ...report, written: true };
  }

  if (!existing) await stores.plans.create(plan);
  const newId = () => newestFirstId(now, deps.random);
  const historyOf = (done: readonly PlanItemWrite[]) =>
    done.flatMap((write) => {
      if (write.kind === 'create-action')
        return [
          importHistoryEntry({ after: write.action }, at, newId(), request.actor, notes.get(write.action.id)),
        ];
      if (write.kind !== 'update-action') return [];
      const change = changes.updatedActions.find((c) => c.after.id === write.action.id)!;
      return [importHistoryEntry(change, at, newId(), request.actor, notes.get(write.action.id))];
    });
  // An owner the file takes off an action loses the e-mail links they were sent, as from the dashboard.
  const revokeRemovedOwners = async (done: readonly PlanItemWrite[]) => {
    for (const write of done) {
      if (write.kind !== 'update-action') continue;
      const change = changes.updatedActions.find((c) => c.after.id === write.action.id)!;
      await revokeRemovedOwnersLinks(
        deps,
        { email: request.actor },
        plan.id,
        change.before.owners,
        change.after.owners,
      );
    }
  };
  try {
    await stores.actions.writeMany(plan.id, writes);
  } catch (error) {
    if (!(error instanceof PartialWriteError)) throw error;
    // What was saved keeps its history and an audit line; the rest waits for the import to be run again.
    await stores.history.append(historyOf(error.committed));
    await revokeRemovedOwners(error.committed);
    await stores.audit.record({
      at,
      actor: request.actor,
      event: 'plan.import-interrupted',
      planId: plan.id,
      details: { source: request.sourceName, saved: error.committed.length, total: writes.length },
    });
    throw new ImportInterruptedError(plan.id, error.committed.length, writes.length);
  }
  await stores.history.append([...historyOf(writes), ...keptHistory(newId)]);
  await revokeRemovedOwners(writes);
  await measureStep.write();
  await auditImport();
  return { ...report, written: true };

  async function auditImport() {
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
        rowsLeftOut: imported.problems.length,
        // Values edited in Action Tracker since the last import: how many were kept, how many taken from the file.
        appValuesKept: flagged.filter((f) => f.took === 'app').length,
        fileValuesTaken: flagged.filter((f) => f.took === 'file').length,
      },
    });
  }
}
