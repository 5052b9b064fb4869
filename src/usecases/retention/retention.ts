/**
 * Closing a plan when monitoring ends, and purging it once its retention period is over: the plan and its
 * history are exported first (the caller writes the files), then everything kept about it is erased.
 */

import { formatUkDateTime } from '../../domain/dates';
import { describeHistoryChange } from '../../domain/history-summary';
import type { Plan } from '../../domain/plan';
import { assertPurgeable, closePlan } from '../../domain/retention';
import { authorWords } from '../../domain/status-update';
import { exportPlan } from '../plans/export-plan';
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
  return { plan, planRows, historyRows };
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
