/**
 * Rounds that open by themselves: a monitoring group with `autoOpenWorkingDaysBefore` gets its round for
 * the next meeting on that working day, inside the plan's send window (so the requests, which follow in
 * the same run through the delivery ledger, arrive in working hours). One round per meeting: a round
 * already opened for it, by hand or by the clock, is not opened again; and a group whose previous round
 * is still open waits for the coordinator to close it.
 */
import { calendarDateIn } from '../../domain/dates';
import { ConflictError, ValidationError } from '../../domain/errors';
import { roundToOpenToday } from '../../domain/monitoring-group';
import { reminderSettingsOf } from '../../domain/plan';
import { groupsOf } from '../../domain/plan-groups';
import { maySendNow } from '../../domain/send-moment';
import { startRound } from './monitoring-rounds';
import type { RoundSendDeps } from './round-requests';

export interface OpenedRoundRow {
  planId: string;
  groupId: string;
  outcome: 'opened' | 'waiting' | 'not-needed';
  round?: number;
  reason: string;
}

/** Who the audit trail names for a round the clock opened. */
export const SCHEDULER_ACTOR = { name: 'Action Tracker (scheduled)', operator: true } as const;

export async function openDueRounds(deps: RoundSendDeps): Promise<OpenedRoundRow[]> {
  const rows: OpenedRoundRow[] = [];
  const now = deps.clock.now();
  for (const plan of await deps.stores.plans.list()) {
    if (deps.stopping?.()) break;
    const groups = groupsOf(plan).filter((g) => g.autoOpenWorkingDaysBefore !== undefined);
    if (plan.closedAt || groups.length === 0) continue;
    const settings = reminderSettingsOf(plan);
    if (!maySendNow(settings, plan.timeZone, deps.calendar, now)) continue;
    const today = calendarDateIn(plan.timeZone, now);
    const rounds = await deps.stores.rounds.list(plan.id);
    for (const group of groups) {
      const mine = rounds.filter((r) => r.groupId === group.id);
      const openedFor = new Set(mine.flatMap((r) => (r.meeting ? [r.meeting] : [])));
      const due = roundToOpenToday(group, today, openedFor, settings.region, deps.calendar);
      if (!due) continue;
      const row = { planId: plan.id, groupId: group.id };
      const open = mine.find((r) => r.status === 'open');
      if (open) {
        rows.push({
          ...row,
          outcome: 'waiting',
          round: open.number,
          reason: `round ${open.number} is still open`,
        });
        continue;
      }
      try {
        const started = await startRound(deps, SCHEDULER_ACTOR, { planId: plan.id, group: group.id });
        rows.push({
          ...row,
          outcome: 'opened',
          round: started.round.number,
          reason: `for the meeting on ${due.meeting}`,
        });
      } catch (error) {
        // Nothing to ask (no open actions in the group), or another instance numbered a round just now.
        if (error instanceof ValidationError)
          rows.push({ ...row, outcome: 'not-needed', reason: error.issues[0]?.reason ?? error.message });
        else if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  return rows;
}
