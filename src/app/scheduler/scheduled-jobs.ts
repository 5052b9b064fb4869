/**
 * What one scheduled run does: the reminder sweep, then monitoring rounds due to open by themselves,
 * then monitoring-round requests and chases, then
 * weekly digests, each through the delivery ledger. `stopping` ends the run early (shutdown, or this
 * instance no longer holds the sweeper lease): what is left is sent by the next run, here or elsewhere.
 * The runs go round the clock; each job sends only on a working day inside the plan's send window
 * (domain/send-moment.ts), so a run at 01:10 on a Sunday sends nothing and Monday's first run sends it.
 */
import type { Logger } from '../../support/logger';
import { type DigestDeps, sendDigests } from '../../usecases/digests/send-digests';
import { openDueRounds } from '../../usecases/rounds/open-due-rounds';
import { type RoundSendDeps, runRoundSends } from '../../usecases/rounds/round-requests';
import { runSweep } from '../../usecases/sweep/run-sweep';
import type { SweepDeps } from '../../usecases/sweep/sweep-report';
import { sweepSummary } from '../../usecases/sweep/sweep-summary';

/** Stores, notifier, calendar, clock and this process's claimant id, as each job asks for them. */
export type ScheduledDeps = SweepDeps & RoundSendDeps & DigestDeps & { stopping: () => boolean };

export function scheduledRun(deps: ScheduledDeps, logger: Logger): () => Promise<void> {
  return async () => {
    const report = await runSweep(deps, { dryRun: false });
    if (report.rows.length > 0) logger.info(sweepSummary(report), 'reminder sweep');
    if (deps.stopping()) return;
    const opened = await openDueRounds(deps);
    if (opened.length > 0) logger.info({ rounds: opened }, 'monitoring rounds due to open');
    const rounds = await runRoundSends(deps);
    if (rounds.length > 0) logger.info({ cards: rounds.length }, 'monitoring round requests and chases');
    if (deps.stopping()) return;
    const digests = await sendDigests(deps, { dryRun: false });
    if (digests.length > 0) logger.info({ digests: digests.length }, 'weekly digests');
  };
}
