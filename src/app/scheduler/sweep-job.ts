/**
 * node-cron only: runs the reminder sweep on its schedule, never two at once in this process, and only
 * while `mayRun` says so (this instance holds the sweeper lease).
 */
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import { withCorrelation } from '../../support/correlation';
import type { Logger } from '../../support/logger';

export interface ScheduledJob {
  /** Stops scheduling and waits for a sweep already running to finish. */
  stop(): Promise<void>;
  /** For /readyz: scheduling, stopped, or stuck (one sweep running far longer than any should). */
  state(): { state: 'running' | 'stopped' | 'stuck'; lastSweepAt?: string };
}

/** Sends time out after 15 s each, so a sweep running for this long is stuck on something else. */
export const STUCK_AFTER_MS = 10 * 60 * 1000;

export function scheduleSweep(
  schedule: string,
  sweep: () => Promise<void>,
  logger: Logger,
  mayRun: () => boolean = () => true,
): ScheduledJob {
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  let lastSweepAt: string | undefined;
  let inFlightSince: number | undefined;
  const task = cron.schedule(
    schedule,
    async () => {
      if (inFlight) return; // the previous sweep is still going; the ledger makes skipping safe
      if (!mayRun()) return; // a standby: another instance sweeps
      inFlightSince = Date.now();
      inFlight = withCorrelation({ correlationId: `sweep-${randomUUID()}` }, sweep)
        .catch((error: unknown) => {
          logger.error(
            { err: { name: (error as Error).name, message: (error as Error).message } },
            'sweep failed',
          );
        })
        .finally(() => {
          inFlight = undefined;
          inFlightSince = undefined;
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
    state: () => ({
      state: stopped
        ? 'stopped'
        : inFlightSince !== undefined && Date.now() - inFlightSince > STUCK_AFTER_MS
          ? 'stuck'
          : 'running',
      ...(lastSweepAt ? { lastSweepAt } : {}),
    }),
  };
}
