/**
 * Reads an uploaded spreadsheet in a worker thread, so the server keeps answering whatever the file:
 * the worker has its own heap with a ceiling (resourceLimits) and is ended after a time limit, and one
 * upload is read at a time per instance; a second meanwhile is told to try again shortly rather than
 * queued, so a burst of hostile files cannot pile up work or memory. The thread is kept between uploads
 * (READER_KEPT_MS) while it answers normally; one that ran out of time or memory is ended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { UnavailableError, ValidationError } from '../domain/errors';
import type { ParseAnswer, ParseRequest, ReaderInput, ReaderThread, UploadContents } from './parse-worker';
import type { SheetRows, SpreadsheetFormat } from './read-spreadsheet';

/**
 * A plan workbook reads in well under a second of processor time; this is far beyond any real one. It
 * counts the time the reader ran (see readerClock), not the time it waited for a core.
 */
export const PARSE_TIMEOUT_MS = 20_000;
/** The worker's heap: a 20,000-action plan needs a fraction of it; the server's own heap is untouched. */
export const PARSE_HEAP_MB = 256;
/**
 * How much lower than the server's thread the reader runs (Linux nice, 0–19). On a machine with few
 * cores the file's reading competes with the server's thread for a core; lowered, it still has every
 * core the server leaves idle, while a request for /healthz or anyone else's page is served first.
 */
export const READER_NICENESS = 10;
/** What a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 60;

/** Another upload is being read on this instance. */
export class ParserBusyError extends UnavailableError {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor() {
    super('Another import is being read on this server; try again in a minute.');
  }
}

export interface ParseLimits {
  timeoutMs?: number;
  heapMb?: number;
}

let busy = false;

/** Refuses at once when an upload is being read, so a caller need not gather a body it cannot read yet. */
export function assertReaderFree(): void {
  if (busy) throw new ParserBusyError();
}

/** Compiled, the worker sits beside this file; run from TypeScript (jest), it is the build's copy. */
function workerFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', 'dist', 'src', 'spreadsheets', 'parse-worker.js')
    : join(__dirname, 'parse-worker.js');
}

export type { UploadContents } from './parse-worker';

/** Every visible sheet of a file, read in a worker; refusals are the reader's own ValidationErrors. */
export async function parseWorkbookInWorker(
  bytes: Buffer,
  format: SpreadsheetFormat,
  sheetName: string,
  limits: ParseLimits = {},
): Promise<SheetRows[]> {
  const answer = await oneAtATime({ kind: 'workbook', bytes, format, sheetName }, limits);
  if (!('sheets' in answer)) throw new Error('The spreadsheet reader answered something else');
  return answer.sheets;
}

/**
 * A request body carrying a file in base64 (the dashboard's upload), unwrapped and read in a worker: the
 * server's thread only gathers the bytes. Refusals of the file come back in `refusal`, for the caller to
 * weigh against its own checks of the other fields.
 *
 * The body may come as the chunks it arrived in; they are handed to the worker, not copied (the caller
 * must not use them afterwards): joining or cloning 7 MB on the server's thread held up every other
 * request by tens of milliseconds, most of it touching freshly allocated memory.
 */
export async function readUploadInWorker(
  body: Buffer | readonly Buffer[],
  envelope: { fileField: string; nameField: string; maxFileBytes: number },
  limits: ParseLimits = {},
): Promise<UploadContents> {
  const chunks = (Buffer.isBuffer(body) ? [body] : body).map(ownBytes);
  const answer = await oneAtATime(
    { kind: 'upload', body: chunks, ...envelope },
    limits,
    chunks.map((c) => c.buffer as ArrayBuffer),
  );
  if (!('upload' in answer)) throw new Error('The spreadsheet reader answered something else');
  return answer.upload;
}

/**
 * The chunk's bytes over memory of their own, so they can be moved to the worker: a socket's chunk
 * already is; a slice of a shared pool or a larger buffer is copied (small, so cheap).
 */
function ownBytes(chunk: Buffer): Uint8Array {
  const whole = chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.byteLength;
  return whole && chunk.buffer instanceof ArrayBuffer
    ? new Uint8Array(chunk.buffer, 0, chunk.byteLength)
    : new Uint8Array(chunk);
}

async function oneAtATime(request: ParseRequest, limits: ParseLimits, transfer: ArrayBuffer[] = []) {
  if (busy) throw new ParserBusyError();
  busy = true;
  try {
    return await runWorker(request, limits, transfer);
  } finally {
    busy = false;
  }
}

/**
 * How long the reader thread is kept after an upload. Uploads come in bursts (a preview, then the import;
 * a second file), and a thread started for each held up the server's thread; an idle one is ended so a
 * server that imports once a month does not keep its memory.
 */
export const READER_KEPT_MS = 60_000;

/** The reader thread, kept between uploads while it answers normally. */
interface Reader {
  worker: Worker;
  heapMb: number;
  /** Where Linux keeps its thread's processor time, once it has said. */
  statFile?: string;
  idle?: NodeJS.Timeout;
}

let reader: Reader | undefined;

/** The kept reader if it has this heap, else a new one (the other ended). */
function readerWith(heapMb: number): Reader {
  if (reader && reader.heapMb === heapMb) {
    clearTimeout(reader.idle);
    return reader;
  }
  endReader();
  const started: Reader = {
    worker: new Worker(workerFile(), {
      workerData: { niceness: READER_NICENESS } satisfies ReaderInput,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    }),
    heapMb,
  };
  started.worker.on('message', (message: ParseAnswer | ReaderThread) => {
    if ('statFile' in message) started.statFile = message.statFile;
  });
  // Ended by itself (out of memory, a crash), idle or not, it is started afresh for the next upload.
  const forget = () => {
    if (reader === started) reader = undefined;
  };
  started.worker.on('error', forget);
  started.worker.once('exit', forget);
  reader = started;
  return started;
}

/** Ends the reader thread, if there is one (after a refusal for time or memory, or when it idles). */
export function endReader(): void {
  const ending = reader;
  reader = undefined;
  if (!ending) return;
  clearTimeout(ending.idle);
  void ending.worker.terminate();
}

/** Between uploads the kept reader does not hold the process open (a CLI, a test), and idles out. */
function keepIdle(kept: Reader): void {
  kept.worker.unref();
  kept.idle = setTimeout(() => {
    if (reader === kept) endReader();
  }, READER_KEPT_MS);
  kept.idle.unref();
}

function runWorker(
  request: ParseRequest,
  limits: ParseLimits,
  transfer: ArrayBuffer[],
): Promise<Extract<ParseAnswer, { ok: true }>> {
  const timeoutMs = limits.timeoutMs ?? PARSE_TIMEOUT_MS;
  const heapMb = limits.heapMb ?? PARSE_HEAP_MB;
  const current = readerWith(heapMb);
  const { worker } = current;
  // Held open while it reads: the caller is waiting for the answer.
  worker.ref();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // Kept only after a normal answer; one that ran out of time or memory, or stopped, is ended.
      if (keep && reader === current) keepIdle(current);
      else if (reader === current) endReader();
      outcome();
    };
    const clock = readerClock(timeoutMs, () => current.statFile);
    const timer = setInterval(
      () => {
        if (!clock.expired()) return;
        settle(
          () =>
            reject(
              refusal(
                `took longer than ${Math.round(timeoutMs / 1000)} s to read, far longer than any plan; save it again with only the plan in it`,
              ),
            ),
          false,
        );
      },
      Math.min(CLOCK_CHECK_MS, timeoutMs),
    );
    const onMessage = (answer: ParseAnswer | ReaderThread) => {
      if ('statFile' in answer) return;
      settle(() => {
        if (answer.ok) resolve(answer);
        else if (answer.issues) reject(new ValidationError(answer.issues));
        // A status (an unreadable JSON body: 400) is the app's error handler's to answer, as before.
        else reject(Object.assign(new Error(answer.message), answer.status ? { status: answer.status } : {}));
      }, true);
    };
    const onError = (error: Error & { code?: string }) =>
      settle(
        () =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? refusal(
                  `needed more than ${heapMb} MB to read, far more than any plan; save it again with only the plan in it`,
                )
              : error,
          ),
        false,
      );
    const onExit = (code: number) =>
      settle(
        () => reject(new Error(`The spreadsheet reader stopped (exit code ${code}) before answering`)),
        false,
      );
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(request, transfer);
  });
}

/** How often the reader's time is looked at. */
const CLOCK_CHECK_MS = 250;
/** However busy the machine, a reader is ended after this many times its limit has passed on the wall. */
const WALL_BACKSTOP_FACTOR = 6;

/**
 * The reader's time on this upload: the processor time its thread has used since the upload was posted
 * to it, once it has said where Linux keeps that (until then, and elsewhere, the time passed). The reader
 * runs at a lower priority than the server's thread, so on a machine busy with other work it may wait for
 * a core; counting only the time it ran keeps the limit on what the file costs, not on how busy the
 * machine is, with a backstop on the wall. A new thread's own start counts too (it has said nothing yet).
 */
function readerClock(limitMs: number, statFile: () => string | undefined): { expired(): boolean } {
  const started = performance.now();
  const known = statFile();
  const before = (known === undefined ? undefined : threadCpuMs(known)) ?? 0;
  return {
    expired() {
      const wall = performance.now() - started;
      if (wall > limitMs * WALL_BACKSTOP_FACTOR) return true;
      const file = statFile();
      const ran = file === undefined ? undefined : threadCpuMs(file);
      return (ran === undefined ? wall : ran - before) > limitMs;
    },
  };
}

/** User and system time of a thread from its /proc stat file (in clock ticks of 10 ms), or undefined. */
function threadCpuMs(statFile: string): number | undefined {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    // The thread has gone (it answered meanwhile) or /proc is not there: the wall clock decides.
    return undefined;
  }
}

function refusal(reason: string): ValidationError {
  return new ValidationError([{ field: 'file', reason }]);
}
