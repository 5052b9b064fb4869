import { calendarDateIn, formatUkDate } from '../../domain/dates';
import { describeGovernance } from '../../domain/endorsement';
import { NotFoundError } from '../../domain/errors';
import { actionsOfSnapshot, type Round } from '../../domain/monitoring-round';
import { buildProgressReport, type ReportSource } from '../../domain/progress-report';
import type { Stores } from '../ports/index';
import { closedRound } from '../rounds/monitoring-rounds';
import { type PlanProgressReport, reportMeasures } from './report-measures';

export type { PlanProgressReport } from './report-measures';

/** 'docx': the committee paper (Word), the same content laid out as scrutiny papers are. */
export type ProgressReportFormat = 'html' | 'xlsx' | 'csv' | 'docx';
export const REPORT_FORMATS: readonly ProgressReportFormat[] = ['html', 'xlsx', 'csv', 'docx'];

/**
 * The progress report as at today in the plan's time zone, or as a closed monitoring round left it;
 * either way with the movement since the round before it.
 */
export async function buildPlanProgressReport(
  stores: Stores,
  planId: string,
  actor: string,
  at: Date,
  format: ProgressReportFormat,
  options: { round?: number } = {},
): Promise<PlanProgressReport> {
  const report = await draftProgressReport(stores, planId, at, options);
  // Like an export, the report carries owners' names out of the system, so who took one is recorded.
  await stores.audit.record({
    at: at.toISOString(),
    actor,
    event: 'plan.reported',
    planId,
    details: {
      actions: report.front.total,
      format,
      ...(options.round ? { round: options.round } : {}),
    },
  });
  return report;
}

/**
 * The report without recording that it left the system: for a card's figures, not for a download.
 * `notes` is kept for callers' sake and no longer read: a report carries agreed commentary, which is on
 * the action, never an owner's raw note, so no history is read at all.
 */
export async function draftProgressReport(
  stores: Stores,
  planId: string,
  at: Date,
  options: { round?: number; notes?: boolean } = {},
): Promise<PlanProgressReport> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const rounds = await stores.rounds.list(planId);
  let source: ReportSource;
  if (options.round !== undefined) {
    const { round, snapshot } = await closedRound(stores, planId, options.round);
    source = {
      plan: plan.value,
      areas: round.areas ?? (await stores.actions.listAreas(planId)),
      actions: actionsOfSnapshot(planId, snapshot),
      asAt: round.closedOn ?? round.responseDue,
      basis: `monitoring round ${round.number}, closed ${formatUkDate(round.closedOn ?? round.responseDue)}`,
      ...governanceOf(round),
    };
  } else {
    const { areas, actions } = await stores.actions.readPlan(planId);
    const current = actions.map((a) => a.value);
    source = {
      plan: plan.value,
      areas,
      actions: current,
      asAt: calendarDateIn(plan.value.timeZone, at),
    };
  }
  // A group's round is compared with that group's previous round; the plan as it stands today with the
  // latest closed round of each group (one round, in a plan without groups).
  const ofRound = options.round === undefined ? undefined : rounds.find((r) => r.number === options.round);
  const before = rounds.filter(
    (r) =>
      r.status === 'closed' &&
      (ofRound === undefined || (r.number < ofRound.number && r.groupId === ofRound.groupId)),
  );
  const latestPerGroup = [...new Map(before.map((r) => [r.groupId ?? '', r])).values()];
  if (latestPerGroup.length > 0) {
    const snapshots = await Promise.all(
      latestPerGroup.map((r) => stores.rounds.readSnapshot(planId, r.number)),
    );
    source = {
      ...source,
      previous: {
        label: latestPerGroup.map(roundLabel).join(' and '),
        // A snapshot item is already comparable: rating, current due date, lifecycle.
        items: snapshots.flat(),
      },
    };
  }
  const report = buildProgressReport(source);
  // A round's paper reads the values as they stood at its close; today's paper, every value so far.
  const measures = await reportMeasures(stores, plan.value, source.asAt, source.areas, {
    roundClose: options.round !== undefined,
  });
  return measures ? { ...report, measures } : report;
}

export function roundLabel(round: Round): string {
  return `round ${round.number} (closed ${formatUkDate(round.closedOn ?? round.responseDue)})`;
}

function governanceOf(round: Round): { governance?: string } {
  const governance = describeGovernance(round);
  return governance ? { governance } : {};
}
