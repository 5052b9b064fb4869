/**
 * POST /api/tab/import: a spreadsheet uploaded from the dashboard, previewed or (with confirm) imported.
 * The file travels with every request, so nothing about it is kept on the server before the person
 * confirms; the same size and workbook limits as the CLI are checked before it is parsed.
 *
 * A file is untrusted until read, so the order is: who is asking (the route's sign-in), whether they may
 * import into the plan the request names outside its body (?planId= or X-Plan-Id), and only then the body, capped, and the file,
 * read in a worker thread (one at a time per instance) so a hostile one cannot stall or kill the server.
 */
import express, { type Request, type Response, type Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { importedFieldNamed, type TakeFile } from '../../domain/import-changes';
import { NO_PLAN_CREATORS } from '../../domain/plan-creators';
import type { ImportChoices } from '../../domain/plan-import';
import { COLUMN_LABELS, type Column, IMPORT_COLUMNS, isColumn } from '../../domain/spreadsheet-columns';
import { PLAN_ID_PATTERN } from '../../domain/validation';
import {
  assertReaderFree,
  ParserBusyError,
  parseWorkbookInWorker,
  readUploadInWorker,
} from '../../spreadsheets/parse-in-worker';
import type { SheetRows } from '../../spreadsheets/read-spreadsheet';
import { formatOf } from '../../spreadsheets/read-spreadsheet';
import type { ImportReport } from '../../usecases/plans/import-plan';
import { importUpload, mayImport, type Uploader } from '../../usecases/plans/import-upload';
import type { Actor } from '../../usecases/shared/actor';
import type { TabImportAnswer } from './import-types';
import { jsonObject } from './request-params';
import type { TabApiDeps } from './tab-api-deps';

/** A plan is a few hundred rows: 5 MB is far more than one needs, and base64 adds a third. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const BODY_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;
const MAX_CHOICES = 200;

type Route = (
  handler: (req: Request, res: Response, actor: Actor) => Promise<void>,
) => express.RequestHandler;

export function mountImportRoutes(router: Router, route: Route, deps: TabApiDeps): void {
  const readJson = express.json({ limit: BODY_LIMIT, strict: true });
  const readRaw = express.raw({ type: 'application/json', limit: BODY_LIMIT });
  router.post(
    '/api/tab/import',
    route(async (req, res, actor) => {
      const uploader: Uploader = {
        email: actor.email,
        name: actor.name,
        ...(actor.groups ? { groups: actor.groups } : {}),
      };
      const creators = deps.planCreators ?? NO_PLAN_CREATORS;
      // The dashboard names the plan outside the body, so the decision comes before a byte of it is read.
      const named = planIdNamed(req);
      let body: ImportBody;
      let sheets: SheetRows[];
      if (named !== undefined) {
        await mayImport(deps.stores, uploader, named, creators);
        // Busy now: no point gathering a body the worker could not read.
        await guarded(res, async () => assertReaderFree());
        // The bytes gathered here; unwrapping them (JSON, base64) and the file are the worker's.
        const raw = plainJson(req) ? await chunksOf(req, BODY_LIMIT) : await bodyOf(readRaw, req, res);
        const contents =
          Array.isArray(raw) || Buffer.isBuffer(raw)
            ? await guarded(res, () =>
                readUploadInWorker(raw, {
                  fileField: 'file',
                  nameField: 'fileName',
                  maxFileBytes: MAX_UPLOAD_BYTES,
                }),
              )
            : {};
        body = readRequest(contents.fields, contents.fileIssue);
        if (body.planId !== named) {
          throw new ValidationError([{ field: 'planId', reason: 'must be the plan the request names' }]);
        }
        if (contents.refusal) throw new ValidationError(contents.refusal);
        if (!contents.sheets) throw new Error('The upload was read without its sheets');
        sheets = contents.sheets;
      } else {
        // A client that names the plan only in the body: decided after the body, still before the file.
        const record = await bodyOf(readJson, req, res);
        const file = fileIn(record);
        body = readRequest(record, file.issue);
        await mayImport(deps.stores, uploader, body.planId, creators);
        sheets = await guarded(res, () =>
          parseWorkbookInWorker(
            file.bytes ?? Buffer.alloc(0),
            body.format,
            body.fileName.replace(/\.[^.]*$/, ''),
          ),
        );
      }
      const report = await importUpload(
        { stores: deps.stores, clock: deps.clock, calendar: deps.calendar, random: Math.random },
        uploader,
        {
          planId: body.planId,
          ...(body.title ? { title: body.title } : {}),
          sheets,
          choices: body.choices,
          confirm: body.confirm,
          sourceName: body.fileName,
          takeFile: body.takeFile,
        },
        creators,
      );
      res.json(answerOf(report));
    }),
  );
}

/** The plan named in ?planId=… or an X-Plan-Id header, checked for shape; undefined when neither is given. */
function planIdNamed(req: Request): string | undefined {
  const value = req.query.planId ?? req.headers['x-plan-id'];
  if (value === undefined) return undefined;
  const planId = typeof value === 'string' ? value.trim() : '';
  if (!PLAN_ID_PATTERN.test(planId)) {
    throw new ValidationError([
      { field: 'planId', reason: 'use 2–63 lower-case letters, digits and hyphens, like leeds-2024' },
    ]);
  }
  return planId;
}

/** The body, read (with its size cap) only when called; a parser error goes on to the app's handler. */
function bodyOf(parser: express.RequestHandler, req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => {
    parser(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body)));
  });
}

/**
 * A JSON body sent as is (no Content-Encoding), the dashboard's upload: gathered here as the chunks it
 * arrives in, not joined into one buffer, so the worker can take them over without a copy on this thread.
 * Anything else (a compressed body, another type) goes through the body parser as before.
 */
function plainJson(req: Request): boolean {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  return encoding === 'identity' && typeof req.is('application/json') === 'string';
}

/** The body's chunks, held to the parser's limit with the parser's errors (so the same answers follow). */
function chunksOf(req: Request, limit: number): Promise<Buffer[]> {
  const failure = (status: number, type: string, message: string) =>
    Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
  const declared =
    req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared !== undefined && declared > limit) {
    return Promise.reject(failure(413, 'entity.too.large', 'request entity too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const fail = (error: Error) => {
      stop();
      // The rest is read off and dropped (as the body parser does), so the connection can carry the answer.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) fail(failure(413, 'entity.too.large', 'request entity too large'));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      if (declared !== undefined && received !== declared) {
        reject(failure(400, 'request.size.invalid', 'request size did not match content length'));
      } else resolve(chunks);
    };
    const onError = (error: Error) => fail(error);
    const onClose = () => fail(failure(400, 'request.aborted', 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Work in the reader's worker; a second upload meanwhile is told when to try again. */
async function guarded<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ParserBusyError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}

type FileIssue = 'missing' | 'too-large';

/** The file in an already parsed body (base64), or why there is none. */
function fileIn(body: unknown): { bytes?: Buffer; issue?: FileIssue } {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const file = typeof record.file === 'string' ? record.file : '';
  if (file === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(file)) return { issue: 'missing' };
  const bytes = Buffer.from(file, 'base64');
  return bytes.length > MAX_UPLOAD_BYTES ? { issue: 'too-large' } : { bytes };
}

function answerOf(report: ImportReport): TabImportAnswer {
  return {
    planId: report.planId,
    planCreated: report.planCreated,
    written: report.written,
    sheets: report.sheets,
    readings: report.readings,
    problems: report.problems,
    changes: {
      areasCreated: report.areas.created,
      areasUpdated: report.areas.updated,
      created: report.actions.created,
      updated: report.actions.updated,
      unchanged: report.actions.unchanged,
      notInFile: report.actions.notInFile,
      edited: report.actions.edited.map(({ editedAt: _at, editedBy: _by, ...shown }) => shown),
    },
    columns: IMPORT_COLUMNS.map((id) => ({ id, label: COLUMN_LABELS[id] })),
    ...(report.measures
      ? {
          measures: {
            sheets: report.measures.sheets.map((s) => s.name),
            created: report.measures.created,
            updated: report.measures.updated,
            unchanged: report.measures.unchanged,
            values: report.measures.values.map((v) => `${v.id}: ${v.value} for ${v.period}`),
          },
        }
      : {}),
  };
}

interface ImportBody {
  planId: string;
  title?: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  choices: ImportChoices;
  confirm: boolean;
  takeFile: TakeFile;
}

/** The request's fields, every problem with them (and with the file, `fileIssue`) reported at once. */
function readRequest(body: unknown, fileIssue: FileIssue | undefined): ImportBody {
  const record = jsonObject(body);
  const issues: { field: string; reason: string }[] = [];
  const text = (field: string, max: number): string => {
    const value = record[field];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string' || value.length > max) {
      issues.push({ field, reason: `must be text of at most ${max} characters` });
      return '';
    }
    return value.trim();
  };
  const planId = text('planId', 63);
  if (!PLAN_ID_PATTERN.test(planId))
    issues.push({
      field: 'planId',
      reason: 'use 2–63 lower-case letters, digits and hyphens, like leeds-2024',
    });
  const title = text('title', 200);
  const fileName = text('fileName', 255);
  let format: 'csv' | 'xlsx' = 'csv';
  try {
    format = formatOf(fileName);
  } catch {
    issues.push({ field: 'file', reason: 'choose a .csv or .xlsx file' });
  }
  if (fileIssue === 'missing') issues.push({ field: 'file', reason: 'is missing' });
  if (fileIssue === 'too-large') {
    issues.push({ field: 'file', reason: `is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  }
  const choices = readChoices(record.choices, issues);
  const takeFile = readTakeFile(record.takeFile, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    planId,
    ...(title ? { title } : {}),
    fileName,
    format,
    choices,
    confirm: record.confirm === true,
    takeFile,
  };
}

/** The values edited in Action Tracker whose file value the person chose: [{ actionId, field }]. */
function readTakeFile(value: unknown, issues: { field: string; reason: string }[]): TakeFile {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) && value.length <= MAX_CHOICES ? value : undefined;
  const chosen = (items ?? []).flatMap((item) => {
    const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const actionId = typeof record.actionId === 'string' ? record.actionId.trim() : '';
    const field = typeof record.field === 'string' ? importedFieldNamed(record.field) : undefined;
    return actionId !== '' && actionId.length <= 64 && field ? [{ actionId, field }] : [];
  });
  if (!items || chosen.length !== items.length) {
    issues.push({ field: 'takeFile', reason: 'must be a list of { actionId, field } the preview named' });
    return [];
  }
  return chosen;
}

function readChoices(value: unknown, issues: { field: string; reason: string }[]): ImportChoices {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ field: 'choices', reason: 'must be an object' });
    return {};
  }
  const { leaveOut, mapping } = value as Record<string, unknown>;
  const choices: { leaveOut?: string[]; mapping?: Record<string, Column | 'ignore'> } = {};
  if (leaveOut !== undefined) {
    if (
      !Array.isArray(leaveOut) ||
      leaveOut.length > MAX_CHOICES ||
      !leaveOut.every((s) => typeof s === 'string' && s.length <= 200)
    ) {
      issues.push({ field: 'leaveOut', reason: 'must be a list of sheet names' });
    } else choices.leaveOut = leaveOut;
  }
  if (mapping !== undefined) {
    const entries = mapping && typeof mapping === 'object' ? Object.entries(mapping) : [];
    const valid =
      !Array.isArray(mapping) &&
      entries.length <= MAX_CHOICES &&
      entries.every(([h, c]) => h.length <= 200 && typeof c === 'string' && (isColumn(c) || c === 'ignore'));
    if (!valid)
      issues.push({
        field: 'mapping',
        reason: `must map headers to one of ${IMPORT_COLUMNS.join(', ')} or ignore`,
      });
    else choices.mapping = Object.fromEntries(entries) as Record<string, Column | 'ignore'>;
  }
  return choices;
}
