/**
 * Reads an uploaded spreadsheet in a worker thread, so the server keeps answering whatever the file:
 * the worker has its own heap with a ceiling (resourceLimits) and is ended after a time limit, and one
 * upload is read at a time per instance; a second meanwhile is told to try again shortly rather than
 * queued, so a burst of hostile files cannot pile up work or memory.
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

function runWorker(
  request: ParseRequest,
  limits: ParseLimits,
  transfer: ArrayBuffer[],
): Promise<Extract<ParseAnswer, { ok: true }>> {
  const timeoutMs = limits.timeoutMs ?? PARSE_TIMEOUT_MS;
  const heapMb = limits.heapMb ?? PARSE_HEAP_MB;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: { ...request, niceness: READER_NICENESS } satisfies ReaderInput,
      transferList: transfer,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      outcome();
      // Ended whatever the outcome: a worker that answered has nothing more to do.
      void worker.terminate();
    };
    const clock = readerClock(timeoutMs);
    const timer = setInterval(
      () => {
        if (!clock.expired()) return;
        settle(() =>
          reject(
            refusal(
              `took longer than ${Math.round(timeoutMs / 1000)} s to read, far longer than any plan; save it again with only the plan in it`,
            ),
          ),
        );
      },
      Math.min(CLOCK_CHECK_MS, timeoutMs),
    );
    worker.on('message', (answer: ParseAnswer | ReaderThread) => {
      if ('statFile' in answer) return clock.follow(answer.statFile);
      settle(() => {
        if (answer.ok) resolve(answer);
        else if (answer.issues) reject(new ValidationError(answer.issues));
        // A status (an unreadable JSON body: 400) is the app's error handler's to answer, as before.
        else reject(Object.assign(new Error(answer.message), answer.status ? { status: answer.status } : {}));
      });
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? refusal(
                `needed more than ${heapMb} MB to read, far more than any plan; save it again with only the plan in it`,
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The spreadsheet reader stopped (exit code ${code}) before answering`))),
    );
  });
}

/** How often the reader's time is looked at. */
const CLOCK_CHECK_MS = 250;
/** However busy the machine, a reader is ended after this many times its limit has passed on the wall. */
const WALL_BACKSTOP_FACTOR = 6;

/**
 * The reader's time: the processor time its thread has used, once it has said where Linux keeps that
 * (until then, and elsewhere, the time passed). The reader runs at a lower priority than the server's
 * thread, so on a machine busy with other work it may wait for a core; counting only the time it ran
 * keeps the limit on what the file costs, not on how busy the machine is, with a backstop on the wall.
 */
function readerClock(limitMs: number): { follow(statFile: string): void; expired(): boolean } {
  const started = performance.now();
  let statFile: string | undefined;
  return {
    follow(file) {
      statFile = file;
    },
    expired() {
      const wall = performance.now() - started;
      if (wall > limitMs * WALL_BACKSTOP_FACTOR) return true;
      const ran = statFile === undefined ? undefined : threadCpuMs(statFile);
      return (ran ?? wall) > limitMs;
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
