/**
 * A plan's impact measures: defining them, recording a period's value, and reading them with their
 * status. One use case behind every surface (CLI, chat, card, e-mail page, dashboard): access through the
 * entry, values read by the domain with the same refusals everywhere, every change in the audit trail.
 * A value is never overwritten; a second value for a period is a correction, kept beside the first.
 */
import { calendarDateIn } from '../../domain/dates';
import { ValidationError } from '../../domain/errors';
import {
  assessMeasure,
  type Measure,
  type MeasureAssessment,
  type MeasureInput,
  type MeasureValue,
  readMeasure,
  readMeasureValue,
} from '../../domain/measures';
import type { Plan } from '../../domain/plan';
import { decideOnMeasure, mayKnowOfStored } from '../access/access';
import type { PlanDeps } from '../ports/index';
import type { Actor } from '../shared/actor';
import { type AdminOutcome, type AdminRefusal, invalid, saved } from '../shared/admin-outcome';

export type MeasureDeps = PlanDeps;

export interface MeasureStanding {
  measure: Measure;
  assessment: MeasureAssessment;
  /** Every entry for the measure, oldest first, corrections included. */
  values: MeasureValue[];
}

type Loaded = { kind: 'ok'; plan: Plan } | AdminRefusal;

async function knownPlan(deps: MeasureDeps, actor: Actor, planId: string): Promise<Loaded> {
  const loaded = await deps.stores.plans.get(planId);
  const notFound: AdminRefusal = { kind: 'not-found', what: `Plan ${planId}` };
  if (!loaded) return notFound;
  if (actor.operator || (await mayKnowOfStored(deps.stores, deps.clock.now(), actor, loaded.value)))
    return { kind: 'ok', plan: loaded.value };
  // A reporter from another organisation may have no action in the plan: their measure is their way in.
  const measures = await deps.stores.measures.list(planId);
  const reports = measures.some((m) => decideOnMeasure(actor, loaded.value, m.value, 'see-measure').allowed);
  return reports ? { kind: 'ok', plan: loaded.value } : notFound;
}

/** The measures this person may see, each with its status today. */
export async function listMeasures(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<{ plan: Plan; measures: MeasureStanding[] }>> {
  const loaded = await knownPlan(deps, actor, planId);
  if (loaded.kind !== 'ok') return loaded;
  const { plan } = loaded;
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const [measures, values] = await Promise.all([
    deps.stores.measures.list(planId),
    deps.stores.measures.listValues(planId),
  ]);
  const visible = measures
    .map((m) => m.value)
    .filter((measure) => decideOnMeasure(actor, plan, measure, 'see-measure').allowed);
  // Grouped once (in the order read, which is the order reported): 500 measures with 24 values each are
  // one pass over the values, not one pass per measure.
  const byMeasure = new Map<string, MeasureValue[]>();
  for (const value of values) {
    const own = byMeasure.get(value.measureId);
    if (own) own.push(value);
    else byMeasure.set(value.measureId, [value]);
  }
  return saved({
    plan,
    measures: visible.map((measure) => {
      const own = byMeasure.get(measure.id) ?? [];
      return { measure, values: own, assessment: assessMeasure(measure, own, today) };
    }),
  });
}

/** Adds a measure to the plan (coordinators, or the operator). */
export async function defineMeasure(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  input: MeasureInput,
): Promise<AdminOutcome<Measure>> {
  const loaded = await knownPlan(deps, actor, planId);
  if (loaded.kind !== 'ok') return loaded;
  const { plan } = loaded;
  const decision = decideOnMeasure(actor, plan, { reporter: '' }, 'define-measure');
  if (!decision.allowed) return { kind: 'forbidden', reason: decision.reason };
  let measure: Measure;
  try {
    measure = readMeasure(input);
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error.issues);
    throw error;
  }
  const { areas, actions } = await deps.stores.actions.readPlan(planId);
  const issues = [
    ...(areas.some((a) => a.id === measure.areaId)
      ? []
      : [{ field: 'areaId', reason: `area ${measure.areaId} is not in this plan` }]),
    ...measure.actionIds
      .filter((id) => !actions.some((a) => a.value.id === id))
      .map((id) => ({ field: 'actionIds', reason: `action ${id} is not in this plan` })),
  ];
  if (issues.length > 0) return invalid(issues);
  await deps.stores.measures.create(planId, measure);
  await deps.stores.audit.record({
    at: deps.clock.now().toISOString(),
    actor: actor.email,
    event: 'measure.defined',
    planId,
    details: {
      measureId: measure.id,
      areaId: measure.areaId,
      unit: measure.unit,
      frequency: measure.frequency,
    },
  });
  return saved(measure);
}

export interface RecordedValue {
  measure: Measure;
  value: MeasureValue;
  /** There was already a value for this period: this one supersedes it (both are kept). */
  corrects?: MeasureValue;
  assessment: MeasureAssessment;
}

/**
 * Records one period's value, from the reporter (card, e-mail page, dashboard) or a coordinator for them,
 * or the operator. Bad input is refused with every problem named and nothing stored.
 */
export async function recordMeasureValue(
  deps: MeasureDeps,
  actor: Actor,
  request: { planId: string; measureId: string; period?: string; value?: string; note?: string },
): Promise<AdminOutcome<RecordedValue>> {
  const loaded = await knownPlan(deps, actor, request.planId);
  if (loaded.kind !== 'ok') return loaded;
  const { plan } = loaded;
  const stored = await deps.stores.measures.get(plan.id, request.measureId);
  const notFound: AdminRefusal = { kind: 'not-found', what: `Measure ${request.measureId}` };
  if (!stored) return notFound;
  const measure = stored.value;
  const decision = decideOnMeasure(actor, plan, measure, 'report-value');
  if (!decision.allowed) {
    // Someone who may not even see the measure hears that it is not there.
    return decideOnMeasure(actor, plan, measure, 'see-measure').allowed
      ? { kind: 'forbidden', reason: decision.reason }
      : notFound;
  }
  const now = deps.clock.now();
  const today = calendarDateIn(plan.timeZone, now);
  let read: ReturnType<typeof readMeasureValue>;
  try {
    read = readMeasureValue(request, measure, today);
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error.issues);
    throw error;
  }
  const earlier = await deps.stores.measures.listValues(plan.id, measure.id);
  const corrects = earlier.filter((v) => v.period === read.period).at(-1);
  const value: MeasureValue = {
    measureId: measure.id,
    period: read.period,
    value: read.value,
    reportedBy: actor.email,
    reportedAt: now.toISOString(),
    ...(read.note ? { note: read.note } : {}),
  };
  await deps.stores.measures.appendValue(plan.id, value);
  await deps.stores.audit.record({
    at: value.reportedAt,
    actor: actor.email,
    event: corrects ? 'measure.value-corrected' : 'measure.value-recorded',
    planId: plan.id,
    // The figure itself is plan data, not a note: it is safe in the audit trail and makes it answer "who changed it from what".
    details: {
      measureId: measure.id,
      period: value.period,
      value: value.value,
      ...(corrects ? { previousValue: corrects.value } : {}),
    },
  });
  return saved({
    measure,
    value,
    ...(corrects ? { corrects } : {}),
    assessment: assessMeasure(measure, [...earlier, value], today),
  });
}
