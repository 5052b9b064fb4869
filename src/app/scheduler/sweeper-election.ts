/**
 * Which instance sweeps: the one holding the sweeper lease. Every instance runs this loop; the holder
 * renews the lease a few times per lease period (while a sweep runs and between sweeps), the others try
 * to acquire it as often, so when the holder dies a standby takes over as soon as the lease runs out.
 *
 * The holder believes in its lease only until the lease period, counted from when its last successful
 * renewal was *sent*, is nearly over. A renewal that fails (storage down, lease taken) ends its turn at
 * once: it stops taking new work rather than risk two sweepers. Should both ever run, the delivery
 * ledger still sends each nudge once.
 */
import type { Logger } from '../../support/logger';

/** What the election needs from storage (BlobLease in src/storage/blob-lease.ts). */
export interface Lease {
  readonly durationSeconds: number;
  /** True when taken (or already ours); false when another instance holds it. Throws on storage trouble. */
  acquire(): Promise<boolean>;
  /** True when extended; false when it is no longer ours. Throws on storage trouble. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export type SweeperRole = 'sweeper' | 'standby';

export interface SweeperElection {
  /** True only while this instance holds the lease with time to spare. */
  isSweeper(): boolean;
  role(): SweeperRole;
  /** Stops renewing and releases the lease if held, so a standby takes over at once. */
  stop(): Promise<void>;
}

export interface ElectionOptions {
  /** How often the holder renews and a standby tries; default a third of the lease period. */
  intervalMs?: number;
  /** Stop trusting the lease this long before it would run out; default 3 s. */
  marginMs?: number;
  /** Milliseconds since the epoch; tests may pass their own. */
  now?: () => number;
}

export function electSweeper(lease: Lease, logger: Logger, options: ElectionOptions = {}): SweeperElection {
  const periodMs = lease.durationSeconds * 1000;
  const intervalMs = options.intervalMs ?? Math.floor(periodMs / 3);
  const marginMs = options.marginMs ?? 3_000;
  const now = options.now ?? Date.now;
  /** When our lease runs out, as far as we can know; 0 when we hold none. */
  let expiresAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> = Promise.resolve();
  let lastProblem: string | undefined;

  const isSweeper = () => !stopped && now() < expiresAt - marginMs;

  const tryOnce = async () => {
    const holding = expiresAt > 0;
    const sentAt = now();
    let ours = false;
    try {
      ours = holding ? await lease.renew() : await lease.acquire();
      lastProblem = undefined;
    } catch (error) {
      const problem = `${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`;
      // One line per kind of trouble, not one every few seconds through an outage.
      if (problem !== lastProblem)
        logger.warn({ err: { name: (error as Error).name, message: problem } }, 'sweeper lease unreachable');
      lastProblem = problem;
    }
    // Even when stopping meanwhile: a lease just taken is then released by stop(), not left to run out.
    if (ours) {
      if (!holding && !stopped)
        logger.info('this instance holds the sweeper lease: it runs the scheduled jobs');
      expiresAt = sentAt + periodMs;
    } else if (holding) {
      if (!stopped) logger.warn('sweeper lease lost: this instance stops sweeping and stands by');
      expiresAt = 0;
    }
  };

  const loop = () => {
    attempt = tryOnce().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs).unref();
    });
  };
  loop();

  return {
    isSweeper,
    role: () => (isSweeper() ? 'sweeper' : 'standby'),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await attempt;
      if (expiresAt === 0) return;
      expiresAt = 0;
      await lease.release().catch((error: unknown) => {
        // It runs out by itself within the lease period; the standby waits that long instead.
        logger.warn(
          { err: { name: (error as Error).name, message: (error as Error).message.split('\n')[0] } },
          'sweeper lease not released',
        );
      });
    },
  };
}
