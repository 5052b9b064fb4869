/**
 * What a measure's reporter is shown when asked for a period's value (the Teams card, the e-mail and its
 * update page), and again after they answer: the measure with its baseline, latest and target, the period
 * asked for, and, after an answer, what was stored or why nothing was.
 */
import type { IsoDate } from '../../domain/dates';
import type { CoveringFor } from '../../domain/delegation';
import type { ValidationIssue } from '../../domain/errors';
import type { Measure, MeasureAssessment, MeasureValue, ReportingPeriod } from '../../domain/measures';
import type { Plan } from '../../domain/plan';

export interface MeasureRequestView {
  plan: Plan;
  measure: Measure;
  assessment: MeasureAssessment;
  /** The period whose value is asked for (the one owed today). */
  period: ReportingPeriod;
  today: IsoDate;
  /** The round that asks, when a round does; its response date. */
  round?: { number: number; responseDue: IsoDate };
  /** Set on a chase: the value was asked for before and is still missing. */
  chase?: boolean;
  /** The reporter on leave whose request this is, when it goes to whoever covers for them. */
  coveringFor?: CoveringFor;
  /** After an answer: the value stored (and the one it corrects, if any). */
  recorded?: { value: MeasureValue; corrects?: MeasureValue };
  /** After a refused answer: every problem, and what was typed, so nothing has to be typed again. */
  errors?: readonly ValidationIssue[];
  inputs?: { value?: string; period?: string; note?: string };
  /** Set when the answer could not be taken at all (no longer the reporter, plan closed…). */
  refusal?: string;
}
