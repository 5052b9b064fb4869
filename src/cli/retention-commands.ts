/** `close` and `purge`: the end of a plan's life, as the README's "Data retention" describes. */
import { extname } from 'node:path';
import { formatUkDate } from '../domain/dates';
import { purgeableFrom } from '../domain/retention';
import { formatOf } from '../spreadsheets/read-spreadsheet';
import { writeSpreadsheet } from '../spreadsheets/write-spreadsheet';
import { MEASURES_SHEET } from '../usecases/plans/export-plan';
import { closePlanForGood, preparePurge, purgePlan } from '../usecases/retention/retention';
import { type CliContext, type Options, required, UsageError } from './commands';
import { table } from './output';

export async function closeCommand(ctx: CliContext, options: Options, retentionDays: number): Promise<void> {
  const planId = required(options, 'plan');
  const closed = await closePlanForGood(ctx, planId, ctx.actor);
  ctx.print(
    `Plan ${planId} is closed: no more reminders, rounds or digests. It is kept until it may be purged from ${formatUkDate(purgeableFrom(closed, retentionDays)!)} (RETENTION_DAYS=${retentionDays}).`,
  );
}

/**
 * Exports the plan, its history and its measures to files, and only then erases it. A workbook carries the
 * measures on their own sheet, as `export` writes it; beside a CSV they go in `<out>-measures.csv`. Every
 * value reported (corrections too) goes in `<out>-measure-values.csv`.
 */
export async function purgeCommand(ctx: CliContext, options: Options, retentionDays: number): Promise<void> {
  const planId = required(options, 'plan');
  const out = required(options, 'out');
  const format = formatOf(out);
  if (!format) throw new UsageError('--out must end in .csv or .xlsx');
  const prepared = await preparePurge(ctx, planId, ctx.actor, retentionDays);
  const beside = (suffix: string) => `${out.slice(0, -extname(out).length)}-${suffix}.csv`;
  const historyFile = beside('history');
  const { measureRows } = prepared;
  const measuresSheet = measureRows && format === 'xlsx' ? [{ name: MEASURES_SHEET, rows: measureRows }] : [];
  await writeSpreadsheet(out, format, prepared.planRows, planId, measuresSheet);
  await writeSpreadsheet(historyFile, 'csv', prepared.historyRows, `${planId} history`);
  ctx.print(`Exported plan ${planId} to ${out} and its history to ${historyFile}.`);
  if (measureRows) {
    if (format === 'csv')
      await writeSpreadsheet(beside('measures'), 'csv', measureRows, `${planId} measures`);
    const valuesFile = beside('measure-values');
    await writeSpreadsheet(valuesFile, 'csv', prepared.measureValueRows, `${planId} measure values`);
    ctx.print(
      `Exported its ${measureRows.length - 1} measures to ${format === 'xlsx' ? `the ${MEASURES_SHEET} sheet of ${out}` : beside('measures')} and every value reported to ${valuesFile}.`,
    );
  }
  const counts = await purgePlan(ctx, prepared, ctx.actor, retentionDays);
  ctx.print(`Plan ${planId} is erased. Rows removed:`);
  ctx.print(
    table(
      ['Table', 'Rows'],
      Object.entries(counts).map(([name, count]) => [name, String(count ?? 0)]),
    ),
  );
}
