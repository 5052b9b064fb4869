import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { compareActionIds } from '../domain/action';
import { CHANNEL_PREFERENCES, type ChannelPreference } from '../domain/contact-channel';
import { formatDueDate, noDeadlineOf } from '../domain/deadline';
import { emailAddress } from '../domain/email-address';
import { NotFoundError, ValidationError } from '../domain/errors';
import { importedFieldNamed, type TakeFile } from '../domain/import-changes';
import { lifecycleLabel } from '../domain/lifecycle';
import { type ImportChoices, problemIssues } from '../domain/plan-import';
import { whyNothingDue } from '../domain/quiet-sweep';
import { RATING_SCALES, type RatingScale, ratingName } from '../domain/rating';
import { type Column, IMPORT_COLUMNS, isColumn } from '../domain/spreadsheet-columns';
import { readPaperOptions } from '../reports/paper-options';
import { renderProgressReport } from '../reports/render-report';
import { measuresCsvName, progressMeasuresCsv, summaryRows } from '../reports/render-tabular';
import { formatOf, readWorkbook } from '../spreadsheets/read-spreadsheet';
import { writeSpreadsheet } from '../spreadsheets/write-spreadsheet';
import { instanceId } from '../support/instance-id';
import { describeOwners } from '../usecases/chat/owners';
import type { Channel, ReachRegistry } from '../usecases/delivery/channel';
import { sendDigests } from '../usecases/digests/send-digests';
import { describeContacts, setContactChannel } from '../usecases/people/contact-channels';
import { exportMeasureRows, exportPlan, MEASURES_SHEET } from '../usecases/plans/export-plan';
import { type ImportDeps, type ImportReport, importPlan } from '../usecases/plans/import-plan';
import type { Clock } from '../usecases/ports/index';
import {
  buildPlanProgressReport,
  type ProgressReportFormat,
  REPORT_FORMATS,
} from '../usecases/reports/build-progress-report';
import { runSweep } from '../usecases/sweep/run-sweep';
import { quietSweep } from '../usecases/sweep/sweep-summary';
import { clip, table } from './output';

/** What the use cases need (the import's needs are the widest), plus the terminal and who is at it. */
export interface CliContext extends ImportDeps {
  print: (text: string) => void;
  /** Who is at the keyboard, for the audit trail. */
  actor: string;
  /** Asks a question at the terminal; absent when no one is there to answer (a script, a pipe). */
  ask?: (question: string) => Promise<string>;
}

/** Parsed flags; repeatable ones (`--add`) are lists. */
export type Options = Record<string, string | boolean | string[] | undefined>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export async function importCommand(
  ctx: CliContext,
  file: string | undefined,
  options: Options,
): Promise<void> {
  if (!file) throw new UsageError('give the file to import: import <file.csv|file.xlsx> --plan <planId>');
  const planId = required(options, 'plan');
  const scale = options.scale;
  if (scale !== undefined && !RATING_SCALES.includes(scale as RatingScale)) {
    throw new UsageError(`--scale must be one of ${RATING_SCALES.join(', ')}`);
  }
  const sheets = await readWorkbook(file);
  const request = {
    planId,
    sheets,
    choices: importChoices(options),
    ...(typeof options.title === 'string' ? { title: options.title } : {}),
    ...(scale ? { ratingScale: scale as RatingScale } : {}),
    actor: ctx.actor,
    sourceName: file.split(/[\\/]/).pop() ?? file,
    takeFile: takeFileChoices(options),
  };
  // Read first, write only once the readings are seen (or --yes says they need not be).
  const preview = await importPlan(ctx, { ...request, dryRun: true });
  if (preview.missingColumns.length > 0) throw new ValidationError(preview.missingColumns);
  assertChoicesFlagged(request.takeFile, preview);
  const dryRun = options['dry-run'] === true;
  const good = preview.actions.created.length + preview.actions.updated.length + preview.actions.unchanged;
  const problems = preview.problems.length;
  if (dryRun || problems > 0 || ctx.ask) ctx.print(describeImport(preview));
  if (dryRun) {
    if (problems > 0) throw new ValidationError(problemIssues(preview.problems));
    return;
  }
  if (options.yes !== true) {
    if (!ctx.ask) {
      // A script without --yes keeps today's rule: a file with any problem writes nothing.
      if (problems > 0) {
        ctx.print(`\nRun again with --yes to import the ${good} good rows and leave these out.`);
        throw new ValidationError(problemIssues(preview.problems));
      }
    } else {
      const question =
        problems > 0
          ? `Import the ${good} good rows and leave out ${problems} with problems? [y/N] `
          : `Import these ${good} actions? [y/N] `;
      if (!/^y(es)?$/i.test((await ctx.ask(question)).trim())) {
        ctx.print('Cancelled: nothing was written.');
        return;
      }
    }
  }
  const report = await importPlan(ctx, { ...request, dryRun: false, importGoodRows: true });
  ctx.print(ctx.ask || problems > 0 ? describeCounts(report) : describeImport(report));
}

/**
 * --take-file 2.1:owners (repeatable, or comma-separated; the field by its label or code name) takes the
 * file's value for a value edited in Action Tracker since the last import; --take-file-all takes every one.
 * Without them, every such value keeps what Action Tracker has.
 */
function takeFileChoices(options: Options): TakeFile {
  if (options['take-file-all'] === true) return 'all';
  const given = options['take-file'];
  const entries = (given === undefined ? [] : Array.isArray(given) ? given : [given])
    .flatMap((entry) => (typeof entry === 'string' ? entry.split(',') : []))
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    const field = at > 0 ? importedFieldNamed(entry.slice(at + 1)) : undefined;
    if (!field)
      throw new UsageError(
        `--take-file "${entry}" should be "<action>:<field>", such as 2.1:owners or "2.1:success measure"`,
      );
    return { actionId: entry.slice(0, at).trim(), field };
  });
}

/** A --take-file that names no value edited in Action Tracker is a mistake worth saying, not ignoring. */
function assertChoicesFlagged(takeFile: TakeFile, preview: ImportReport): void {
  if (takeFile === 'all') return;
  for (const choice of takeFile) {
    if (!preview.actions.edited.some((e) => e.actionId === choice.actionId && e.field === choice.field)) {
      throw new UsageError(
        `--take-file ${choice.actionId}:${choice.field}: the file does not change a value of action ${choice.actionId} edited in Action Tracker since the last import`,
      );
    }
  }
}

/** --sheet, --header-row and --map "Header=column" (repeatable; "Header=ignore" leaves one out). */
function importChoices(options: Options): ImportChoices {
  const headerRow = options['header-row'];
  const row = headerRow === undefined ? undefined : Number(headerRow);
  if (row !== undefined && !(Number.isInteger(row) && row >= 1 && row <= 1000)) {
    throw new UsageError('--header-row must be the row number of the header, such as 4');
  }
  const maps = options.map === undefined ? [] : Array.isArray(options.map) ? options.map : [options.map];
  const mapping: Record<string, Column | 'ignore'> = {};
  for (const entry of maps) {
    const at = typeof entry === 'string' ? entry.lastIndexOf('=') : -1;
    const header = at > 0 ? (entry as string).slice(0, at).trim() : '';
    const column = at > 0 ? (entry as string).slice(at + 1).trim() : '';
    if (header === '' || !(isColumn(column) || column === 'ignore')) {
      throw new UsageError(
        `--map "${String(entry)}" should be "Header=column", column one of ${IMPORT_COLUMNS.join(', ')} or ignore`,
      );
    }
    mapping[header] = column as Column | 'ignore';
  }
  return {
    ...(typeof options.sheet === 'string' ? { onlySheet: options.sheet } : {}),
    ...(row !== undefined ? { headerRow: row } : {}),
    ...(maps.length > 0 ? { mapping } : {}),
  };
}

export function describeImport(report: ImportReport): string {
  const lines = [
    ...report.sheets.map((sheet) =>
      sheet.included
        ? `Sheet "${sheet.name}": header on row ${sheet.headerRow}, ${sheet.rows} rows`
        : `Sheet "${sheet.name}": not read (${sheet.skippedBecause})`,
    ),
    'Columns:',
    ...report.mapping.map((m) => `  "${m.header}" → ${m.column}`),
    ...(report.ignoredHeaders.length > 0
      ? [`  ignored: ${report.ignoredHeaders.map((h) => `"${h}"`).join(', ')}`]
      : []),
    ...(report.measures?.sheets ?? []).map(
      (sheet) =>
        `Sheet "${sheet.name}" (measures): ${sheet.mapping.map((m) => `"${m.header}" → ${m.column}`).join(', ') || 'no header found'}`,
    ),
    ...(report.measures?.readings ?? []).map(
      (r) => `  ${r.sheet} row ${r.row}, measure ${r.measureId}, ${r.column}: "${r.text}" → ${r.reading}`,
    ),
  ];
  if (report.readings.length > 0) {
    lines.push('', 'Readings (check them):');
    for (const r of report.readings) {
      lines.push(`  ${r.sheet} row ${r.row}, action ${r.actionId}, ${r.column}: "${r.text}" → ${r.reading}`);
    }
  }
  if (report.problems.length > 0) {
    lines.push('', `Rows with problems, not imported (${report.problems.length}):`);
    for (const p of report.problems) {
      const reasons = p.issues.map((i) => `${i.field} ${i.reason}`).join('; ');
      lines.push(`  ${p.sheet} row ${p.row}${p.actionId ? `, action ${p.actionId}` : ''}: ${reasons}`);
    }
  }
  lines.push('', describeCounts(report));
  return lines.join('\n');
}

function describeCounts(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run — nothing written. Would have' : 'Plan'} ${report.planId}${report.planCreated ? ' (new plan)' : ''}:`,
    `  areas:   ${report.areas.created} created, ${report.areas.updated} updated`,
    `  actions: ${report.actions.created.length} created, ${report.actions.updated.length} updated, ${report.actions.unchanged} unchanged`,
    ...report.actions.updated.map((u) => `    ${u.id}: ${u.fields.join(', ')}`),
    ...(report.measures
      ? [
          `  measures: ${report.measures.created.length} created, ${report.measures.updated.length} updated, ${report.measures.unchanged} unchanged, ${report.measures.values.length} latest values recorded`,
          ...report.measures.updated.map((u) => `    ${u.id}: ${u.fields.join(', ')}`),
        ]
      : []),
  ];
  if (report.actions.notInFile.length > 0) {
    lines.push(`  kept, not in this file: ${report.actions.notInFile.join(', ')}`);
  }
  const edited = report.actions.edited;
  if (edited.length > 0) {
    lines.push(`  edited in Action Tracker since the last import (${edited.length}):`);
    for (const e of edited) {
      const way =
        e.took === 'app'
          ? `${report.dryRun ? 'keeping' : 'kept'} Action Tracker's value`
          : `${report.dryRun ? 'taking' : 'took'} the file's value`;
      lines.push(
        `    ${e.actionId} ${e.label}: ${e.appValue} (Action Tracker) → ${e.fileValue} (file), ${e.edited}: ${way}`,
      );
    }
    const kept = edited.filter((e) => e.took === 'app');
    if (report.dryRun && kept.length > 0) {
      lines.push(
        `  To take the file's value instead: --take-file ${kept[0]!.actionId}:${kept[0]!.field} (repeatable), or --take-file-all`,
      );
    }
  }
  return lines.join('\n');
}

export async function exportCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const out = required(options, 'out');
  const format = (options.format as string | undefined) ?? extname(out).slice(1);
  if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
  if (formatOf(out) !== format) throw new UsageError(`--out should end in .${format}`);
  const rows = await exportPlan(ctx.stores, planId, ctx.actor, ctx.clock.now());
  // A workbook carries the measures on their own sheet; a CSV is one table, the actions.
  const measures = format === 'xlsx' ? await exportMeasureRows(ctx.stores, planId) : undefined;
  await writeSpreadsheet(
    out,
    format,
    rows,
    planId,
    measures ? [{ name: MEASURES_SHEET, rows: measures }] : [],
  );
  ctx.print(
    `Exported ${rows.length - 1} actions${measures ? ` and ${measures.length - 1} measures` : ''} of plan ${planId} to ${out}`,
  );
}

/**
 * The inspection-ready progress report (front page, quadrants, one table per area) from the plan now, or
 * from a closed monitoring round's snapshot with --round.
 */
export async function reportCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const out = required(options, 'out');
  const format = (options.format as string | undefined) ?? extname(out).slice(1).toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  if (extname(out).slice(1).toLowerCase() !== format) throw new UsageError(`--out should end in .${format}`);
  const kind = format as ProgressReportFormat;
  const round = options.round === undefined ? undefined : Number(options.round);
  if (round !== undefined && !(Number.isInteger(round) && round >= 1))
    throw new UsageError('--round must be a round number such as 2');
  // The paper's inputs are checked before anything is built: a bad date is refused with nothing written.
  const paper = readPaperOptions({
    title: options.title,
    meeting: options.meeting,
    marking: options.marking,
    committee: options.committee,
    date: options.date,
    author: options.author,
    recommendations: options.recommendation,
  });
  const group = typeof options.group === 'string' ? options.group : undefined;
  const report = await buildPlanProgressReport(ctx.stores, planId, ctx.actor, ctx.clock.now(), kind, {
    ...(round ? { round } : {}),
    ...(group ? { group } : {}),
  });
  await writeFile(out, await renderProgressReport(report, kind, paper));
  ctx.print(`Progress report of plan ${planId} as at ${report.asAtLabel} written to ${out}`);
  // A CSV is one table: the measures go in a sibling file (render-tabular.ts says why).
  const measures = kind === 'csv' ? progressMeasuresCsv(report) : undefined;
  if (measures) {
    await writeFile(measuresCsvName(out), measures);
    ctx.print(`Its measures written to ${measuresCsvName(out)}`);
  }
  // The same front-page figures as the XLSX Summary sheet.
  const [headers = [], ...rows] = summaryRows(report);
  ctx.print(table(headers, rows));
}

/**
 * `contact --plan <id> --email <address> --channel email|teams|both|auto`: how a coordinator has someone
 * the plan names reached (audited); without --channel, shows how they are reached now.
 */
export async function contactCommand(
  ctx: CliContext,
  options: Options,
  channels: ReachRegistry,
): Promise<void> {
  const planId = required(options, 'plan');
  const email = emailAddress(required(options, 'email'));
  const channel = options.channel;
  if (channel !== undefined) {
    if (typeof channel !== 'string' || !CHANNEL_PREFERENCES.includes(channel as ChannelPreference))
      throw new UsageError(`--channel must be one of ${CHANNEL_PREFERENCES.join(', ')}`);
    const { changed } = await setContactChannel(ctx, {
      email,
      preference: channel as ChannelPreference,
      actor: ctx.actor,
      planId,
    });
    ctx.print(
      changed ? `${email} is now reached by: ${channel}` : `${email} was already reached by: ${channel}`,
    );
  }
  const view = (await describeContacts(ctx.stores, [email], channels)).get(email)!;
  ctx.print(`${email}: ${view.label}${view.detail ? ` (${view.detail})` : ''}`);
}

/** `owners --plan <id>`: each owner's channel and state, as the next message to them would go. */
export async function ownersCommand(
  ctx: CliContext,
  options: Options,
  reach: { channels: ReachRegistry; emailOn: boolean },
): Promise<void> {
  const planId = required(options, 'plan');
  if (!(await ctx.stores.plans.get(planId))) throw new NotFoundError(`Plan ${planId}`);
  const { actions } = await ctx.stores.actions.readPlan(planId);
  const owners = await describeOwners(
    ctx.stores,
    actions.map((a) => a.value),
    reach.channels,
  );
  if (!reach.emailOn) ctx.print('E-mail is off (no SMTP_URL with an app id): Teams is the only channel.');
  ctx.print(
    table(
      ['Owner', 'E-mail', 'Open', 'Channel', 'Why'],
      owners.map((o) => [
        o.name,
        o.email,
        String(o.openActions),
        o.channelLabel,
        [o.channelDetail, o.reachable ? undefined : `not in Teams: ${o.reason}`].filter(Boolean).join('; '),
      ]),
    ),
  );
}

export async function listCommand(ctx: CliContext, options: Options): Promise<void> {
  const planId = options.plan;
  if (typeof planId !== 'string') {
    const plans = await ctx.stores.plans.list();
    if (plans.length === 0)
      ctx.print('No plans yet. Import one: npm run cli -- import <file> --plan <id> --title "…"');
    else
      ctx.print(
        table(
          ['Plan', 'Title', 'Scale', 'Cadence'],
          plans.map((p) => [p.id, p.title, p.ratingScale, p.cadence]),
        ),
      );
    return;
  }
  const plan = await ctx.stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  const { areas, actions } = await ctx.stores.actions.readPlan(planId);
  const { title, coordinators, leads } = plan.value;
  ctx.print(`${title} (${planId}), ${areas.length} areas, ${actions.length} actions`);
  ctx.print(
    `Coordinators: ${coordinators.join(', ') || 'none yet'}. Leads: ${leads.join(', ') || 'none yet'}.\n`,
  );
  const rows = actions
    .map((a) => a.value)
    .sort((a, b) => compareActionIds(a.id, b.id))
    .map((a) => [
      a.id,
      clip(a.description, 50),
      a.leadAgency,
      a.owners.map((o) => o.email).join('; '),
      formatDueDate(a.currentDueDate, noDeadlineOf(a)),
      a.rating ? ratingName(a.rating) : '—',
      lifecycleLabel(a.lifecycle),
    ]);
  ctx.print(table(['Action', 'Description', 'Lead agency', 'Owner', 'Due', 'Rating', 'Status'], rows));
}

export function isUserError(error: unknown): error is ValidationError | NotFoundError | UsageError {
  return error instanceof ValidationError || error instanceof NotFoundError || error instanceof UsageError;
}

/** The clock a command runs at: `--now` when given (operations and tests), else the real one. */
export function clockFrom(ctx: CliContext, options: Options): Clock {
  if (typeof options.now !== 'string') return ctx.clock;
  const at = new Date(options.now);
  if (Number.isNaN(at.getTime())) {
    throw new UsageError(`--now "${options.now}" is not a date-time like 2025-03-03T09:30:00Z`);
  }
  return { now: () => at };
}

export async function sweepCommand(ctx: CliContext, channel: Channel, options: Options): Promise<void> {
  const clock = clockFrom(ctx, options);
  const dryRun = options['dry-run'] === true;
  const deps = {
    stores: ctx.stores,
    channel,
    calendar: ctx.calendar,
    clock,
    claimant: `cli:${instanceId()}`,
  };
  const report = await runSweep(deps, { dryRun });
  ctx.print(
    `${dryRun ? 'Dry run at' : 'Sweep at'} ${report.at}: ${report.indexEntriesRead} index entries read, ${report.actionsRead} actions read.`,
  );
  if (report.rows.length === 0) {
    ctx.print(whyNothingDue(await quietSweep(deps, report)));
    return;
  }
  ctx.print(
    table(
      ['Plan', 'Action', 'Owner', 'Step', 'Outcome', 'Why'],
      report.rows.map((r) => [r.planId, r.actionId, r.owner ?? '', r.step ?? '', r.outcome, r.reason]),
    ),
  );
}

export async function digestCommand(ctx: CliContext, channel: Channel, options: Options): Promise<void> {
  const planId = required(options, 'plan');
  const clock = clockFrom(ctx, options);
  const dryRun = options['dry-run'] === true;
  const rows = await sendDigests(
    { stores: ctx.stores, channel, calendar: ctx.calendar, clock, claimant: `cli:${instanceId()}` },
    { planId, dryRun },
  );
  if (rows.length === 0) {
    ctx.print(`Plan ${planId} has no leads or coordinators to send a digest to.`);
    return;
  }
  ctx.print(
    table(
      ['Plan', 'To', 'Outcome', 'Why'],
      rows.map((r) => [r.planId, r.recipient, r.outcome, r.reason]),
    ),
  );
}
