/**
 * Closing a plan when monitoring ends, and purging it once its retention period is over: the plan, its
 * history and its impact measures with every value reported are exported first (the caller writes the
 * files), then everything kept about it is erased.
 */

import { formatUkDateTime } from '../../domain/dates';
import { describeHistoryChange } from '../../domain/history-summary';
import type { Plan } from '../../domain/plan';
import { assertPurgeable, closePlan } from '../../domain/retention';
import { authorWords } from '../../domain/status-update';
import { exportMeasureRows, exportPlan } from '../plans/export-plan';
import type { Clock, EraseCounts, Stores } from '../ports/index';
import { planOrNotFound, savePlanChange } from '../shared/plan-change';

export async function closePlanForGood(
  deps: { stores: Stores; clock: Clock },
  planId: string,
  actor: string,
): Promise<Plan> {
  const loaded = await planOrNotFound(deps.stores, planId);
  const now = deps.clock.now();
  const closed = closePlan(loaded.value, now);
  await savePlanChange(deps.stores, closed, loaded.etag, {
    at: now,
    actor,
    event: 'plan.closed',
    details: {},
  });
  return closed;
}

export interface PurgeExport {
  plan: Plan;
  /** The plan as the export spreadsheet (import-compatible). */
  planRows: string[][];
  /** Every history entry: when, who, what changed, note, evidence. */
  historyRows: string[][];
  /**
   * The plan's measures as the export's Measures sheet (import-compatible: definitions and latest values),
   * or none when the plan has no measures.
   */
  measureRows?: string[][];
  /**
   * Every value ever reported, corrections beside what they corrected (the sheet keeps only the latest):
   * measure, period, value, who, when, note. Header only when the plan has no values.
   */
  measureValueRows: string[][];
}

/** Checks the plan may be purged and gathers what is kept of it; nothing is erased yet. */
export async function preparePurge(
  deps: { stores: Stores; clock: Clock },
  planId: string,
  actor: string,
  retentionDays: number,
): Promise<PurgeExport> {
  const { value: plan } = await planOrNotFound(deps.stores, planId);
  assertPurgeable(plan, deps.clock.now(), retentionDays);
  const planRows = await exportPlan(deps.stores, planId, actor, deps.clock.now());
  const history = await deps.stores.history.listForPlan(planId);
  const historyRows = [
    ['action_id', 'at', 'author', 'source', 'change', 'note', 'evidence_link'],
    ...history.map((entry) => [
      entry.actionId,
      formatUkDateTime(entry.at, plan.timeZone),
      authorWords(entry),
      entry.source,
      describeHistoryChange(entry),
      entry.note ?? '',
      entry.evidenceLink ?? '',
    ]),
  ];
  const measureRows = await exportMeasureRows(deps.stores, planId);
  const values = await deps.stores.measures.listValues(planId);
  const measureValueRows = [
    ['measure_id', 'period', 'value', 'reported_by', 'reported_at', 'note'],
    ...[...values]
      .sort((a, b) =>
        a.measureId === b.measureId
          ? `${a.period}${a.reportedAt}`.localeCompare(`${b.period}${b.reportedAt}`)
          : a.measureId.localeCompare(b.measureId, 'en', { numeric: true }),
      )
      .map((v) => [
        v.measureId,
        v.period,
        String(v.value),
        v.reportedBy,
        formatUkDateTime(v.reportedAt, plan.timeZone),
        v.note ?? '',
      ]),
  ];
  return { plan, planRows, historyRows, ...(measureRows ? { measureRows } : {}), measureValueRows };
}

/** Erases the plan, then records (outside the plan, with no personal data) that it was purged. */
export async function purgePlan(
  deps: { stores: Stores; clock: Clock },
  prepared: PurgeExport,
  actor: string,
  retentionDays: number,
): Promise<EraseCounts> {
  // Checked again: the export may have taken a while, and the rule must hold at the moment of erasing.
  assertPurgeable(prepared.plan, deps.clock.now(), retentionDays);
  const counts = await deps.stores.erasePlan(prepared.plan.id);
  const details: Record<string, number | string> = { planId: prepared.plan.id };
  for (const [table, count] of Object.entries(counts)) details[table] = count ?? 0;
  await deps.stores.audit.record({
    at: deps.clock.now().toISOString(),
    actor,
    event: 'plan.purged',
    details,
  });
  return counts;
}
