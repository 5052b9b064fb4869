/**
 * The measures step of an import: the "Measures" sheet read (domain/measure-import.ts) against the plan's
 * areas and actions, compared with the stored measures, and written through the measures store (a
 * changed definition replaced with its etag, so a concurrent edit is a conflict, not a lost write). The
 * latest figure of a row becomes that period's value, recorded as by the importer, unless the period
 * already holds that figure: a re-import of the same file adds nothing.
 */
import { calendarDateIn } from '../../domain/dates';
import {
  type ImportedMeasure,
  isMeasureSheet,
  type MeasureSheetReading,
  measureChanges,
  readMeasureSheets,
} from '../../domain/measure-import';
import { currentValues, type Measure } from '../../domain/measures';
import type { Plan } from '../../domain/plan';
import type { PlanReading, ProblemRow } from '../../domain/plan-import';
import type { PlanChangeDeps } from '../ports/index';

export interface MeasureImportReport {
  sheets: MeasureSheetReading['sheets'];
  readings: MeasureSheetReading['readings'];
  created: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: number;
  /** Latest figures recorded as values ("M1 2026-11: 74"). */
  values: { id: string; period: string; value: number }[];
}

export interface MeasureImportPlan {
  report: MeasureImportReport;
  /** The rows with problems, in the import's one problems list. */
  problems: ProblemRow[];
  write: () => Promise<boolean>;
}

/** What a file of measures alone reads as actions: nothing. */
export function emptyPlanReading(): PlanReading {
  return {
    sheets: [],
    areas: [],
    actions: [],
    problems: [],
    readings: [],
    mapping: [],
    ignoredHeaders: [],
    missingColumns: [],
  };
}

/** Splits a workbook into the sheets of actions and the sheets of measures. */
export function splitMeasureSheets<S extends { name: string; rows: readonly (readonly string[])[] }>(
  sheets: readonly S[],
): { actionSheets: S[]; measureSheets: S[] } {
  const measureSheets = sheets.filter((s) => isMeasureSheet(s));
  return { actionSheets: sheets.filter((s) => !measureSheets.includes(s)), measureSheets };
}

export async function planMeasureImport(
  deps: PlanChangeDeps,
  plan: Plan,
  sheets: readonly { name: string; rows: readonly (readonly string[])[] }[],
  known: { areas: readonly { id: string; text: string }[]; actionIds: ReadonlySet<string> },
  actor: string,
): Promise<MeasureImportPlan> {
  const now = deps.clock.now();
  const today = calendarDateIn(plan.timeZone, now);
  const reading = readMeasureSheets(sheets, { ...known, today });
  const empty = { created: [], updated: [], unchanged: 0, values: [] };
  if (sheets.length === 0)
    return { report: { sheets: [], readings: [], ...empty }, problems: [], write: async () => false };
  const [stored, values] = await Promise.all([
    deps.stores.measures.list(plan.id),
    deps.stores.measures.listValues(plan.id),
  ]);
  const byId = new Map(stored.map((m) => [m.value.id, m]));
  const created: Measure[] = [];
  const updated: { measure: Measure; etag: string; fields: string[] }[] = [];
  let unchanged = 0;
  const newValues: ImportedMeasure[] = [];
  for (const imported of reading.measures) {
    const held = byId.get(imported.measure.id);
    if (!held) created.push(imported.measure);
    else {
      const fields = measureChanges(held.value, imported.measure);
      if (fields.length > 0) updated.push({ measure: imported.measure, etag: held.etag, fields });
      else unchanged++;
    }
    const { latest } = imported;
    if (!latest) continue;
    const current = currentValues(values.filter((v) => v.measureId === imported.measure.id)).find(
      (v) => v.period === latest.period,
    );
    if (current?.value !== latest.value) newValues.push(imported);
  }
  const report: MeasureImportReport = {
    sheets: reading.sheets,
    readings: reading.readings,
    created: created.map((m) => m.id),
    updated: updated.map((u) => ({ id: u.measure.id, fields: u.fields })),
    unchanged,
    values: newValues.map((m) => ({ id: m.measure.id, period: m.latest!.period, value: m.latest!.value })),
  };
  const problems: ProblemRow[] = reading.problems.map((p) => ({
    sheet: p.sheet,
    row: p.row,
    issues: p.issues.map((i) => ({
      field: p.measureId ? `measure ${p.measureId}: ${i.field}` : i.field,
      reason: i.reason,
    })),
  }));
  const write = async (): Promise<boolean> => {
    const at = now.toISOString();
    const audit = (event: string, details: Record<string, string | number | boolean>) =>
      deps.stores.audit.record({ at, actor, event, planId: plan.id, details });
    for (const measure of created) {
      await deps.stores.measures.create(plan.id, measure);
      await audit('measure.defined', {
        measureId: measure.id,
        areaId: measure.areaId,
        unit: measure.unit,
        frequency: measure.frequency,
        source: 'import',
      });
    }
    for (const change of updated) {
      await deps.stores.measures.update(plan.id, change.measure, change.etag);
      await audit('measure.redefined', {
        measureId: change.measure.id,
        changed: change.fields.join('; '),
        source: 'import',
      });
    }
    for (const imported of newValues) {
      const latest = imported.latest!;
      const corrects = currentValues(values.filter((v) => v.measureId === imported.measure.id)).find(
        (v) => v.period === latest.period,
      );
      await deps.stores.measures.appendValue(plan.id, {
        measureId: imported.measure.id,
        period: latest.period,
        value: latest.value,
        reportedBy: actor,
        reportedAt: at,
        note: 'From an imported file',
      });
      await audit(corrects ? 'measure.value-corrected' : 'measure.value-recorded', {
        measureId: imported.measure.id,
        period: latest.period,
        value: latest.value,
        ...(corrects ? { previousValue: corrects.value } : {}),
        source: 'import',
      });
    }
    return created.length + updated.length + newValues.length > 0;
  };
  return { report, problems, write };
}
