/**
 * `measures --plan <id>` (the plan's impact measures and their status) and `measure add|value …` (define
 * one; record a period's value), from the terminal. Thin wrappers over the measures use case; the
 * operator at the keyboard is trusted, and every refusal reads as it does on the other surfaces.
 */
import {
  describeMeasure,
  formatMeasureValue,
  MEASURE_KIND_LABELS,
  periodLabel,
  STATUS_WORDS,
} from '../domain/measures';
import { defineMeasure, listMeasures, recordMeasureValue } from '../usecases/measures/measures';
import { operator, settled } from './cli-outcome';
import { type CliContext, clockFrom, type Options, required, UsageError } from './commands';
import { table } from './output';

export const MEASURES_USAGE = `  measures --plan <planId> [--now <ISO>]  the plan's impact measures: baseline, latest, target and status`;

export const MEASURE_USAGE = `  measure add --plan <planId> --measure <id> --area <areaId> --name "…" --unit number|percentage|days|count
         --better higher|lower|within [--low <n> --high <n>] --baseline <n> --baseline-date <YYYY-MM-DD>
         --target <n> --target-date <YYYY-MM-DD> --frequency monthly|quarterly|termly --reporter <address>
         --kind how-much|how-well|better-off [--actions 1.1,1.2] [--definition "…"] [--source "…"]
  measure value --plan <planId> --measure <id> --period <YYYY-MM> --value <n> [--note "…"] [--now <ISO>]
                                  record a period's value (a second one for a period corrects it; both are kept)`;

const text = (options: Options, name: string): string | undefined =>
  typeof options[name] === 'string' ? (options[name] as string) : undefined;

export async function measuresCommand(cli: CliContext, options: Options): Promise<void> {
  // --now moves the CLI in time, as for `sweep`: the status is today's, in the plan's time zone.
  const ctx = { ...cli, clock: clockFrom(cli, options) };
  const planId = required(options, 'plan');
  const { measures } = settled(await listMeasures(ctx, operator(ctx.actor), planId));
  if (measures.length === 0) {
    ctx.print(`Plan ${planId} has no impact measures yet. Add one with \`measure add\`.`);
    return;
  }
  ctx.print(
    table(
      ['Measure', 'Area', 'Kind', 'Baseline', 'Latest', 'Target', 'Status'],
      measures.map(({ measure, assessment }) => [
        `${measure.id} ${measure.name}`,
        measure.areaId,
        MEASURE_KIND_LABELS[measure.kind],
        formatMeasureValue(measure.unit, measure.baseline.value),
        assessment.latest
          ? `${formatMeasureValue(measure.unit, assessment.latest.value)} (${assessment.latest.periodLabel})`
          : '–',
        formatMeasureValue(measure.unit, measure.target.value),
        `${STATUS_WORDS[assessment.status]}: ${assessment.reason}`,
      ]),
    ),
  );
}

export async function measureCommand(
  ctx: CliContext,
  sub: string | undefined,
  options: Options,
): Promise<void> {
  const planId = required(options, 'plan');
  switch (sub) {
    case 'add': {
      const measure = settled(
        await defineMeasure(ctx, operator(ctx.actor), planId, {
          id: required(options, 'measure'),
          areaId: required(options, 'area'),
          actionIds: (text(options, 'actions') ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== ''),
          name: required(options, 'name'),
          definition: text(options, 'definition') ?? '',
          source: text(options, 'source') ?? '',
          unit: required(options, 'unit'),
          better: required(options, 'better'),
          low: text(options, 'low') ?? '',
          high: text(options, 'high') ?? '',
          baseline: required(options, 'baseline'),
          baselineDate: required(options, 'baseline-date'),
          target: required(options, 'target'),
          targetDate: required(options, 'target-date'),
          frequency: required(options, 'frequency'),
          reporter: required(options, 'reporter'),
          kind: required(options, 'kind'),
        }),
      );
      ctx.print(
        `Added measure ${measure.id} "${measure.name}" to plan ${planId}, reported ${measure.frequency} by ${measure.reporter}`,
      );
      return;
    }
    case 'value': {
      const recorded = settled(
        await recordMeasureValue(ctx, operator(ctx.actor), {
          planId,
          measureId: required(options, 'measure'),
          period: required(options, 'period'),
          value: required(options, 'value'),
          ...(text(options, 'note') ? { note: text(options, 'note') } : {}),
        }),
      );
      const { measure, value, corrects, assessment } = recorded;
      const period = periodLabel(measure.frequency, value.period);
      ctx.print(
        corrects
          ? `Corrected ${measure.id} for ${period}: ${formatMeasureValue(measure.unit, corrects.value)} → ${formatMeasureValue(measure.unit, value.value)} (both are kept in its history)`
          : `Recorded ${formatMeasureValue(measure.unit, value.value)} for ${measure.id} in ${period}`,
      );
      ctx.print(describeMeasure(measure, assessment));
      return;
    }
    default:
      throw new UsageError('measure add|value --plan <planId> …');
  }
}
