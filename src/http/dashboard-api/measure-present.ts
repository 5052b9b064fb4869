/**
 * A measure as the dashboard shows it (issue 21): the summary the list carries (definition, status in
 * words, what the viewer may do) and, for one measure, each period's value with its own standing and
 * every entry ever made. The measures routes (measures-api.ts) answer with these and nothing else.
 */
import { calendarDateIn, formatUkDate, formatUkDateTime, type IsoDate } from '../../domain/dates';
import {
  assessHistory,
  describeMeasure,
  formatMeasureValue,
  MEASURE_KIND_LABELS,
  type Measure,
  type MeasureAssessment,
  type MeasureValue,
  periodContaining,
  periodLabel,
  periodOwed,
  polarityWords,
  STATUS_WORDS,
} from '../../domain/measures';
import type { Plan } from '../../domain/plan';
import { decideOnMeasure } from '../../usecases/access/access';
import type { MeasureRecord, MeasureStanding } from '../../usecases/measures/measures';
import type { Actor } from '../../usecases/shared/actor';
import type { TabMeasure, TabMeasurePoint, TabMeasureSummary } from './measures-types';

/** The plan's "today", in its own time zone: the day the statuses are read on. */
export function planToday(plan: Plan, now: Date): IsoDate {
  return calendarDateIn(plan.timeZone, now);
}

/** The viewer may add measures to this plan: asked of the one policy, as defineMeasure asks it. */
export function mayDefineIn(plan: Plan, viewer: Actor): boolean {
  return decideOnMeasure(viewer, plan, { reporter: '' }, 'define-measure').allowed;
}

/** A measure as the list draws it: status in words, its facts, what the viewer may do; no values. */
export function tabMeasureSummary(
  plan: Plan,
  standing: MeasureStanding,
  today: IsoDate,
  viewer: Actor,
): TabMeasureSummary {
  const { measure, assessment } = standing;
  const unit = (n: number) => formatMeasureValue(measure.unit, n);
  const dated = (d: { value: number; date: IsoDate }) => ({
    value: d.value,
    valueLabel: unit(d.value),
    date: d.date,
    dateLabel: formatUkDate(d.date),
  });
  const owed = periodOwed(measure.frequency, today);
  const { polarity } = measure;
  return {
    id: measure.id,
    areaId: measure.areaId,
    actionIds: [...measure.actionIds],
    name: measure.name,
    definition: measure.definition,
    source: measure.source,
    unit: measure.unit,
    kind: measure.kind,
    kindLabel: MEASURE_KIND_LABELS[measure.kind],
    better: polarity.better,
    ...(polarity.better === 'within' ? { range: { low: polarity.low, high: polarity.high } } : {}),
    polarityWords: polarityWords(polarity, measure.unit),
    baseline: dated(measure.baseline),
    target: dated(measure.target),
    frequency: measure.frequency,
    reporter: measure.reporter,
    status: assessment.status,
    statusWords: STATUS_WORDS[assessment.status],
    reason: assessment.reason,
    ...(assessment.trend ? { trend: assessment.trend } : {}),
    summary: describeMeasure(measure, assessment),
    owed: { period: owed.start, label: owed.label },
    mayReport: decideOnMeasure(viewer, plan, measure, 'report-value').allowed,
    mayDefine: mayDefineIn(plan, viewer),
  };
}

/** One measure in full: each period's value with its standing when the period closed, every entry. */
export function tabMeasure(plan: Plan, record: MeasureRecord, today: IsoDate, viewer: Actor): TabMeasure {
  const { measure, values } = record;
  const history = assessHistory(measure, values);
  // Each entry's "when" is shown twice (its point and its history line): worked out once.
  const reportedAtLabels = new Map<MeasureValue, string>();
  const reportedAtLabel = (entry: MeasureValue): string => {
    let label = reportedAtLabels.get(entry);
    if (label === undefined) {
      label = formatUkDateTime(entry.reportedAt, plan.timeZone);
      reportedAtLabels.set(entry, label);
    }
    return label;
  };
  const entriesPerPeriod = new Map<string, number>();
  for (const v of values) entriesPerPeriod.set(v.period, (entriesPerPeriod.get(v.period) ?? 0) + 1);
  const current = new Set(history.map((h) => h.value));
  const unit = (n: number) => formatMeasureValue(measure.unit, n);
  return {
    ...tabMeasureSummary(plan, record, today, viewer),
    points: history.map(({ value, assessment }) =>
      point(
        measure,
        value,
        assessment,
        reportedAtLabel(value),
        (entriesPerPeriod.get(value.period) ?? 0) > 1,
      ),
    ),
    // Newest first; entries made in the same instant keep the order they were stored in, as currentValues does.
    entries: values
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => b.entry.reportedAt.localeCompare(a.entry.reportedAt) || b.index - a.index)
      .map(({ entry }) => ({
        period: entry.period,
        periodLabel: periodLabel(measure.frequency, entry.period),
        valueLabel: unit(entry.value),
        reportedBy: entry.reportedBy,
        reportedAtLabel: reportedAtLabel(entry),
        ...(entry.note ? { note: entry.note } : {}),
        superseded: !current.has(entry),
      })),
  };
}

/** One period's value and how it stood when its period closed (the domain's assessHistory). */
function point(
  measure: Measure,
  value: MeasureValue,
  standing: MeasureAssessment,
  reportedAtLabel: string,
  corrected: boolean,
): TabMeasurePoint {
  const period = periodContaining(measure.frequency, value.period);
  const expected = standing.latest?.expected;
  const { polarity } = measure;
  const unit = (n: number) => formatMeasureValue(measure.unit, n);
  const rounded = expected === undefined ? undefined : Math.round(expected * 10) / 10;
  return {
    period: value.period,
    periodLabel: period.label,
    periodEnd: period.end,
    value: value.value,
    valueLabel: unit(value.value),
    ...(rounded === undefined ? {} : { expected: rounded }),
    expectedLabel:
      polarity.better === 'within'
        ? `${unit(polarity.low)} to ${unit(polarity.high)}`
        : rounded === undefined
          ? ''
          : unit(rounded),
    status: standing.status,
    statusWords: STATUS_WORDS[standing.status],
    reportedBy: value.reportedBy,
    reportedAt: value.reportedAt,
    reportedAtLabel,
    ...(value.note ? { note: value.note } : {}),
    corrected,
  };
}
