/**
 * The dashboard's impact measures (issue 21): the measures the viewer may see with their status (summary
 * first: no values), one measure with its values per period (corrections kept), defining and changing a
 * measure, and entering or correcting a period's value. Mounted by tab-api.ts with its `route` wrapper,
 * so sign-in, rate limits and the error mapping are the tab's own; the answers come from the one use case
 * (measures.ts) every surface uses, and measure-present.ts shapes them.
 */
import express, { type Request, type Response, type Router } from 'express';
import { describeDenial } from '../../domain/access-words';
import { formatUkDate } from '../../domain/dates';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { formatMeasureValue, type MeasureInput, periodLabel, STATUS_WORDS } from '../../domain/measures';
import { assertNever } from '../../domain/never';
import { ITEM_ID_PATTERN } from '../../domain/validation';
import {
  changeMeasure,
  defineMeasure,
  listMeasures,
  type MeasureDeps,
  readMeasureRecord,
  recordMeasureValue,
} from '../../usecases/measures/measures';
import type { Actor } from '../../usecases/shared/actor';
import type { AdminOutcome } from '../../usecases/shared/admin-outcome';
import { actorOf, type Route } from './admin-answer';
import { mayDefineIn, planToday, tabMeasure, tabMeasureSummary } from './measure-present';
import type {
  TabMeasureDefineResult,
  TabMeasures,
  TabMeasureValueRequest,
  TabMeasureValueResult,
} from './measures-types';
import { jsonObject, planIdOf } from './request-params';

/** A value, a month and a note of at most 2,000 characters; or a definition: 16 KB is plenty. */
const BODY_LIMIT = '16kb';
const MEASURES = '/api/tab/plans/:planId/measures';
const MEASURE = `${MEASURES}/:measureId`;

type Intent = 'see-measure' | 'report-value' | 'define-measure';

export function mountMeasuresApi(router: Router, deps: MeasureDeps, route: Route): void {
  const json = express.json({ limit: BODY_LIMIT, strict: true });

  router.get(
    MEASURES,
    route(async (req, res, actor) => {
      const who = actorOf(actor);
      const listed = settled(await listMeasures(deps, who, planIdOf(req)), res, 'see-measure');
      if (!listed) return;
      const today = planToday(listed.plan, deps.clock.now());
      const body: TabMeasures = {
        planId: listed.plan.id,
        today,
        todayLabel: formatUkDate(today),
        mayDefine: mayDefineIn(listed.plan, who),
        measures: listed.measures.map((standing) => tabMeasureSummary(listed.plan, standing, today, who)),
      };
      res.json(body);
    }),
  );

  router.get(
    MEASURE,
    route(async (req, res, actor) => {
      const who = actorOf(actor);
      const read = await readMeasureRecord(deps, who, planIdOf(req), measureIdOf(req));
      const found = settled(read, res, 'see-measure');
      if (!found) return;
      res.json(tabMeasure(found.plan, found.record, planToday(found.plan, deps.clock.now()), who));
    }),
  );

  router.post(
    MEASURES,
    json,
    route(async (req, res, actor) => {
      const who = actorOf(actor);
      const planId = planIdOf(req);
      const outcome = await defineMeasure(deps, who, planId, readDefinition(req.body));
      const defined = settled(outcome, res, 'define-measure');
      if (defined)
        await answerDefinition(res, deps, who, planId, defined.id, `Added ${defined.id}: ${defined.name}.`);
    }),
  );

  router.post(
    `${MEASURE}/definition`,
    json,
    route(async (req, res, actor) => {
      const who = actorOf(actor);
      const planId = planIdOf(req);
      const measureId = measureIdOf(req);
      const outcome = await changeMeasure(deps, who, planId, measureId, readDefinition(req.body));
      const changed = settled(outcome, res, 'define-measure');
      if (changed)
        await answerDefinition(res, deps, who, planId, measureId, `Saved the changes to ${measureId}.`);
    }),
  );

  router.post(
    `${MEASURE}/values`,
    json,
    route(async (req, res, actor) => {
      const planId = planIdOf(req);
      const measureId = measureIdOf(req);
      const request = readValue(req.body);
      const who = actorOf(actor);
      const outcome = await recordMeasureValue(deps, who, { planId, measureId, ...request });
      const recorded = settled(outcome, res, 'report-value');
      if (!recorded) return;
      // The measure again, as its view shows it: its points and history now include this entry.
      const found = settled(await readMeasureRecord(deps, who, planId, measureId), res, 'see-measure');
      if (!found) return;
      const { measure, value, corrects, assessment } = recorded;
      const unit = (n: number) => formatMeasureValue(measure.unit, n);
      const period = periodLabel(measure.frequency, value.period);
      const done = corrects
        ? `Corrected ${period}: ${unit(corrects.value)} → ${unit(value.value)} (both are kept in its history).`
        : `Recorded ${unit(value.value)} for ${period}.`;
      const body: TabMeasureValueResult = {
        ok: true,
        message: `${done} The measure is ${STATUS_WORDS[assessment.status]}: ${assessment.reason}.`,
        measure: tabMeasure(found.plan, found.record, planToday(found.plan, deps.clock.now()), who),
      };
      res.json(body);
    }),
  );
}

/** A definition saved: the measure as the list now shows it, with its status against the new line. */
async function answerDefinition(
  res: Response,
  deps: MeasureDeps,
  who: Actor,
  planId: string,
  measureId: string,
  message: string,
): Promise<void> {
  const found = settled(await readMeasureRecord(deps, who, planId, measureId), res, 'see-measure');
  if (!found) return;
  const today = planToday(found.plan, deps.clock.now());
  const body: TabMeasureDefineResult = {
    ok: true,
    message,
    measure: tabMeasureSummary(found.plan, found.record, today, who),
  };
  res.json(body);
}

/**
 * The one presenter for a measures outcome: the value, or the refusal sent (422 with each problem by
 * field, 403 with the reason in words, 404 for what the person may not know of).
 */
function settled<T>(outcome: AdminOutcome<T>, res: Response, intent: Intent): T | undefined {
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

/** Reads a body's text fields: each absent one as undefined, each wrong-typed or too long one as an issue. */
function textFields<K extends string>(body: unknown, limits: Record<K, number>): Partial<Record<K, string>> {
  const record = jsonObject(body);
  const issues: { field: string; reason: string }[] = [];
  const read: Partial<Record<K, string>> = {};
  for (const field of Object.keys(limits) as K[]) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    // A number input may arrive as a JSON number: the domain reads it as the text it was typed as.
    if (typeof value === 'number' && Number.isFinite(value)) read[field] = String(value);
    else if (typeof value !== 'string') issues.push({ field, reason: 'must be text' });
    else if (value.length > limits[field])
      issues.push({ field, reason: `must be at most ${limits[field]} characters` });
    else read[field] = value;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return read;
}

function readValue(body: unknown): TabMeasureValueRequest {
  const read = textFields(body, { period: 32, value: 64, note: 4000 });
  return { period: read.period ?? '', value: read.value ?? '', ...(read.note ? { note: read.note } : {}) };
}

/**
 * A definition as the form sent it, as text the domain reads (readMeasure names every problem); the
 * linked actions arrive as one field of ids separated by commas or spaces.
 */
function readDefinition(body: unknown): MeasureInput {
  const read = textFields(body, {
    id: 64,
    areaId: 64,
    actionIds: 2000,
    name: 2000,
    definition: 4000,
    source: 400,
    unit: 32,
    better: 32,
    low: 64,
    high: 64,
    baseline: 64,
    baselineDate: 32,
    target: 64,
    targetDate: 32,
    frequency: 32,
    reporter: 320,
    kind: 32,
  });
  const { actionIds, ...fields } = read;
  return {
    ...fields,
    actionIds: (actionIds ?? '').split(/[\s,;]+/).filter((id) => id !== ''),
  };
}
