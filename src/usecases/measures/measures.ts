/**
 * A plan's impact measures: defining them, recording a period's value, and reading them with their
 * status. One use case behind every surface (CLI, chat, card, e-mail page, dashboard): access through the
 * entry, values read by the domain with the same refusals everywhere, every change in the audit trail.
 * A value is never overwritten; a second value for a period is a correction, kept beside the first.
 */
import { calendarDateIn } from '../../domain/dates';
import { ConflictError, ValidationError } from '../../domain/errors';
import {
  assessMeasure,
  latestDecides,
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
}

/** A measure with every entry ever made for it: what its chart, table and history draw. */
export interface MeasureRecord extends MeasureStanding {
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

/**
 * The measures this person may see, each with its status today, from the latest values the store keeps
 * beside each measure: the list reads a row per measure, not every value. A measure whose latest values
 * were not kept (or would not decide today's status) has its own values read.
 */
export async function listMeasures(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<{ plan: Plan; measures: MeasureStanding[] }>> {
  const loaded = await knownPlan(deps, actor, planId);
  if (loaded.kind !== 'ok') return loaded;
  const { plan } = loaded;
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const visible = (await deps.stores.measures.listWithLatest(planId)).filter(
    ({ measure }) => decideOnMeasure(actor, plan, measure, 'see-measure').allowed,
  );
  const decided = (latest: MeasureValue[] | undefined): latest is MeasureValue[] =>
    latest !== undefined && latestDecides(latest, today);
  // Any measure the kept values cannot decide: the plan's values read once (one partition query), grouped.
  const byMeasure = new Map<string, MeasureValue[]>();
  if (visible.some(({ latest }) => !decided(latest)))
    for (const value of await deps.stores.measures.listValues(planId)) {
      const own = byMeasure.get(value.measureId);
      if (own) own.push(value);
      else byMeasure.set(value.measureId, [value]);
    }
  const measures = visible.map(({ measure, latest }) => {
    const values = decided(latest) ? latest : (byMeasure.get(measure.id) ?? []);
    return { measure, assessment: assessMeasure(measure, values, today) };
  });
  return saved({ plan, measures });
}

/** One measure this person may see, with every entry: its chart, table and history. */
export async function readMeasureRecord(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  measureId: string,
): Promise<AdminOutcome<{ plan: Plan; record: MeasureRecord }>> {
  const [plan, stored, values] = await Promise.all([
    deps.stores.plans.get(planId),
    deps.stores.measures.get(planId, measureId),
    deps.stores.measures.listValues(planId, measureId),
  ]);
  if (!plan) return { kind: 'not-found', what: `Plan ${planId}` };
  const seen = seenMeasure(actor, plan.value, stored?.value, measureId);
  if (seen.kind !== 'ok') return seen;
  const { measure } = seen;
  const today = calendarDateIn(plan.value.timeZone, deps.clock.now());
  return saved({
    plan: plan.value,
    record: { measure, values, assessment: assessMeasure(measure, values, today) },
  });
}

/**
 * A measure the person may see, or not there. It asks nothing of the plan's actions: whoever may see a
 * measure (its reporter, or someone who sees the whole plan) may know of its plan, and anyone else hears
 * that the measure is not there, as for a plan they may not know of — so one measure's page costs a
 * row and its values, not a read of 5,000 actions.
 */
function seenMeasure(
  actor: Actor,
  plan: Plan,
  measure: Measure | undefined,
  measureId: string,
): { kind: 'ok'; measure: Measure } | AdminRefusal {
  if (measure && decideOnMeasure(actor, plan, measure, 'see-measure').allowed) return { kind: 'ok', measure };
  return { kind: 'not-found', what: `Measure ${measureId}` };
}

/** Adds a measure to the plan (coordinators, or the operator). */
export async function defineMeasure(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  input: MeasureInput,
): Promise<AdminOutcome<Measure>> {
  const read = await readDefinition(deps, actor, planId, input);
  if (read.kind !== 'ok') return read;
  const { measure } = read;
  if (await deps.stores.measures.get(planId, measure.id))
    return invalid([{ field: 'id', reason: `${measure.id} is already a measure of this plan` }]);
  await deps.stores.measures.create(planId, measure);
  await auditDefinition(deps, actor, planId, 'measure.defined', measure);
  return saved(measure);
}

/**
 * Changes a measure's definition (coordinators, or the operator): every field but its id. Its values stay
 * as they were; its status is read against the new line from the next time it is asked.
 */
export async function changeMeasure(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  measureId: string,
  input: MeasureInput,
): Promise<AdminOutcome<Measure>> {
  const read = await readDefinition(deps, actor, planId, { ...input, id: measureId });
  if (read.kind !== 'ok') return read;
  const stored = await deps.stores.measures.get(planId, measureId);
  if (!stored) return { kind: 'not-found', what: `Measure ${measureId}` };
  try {
    await deps.stores.measures.update(planId, read.measure, stored.etag);
  } catch (error) {
    if (error instanceof ConflictError) return { kind: 'stale' };
    throw error;
  }
  await auditDefinition(deps, actor, planId, 'measure.changed', read.measure);
  return saved(read.measure);
}

/**
 * A definition asked of the plan: access first (a coordinator), then every problem at once — the
 * domain's, and an area or action that is not in this plan.
 */
async function readDefinition(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  input: MeasureInput,
): Promise<{ kind: 'ok'; measure: Measure } | AdminRefusal> {
  const loaded = await knownPlan(deps, actor, planId);
  if (loaded.kind !== 'ok') return loaded;
  const decision = decideOnMeasure(actor, loaded.plan, { reporter: '' }, 'define-measure');
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
  return issues.length > 0 ? invalid(issues) : { kind: 'ok', measure };
}

async function auditDefinition(
  deps: MeasureDeps,
  actor: Actor,
  planId: string,
  event: 'measure.defined' | 'measure.changed',
  measure: Measure,
): Promise<void> {
  await deps.stores.audit.record({
    at: deps.clock.now().toISOString(),
    actor: actor.email,
    event,
    planId,
    details: {
      measureId: measure.id,
      areaId: measure.areaId,
      unit: measure.unit,
      frequency: measure.frequency,
    },
  });
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
  const [loaded, stored] = await Promise.all([
    deps.stores.plans.get(request.planId),
    deps.stores.measures.get(request.planId, request.measureId),
  ]);
  if (!loaded) return { kind: 'not-found', what: `Plan ${request.planId}` };
  const plan = loaded.value;
  // Someone who may not even see the measure hears that it is not there.
  const seen = seenMeasure(actor, plan, stored?.value, request.measureId);
  if (seen.kind !== 'ok') return seen;
  const { measure } = seen;
  const decision = decideOnMeasure(actor, plan, measure, 'report-value');
  if (!decision.allowed) return { kind: 'forbidden', reason: decision.reason };
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
