/**
 * What a sweep reports, and the tally each of its jobs writes into. Apart from run-sweep.ts so the jobs
 * (sweep/*.ts) can name these without importing the sweep that runs them.
 */
import type { UndeliveredItem } from '../delivery/channel';
import type { ScheduledSendDeps } from '../delivery/deliver-once';

export type SweepDeps = ScheduledSendDeps;

export type SweepOutcome = 'sent' | 'would send' | 'skipped' | 'failed' | 'unreachable';

export interface SweepRow {
  planId: string;
  actionId: string;
  owner?: string;
  step?: string;
  outcome: SweepOutcome;
  reason: string;
}

export interface SweepReport {
  at: string;
  dryRun: boolean;
  /** Index entries read: the sweep's cost, which tracks the work due, not the size of the store. */
  indexEntriesRead: number;
  actionsRead: number;
  rows: SweepRow[];
}

/**
 * The rows of the report, in the order the jobs write them, and everyone a message could not reach, by
 * plan, for the last job to put on the coordinators' lists.
 */
export class SweepTally {
  readonly rows: SweepRow[] = [];
  readonly undelivered = new Map<string, UndeliveredItem[]>();

  row(row: SweepRow): void {
    this.rows.push(row);
  }

  unreachable(planId: string, items: UndeliveredItem[]): void {
    this.undelivered.set(planId, [...(this.undelivered.get(planId) ?? []), ...items]);
  }
}
