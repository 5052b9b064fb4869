/**
 * A press of a measure request card's Submit (and the same form posted from the e-mail link's page) (Action.Execute, or the Action.Submit fallback): the value
 * goes through recordMeasureValue, the one use case every surface records a value by, and the answer is
 * the request's view again with what was stored, or every problem with what was typed (nothing stored).
 * Who is asking comes from the activity; the card's data only names the plan and the measure.
 */
import { calendarDateIn } from '../../domain/dates';
import { periodContaining, periodOwed } from '../../domain/measures';
import { ITEM_ID_PATTERN, PLAN_ID_PATTERN } from '../../domain/validation';
import type { DenialReason } from '../access/access';
import type { ChatActor } from '../shared/actor';
import type { MeasureRequestView } from '../shared/measure-request-view';
import { listMeasures, type MeasureDeps, recordMeasureValue } from './measures';

export const MEASURE_CARD_VERBS = ['measure.value'] as const;
export type MeasureCardVerb = (typeof MEASURE_CARD_VERBS)[number];

export function isMeasureCardVerb(verb: unknown): verb is MeasureCardVerb {
  return typeof verb === 'string' && (MEASURE_CARD_VERBS as readonly string[]).includes(verb);
}

export type MeasureCardOutcome =
  /** The card's data does not name a plan and a measure. */
  | { kind: 'incomplete' }
  /** No such plan or measure, or one this person may not see: the same answer for both. */
  | { kind: 'not-found'; measureId: string }
  | { kind: 'saved'; view: MeasureRequestView }
  /** Every problem with the input, shown on the card with what was typed; nothing stored. */
  | { kind: 'invalid'; view: MeasureRequestView }
  /** May see the measure but not report it (no longer its reporter, the plan closed…); nothing stored. */
  | { kind: 'forbidden'; reason: DenialReason; view: MeasureRequestView };

export async function answerMeasureCard(
  deps: MeasureDeps,
  actor: ChatActor,
  verb: MeasureCardVerb,
  data: Record<string, unknown>,
): Promise<MeasureCardOutcome> {
  const planId =
    typeof data.planId === 'string' && PLAN_ID_PATTERN.test(data.planId) ? data.planId : undefined;
  const measureId =
    typeof data.measureId === 'string' && ITEM_ID_PATTERN.test(data.measureId) ? data.measureId : undefined;
  if (!planId || !measureId || verb !== 'measure.value') return { kind: 'incomplete' };
  // Someone Teams will not name has no role anywhere: the measure is not there for them.
  if (!actor.email) return { kind: 'not-found', measureId };
  const who = { aadObjectId: actor.aadObjectId, name: actor.name, email: actor.email };
  // Input.Number may arrive as a number or as text; either is read as the text typed.
  const text = (name: string): string | undefined => {
    const given = data[name];
    return typeof given === 'string' ? given : typeof given === 'number' ? String(given) : undefined;
  };
  const inputs = {
    ...(text('value') !== undefined ? { value: text('value') } : {}),
    ...(text('period') !== undefined ? { period: text('period') } : {}),
    ...(text('note') !== undefined ? { note: text('note') } : {}),
  };
  const result = await recordMeasureValue(deps, who, { planId, measureId, ...inputs });
  const standing = await measureRequestView(deps, who, planId, measureId);
  if (!standing) return { kind: 'not-found', measureId };
  switch (result.kind) {
    case 'saved': {
      const { value, corrects, assessment } = result.value;
      return {
        kind: 'saved',
        view: {
          ...standing,
          assessment,
          period: periodContaining(standing.measure.frequency, value.period),
          recorded: { value, ...(corrects ? { corrects } : {}) },
        },
      };
    }
    case 'invalid':
      return { kind: 'invalid', view: { ...standing, errors: result.issues, inputs } };
    case 'forbidden':
      return { kind: 'forbidden', reason: result.reason, view: standing };
    case 'not-found':
    case 'stale':
      return { kind: 'not-found', measureId };
    default: {
      const never: never = result;
      throw new Error(`Unknown outcome ${String(never)}`);
    }
  }
}

/** The request's view as it stands now, for this person: undefined when they may not see the measure. */
export async function measureRequestView(
  deps: MeasureDeps,
  actor: { aadObjectId: string; name: string; email: string },
  planId: string,
  measureId: string,
): Promise<MeasureRequestView | undefined> {
  const listed = await listMeasures(deps, actor, planId);
  if (listed.kind !== 'saved') return undefined;
  const found = listed.value.measures.find((m) => m.measure.id === measureId);
  if (!found) return undefined;
  const { plan } = listed.value;
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  return {
    plan,
    measure: found.measure,
    assessment: found.assessment,
    period: periodOwed(found.measure.frequency, today),
    today,
  };
}
