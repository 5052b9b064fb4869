/**
 * POST /api/tab/import: a spreadsheet uploaded from the dashboard, previewed or (with confirm) imported.
 * The file travels with every request, so nothing about it is kept on the server before the person
 * confirms; the same size and workbook limits as the CLI are checked before it is parsed.
 */
import express, { type Request, type Response, type Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { NO_PLAN_CREATORS } from '../../domain/plan-creators';
import type { ImportChoices } from '../../domain/plan-import';
import { COLUMN_LABELS, type Column, IMPORT_COLUMNS, isColumn } from '../../domain/spreadsheet-columns';
import { PLAN_ID_PATTERN } from '../../domain/validation';
import { formatOf, parseWorkbook } from '../../spreadsheets/read-spreadsheet';
import type { ImportReport } from '../../usecases/plans/import-plan';
import { importUpload } from '../../usecases/plans/import-upload';
import type { TabImportAnswer } from './import-types';
import { jsonObject } from './request-params';
import type { TabApiDeps } from './tab-api-deps';
import type { Caller } from './tab-auth';

/** A plan is a few hundred rows: 5 MB is far more than one needs, and base64 adds a third. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const BODY_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;
const MAX_CHOICES = 200;

type Route = (
  handler: (req: Request, res: Response, caller: Caller) => Promise<void>,
) => express.RequestHandler;

export function mountImportRoutes(router: Router, route: Route, deps: TabApiDeps): void {
  router.post(
    '/api/tab/import',
    express.json({ limit: BODY_LIMIT, strict: true }),
    route(async (req, res, caller) => {
      const body = readRequest(req.body);
      const sheets = await parseWorkbook(body.bytes, body.format, body.fileName.replace(/\.[^.]*$/, ''));
      const report = await importUpload(
        { stores: deps.stores, clock: deps.clock, calendar: deps.calendar, random: Math.random },
        { email: caller.email, name: caller.name, ...(caller.groups ? { groups: caller.groups } : {}) },
        {
          planId: body.planId,
          ...(body.title ? { title: body.title } : {}),
          sheets,
          choices: body.choices,
          confirm: body.confirm,
          sourceName: body.fileName,
        },
        deps.planCreators ?? NO_PLAN_CREATORS,
      );
      res.json(answerOf(report));
    }),
  );
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
    },
    columns: IMPORT_COLUMNS.map((id) => ({ id, label: COLUMN_LABELS[id] })),
  };
}

interface ImportBody {
  planId: string;
  title?: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  bytes: Buffer;
  choices: ImportChoices;
  confirm: boolean;
}

function readRequest(body: unknown): ImportBody {
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
  const file = typeof record.file === 'string' ? record.file : '';
  if (file === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(file))
    issues.push({ field: 'file', reason: 'is missing' });
  const bytes = Buffer.from(file, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    issues.push({ field: 'file', reason: `is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  }
  const choices = readChoices(record.choices, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    planId,
    ...(title ? { title } : {}),
    fileName,
    format,
    bytes,
    choices,
    confirm: record.confirm === true,
  };
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
