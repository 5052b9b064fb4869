import { calendarDateIn, formatUkDate } from '../../domain/dates';
import { describeGovernance } from '../../domain/endorsement';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { MonitoringGroup } from '../../domain/monitoring-group';
import { actionsOfSnapshot, type Round } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { groupsOf, requireGroup } from '../../domain/plan-groups';
import { buildProgressReport, type ReportSource } from '../../domain/progress-report';
import type { Stores } from '../ports/index';
import { closedRound } from '../rounds/monitoring-rounds';
import { type PlanProgressReport, reportMeasures } from './report-measures';

export type { PlanProgressReport } from './report-measures';

/** 'docx': the committee paper (Word), the same content laid out as scrutiny papers are. */
export type ProgressReportFormat = 'html' | 'xlsx' | 'csv' | 'docx';
export const REPORT_FORMATS: readonly ProgressReportFormat[] = ['html', 'xlsx', 'csv', 'docx'];

/**
 * What a report covers: the plan today, a closed round as it closed, or (today) one monitoring group's
 * actions, by the group's id or name. A group's round is always that group's.
 */
export interface ReportScope {
  round?: number;
  group?: string;
}

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
  options: ReportScope = {},
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
      ...(report.group ? { group: report.group.name } : {}),
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
  options: ReportScope & { notes?: boolean } = {},
): Promise<PlanProgressReport> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const rounds = await stores.rounds.list(planId);
  let source: ReportSource;
  if (options.round !== undefined) {
    const { round, snapshot } = await closedRound(stores, planId, options.round);
    if (options.group !== undefined && requireGroup(plan.value, options.group).id !== round.groupId)
      throw new ValidationError([
        { field: 'group', reason: `round ${round.number} is not a round of "${options.group}"` },
      ]);
    const group = round.groupId === undefined ? undefined : groupOfRound(plan.value, round.groupId);
    source = {
      plan: plan.value,
      areas: round.areas ?? (await stores.actions.listAreas(planId)),
      actions: actionsOfSnapshot(planId, snapshot),
      asAt: round.closedOn ?? round.responseDue,
      basis: `monitoring round ${round.number}, closed ${formatUkDate(round.closedOn ?? round.responseDue)}`,
      ...governanceOf(round),
      ...(group ? { group } : {}),
    };
  } else {
    const { areas, actions } = await stores.actions.readPlan(planId);
    const group = options.group === undefined ? undefined : requireGroup(plan.value, options.group);
    const current = actions
      .map((a) => a.value)
      .filter((a) => group === undefined || a.monitoringGroupId === group.id);
    source = {
      plan: plan.value,
      areas,
      actions: current,
      asAt: calendarDateIn(plan.value.timeZone, at),
      ...(group ? { group } : {}),
    };
  }
  // A group's round is compared with that group's previous round; the plan as it stands today with the
  // latest closed round of each group (one round, in a plan without groups).
  const ofRound = options.round === undefined ? undefined : rounds.find((r) => r.number === options.round);
  const before = rounds.filter(
    (r) =>
      r.status === 'closed' &&
      (ofRound === undefined
        ? source.group === undefined || r.groupId === source.group.id
        : r.number < ofRound.number && r.groupId === ofRound.groupId),
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
        // Today's plan: each group against its own last round, and a group without one not at all.
        ...(ofRound === undefined ? { groupIds: latestPerGroup.map((r) => r.groupId ?? '') } : {}),
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

/** The group a round was for; a group removed since is still named by its id. */
function groupOfRound(plan: Plan, groupId: string): MonitoringGroup {
  return (
    groupsOf(plan).find((g) => g.id === groupId) ?? {
      id: groupId,
      name: groupId,
      cadence: plan.cadence,
      oversightBody: plan.oversightBody,
      meetings: [],
      responseWorkingDaysBefore: 0,
    }
  );
}

function governanceOf(round: Round): { governance?: string } {
  const governance = describeGovernance(round);
  return governance ? { governance } : {};
}
