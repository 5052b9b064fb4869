/**
 * The worker thread an upload is read in (parse-in-worker.ts starts it): the same guarded reader as the
 * CLI, with its own small heap, so a file that costs too much memory or time ends this thread, not the
 * server. Answers with the sheets, or with the refusal's issues.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../domain/errors';
import { parseWorkbook, type SpreadsheetFormat } from './read-spreadsheet';

export interface ParseRequest {
  bytes: Uint8Array;
  format: SpreadsheetFormat;
  sheetName: string;
}

export type ParseAnswer =
  | { ok: true; sheets: { name: string; rows: string[][] }[] }
  | { ok: false; issues?: { field: string; reason: string }[]; message: string };

async function answer(request: ParseRequest): Promise<ParseAnswer> {
  try {
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    return { ok: true, sheets: await parseWorkbook(bytes, request.format, request.sheetName) };
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        ok: false,
        issues: error.issues.map((i) => ({ field: i.field, reason: i.reason })),
        message: error.message,
      };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort) {
  const port = parentPort;
  void answer(workerData as ParseRequest).then((result) => port.postMessage(result));
}
