/**
 * An action's facts as label and text, the same in every message that lists them (the e-mails about an
 * action and the update page): the fields a reader needs to act, then every field whose definition says
 * it is shown among the facts (action-fields.ts), so a new field with a label appears in both at once.
 */
import { type Action, isRescheduled } from './action';
import { fieldFacts, fieldLabel } from './action-field-rules';
import { formatUkDateTime, type IsoDate } from './dates';
import { dueWithDistance, formatDueDate, noDeadlineOf } from './deadline';
import { isOpen, lifecycleLabel } from './lifecycle';
import type { Plan } from './plan';
import { type RatingScale, ratingLabel, ratingName } from './rating';

export type Fact = [label: string, text: string];

export interface FactsOf {
  plan: Pick<Plan, 'ratingScale' | 'timeZone'>;
  action: Action;
  today: IsoDate;
  /** The action's area as the plan words it; left out when unknown. */
  areaText?: string | undefined;
}

export function actionFacts({ plan, action, today, areaText }: FactsOf): Fact[] {
  return [
    ['Action', `${action.id}: ${action.description}`],
    ...(areaText ? [['Area for improvement', areaText] as Fact] : []),
    [fieldLabel('leadAgency'), action.leadAgency],
    [fieldLabel('owners'), ownerNames(action)],
    ['Due', dueText(action, today)],
    ...(isRescheduled(action)
      ? [['Originally due', formatDueDate(action.baselineDueDate, noDeadlineOf(action))] as Fact]
      : []),
    [fieldLabel('rating'), ratingWithLabel(action, plan.ratingScale)],
    [fieldLabel('lifecycle'), lifecycleLabel(action.lifecycle)],
    ...fieldFacts(action),
  ];
}

/** "15 Jan 2025, 10:00 by Jo Bloggs: the note", the latest update as a fact's text. */
export function latestUpdateText(
  plan: Pick<Plan, 'timeZone'>,
  latest: { at: string; by: string; note?: string | undefined },
): string {
  return `${formatUkDateTime(latest.at, plan.timeZone)} by ${latest.by}${latest.note ? `: ${latest.note}` : ''}`;
}

/** "Jo Bloggs, Sam Smith" */
export function ownerNames(action: Pick<Action, 'owners'>): string {
  return action.owners.map((o) => o.name).join(', ');
}

/** Open actions say how far off the date is ("31 Mar 2025 (due in 30 days)"); closed ones only what it was. */
export function dueText(
  action: Pick<Action, 'lifecycle' | 'currentDueDate' | 'dateToBeConfirmed'>,
  today: IsoDate,
): string {
  return isOpen(action.lifecycle)
    ? dueWithDistance(action.currentDueDate, today, noDeadlineOf(action))
    : formatDueDate(action.currentDueDate, noDeadlineOf(action));
}

/** "Amber: Some progress, but concerns", or "Not rated yet". */
export function ratingWithLabel(action: Pick<Action, 'rating'>, scale: RatingScale): string {
  return action.rating
    ? `${ratingName(action.rating)}: ${ratingLabel(action.rating, scale)}`
    : 'Not rated yet';
}
