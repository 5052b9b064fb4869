/**
 * `npm run bench`: measures against a real in-memory Azurite started here. Ratios are taken side by
 * side in one run, because absolute times on shared machines are noisy.
 */
import { performance } from 'node:perf_hooks';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { startAzurite } from '../../src/storage/azurite';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { generatedPlanRows } from '../support/plans';
import { benchBotCommands, benchCardUpdates, mineAtScaleLine } from './bot-bench';
import { benchEmail } from './email-bench';
import { benchMeasures } from './measures-bench';
import { benchSweep } from './sweep-bench';
import { benchTwoInstances } from './two-instance-bench';
import { benchUpload } from './upload-bench';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 5000);
const READ_ROUNDS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  // BENCH_ONLY=upload runs just /healthz idle against during hostile uploads (the built server, its own storage).
  if (process.env.BENCH_ONLY === 'upload') {
    process.stdout.write(`${(await benchUpload()).join('\n')}\n`);
    return;
  }
  const azurite = await startAzurite();
  try {
    // BENCH_ONLY=email runs just the e-mail measurement (a minute, not several).
    if (process.env.BENCH_ONLY === 'email') {
      process.stdout.write(`${(await benchEmail(azurite.connectionString)).join('\n')}\n`);
      return;
    }
    // BENCH_ONLY=measures runs just the impact measures at scale (a few minutes).
    if (process.env.BENCH_ONLY === 'measures') {
      process.stdout.write(`${(await benchMeasures(azurite.connectionString)).join('\n')}\n`);
      return;
    }
    const tables = new TableClients({ connectionString: azurite.connectionString }, 'Bench');
    await tables.ensureTables();
    const stores = createStores(tables);
    const rows = generatedPlanRows(ACTIONS);
    const clock = { now: () => new Date('2025-06-01T09:00:00Z') };

    const importMs = await time(() =>
      importPlan(
        { stores, clock, random: Math.random, calendar: new UkHolidayCalendar() },
        { planId: 'bench', title: 'Bench', rows, dryRun: false, actor: 'bench', sourceName: 'generated' },
      ),
    );
    // The floor an import cannot beat: the same plan entities written as bare 100-entity transactions.
    const rawTables = new TableClients({ connectionString: azurite.connectionString }, 'Raw');
    await rawTables.ensureTables();
    const rawEntities = (await stores.actions.readPlan('bench')).actions.map((a) => ({
      partitionKey: 'raw',
      rowKey: a.value.id,
      json: JSON.stringify(a.value),
    }));
    const rawWriteMs = await time(async () => {
      for (let i = 0; i < rawEntities.length; i += 100) {
        await rawTables
          .get('PlanItems')
          .submitTransaction(rawEntities.slice(i, i + 100).map((e) => ['create', e]));
      }
    });

    const readTimes: number[] = [];
    const scanTimes: number[] = [];
    for (let round = 0; round < READ_ROUNDS; round++) {
      readTimes.push(await time(() => stores.actions.readPlan('bench')));
      scanTimes.push(
        await time(async () => {
          let count = 0;
          for await (const _ of tables.get('PlanItems').listEntities({
            queryOptions: { filter: "PartitionKey eq 'bench'" },
          })) {
            count++;
          }
          if (count < ACTIONS) throw new Error(`scan saw ${count} rows`);
        }),
      );
    }
    const read = median(readTimes);
    const scan = median(scanTimes);

    const lines = [
      `Action Tracker benchmark: ${ACTIONS} actions on in-memory Azurite (Node ${process.version})`,
      '',
      `import (validate, diff, write plan + history + owner index): ${importMs.toFixed(0)} ms, ${((importMs / ACTIONS) * 1000).toFixed(0)} µs per action`,
      `  bare 100-entity transactions of the same actions:         ${rawWriteMs.toFixed(0)} ms, ratio ${(importMs / rawWriteMs).toFixed(2)}×`,
      `full-plan read (readPlan, median of ${READ_ROUNDS}):                  ${read.toFixed(0)} ms, ${((read / ACTIONS) * 1000).toFixed(0)} µs per action`,
      `  bare listEntities of the same partition (median):        ${scan.toFixed(0)} ms, ratio ${(read / scan).toFixed(2)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    const botRows = await benchBotCommands(azurite.connectionString, [500, 5000]);
    const table = [
      '',
      `chat commands over POST /api/messages (${10} connections, connector stub answering instantly):`,
      'actions  command  p50 ms  p99 ms  req/s   errors  p50 ÷ bare readPlan',
      ...botRows.map(
        (r) =>
          `${String(r.actions).padEnd(8)} ${r.command.padEnd(8)} ${String(r.p50).padEnd(7)} ${String(r.p99).padEnd(7)} ${r.requestsPerSecond.toFixed(0).padEnd(7)} ${String(r.errors).padEnd(7)} ${(r.p50 / r.readPlanMs).toFixed(2)}× (readPlan ${r.readPlanMs.toFixed(0)} ms)`,
      ),
      mineAtScaleLine(botRows),
    ];
    process.stdout.write(`${table.join('\n')}\n`);

    const invoke = await benchCardUpdates(azurite.connectionString, 5000);
    process.stdout.write(
      `\naction.update invokes at ${invoke.actions} actions (${invoke.invokes} in a row, each on the current version): p50 ${invoke.p50.toFixed(0)} ms, p99 ${invoke.p99.toFixed(0)} ms, max ${invoke.max.toFixed(0)} ms (Teams allows about 10 s)\n`,
    );

    process.stdout.write(`${(await benchSweep(azurite.connectionString)).join('\n')}\n`);
    process.stdout.write(`${(await benchTwoInstances(azurite.connectionString)).join('\n')}\n`);
    process.stdout.write(`${(await benchEmail(azurite.connectionString)).join('\n')}\n`);
    process.stdout.write(`${(await benchMeasures(azurite.connectionString)).join('\n')}\n`);
    process.stdout.write(`${(await benchUpload()).join('\n')}\n`);
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
