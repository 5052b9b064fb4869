/**
 * The dashboard's impact measures (issue 21): each measure the viewer may see with its status, its values
 * per period (corrections kept) and what its chart needs, and entering or correcting a period's value.
 * Mounted by tab-api.ts with its `route` wrapper, so sign-in, rate limits and the error mapping are the
 * tab's own; the answers come from the one use case (measures.ts) every surface uses.
 */
import express, { type Request, type Response, type Router } from 'express';
import { describeDenial } from '../../domain/access-words';
import { addDays, calendarDateIn, formatUkDate, formatUkDateTime, type IsoDate } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import {
  assessMeasure,
  currentValues,
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
import { assertNever } from '../../domain/never';
import type { Plan } from '../../domain/plan';
import { ITEM_ID_PATTERN } from '../../domain/validation';
import { decideOnMeasure } from '../../usecases/access/access';
import {
  listMeasures,
  type MeasureDeps,
  type MeasureStanding,
  recordMeasureValue,
} from '../../usecases/measures/measures';
import type { Actor } from '../../usecases/shared/actor';
import type { AdminOutcome } from '../../usecases/shared/admin-outcome';
import { actorOf, type Route } from './admin-answer';
import type {
  TabMeasure,
  TabMeasurePoint,
  TabMeasures,
  TabMeasureValueRequest,
  TabMeasureValueResult,
} from './measures-types';
import { jsonObject, planIdOf } from './request-params';

/** A value, a month and a note of at most 2,000 characters: 16 KB is plenty. */
const BODY_LIMIT = '16kb';

export function mountMeasuresApi(router: Router, deps: MeasureDeps, route: Route): void {
  router.get(
    '/api/tab/plans/:planId/measures',
    route(async (req, res, actor) => {
      const who = actorOf(actor);
      const outcome = await listMeasures(deps, who, planIdOf(req));
      const listed = settled(outcome, res, 'see-measure');
      if (!listed) return;
      const today = calendarDateIn(listed.plan.timeZone, deps.clock.now());
      const body: TabMeasures = {
        planId: listed.plan.id,
        today,
        todayLabel: formatUkDate(today),
        measures: listed.measures.map((standing) => tabMeasure(listed.plan, standing, today, who)),
      };
      res.json(body);
    }),
  );

  router.post(
    '/api/tab/plans/:planId/measures/:measureId/values',
    express.json({ limit: BODY_LIMIT, strict: true }),
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const measureId = measureIdOf(req);
      const request = readValue(req.body);
      const who = actorOf(actor);
      const outcome = await recordMeasureValue(deps, who, { planId, measureId, ...request });
      const recorded = settled(outcome, res, 'report-value');
      if (!recorded) return;
      // The measure again, as the list shows it: its points and history now include this entry.
      const listed = await listMeasures(deps, who, planId);
      const standing =
        listed.kind === 'saved' ? listed.value.measures.find((m) => m.measure.id === measureId) : undefined;
      if (listed.kind !== 'saved' || !standing) throw new NotFoundError(`Measure ${measureId}`);
      const { measure, value, corrects, assessment } = recorded;
      const unit = (n: number) => formatMeasureValue(measure.unit, n);
      const period = periodLabel(measure.frequency, value.period);
      const done = corrects
        ? `Corrected ${period}: ${unit(corrects.value)} → ${unit(value.value)} (both are kept in its history).`
        : `Recorded ${unit(value.value)} for ${period}.`;
      const today = calendarDateIn(listed.value.plan.timeZone, deps.clock.now());
      const body: TabMeasureValueResult = {
        ok: true,
        message: `${done} The measure is ${STATUS_WORDS[assessment.status]}: ${assessment.reason}.`,
        measure: tabMeasure(listed.value.plan, standing, today, who),
      };
      res.json(body);
    }),
  );
}

/**
 * The one presenter for a measures outcome: the value, or the refusal sent (422 with each problem by
 * field, 403 with the reason in words, 404 for what the person may not know of).
 */
function settled<T>(
  outcome: AdminOutcome<T>,
  res: Response,
  intent: 'see-measure' | 'report-value',
): T | undefined {
  const refuse = (status: number, body: TabMeasureValueResult) => {
    res.status(status).json(body);
    return undefined;
  };
  switch (outcome.kind) {
    case 'saved':
      return outcome.value;
    case 'invalid':
      return refuse(422, {
        ok: false,
        error: 'Nothing was saved. Please check the highlighted answers.',
        issues: outcome.issues.map((i) => ({ field: i.field, reason: i.reason })),
      });
    case 'forbidden':
      return refuse(403, { ok: false, error: describeDenial(outcome.reason, intent).text });
    case 'stale':
      // Values are appended, never edited in place, so nothing can be stale; answered as the other routes would.
      return refuse(409, {
        ok: false,
        error: 'It changed while you were looking at it. Reload and try again.',
      });
    case 'not-found':
      throw new NotFoundError(outcome.what);
    default:
      return assertNever(outcome);
  }
}

function measureIdOf(req: Request): string {
  const id = String(req.params.measureId);
  if (!ITEM_ID_PATTERN.test(id)) throw new NotFoundError(`Measure ${id.slice(0, 32)}`);
  return id;
}

function readValue(body: unknown): TabMeasureValueRequest {
  const record = jsonObject(body);
  const issues: { field: string; reason: string }[] = [];
  const text = (field: string, max: number): string | undefined => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    // A number input may arrive as a JSON number: the domain reads it as the text it was typed as.
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') issues.push({ field, reason: 'must be text' });
    else if (value.length > max) issues.push({ field, reason: `must be at most ${max} characters` });
    else return value;
    return undefined;
  };
  const period = text('period', 32) ?? '';
  const value = text('value', 64) ?? '';
  const note = text('note', 4000);
  if (issues.length > 0) throw new ValidationError(issues);
  return { period, value, ...(note ? { note } : {}) };
}

/** A measure as the page draws it: status in words, each period's value with its own standing, every entry. */
export function tabMeasure(plan: Plan, standing: MeasureStanding, today: IsoDate, viewer: Actor): TabMeasure {
  const { measure, assessment, values } = standing;
  const unit = (n: number) => formatMeasureValue(measure.unit, n);
  const dated = (d: { value: number; date: IsoDate }) => ({
    value: d.value,
    valueLabel: unit(d.value),
    date: d.date,
    dateLabel: formatUkDate(d.date),
  });
  const current = currentValues(values);
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
    points: current.map((value) => point(measure, values, value, reportedAtLabel(value))),
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
        superseded: !current.includes(entry),
      })),
  };
}

/**
 * One period's value and how it stood when its period closed: the domain's own assessment, asked on the
 * day after the period ended with only the values up to it, so the table and the status agree.
 */
function point(
  measure: Measure,
  values: readonly MeasureValue[],
  value: MeasureValue,
  reportedAtLabel: string,
): TabMeasurePoint {
  const period = periodContaining(measure.frequency, value.period);
  const upTo = values.filter((v) => v.period <= value.period);
  const standing: MeasureAssessment = assessMeasure(measure, upTo, addDays(period.end, 1));
  const expected = standing.latest?.expected;
  const { polarity } = measure;
  const unit = (n: number) => formatMeasureValue(measure.unit, n);
  return {
    period: value.period,
    periodLabel: period.label,
    periodEnd: period.end,
    value: value.value,
    valueLabel: unit(value.value),
    ...(expected === undefined ? {} : { expected: Math.round(expected * 10) / 10 }),
    expectedLabel:
      polarity.better === 'within'
        ? `${unit(polarity.low)} to ${unit(polarity.high)}`
        : expected === undefined
          ? ''
          : unit(Math.round(expected * 10) / 10),
    status: standing.status,
    statusWords: STATUS_WORDS[standing.status],
    reportedBy: value.reportedBy,
    reportedAt: value.reportedAt,
    reportedAtLabel,
    ...(value.note ? { note: value.note } : {}),
    corrected: values.filter((v) => v.period === value.period).length > 1,
  };
}
