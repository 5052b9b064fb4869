/**
 * "Impact evidenced" means evidence (issue 21). An action is marked so only when it holds evidence of
 * impact (an evidence link, or the completion's note, which the card asks for as "Evidence of impact"),
 * and, when measures are linked to it, at least one of them has a value for the period now owed or a
 * later one: a figure from last spring says nothing about whether the action made a difference now.
 * Pure: the day is passed in. The same answer is given to the confirmer and shown to moderators.
 */
import type { Action } from './action';
import type { IsoDate } from './dates';
import { type Measure, type MeasureValue, periodContaining, periodOwed } from './measures';
import type { StatusUpdate } from './status-update';

export interface ImpactEvidence {
  /** Nothing missing: impact may be confirmed. */
  ok: boolean;
  /** What is there, in words ("evidence given", "measure M1 on track"). */
  given: string[];
  /** What is missing, each a sentence saying what to do. */
  missing: string[];
}

/** The note that completed the action: the "Evidence of impact" its owner gave. */
export function completionNote(history: readonly StatusUpdate[]): string | undefined {
  return history.find((e) => e.newLifecycle === 'complete' && (e.note ?? '').trim() !== '')?.note;
}

export function impactEvidence(
  action: Pick<Action, 'id' | 'evidenceLinks'>,
  context: {
    /** The action's history, any order. */
    history: readonly StatusUpdate[];
    measures: readonly Measure[];
    values: readonly MeasureValue[];
    today: IsoDate;
    /** Status words of a linked measure, when known ("on track"). */
    statusOf?: (measure: Measure) => string | undefined;
  },
): ImpactEvidence {
  const given: string[] = [];
  const missing: string[] = [];
  const hasEvidence = action.evidenceLinks.length > 0 || completionNote(context.history) !== undefined;
  if (hasEvidence) given.push('evidence given');
  else
    missing.push(
      'Add evidence of impact: a note saying what changed, with a link to the evidence, when marking the action complete.',
    );
  const linked = context.measures.filter((m) => m.actionIds.includes(action.id));
  if (linked.length > 0) {
    const current = linked.filter((measure) => {
      const owed = periodOwed(measure.frequency, context.today);
      return context.values.some(
        (v) => v.measureId === measure.id && periodContaining(measure.frequency, v.period).end >= owed.end,
      );
    });
    if (current.length > 0)
      for (const measure of current) {
        const status = context.statusOf?.(measure);
        given.push(`measure ${measure.id}${status ? ` ${status}` : ' has a current value'}`);
      }
    else
      for (const measure of linked)
        missing.push(
          `Measure ${measure.id} has no value for ${periodOwed(measure.frequency, context.today).label}.`,
        );
  }
  return { ok: missing.length === 0, given, missing };
}

/** One line for a moderator: "Impact: evidence given / measure M1 on track", or what is missing. */
export function impactEvidenceLine(evidence: ImpactEvidence): string {
  return evidence.ok
    ? `Impact: ${evidence.given.join(' / ')}`
    : `Impact: missing — ${evidence.missing.join(' ')}`;
}
