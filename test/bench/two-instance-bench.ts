/**
 * Two instances of the scheduler on one store, as App Service runs them scaled out: each with its own
 * bot notifier (its own pacing) and its own part in the sweeper election on the bench Azurite's blob
 * service, sending to one Bot Connector that enforces Teams' 50 requests/s per tenant (429 beyond).
 * With the lease only one sweeps, so the combined request rate stays under the limit; without it (each
 * instance sweeping, as before the lease) both pace themselves to 46/s and together exceed it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { assembleBot, SWEEPER_LEASE_SECONDS } from '../../src/app/compose';
import { scheduledRun } from '../../src/app/scheduler/scheduled-jobs';
import { startScheduler } from '../../src/app/scheduler/scheduler';
import { scheduleSweep } from '../../src/app/scheduler/sweep-job';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { BlobLease } from '../../src/storage/blob-lease';
import { createLogger } from '../../src/support/logger';
import type { Stores } from '../../src/usecases/ports/index';
import {
  busiestSecond,
  DUE,
  HEADER,
  importPlans,
  openStores,
  registerReachableOwners,
  row,
  SWEEP_AT,
  startThrottlingConnector,
  TEAMS_LIMIT_PER_SECOND,
  type ThrottlingConnector,
} from './sweep-bench';

const NUDGES = Number(process.env.BENCH_TWO_INSTANCE_NUDGES ?? 500);
const OWNERS = Math.ceil(NUDGES / 5);
const calendar = new UkHolidayCalendar();
const silent = createLogger('silent');

export interface TwoInstanceResult {
  label: string;
  nudges: number;
  seconds: number;
  attempts: number;
  /** Requests the connector received per second while sending, both instances together. */
  requestRate: number;
  busiestSecond: number;
  overLimit429: number;
  duplicates: number;
  lost: number;
  /** Nudges claimed in the ledger by each instance. */
  byInstance: number[];
}

const chatOf = (owner: number) => `a:1twin-owner-${owner}`;

async function seed(stores: Stores, prefix: string, connector: ThrottlingConnector): Promise<Set<string>> {
  const expected = new Set<string>();
  const perPlan = 250;
  const plans = Array.from({ length: Math.ceil(NUDGES / perPlan) }, (_, p) => {
    const rows = [HEADER];
    for (let j = 0; j < perPlan && p * perPlan + j < NUDGES; j++) {
      const owner = (p * 50 + (j % 50)) % OWNERS;
      const r = row(p, j, owner, DUE, 'in progress');
      rows.push(r);
      expected.add(`${chatOf(owner)}|${prefix.toLowerCase()}-${p}|${r[2]}`);
    }
    return { id: `${prefix.toLowerCase()}-${p}`, rows };
  });
  await importPlans(stores, plans);
  await registerReachableOwners(stores, OWNERS, chatOf, connector.url, 'twin');
  return expected;
}

/**
 * One instance: its own bot (notifier and pacing), sweeping every 5 seconds (the lease's renewal
 * interval), with the lease or without it.
 */
function instance(
  stores: Stores,
  name: string,
  connectionString: string,
  prefix: string,
  withLease: boolean,
): { stop(): Promise<void> } {
  const { channel } = assembleBot(
    { MicrosoftAppType: 'SingleTenant' },
    { stores, clock: { now: () => SWEEP_AT }, logger: silent, calendar },
  );
  const deps = { stores, channel, calendar, clock: { now: () => SWEEP_AT }, claimant: name };
  if (withLease) {
    const lease = new BlobLease(
      { connectionString },
      { blobName: `${prefix}sweeper`, leaseId: randomUUID(), durationSeconds: SWEEPER_LEASE_SECONDS },
    );
    return startScheduler('*/5 * * * * *', { ...deps, stopping: () => false }, lease, silent);
  }
  return scheduleSweep('*/5 * * * * *', scheduledRun({ ...deps, stopping: () => false }, silent), silent);
}

async function run(connectionString: string, withLease: boolean): Promise<TwoInstanceResult> {
  const prefix = withLease ? 'TwinLease' : 'TwinNoLease';
  const { stores, tables } = await openStores(connectionString, prefix);
  const connector = await startThrottlingConnector(TEAMS_LIMIT_PER_SECOND, 0);
  try {
    const expected = await seed(stores, prefix, connector);
    const a = instance(stores, 'instance-A', connectionString, prefix, withLease);
    const b = instance(stores, 'instance-B', connectionString, prefix, withLease);
    const deadline = performance.now() + 300_000;
    while (new Set(connector.accepted).size < expected.size && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    // A few more sweeps, for a late duplicate to show.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await Promise.all([a.stop(), b.stop()]);

    const times = connector.attemptedAt;
    const seconds = (times[times.length - 1]! - times[0]!) / 1000;
    const unique = new Set(connector.accepted);
    const claimed: Record<string, number> = {};
    for await (const e of tables.get('NudgeLedger').listEntities<{ claimedBy?: string }>()) {
      const by = String(e.claimedBy);
      claimed[by] = (claimed[by] ?? 0) + 1;
    }
    return {
      label: withLease ? 'with the sweeper lease' : 'without it (both sweep)',
      nudges: expected.size,
      seconds,
      attempts: times.length,
      requestRate: times.length / seconds,
      busiestSecond: busiestSecond(times),
      overLimit429: connector.overLimit429,
      duplicates: connector.accepted.length - unique.size,
      lost: [...expected].filter((k) => !unique.has(k)).length,
      byInstance: Object.values(claimed).sort((x, y) => y - x),
    };
  } finally {
    await connector.close();
  }
}

/** Both runs, and the lines to print. */
export async function benchTwoInstances(connectionString: string): Promise<string[]> {
  const results = [await run(connectionString, true), await run(connectionString, false)];
  const [leased] = results as [TwoInstanceResult, TwoInstanceResult];
  const ratio = leased.requestRate / TEAMS_LIMIT_PER_SECOND;
  return [
    '',
    `two instances sweeping one store, ${NUDGES} nudges (connector enforcing ${TEAMS_LIMIT_PER_SECOND} requests/s per tenant, 429 beyond; no random 429s):`,
    'run                       requests/s  ÷ 50   busiest second  429s  duplicates  lost  claimed by instance',
    ...results.map(
      (r) =>
        `${r.label.padEnd(25)} ${r.requestRate.toFixed(1).padEnd(11)} ${(r.requestRate / TEAMS_LIMIT_PER_SECOND).toFixed(2).padEnd(6)} ${String(r.busiestSecond).padEnd(15)} ${String(r.overLimit429).padEnd(5)} ${String(r.duplicates).padEnd(11)} ${String(r.lost).padEnd(5)} ${r.byInstance.join(' + ')}`,
    ),
    `  with the lease: combined send rate ÷ ${TEAMS_LIMIT_PER_SECOND} = ${ratio.toFixed(2)} (must be ≤ 1.0) ${ratio <= 1 ? 'met' : 'MISSED'}; duplicates ${leased.duplicates} (must be 0), lost ${leased.lost} (must be 0)`,
  ];
}
