/**
 * Impact measures at scale (issue 21): two plans of 5,000 identical actions on the bench's in-memory
 * Azurite, one with 500 measures of 24 monthly values each (12,000 values), one without, and for each:
 *  - the dashboard's measures view over HTTP with a signed token, as the page loads it: the list
 *    (GET /api/tab/plans/:id/measures, each measure's status, no values) and then, at once, the values of
 *    the measures whose charts are first near the screen (GET …/measures/:measureId, DETAILS_ON_SCREEN);
 *  - opening the plan on the dashboard: GET /api/tab/plans/:id and then that measures view;
 *  - the paper: buildPlanProgressReport and the DOCX render (a PNG chart per measure; charts are kept
 *    by what they draw, so the bench also draws all 500 cold, once, and says what that costs).
 * The two conditions are interleaved (with, without; then without, with) after a warm-up, so the
 * machine's noise falls on both alike; p50/p99 side by side with their ratio. Target: ≤ 1.5×.
 * `BENCH_ONLY=measures npm run bench` runs just this.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { type MeasureValue, readMeasure } from '../../src/domain/measures';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { TokenValidator } from '../../src/http/dashboard-api/tab-auth';
import { createApp } from '../../src/http/server';
import { renderProgressReport } from '../../src/reports/render-report';
import { measureRows } from '../../src/storage/measure-repository';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { createLogger } from '../../src/support/logger';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { buildPlanProgressReport } from '../../src/usecases/reports/build-progress-report';
import { percentile } from '../support/built-server';
import { FakeEntra } from '../support/entra-tokens';
import { generatedPlanRows } from '../support/plans';
import { reachers } from '../support/reachers';

const ACTIONS = 5000;
const MEASURES = 500;
const VALUES_PER_MEASURE = 24;
/** generatedPlanRows spreads its actions over AFI1 … AFI20. */
const AREAS = 20;
const WITH = 'measures-with';
const WITHOUT = 'measures-without';
/** 15 June 2026: the 24 monthly values run from June 2024 to May 2026, all of them past. */
const NOW = new Date('2026-06-15T09:00:00Z');
const COORDINATOR = { oid: '11111111-1111-4111-8111-111111111111', email: 'coordinator@example.org' };
const APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
const TENANT = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';
const RESOURCE = `api://localhost:3978/${APP_ID}`;
/** A few: the whole bench shares a two-core machine with Azurite, and the paper takes seconds a sample. */
const WARM_UP = 1;
const API_SAMPLES = 12;
const PAPER_SAMPLES = 5;
const TARGET = 1.5;
/**
 * The measures whose charts the page draws first: at 1280 × 800 with the observer's 400 px margin, the
 * first area's first few blocks. Fetched together, as one observer callback asks for them.
 */
const DETAILS_ON_SCREEN = 4;

const clock = { now: () => NOW };

/** Where the bench is, on stderr, so a slow machine is seen to be working. */
function progress(what: string): void {
  process.stderr.write(`  measures bench: ${what}\n`);
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Interleaved samples of the two conditions, the order alternating, after a warm-up of each. */
async function sideBySide(
  samples: number,
  withMeasures: () => Promise<unknown>,
  without: () => Promise<unknown>,
): Promise<{ with: number[]; without: number[] }> {
  const times = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < WARM_UP + samples; i++) {
    progress(`sample ${i + 1} of ${WARM_UP + samples}`);
    const pair =
      i % 2 === 0
        ? [await time(withMeasures), await time(without)]
        : [await time(without), await time(withMeasures)].reverse();
    if (i < WARM_UP) continue;
    times.with.push(pair[0]!);
    times.without.push(pair[1]!);
  }
  return times;
}

function month(offset: number): string {
  const date = new Date(Date.UTC(2024, 5 + offset, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * 500 measures spread over the plan's 20 areas, a third each higher, lower and within a range, with 24
 * monthly values apiece; written as 100-entity transactions in the plan's partition, as the repositories
 * batch, so seeding stays within seconds (the rows are the repository's own, from measureRows).
 */
async function seedMeasures(tables: TableClients, planId: string): Promise<void> {
  const entities: ReturnType<typeof measureRows> = [];
  for (let i = 0; i < MEASURES; i++) {
    const id = `M${i + 1}`;
    const shape = i % 3;
    const measure = readMeasure({
      id,
      areaId: `AFI${(i % AREAS) + 1}`,
      actionIds: [`${(i % AREAS) + 1}.${Math.floor(i / AREAS) + 1}`],
      name: `Measure ${i + 1}: children seen within the timescale`,
      definition: 'Share of a monthly dip sample',
      source: 'Partnership dataset',
      unit: shape === 2 ? 'number' : 'percentage',
      better: ['higher', 'lower', 'within'][shape],
      ...(shape === 2 ? { low: '20', high: '30' } : {}),
      baseline: shape === 0 ? '50' : shape === 1 ? '40' : '35',
      baselineDate: '2024-05-31',
      target: shape === 0 ? '85' : shape === 1 ? '20' : '25',
      targetDate: '2027-03-31',
      frequency: 'monthly',
      reporter: `reporter${i % 50}@example.org`,
      kind: ['how-much', 'how-well', 'better-off'][i % 3],
    });
    const values: MeasureValue[] = [];
    for (let v = 0; v < VALUES_PER_MEASURE; v++) {
      const period = month(v);
      const reportedAt = `${month(v + 1)}-03T10:00:00.000Z`;
      values.push({
        measureId: id,
        period,
        // A wandering line, so some measures are on track and some off.
        value: Math.round((40 + 10 * Math.sin(i + v / 3) + (shape === 0 ? v : -v / 2)) * 10) / 10,
        reportedBy: measure.reporter,
        reportedAt,
        ...(v % 6 === 0 ? { note: 'Dip sample smaller than usual this month' } : {}),
      });
    }
    // The rows exactly as the repository writes them, its latest values kept beside each measure.
    entities.push(...measureRows(planId, measure, values));
  }
  const table = tables.get('Measures');
  for (let i = 0; i < entities.length; i += 100) {
    await table.submitTransaction(entities.slice(i, i + 100).map((e) => ['create', e]));
  }
}

async function seedPlan(stores: Stores, planId: string): Promise<void> {
  const report = await importPlan(
    { stores, clock, random: Math.random, calendar: new UkHolidayCalendar() },
    {
      planId,
      title: 'Measures bench',
      rows: generatedPlanRows(ACTIONS),
      dryRun: false,
      actor: 'bench',
      sourceName: 'generated',
    },
  );
  if (!report.written) throw new Error(`import of ${planId} wrote nothing`);
  const stored = await stores.plans.get(planId);
  if (!stored) throw new Error(`plan ${planId} missing`);
  await stores.plans.update({ ...stored.value, coordinators: [COORDINATOR.email] }, stored.etag);
}

function row(label: string, times: { with: number[]; without: number[] }): string {
  const cell = (n: number) => n.toFixed(0).padStart(7);
  const p = (list: number[], q: number) => percentile(list, q);
  const [w50, w99, o50, o99] = [
    p(times.with, 50),
    p(times.with, 99),
    p(times.without, 50),
    p(times.without, 99),
  ];
  const ratio = w50 / o50;
  return `${label.padEnd(34)} ${cell(w50)} ${cell(w99)}   ${cell(o50)} ${cell(o99)}   ${(ratio).toFixed(2)}× p50, ${(w99 / o99).toFixed(2)}× p99 ${ratio <= TARGET ? '(within 1.5×)' : '(over 1.5×)'}`;
}

export async function benchMeasures(connectionString: string): Promise<string[]> {
  const tables = new TableClients({ connectionString }, 'MeasBench');
  await tables.ensureTables();
  const stores = createStores(tables);
  const seedStart = performance.now();
  progress('importing two plans of 5,000 actions');
  await seedPlan(stores, WITH);
  await seedPlan(stores, WITHOUT);
  const importMs = performance.now() - seedStart;
  const measuresStart = performance.now();
  progress('writing 500 measures and 12,000 values');
  await seedMeasures(tables, WITH);
  const measuresMs = performance.now() - measuresStart;

  const entra = new FakeEntra({ tenant: TENANT, audience: RESOURCE, now: clock.now });
  await entra.start();
  const logger = createLogger('silent');
  const calendar = new UkHolidayCalendar();
  const tokens = new TokenValidator(
    { appId: APP_ID, resource: RESOURCE, allowedTenants: [TENANT], jwksUrl: entra.jwksUrl },
    clock,
  );
  const server: Server = createApp({
    stores,
    logger,
    routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers, tokens })],
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authorization = `Bearer ${await entra.accessToken(COORDINATOR)}`;
  const get = async (path: string): Promise<number> => {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: authorization } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return body.byteLength;
  };
  try {
    const shown = JSON.parse(
      await (
        await fetch(`${base}/api/tab/plans/${WITH}/measures`, { headers: { Authorization: authorization } })
      ).text(),
    ) as { measures: { id: string; status: string }[] };
    const statuses = new Map<string, number>();
    for (const m of shown.measures) statuses.set(m.status, (statuses.get(m.status) ?? 0) + 1);
    const first = JSON.parse(
      await (
        await fetch(`${base}/api/tab/plans/${WITH}/measures/M1`, {
          headers: { Authorization: authorization },
        })
      ).text(),
    ) as { points: unknown[] };
    if (shown.measures.length !== MEASURES || first.points.length !== VALUES_PER_MEASURE)
      throw new Error(
        `the measures view shows ${shown.measures.length} measures, not ${MEASURES}, and M1 has ${first.points.length} values, not 24`,
      );
    const onScreen = shown.measures.slice(0, DETAILS_ON_SCREEN).map((m) => m.id);
    /** The measures view as the page loads it: the list, then the values of the charts near the screen. */
    const measuresView = (planId: string, ids: readonly string[]) => async () => {
      await get(`/api/tab/plans/${planId}/measures`);
      await Promise.all(ids.map((id) => get(`/api/tab/plans/${planId}/measures/${encodeURIComponent(id)}`)));
    };

    progress('the measures view');
    const viewTimes = await sideBySide(API_SAMPLES, measuresView(WITH, onScreen), measuresView(WITHOUT, []));
    const open = (planId: string, ids: readonly string[]) => async () => {
      await get(`/api/tab/plans/${planId}`);
      await measuresView(planId, ids)();
    };
    progress('the plan opened');
    const planOpened = await sideBySide(API_SAMPLES, open(WITH, onScreen), open(WITHOUT, []));
    progress('the plan view');
    const planView = await sideBySide(
      API_SAMPLES,
      () => get(`/api/tab/plans/${WITH}`),
      () => get(`/api/tab/plans/${WITHOUT}`),
    );
    let paperBytes = 0;
    const paper = (planId: string) => async () => {
      const report = await buildPlanProgressReport(stores, planId, 'bench', NOW, 'docx');
      const docx = await renderProgressReport(report, 'docx');
      if (planId === WITH) paperBytes = docx.length;
    };
    progress('the paper');
    const papers = await sideBySide(PAPER_SAMPLES, paper(WITH), paper(WITHOUT));
    // The paper's parts, with measures, to say what dominates.
    const built = await buildPlanProgressReport(stores, WITH, 'bench', NOW, 'docx');
    const buildMs = await time(() => buildPlanProgressReport(stores, WITH, 'bench', NOW, 'docx'));
    const renderMs = await time(() => renderProgressReport(built, 'docx'));
    const { forgetDrawnCharts, renderMeasureChart } = await import('../../src/reports/measure-chart');
    const parts = built.measures?.areas.flatMap((a) => a.measures) ?? [];
    forgetDrawnCharts();
    const chartsMs = await time(async () => {
      for (const part of parts) renderMeasureChart(part);
    });
    forgetDrawnCharts();
    const coldPaperMs = await time(() => renderProgressReport(built, 'docx'));
    // What the measures view's extra time is made of: the reads, and the answers' size.
    const readMs = await time(() => stores.measures.listValues(WITH));
    const latestMs = await time(() => stores.measures.listWithLatest(WITH));
    const answerBytes = await get(`/api/tab/plans/${WITH}/measures`);
    const oneMeasure: number[] = [];
    for (let i = 0; i < API_SAMPLES; i++)
      oneMeasure.push(await time(() => get(`/api/tab/plans/${WITH}/measures/M${i + 1}`)));
    const oneBytes = await get(`/api/tab/plans/${WITH}/measures/M1`);

    return [
      '',
      `impact measures: ${ACTIONS} actions, ${MEASURES} measures × ${VALUES_PER_MEASURE} values against the same plan without measures (${WARM_UP} warm-up pairs, then interleaved)`,
      `  seeding: two imports ${(importMs / 1000).toFixed(1)} s; ${MEASURES} measures + ${MEASURES * VALUES_PER_MEASURE} values in 100-entity transactions ${(measuresMs / 1000).toFixed(1)} s`,
      `  statuses shown: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}`,
      `                                   with measures      without measures`,
      `                                    p50 ms  p99 ms     p50 ms  p99 ms   ratio`,
      row(`measures view: list + ${DETAILS_ON_SCREEN} charts (${API_SAMPLES})`, viewTimes),
      row(`GET plan view (${API_SAMPLES} each)`, planView),
      row('plan opened: view, then measures', planOpened),
      row(`paper DOCX, build + render (${PAPER_SAMPLES})`, papers),
      `  the paper with measures, once: build ${buildMs.toFixed(0)} ms, render ${renderMs.toFixed(0)} ms with its charts kept; drawn cold, ${parts.length} charts take ${chartsMs.toFixed(0)} ms (${(chartsMs / Math.max(1, parts.length)).toFixed(2)} ms each) and the render ${coldPaperMs.toFixed(0)} ms; ${(paperBytes / 1024).toFixed(0)} KB`,
      `  the measures list: ${MEASURES} measures with their latest values ${latestMs.toFixed(0)} ms (every value, ${MEASURES * VALUES_PER_MEASURE} rows, would be ${readMs.toFixed(0)} ms); the answer ${(answerBytes / 1024).toFixed(0)} KB of JSON`,
      `  one measure's values (GET …/measures/:id, ${API_SAMPLES}): p50 ${percentile(oneMeasure, 50).toFixed(0)} ms, p99 ${percentile(oneMeasure, 99).toFixed(0)} ms; ${(oneBytes / 1024).toFixed(0)} KB`,
      `  without measures the view is the list alone, an empty one after sign-in and the plan's access check (which reads the plan's ${ACTIONS} actions)`,
    ];
  } finally {
    server.closeAllConnections();
    server.close();
    entra.stop();
  }
}
