/**
 * The paper's "What difference has it made" part: each area's measures with their status, drawn from the
 * values as they stood on the day the report is "as at". A round's paper reads the values reported by the
 * round's close (a later correction does not rewrite a paper already sent to a committee); the plan's
 * current paper reads every value up to today.
 */
import { calendarDateIn, formatUkDate, type IsoDate } from '../../domain/dates';
import {
  assessMeasure,
  currentValues,
  describeMeasure,
  MEASURE_KIND_LABELS,
  type Measure,
  type MeasureAssessment,
  type MeasureStatus,
  type MeasureValue,
  periodLabel,
  polarityWords,
  STATUS_WORDS,
} from '../../domain/measures';
import type { Plan } from '../../domain/plan';
import type { ProgressReport } from '../../domain/progress-report';
import type { Stores } from '../ports/index';

export interface ReportMeasureValue {
  period: string;
  periodLabel: string;
  value: number;
}

export interface ReportMeasure {
  measure: Measure;
  assessment: MeasureAssessment;
  /** "62% (31 Mar 2026) → 71% (Oct–Dec 2026) → 85% by 31 Mar 2027; higher is better; on track". */
  sentence: string;
  /** "on track", "off track", "no data". */
  statusWords: string;
  /** "higher is better". */
  direction: string;
  /** "Is anyone better off?" */
  kindLabel: string;
  /** The value that counts for each period (corrections applied), oldest first: what the chart draws. */
  values: ReportMeasureValue[];
}

export interface ReportAreaMeasures {
  areaId: string;
  areaText: string;
  measures: ReportMeasure[];
}

export interface ReportMeasures {
  /** Only areas with at least one measure: an area without any prints nothing extra. */
  areas: ReportAreaMeasures[];
  counts: Record<MeasureStatus, number>;
  total: number;
  /** "values as reported by 30 Nov 2026, when the round closed", or "values as reported by 6 Dec 2026". */
  valuesAsAt: string;
}

/** The progress report with its measures: absent for a plan that has none. */
export type PlanProgressReport = ProgressReport & { measures?: ReportMeasures };

/**
 * The measures part for a report as at `asAt`. `round` says the day is a round's close, so only values
 * reported by the end of that day (in the plan's time zone) count.
 */
export async function reportMeasures(
  stores: Stores,
  plan: Plan,
  asAt: IsoDate,
  areas: readonly { id: string; text: string }[],
  options: { roundClose?: boolean } = {},
): Promise<ReportMeasures | undefined> {
  const [stored, allValues] = await Promise.all([
    stores.measures.list(plan.id),
    stores.measures.listValues(plan.id),
  ]);
  if (stored.length === 0) return undefined;
  const values = options.roundClose
    ? allValues.filter((v) => calendarDateIn(plan.timeZone, new Date(v.reportedAt)) <= asAt)
    : allValues;
  // Grouped once: a plan of 500 measures with two years of values each is read in one pass.
  const byMeasure = new Map<string, MeasureValue[]>();
  for (const value of values) {
    const list = byMeasure.get(value.measureId);
    if (list) list.push(value);
    else byMeasure.set(value.measureId, [value]);
  }
  const counts: Record<MeasureStatus, number> = { 'on-track': 0, 'off-track': 0, 'no-data': 0 };
  const measures = stored.map((s) => s.value);
  const order = [...areas.map((a) => a.id), ...measures.map((m) => m.areaId)];
  const areaIds = [...new Set(order)].filter((id) => measures.some((m) => m.areaId === id));
  const parts = areaIds.map((areaId) => ({
    areaId,
    areaText: areas.find((a) => a.id === areaId)?.text ?? '',
    measures: measures
      .filter((m) => m.areaId === areaId)
      .map((measure) => {
        const part = reportMeasure(measure, byMeasure.get(measure.id) ?? [], asAt);
        counts[part.assessment.status] += 1;
        return part;
      }),
  }));
  return {
    areas: parts,
    counts,
    total: measures.length,
    valuesAsAt: options.roundClose
      ? `values as reported by ${formatUkDate(asAt)}, when the round closed`
      : `values as reported by ${formatUkDate(asAt)}`,
  };
}

function reportMeasure(measure: Measure, own: readonly MeasureValue[], asAt: IsoDate): ReportMeasure {
  const assessment = assessMeasure(measure, own, asAt);
  return {
    measure,
    assessment,
    sentence: describeMeasure(measure, assessment),
    statusWords: STATUS_WORDS[assessment.status],
    direction: polarityWords(measure.polarity, measure.unit),
    kindLabel: MEASURE_KIND_LABELS[measure.kind],
    values: currentValues(own.filter((v) => v.period <= asAt.slice(0, 7))).map((v) => ({
      period: v.period,
      periodLabel: periodLabel(measure.frequency, v.period),
      value: v.value,
    })),
  };
}

/** "2 on track, 1 off track, 0 with no data (of 3 measures)". */
export function describeMeasureCounts(measures: ReportMeasures): string {
  const { counts, total } = measures;
  return `${counts['on-track']} on track, ${counts['off-track']} off track, ${counts['no-data']} with no data (of ${total} measure${total === 1 ? '' : 's'})`;
}
