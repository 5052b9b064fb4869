/**
 * The card that asks a measure's reporter for a period's value (a round's request or the schedule's), and
 * the same card again as the answer to their press: what was stored, or every problem with nothing stored.
 * Its Submit is Action.Execute (Universal Actions) with an Action.Submit fallback for older clients, as the
 * action card's Save is; both carry the verb, the plan and the measure, never who is asking.
 */
import { formatUkDate } from '../domain/dates';
import {
  formatMeasureValue,
  type Measure,
  periodLabel,
  polarityWords,
  STATUS_WORDS,
} from '../domain/measures';
import type { DenialReason } from '../usecases/access/access';
import type { MeasureCardOutcome } from '../usecases/measures/measure-card-action';
import type { MeasureRequestView } from '../usecases/shared/measure-request-view';
import { escapeMarkdown as md, truncate } from './escape';
import { type AdaptiveCard, renderCard } from './render';
import { cardForReply } from './reply-card';

/** The verb the card's Submit sends; the bot routes it to the measures' card use case. */
export const MEASURE_VALUE_VERB = 'measure.value';

export function measureCard(view: MeasureRequestView): AdaptiveCard {
  const { measure, assessment, plan } = view;
  const at = (v: { value: number; date: string }) =>
    `${formatMeasureValue(measure.unit, v.value)} (${formatUkDate(v.date)})`;
  const banner = bannerOf(view);
  return renderCard('measure-card', {
    planId: plan.id,
    id: measure.id,
    headline: md(measureRequestHeadline(view)),
    banner: banner ? md(banner.text) : '',
    bannerStyle: banner?.style ?? 'default',
    planTitle: md(plan.title),
    name: md(truncate(measure.name, 300)),
    definition: md(truncate(measure.definition, 500)),
    baselineText: at(measure.baseline),
    latestText: assessment.latest
      ? `${formatMeasureValue(measure.unit, assessment.latest.value)} (${assessment.latest.periodLabel})`
      : 'None reported yet',
    targetText: `${formatMeasureValue(measure.unit, measure.target.value)} by ${formatUkDate(measure.target.date)}`,
    polarityText: polarityWords(measure.polarity, measure.unit),
    statusText: md(`${STATUS_WORDS[assessment.status]}: ${assessment.reason}`),
    periodText: view.period.label,
    showForm: !view.recorded && !view.refusal,
    errors: (view.errors ?? []).map((e) => ({ text: md(`${fieldLabel(e.field)} ${e.reason}`) })),
    valueLabel: `Value for ${view.period.label} (${unitHint(measure)})`,
    periodValue: view.inputs?.period ?? view.period.start,
    noteValue: view.inputs?.note ?? '',
  });
}

/** The answer to a press of the card's Submit: the card again, with the result or the problems. */
export function measureCardForOutcome(outcome: MeasureCardOutcome): AdaptiveCard {
  switch (outcome.kind) {
    case 'incomplete':
      return cardForReply({
        kind: 'notice',
        tone: 'warning',
        title: 'That card is out of date',
        text: 'It does not say which measure it is for. Nothing was saved. Say "measures" to see your plan’s measures.',
      });
    case 'not-found':
      return cardForReply({
        kind: 'notice',
        tone: 'warning',
        title: `Measure ${outcome.measureId} is not there`,
        text: 'It may have been removed from the plan, or you are no longer one of its people. Nothing was saved.',
      });
    case 'saved':
    case 'invalid':
      return measureCard(outcome.view);
    case 'forbidden':
      return measureCard({ ...outcome.view, refusal: refusalWords(outcome.reason) });
    default: {
      const never: never = outcome;
      throw new Error(`Unknown outcome ${String(never)}`);
    }
  }
}

function refusalWords(reason: DenialReason): string {
  if (reason === 'plan-closed') return 'Monitoring of this plan has ended, so values are no longer recorded.';
  return 'Only the measure’s reporter (or someone covering for them) and the plan’s coordinators can record its values.';
}

/**
 * "Round 2: please report M1 for Nov 2026 by 29 Jan 2027" (the card's headline, the mail's subject), with
 * "Reminder – " before it on a chase and whose it is for someone covering.
 */
export function measureRequestHeadline(view: MeasureRequestView): string {
  const what = `please report ${view.measure.id} for ${view.period.label}`;
  const asked = view.round
    ? `Round ${view.round.number}: ${what} by ${formatUkDate(view.round.responseDue)}`
    : `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  // A chase reads as the round's chases of owners do: "Reminder – Round 2: …".
  const text = view.chase ? `Reminder – ${asked}` : asked;
  return view.coveringFor ? `${text} (covering for ${view.coveringFor.name})` : text;
}

function bannerOf(view: MeasureRequestView): { text: string; style: string } | undefined {
  if (view.refusal) return { text: `${view.refusal} Nothing was saved.`, style: 'attention' };
  if (view.recorded) {
    const { value, corrects } = view.recorded;
    const { unit, frequency } = view.measure;
    const correcting = corrects
      ? `, correcting the earlier ${formatMeasureValue(unit, corrects.value)} (both are kept in the history)`
      : '';
    return {
      text: `Thank you: ${formatMeasureValue(unit, value.value)} recorded for ${periodLabel(frequency, value.period)}${correcting}.`,
      style: 'good',
    };
  }
  if (view.errors && view.errors.length > 0)
    return { text: 'Nothing was saved: please check the figure and the period.', style: 'attention' };
  return undefined;
}

const FIELD_LABELS: Record<string, string> = { value: 'The value', period: 'The period', note: 'The note' };

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** What the number is, so the reporter types it in the unit the measure is kept in. */
export function unitHint(measure: Pick<Measure, 'unit'>): string {
  switch (measure.unit) {
    case 'percentage':
      return 'a percentage, 0 to 100';
    case 'days':
      return 'in days';
    case 'count':
      return 'a whole number';
    case 'number':
      return 'a number';
    default: {
      const never: never = measure.unit;
      return String(never);
    }
  }
}
