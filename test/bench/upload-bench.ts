/**
 * A hostile upload must not slow the server for everyone else (issue 23): /healthz's p50 and p99 on the
 * built server (node dist/src/app/main.js, local mode) when idle and while hostile files are uploaded
 * one after another (a zip whose end record hides four large parts, a part named
 * /xl/worksheets/sheet1.xml with 1.6 M cells, a part named twice, 5 MB of blank CSV lines), side by side
 * with the ratio. Target: p99 during ≤ 2× idle. `BENCH_ONLY=upload npm run bench` runs just this.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { inlineCell, sheetXml } from '../spreadsheets/hostile-xlsx';
import { bigSheet, lyingZip, workbookEntries, workbookWithHiddenParts } from '../spreadsheets/lying-zip';
import { percentile, startBuiltServer } from '../support/built-server';

const SAMPLES = Number(process.env.BENCH_HEALTHZ_SAMPLES ?? 300);
const EVERY_MS = 10;
const COORDINATOR = 'partnership.manager@example.org';
/** May not import: refused before the body is read, so what remains is the traffic's own cost. */
const LEAD = 'director.children@example.org';
const DEMO_PLAN = 'demo-leeds-syv';

async function healthz(url: string, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    times.push(response.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
  }
  return times;
}

/** The request bodies, encoded once, so the bench's own work does not land inside a measurement. */
export async function hostileBodies(): Promise<{ name: string; body: Buffer }[]> {
  const entries = await workbookEntries();
  const files: { name: string; fileName: string; data: Buffer }[] = [
    {
      name: 'end record hides 4 × 100 MB parts',
      fileName: 'plan.xlsx',
      data: await workbookWithHiddenParts(100, 'short-record'),
    },
    {
      name: '/xl/worksheets/sheet1.xml, 1.6 M cells',
      fileName: 'plan.xlsx',
      data: lyingZip([
        ...entries.filter((e) => e.name !== 'xl/worksheets/sheet1.xml'),
        { name: '/xl/worksheets/sheet1.xml', data: bigSheet(1_600_000) },
      ]),
    },
    {
      name: 'a part named twice',
      fileName: 'plan.xlsx',
      data: lyingZip([
        ...entries,
        { name: 'xl/worksheets/sheet1.xml', data: sheetXml(`<row r="1">${inlineCell('A1', 'x')}</row>`) },
      ]),
    },
    { name: '5 MB of blank CSV lines', fileName: 'plan.csv', data: Buffer.alloc(5 * 1024 * 1024, '\n') },
  ];
  return files.map((f) => ({
    name: f.name,
    body: Buffer.from(
      JSON.stringify({
        planId: DEMO_PLAN,
        fileName: f.fileName,
        file: f.data.toString('base64'),
        confirm: false,
      }),
    ),
  }));
}

/**
 * The uploader, in a worker thread of the bench: sending 7 MB bodies back to back is work for the client
 * too, and in the probe's own event loop it would delay the probe's timers and reads, so the bench would
 * measure itself rather than the server. It uploads until told to stop, then reports the statuses.
 */
const UPLOADER = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  const statuses = {};
  let uploads = 0;
  for (let i = 0; !stop; i++) {
    const response = await fetch(workerData.url + '/api/tab/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': workerData.user, 'X-Plan-Id': workerData.plan },
      body: workerData.bodies[i % workerData.bodies.length],
    });
    await response.arrayBuffer();
    uploads++;
    statuses[response.status] = (statuses[response.status] || 0) + 1;
  }
  parentPort.postMessage({ uploads, statuses });
})();
`;

/** /healthz measured while `user` uploads the bodies one after another (from a worker thread). */
async function duringUploads(
  url: string,
  bodies: { body: Buffer }[],
  user: string,
): Promise<{ times: number[]; uploads: number; statuses: string }> {
  const uploader = new Worker(UPLOADER, {
    eval: true,
    workerData: { url, user, plan: DEMO_PLAN, bodies: bodies.map((b) => b.body) },
  });
  const finished = new Promise<{ uploads: number; statuses: Record<string, number> }>((resolve, reject) => {
    uploader.once('message', resolve);
    uploader.once('error', reject);
  });
  const times = await healthz(url, SAMPLES);
  uploader.postMessage('stop');
  const { uploads, statuses } = await finished;
  await uploader.terminate();
  return {
    times,
    uploads,
    statuses: Object.entries(statuses)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', '),
  };
}

export async function benchUpload(): Promise<string[]> {
  const bodies = await hostileBodies();
  const server = await startBuiltServer();
  try {
    // Warm up: the first requests pay for lazy loading, on both sides.
    await healthz(server.url, 20);
    const idle = await healthz(server.url, SAMPLES);

    const coordinator = await duringUploads(server.url, bodies, COORDINATOR);
    const lead = await duringUploads(server.url, bodies, LEAD);
    const alive = server.alive() && (await fetch(`${server.url}/healthz`)).status === 200;

    const row = (label: string, times: number[]) =>
      `${label.padEnd(34)} ${percentile(times, 50).toFixed(1).padStart(7)} ${percentile(times, 99).toFixed(1).padStart(7)} ${Math.max(
        ...times,
      )
        .toFixed(1)
        .padStart(8)}`;
    const during = coordinator.times;
    const ratio = percentile(during, 99) / percentile(idle, 99);
    return [
      '',
      `GET /healthz on the built server, ${SAMPLES} requests one after another (every ${EVERY_MS} ms), idle and during hostile uploads:`,
      `${''.padEnd(34)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(8)}`,
      row('idle', idle),
      row(`during ${coordinator.uploads} hostile uploads`, during),
      row(`during ${lead.uploads} refused unread (a lead)`, lead.times),
      `  p99 during ÷ p99 idle: ${ratio.toFixed(2)}× (target ≤ 2×); p50 ratio ${(percentile(during, 50) / percentile(idle, 50)).toFixed(2)}×`,
      `  p99 during refused-unread uploads ÷ idle: ${(percentile(lead.times, 99) / percentile(idle, 99)).toFixed(2)}× (the traffic alone, nothing read)`,
      `  uploads answered: ${coordinator.statuses} (coordinator), ${lead.statuses} (lead); files: ${bodies.map((b) => b.name).join('; ')}`,
      `  server alive and healthy afterwards: ${alive ? 'yes' : 'NO'}`,
    ];
  } finally {
    await server.stop();
  }
}
