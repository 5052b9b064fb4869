/**
 * A hostile upload must not slow the server for everyone else (issue 23): /healthz's p50 and p99 on the
 * built server (node dist/src/app/main.js, local mode) when idle and while hostile files are uploaded
 * one after another (a zip whose end record hides four large parts, a part named
 * /xl/worksheets/sheet1.xml with 1.6 M cells, a part named twice, 5 MB of blank CSV lines), side by side
 * with the ratio. Target: p99 during ≤ 2× idle. `BENCH_ONLY=upload npm run bench` runs just this.
 */
import { performance } from 'node:perf_hooks';
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
async function hostileBodies(): Promise<{ name: string; body: Buffer }[]> {
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

/** /healthz measured while `user` uploads the bodies one after another. */
async function duringUploads(
  url: string,
  bodies: { body: Buffer }[],
  user: string,
): Promise<{ times: number[]; uploads: number; statuses: string }> {
  const statuses = new Map<number, number>();
  let uploads = 0;
  let stop = false;
  const uploading = (async () => {
    for (let i = 0; !stop; i++) {
      const response = await fetch(`${url}/api/tab/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Local-User': user, 'X-Plan-Id': DEMO_PLAN },
        body: bodies[i % bodies.length]!.body,
      });
      await response.arrayBuffer();
      uploads++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  })();
  const times = await healthz(url, SAMPLES);
  stop = true;
  await uploading;
  return { times, uploads, statuses: [...statuses].map(([s, n]) => `${n} × ${s}`).join(', ') };
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
