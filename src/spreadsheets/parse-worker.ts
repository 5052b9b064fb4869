/**
 * The worker thread an upload is read in (parse-in-worker.ts starts it): the same guarded reader as the
 * CLI, with its own small heap, so a file that costs too much memory or time ends this thread, not the
 * server. For the dashboard it also unwraps the request itself (JSON, base64), work of tens of
 * milliseconds per megabyte that would otherwise hold up every other request on the server's thread.
 *
 * It reads one request at a time, as they are posted to it, and stays for the next: the server keeps it
 * between uploads, since starting a thread (and loading the reader into it) for each one cost the server's
 * thread several milliseconds per upload and competed with it for a core while it started.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError, type ValidationIssue } from '../domain/errors';
import { formatOf, parseWorkbook, type SheetRows, type SpreadsheetFormat } from './read-spreadsheet';

export type ParseRequest =
  | { kind: 'workbook'; bytes: Uint8Array; format: SpreadsheetFormat; sheetName: string }
  | {
      kind: 'upload';
      /** The request's JSON body, in the chunks it arrived in. */
      body: Uint8Array[];
      /** The body's field holding the file, base64. */
      fileField: string;
      /** The body's field naming the file (its extension says the format). */
      nameField: string;
      maxFileBytes: number;
    };

/** What the worker is started with: how much lower than the server's its priority is. */
export interface ReaderInput {
  niceness: number;
}

/** What an upload's body held: its other fields, and the file's sheets or why there are none. */
export interface UploadContents {
  /** Every field but the file; undefined when the body is not a JSON object. */
  fields?: Record<string, unknown>;
  /** Why the file could not be taken from the body (missing, not base64, too large). */
  fileIssue?: 'missing' | 'too-large';
  /** The file's sheets, when its name gave a format and it was read. */
  sheets?: SheetRows[];
  /** The reader's refusal of the file. */
  refusal?: ValidationIssue[];
}

/** The reader's first message: where Linux keeps its thread's processor time, for the time limit. */
export interface ReaderThread {
  statFile: string;
}

export type ParseAnswer =
  | { ok: true; sheets: SheetRows[] }
  | { ok: true; upload: UploadContents }
  | { ok: false; issues?: ValidationIssue[]; message: string; status?: number };

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function readUpload(request: Extract<ParseRequest, { kind: 'upload' }>): Promise<UploadContents> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(request.body).toString('utf8'));
  } catch {
    throw Object.assign(new Error('The request body is not valid JSON'), { status: 400 });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const { [request.fileField]: file, ...fields } = body as Record<string, unknown>;
  const text = typeof file === 'string' ? file : '';
  if (text === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return { fields, fileIssue: 'missing' };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > request.maxFileBytes) return { fields, fileIssue: 'too-large' };
  const name =
    typeof fields[request.nameField] === 'string' ? (fields[request.nameField] as string).trim() : '';
  let format: SpreadsheetFormat;
  try {
    format = formatOf(name);
  } catch {
    return { fields };
  }
  try {
    return { fields, sheets: await parseWorkbook(bytes, format, name.replace(/\.[^.]*$/, '')) };
  } catch (error) {
    if (error instanceof ValidationError) return { fields, refusal: [...error.issues] };
    throw error;
  }
}

async function answer(request: ParseRequest): Promise<ParseAnswer> {
  try {
    if (request.kind === 'upload') return { ok: true, upload: await readUpload(request) };
    return {
      ok: true,
      sheets: await parseWorkbook(toBuffer(request.bytes), request.format, request.sheetName),
    };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, issues: [...error.issues], message: error.message };
    }
    const status = (error as { status?: number }).status;
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      ...(status ? { status } : {}),
    };
  }
}

/**
 * Lowers this thread's priority (Linux nice; see READER_NICENESS in parse-in-worker.ts). Linux sets it per
 * thread; elsewhere it would lower the whole process, so it is left alone there.
 */
function lowerPriority(niceness: number): void {
  if (process.platform !== 'linux' || niceness <= 0) return;
  try {
    setPriority(niceness);
  } catch {
    // Not permitted in this container: the reader runs at the server's priority, as before.
  }
}

/** This thread's /proc stat file ("<pid>/task/<tid>"), so its time limit counts only the time it ran. */
function threadStatFile(): ReaderThread | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return { statFile: `/proc/${readlinkSync('/proc/thread-self')}/stat` };
  } catch {
    return undefined;
  }
}

if (parentPort) {
  const port = parentPort;
  lowerPriority((workerData as ReaderInput).niceness);
  const thread = threadStatFile();
  if (thread) port.postMessage(thread);
  // The server posts the next request only once this one is answered.
  port.on('message', (request: ParseRequest) => {
    void answer(request).then((result) => port.postMessage(result));
  });
}
