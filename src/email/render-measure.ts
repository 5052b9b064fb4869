/**
 * The e-mail that asks a measure's reporter for a period's value: the measure's baseline, latest and
 * target, the period asked for, and a button to the signed page where they type it (most reporters work
 * in other organisations' tenants, so the page, not Teams, is where they answer).
 */
import { formatUkDate } from '../domain/dates';
import { formatMeasureValue, polarityWords, STATUS_WORDS } from '../domain/measures';
import type { MeasureRequestView } from '../usecases/shared/measure-request-view';
import { composeEmail, type EmailMessage } from './compose';
import { senderFooter } from './wording';

export function renderMeasureRequestEmail(
  view: MeasureRequestView,
  links: { measureUrl: string } | { dashboardUrl: string },
): EmailMessage {
  const { measure, assessment, plan, period } = view;
  const asked = `please report ${measure.id} for ${period.label}`;
  const request = view.round
    ? `Round ${view.round.number}: ${asked} by ${formatUkDate(view.round.responseDue)}`
    : `${asked.charAt(0).toUpperCase()}${asked.slice(1)}`;
  const base = view.chase ? `Reminder – ${request}` : request;
  const subject = view.coveringFor ? `${base} (covering for ${view.coveringFor.name})` : base;
  const cover = view.coveringFor
    ? ` You are covering for ${view.coveringFor.name}, who reports this measure.`
    : '';
  const intro = `${plan.title} asks for the value of “${measure.name}” for ${period.label}.${cover}`;
  const at = (v: { value: number; date: string }) =>
    `${formatMeasureValue(measure.unit, v.value)} (${formatUkDate(v.date)})`;
  return composeEmail({
    subject,
    preview: intro,
    blocks: [
      { kind: 'heading', text: subject },
      { kind: 'paragraph', text: intro },
      {
        kind: 'facts',
        facts: [
          { label: 'Measure', value: `${measure.id}: ${measure.name}` },
          ...(measure.definition ? [{ label: 'Definition', value: measure.definition }] : []),
          { label: 'Baseline', value: at(measure.baseline) },
          {
            label: 'Latest',
            value: assessment.latest
              ? `${formatMeasureValue(measure.unit, assessment.latest.value)} (${assessment.latest.periodLabel})`
              : 'None reported yet',
          },
          {
            label: 'Target',
            value: `${formatMeasureValue(measure.unit, measure.target.value)} by ${formatUkDate(measure.target.date)}`,
          },
          { label: 'Better when', value: polarityWords(measure.polarity, measure.unit) },
          { label: 'Status', value: `${STATUS_WORDS[assessment.status]}: ${assessment.reason}` },
          { label: 'Asked for', value: period.label },
        ],
      },
      ...('measureUrl' in links
        ? ([
            { kind: 'button', label: `Report ${measure.id} for ${period.label}`, url: links.measureUrl },
            {
              kind: 'paragraph',
              text: 'The button opens a page where you can type the value, with a note if it needs one. The link is yours alone: please do not forward this e-mail.',
            },
          ] as const)
        : ([{ kind: 'button', label: 'Open the dashboard', url: links.dashboardUrl }] as const)),
    ],
    footer: senderFooter(plan),
  });
}
