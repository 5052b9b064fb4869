/** node-cron only: runs the reminder sweep on its schedule, never two at once in this process. */
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import { withCorrelation } from '../correlation';
import type { Logger } from '../logger';

export interface ScheduledJob {
  /** Stops scheduling and waits for a sweep already running to finish. */
  stop(): Promise<void>;
  /** For /readyz: whether it is still scheduling, and when a sweep last finished. */
  state(): { state: 'running' | 'stopped'; lastSweepAt?: string };
}

export function scheduleSweep(schedule: string, sweep: () => Promise<void>, logger: Logger): ScheduledJob {
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  let lastSweepAt: string | undefined;
  const task = cron.schedule(
    schedule,
    async () => {
      if (inFlight) return; // the previous sweep is still going; the ledger makes skipping safe
      inFlight = withCorrelation({ correlationId: `sweep-${randomUUID()}` }, sweep)
        .catch((error: unknown) => {
          logger.error(
            { err: { name: (error as Error).name, message: (error as Error).message } },
            'sweep failed',
          );
        })
        .finally(() => {
          inFlight = undefined;
          lastSweepAt = new Date().toISOString();
        });
      await inFlight;
    },
    { name: 'reminder-sweep', noOverlap: true },
  );
  return {
    stop: async () => {
      stopped = true;
      await task.stop();
      await inFlight;
    },
    state: () => ({ state: stopped ? 'stopped' : 'running', ...(lastSweepAt ? { lastSweepAt } : {}) }),
  };
}
