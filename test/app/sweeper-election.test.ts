/**
 * The sweeper election on a real Azurite blob service: one lease, several contenders, as App Service runs
 * instances of the app side by side.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { scheduleSweep } from '../../src/app/scheduler/sweep-job';
import { electSweeper, type Lease, type SweeperElection } from '../../src/app/scheduler/sweeper-election';
import { type RunningAzurite, startAzurite } from '../../src/storage/azurite';
import { BlobLease, LEASE_CONTAINER } from '../../src/storage/blob-lease';
import { createLogger } from '../../src/support/logger';
import { testConnectionString } from '../support/test-stores';

const logger = createLogger('silent');
const LEASE_SECONDS = 15;
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function leaseOn(connectionString: string, blobName: string): BlobLease {
  return new BlobLease(
    { connectionString },
    { blobName, leaseId: randomUUID(), durationSeconds: LEASE_SECONDS },
  );
}

/** A lease whose calls stop being answered once `freeze()` is called: a process that hangs or dies. */
function freezable(lease: Lease): Lease & { freeze(): void } {
  let frozen = false;
  const hang = <T>(call: () => Promise<T>) => (frozen ? new Promise<T>(() => {}) : call());
  return {
    durationSeconds: lease.durationSeconds,
    acquire: () => hang(() => lease.acquire()),
    renew: () => hang(() => lease.renew()),
    release: () => hang(() => lease.release()),
    freeze: () => {
      frozen = true;
    },
  };
}

function elect(lease: Lease, intervalMs = 1_000): SweeperElection {
  const election = electSweeper(lease, logger, { intervalMs });
  running.push(election);
  return election;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

const blobName = () => `T${randomBytes(5).toString('hex')}sweeper`;

test('when two instances contend for the lease on a fresh store, then it is created and only one of them runs the job', async () => {
  const name = blobName();
  const runs = { a: 0, b: 0 };
  const a = elect(leaseOn(testConnectionString(), name));
  const b = elect(leaseOn(testConnectionString(), name));
  for (const [key, election] of [['a', a] as const, ['b', b] as const]) {
    const job = scheduleSweep(
      '*/1 * * * * *',
      async () => {
        runs[key]++;
      },
      logger,
      election.isSweeper,
    );
    running.push(job);
  }
  await until(() => a.isSweeper() || b.isSweeper(), 5_000);
  await new Promise((resolve) => setTimeout(resolve, 4_000));

  expect([a.role(), b.role()].sort()).toEqual(['standby', 'sweeper']);
  const [sweeperRuns, standbyRuns] = a.isSweeper() ? [runs.a, runs.b] : [runs.b, runs.a];
  expect(standbyRuns).toBe(0);
  expect(sweeperRuns).toBeGreaterThanOrEqual(3);
  const container = BlobServiceClient.fromConnectionString(testConnectionString()).getContainerClient(
    LEASE_CONTAINER,
  );
  expect((await container.getBlobClient(name).getProperties()).leaseState).toBe('leased');
}, 20_000);

test('when the sweeper stops answering without releasing, then the standby takes over once the lease runs out, not before', async () => {
  const name = blobName();
  const holderLease = freezable(leaseOn(testConnectionString(), name));
  // Not stopped after the test: a dead process never gets to.
  const holder = electSweeper(holderLease, logger, { intervalMs: 1_000 });
  await until(() => holder.isSweeper(), 5_000);
  const standby = elect(leaseOn(testConnectionString(), name));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(standby.role()).toBe('standby');

  holderLease.freeze();
  const frozenAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  expect(standby.isSweeper()).toBe(false);
  await until(() => standby.isSweeper(), LEASE_SECONDS * 1000 + 5_000);
  const takeoverMs = Date.now() - frozenAt;
  // The last renewal was at most one interval before the freeze; the lease lasts 15 s from then.
  expect(takeoverMs).toBeGreaterThan((LEASE_SECONDS - 2) * 1000);
  expect(takeoverMs).toBeLessThan((LEASE_SECONDS + 3) * 1000);
  // The silent holder itself stopped trusting its lease before the standby could have taken it.
  expect(holder.isSweeper()).toBe(false);
}, 40_000);

test('when the sweeper shuts down, then it releases the lease and the standby takes over at once', async () => {
  const name = blobName();
  const holder = electSweeper(leaseOn(testConnectionString(), name), logger, { intervalMs: 1_000 });
  await until(() => holder.isSweeper(), 5_000);
  const standby = elect(leaseOn(testConnectionString(), name));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(standby.role()).toBe('standby');

  await holder.stop();
  const handoverMs = await until(() => standby.isSweeper(), 5_000);
  expect(handoverMs).toBeLessThan(2_500);
  expect(holder.role()).toBe('standby');
}, 20_000);

test('when the sweeper loses its lease to another instance, then it stops sweeping and its run stops taking new work', async () => {
  const name = blobName();
  const holder = elect(leaseOn(testConnectionString(), name));
  await until(() => holder.isSweeper(), 5_000);
  // A long run that takes one piece of work after another while it may.
  let taken = 0;
  const run = (async () => {
    while (holder.isSweeper()) {
      taken++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  // An operator (or a confused instance) breaks the lease, and another instance takes it.
  const blob = BlobServiceClient.fromConnectionString(testConnectionString())
    .getContainerClient(LEASE_CONTAINER)
    .getBlobClient(name);
  await blob.getBlobLeaseClient().breakLease(0);
  const other = elect(leaseOn(testConnectionString(), name));
  await until(() => other.isSweeper(), 5_000);

  await until(() => !holder.isSweeper(), 2_500);
  await run;
  const takenAtStop = taken;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(taken).toBe(takenAtStop);
  expect(taken).toBeGreaterThan(0);
  expect([holder.role(), other.role()]).toEqual(['standby', 'sweeper']);
}, 20_000);

describe('when storage goes away', () => {
  let azurite: RunningAzurite | undefined;
  afterAll(async () => {
    await azurite?.stop();
  });

  test('when the sweeper cannot renew because storage is down, then it stops sweeping, and sweeps again once storage is back', async () => {
    azurite = await startAzurite();
    const holder = elect(leaseOn(azurite.connectionString, blobName()));
    await until(() => holder.isSweeper(), 5_000);

    await azurite.stop();
    // One renewal fails (within an interval, plus the client's two quick tries) and the turn ends.
    await until(() => !holder.isSweeper(), 8_000);
    expect(holder.role()).toBe('standby');

    // In-memory Azurite comes back empty on the same ports: the lease (and its blob) is taken afresh.
    azurite = await startAzurite({ port: azurite.port, blobPort: azurite.blobPort });
    await until(() => holder.isSweeper(), 10_000);
  }, 40_000);
});
