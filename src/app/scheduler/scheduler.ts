/**
 * The scheduled jobs as this instance runs them: on the cron schedule, only while it holds the sweeper
 * lease, and stopping early when it loses it or shuts down.
 */
import type { SchedulerState } from '../../http/health';
import type { Logger } from '../../support/logger';
import { type ScheduledDeps, scheduledRun } from './scheduled-jobs';
import { scheduleSweep } from './sweep-job';
import { electSweeper, type Lease, type SweeperRole } from './sweeper-election';

/** /readyz's scheduler entry, saying whether this instance sweeps or stands by. */
export type SchedulerReport = SchedulerState & { role?: SweeperRole };

export interface Scheduler {
  state(): SchedulerReport;
  /** Waits for the run in progress (which takes no new work once `stopping` holds), then hands the lease over. */
  stop(): Promise<void>;
}

export function startScheduler(
  schedule: string,
  deps: ScheduledDeps,
  lease: Lease,
  logger: Logger,
): Scheduler {
  const election = electSweeper(lease, logger);
  const run = scheduledRun({ ...deps, stopping: () => deps.stopping() || !election.isSweeper() }, logger);
  const job = scheduleSweep(schedule, run, logger, election.isSweeper);
  return {
    state: () => ({ ...job.state(), role: election.role() }),
    stop: async () => {
      await job.stop();
      await election.stop();
    },
  };
}

/** SCHEDULER=off: no sweeps here and no part in the election; ready all the same. */
export const schedulerOff: Scheduler = { state: () => ({ state: 'off' }), stop: async () => {} };

/** Before the scheduler starts: not ready yet. */
export const schedulerNotStarted: Scheduler = { state: () => ({ state: 'stopped' }), stop: async () => {} };
