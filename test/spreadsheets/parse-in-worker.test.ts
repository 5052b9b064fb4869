/**
 * An upload is read in a worker thread (the build's dist/src/spreadsheets/parse-worker.js: npm test
 * builds first): the same sheets as reading it in place, refusals with the same words, one read at a
 * time, and a worker that takes too long or too much memory ended with a refusal, the process going on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ValidationError } from '../../src/domain/errors';
import {
  endReader,
  ParserBusyError,
  parseWorkbookInWorker,
  READER_NICENESS,
  readUploadInWorker,
} from '../../src/spreadsheets/parse-in-worker';
import { parseWorkbook } from '../../src/spreadsheets/read-spreadsheet';
import { planWorkbook } from '../support/plan-workbook';

/** Each thread of this process by id, with its Linux niceness (NaN for one that ended meanwhile). */
function threadNiceness(): Map<string, number> {
  return new Map(
    readdirSync('/proc/self/task').map((tid) => {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [tid, Number(stat.split(') ')[1]?.split(' ')[16])] as const;
      } catch {
        return [tid, Number.NaN] as const;
      }
    }),
  );
}

/** The threads at the reader's lowered priority: the reader's. */
function readerThreads(): string[] {
  return [...threadNiceness()].filter(([, nice]) => nice === READER_NICENESS).map(([tid]) => tid);
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw error ?? new Error('the file was read');
  return error.issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
}

const onLinux = process.platform === 'linux' ? test : test.skip;

/**
 * 24,000 wide rows: within every limit, but tenths of a second of the reader's processor time, which
 * Linux counts in 10 ms ticks; a kept reader reads a small workbook in less than one.
 */
const wideCsv = () =>
  Buffer.from(Array.from({ length: 24_000 }, (_, i) => `${i},${'x'.repeat(150)},${i}`).join('\n'));

describe('reading an upload in a worker thread', () => {
  // libuv's thread pool is made on first use and a new thread takes its maker's niceness: were the reader
  // (zlib, for a workbook) first to use it, its threads would count as readers here and outlive it.
  beforeAll(() => promisify(gzip)(Buffer.alloc(1)));
  afterAll(endReader);

  test('when a plan workbook is read in the worker, then its sheets are those read in place', async () => {
    const bytes = await planWorkbook();
    expect(await parseWorkbookInWorker(bytes, 'xlsx', 'plan')).toEqual(
      await parseWorkbook(bytes, 'xlsx', 'plan'),
    );
  }, 30_000);

  test('when the file breaks a limit, then the worker refuses it in the reader’s words', async () => {
    expect(await reasonOf(parseWorkbookInWorker(Buffer.alloc(5 * 1024 * 1024, '\n'), 'csv', 'blank'))).toBe(
      'file: has more than 25000 rows; a plan may have at most 25000. Delete the rows below the plan and save again',
    );
  }, 30_000);

  test('when a second upload arrives while one is being read, then it is told to try again, and the first is read', async () => {
    const bytes = await planWorkbook();
    const first = parseWorkbookInWorker(bytes, 'xlsx', 'plan');
    await expect(parseWorkbookInWorker(bytes, 'xlsx', 'plan')).rejects.toBeInstanceOf(ParserBusyError);
    expect((await first).length).toBeGreaterThan(1);
    // Free again once the first is done.
    expect((await parseWorkbookInWorker(bytes, 'xlsx', 'plan')).length).toBeGreaterThan(1);
  }, 30_000);

  test('when reading takes longer than the limit, then the worker is ended and the file refused', async () => {
    const reason = await reasonOf(parseWorkbookInWorker(wideCsv(), 'csv', 'wide', { timeoutMs: 1 }));
    expect(reason).toContain('file: took longer than');
    // A new reader for the next upload, which reads as before.
    expect((await parseWorkbookInWorker(await planWorkbook(), 'xlsx', 'plan')).length).toBeGreaterThan(1);
  }, 30_000);

  test('when reading needs more memory than the worker has, then the worker is ended and the file refused', async () => {
    const reason = await reasonOf(parseWorkbookInWorker(wideCsv(), 'csv', 'wide', { heapMb: 8 }));
    expect(reason).toBe(
      'file: needed more than 8 MB to read, far more than any plan; save it again with only the plan in it',
    );
    expect((await parseWorkbookInWorker(await planWorkbook(), 'xlsx', 'plan')).length).toBeGreaterThan(1);
  }, 30_000);

  onLinux(
    'when uploads follow one another, then one reader thread reads them all, none started per upload',
    async () => {
      const bytes = await planWorkbook();
      // Counted against the threads already at that niceness: an earlier test's reader may still be ending.
      endReader();
      const before = readerThreads();
      const since = () => readerThreads().filter((tid) => !before.includes(tid));
      await parseWorkbookInWorker(bytes, 'xlsx', 'plan');
      const first = since();
      expect(first).toHaveLength(1);
      await parseWorkbookInWorker(bytes, 'xlsx', 'plan');
      await reasonOf(parseWorkbookInWorker(Buffer.alloc(1024 * 1024, '\n'), 'csv', 'blank'));
      await parseWorkbookInWorker(bytes, 'xlsx', 'plan');
      // A refusal of the file is a normal answer: the same thread goes on.
      expect(since()).toEqual(first);
    },
    30_000,
  );

  onLinux(
    'when the reader runs out of time, then its thread is ended, not kept',
    async () => {
      endReader();
      const before = readerThreads();
      await parseWorkbookInWorker(await planWorkbook(), 'xlsx', 'plan');
      const kept = readerThreads().filter((tid) => !before.includes(tid));
      expect(kept).toHaveLength(1);
      await reasonOf(parseWorkbookInWorker(wideCsv(), 'csv', 'wide', { timeoutMs: 1 }));
      // Termination is asynchronous: the thread leaves /proc shortly after the refusal.
      for (let i = 0; i < 200 && readerThreads().some((tid) => kept.includes(tid)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(readerThreads().filter((tid) => kept.includes(tid))).toEqual([]);
    },
    30_000,
  );

  test('when an upload arrives in chunks, then they are moved to the worker, not copied, and read as one body', async () => {
    const body = Buffer.from(
      JSON.stringify({
        planId: 'leeds-2024',
        fileName: 'plan.csv',
        file: Buffer.from('area_id,area\n1,Strategy\n').toString('base64'),
      }),
    );
    // Chunks over memory of their own, as a socket delivers them (Buffer.alloc never uses the shared pool).
    const cuts = [0, 7, 40, body.length];
    const chunks = cuts.slice(1).map((end, i) => {
      const chunk = Buffer.alloc(end - cuts[i]!);
      body.copy(chunk, 0, cuts[i], end);
      return chunk;
    });
    const contents = await readUploadInWorker(chunks, {
      fileField: 'file',
      nameField: 'fileName',
      maxFileBytes: 1024,
    });
    expect(contents.fields).toEqual({ planId: 'leeds-2024', fileName: 'plan.csv' });
    expect(contents.sheets?.[0]?.rows.length).toBeGreaterThan(0);
    // Moved: the server's thread no longer holds them, and did not copy them to send them.
    expect(chunks.map((c) => c.buffer.byteLength)).toEqual([0, 0, 0]);
  }, 30_000);

  // Linux keeps a priority per thread, and this process's threads are listed under /proc/self/task.
  onLinux(
    'when a file is read, then the reader thread runs at a lower priority than the server',
    async () => {
      // A reader kept from an earlier test would already be lowered: this one is started afresh.
      endReader();
      const before = threadNiceness();
      expect(before.get(String(process.pid))).toBe(0);
      let reading = true;
      const read = parseWorkbookInWorker(Buffer.alloc(5 * 1024 * 1024, '\n'), 'csv', 'blank').catch(
        () => undefined,
      );
      void read.finally(() => {
        reading = false;
      });
      let seen = 0;
      while (reading) {
        for (const [tid, nice] of threadNiceness()) if (!before.has(tid) && nice > seen) seen = nice;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(seen).toBe(READER_NICENESS);
    },
    30_000,
  );
});
