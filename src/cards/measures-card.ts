/** The `measures` answer: each area's measures, in words, with their status named (not only coloured). */
import { formatUkDate } from '../domain/dates';
import { describeMeasure, type MeasureStatus, STATUS_WORDS } from '../domain/measures';
import type { Reply } from '../usecases/chat/replies';
import { escapeMarkdown as md, truncate } from './escape';
import { type AdaptiveCard, renderCard } from './render';

/** A card stays well under Teams' size limit however many measures a plan has. */
export const MEASURES_SHOWN = 40;

const STATUS_SYMBOL: Record<MeasureStatus, string> = {
  'on-track': '✅',
  'off-track': '⚠️',
  'no-data': '⬜',
};

const STATUS_COLOUR: Record<MeasureStatus, string> = {
  'on-track': 'Good',
  'off-track': 'Attention',
  'no-data': 'Warning',
};

export function measuresCard(reply: Extract<Reply, { kind: 'measures' }>): AdaptiveCard {
  const counts: Record<MeasureStatus, number> = { 'on-track': 0, 'off-track': 0, 'no-data': 0 };
  for (const m of reply.measures) counts[m.assessment.status] += 1;
  const shown = reply.measures.slice(0, MEASURES_SHOWN);
  const order = [...reply.areas.map((a) => a.id), ...shown.map((m) => m.measure.areaId)];
  const areaIds = [...new Set(order)].filter((id) => shown.some((m) => m.measure.areaId === id));
  const total = reply.measures.length;
  return renderCard('measures', {
    planTitle: md(reply.plan.title),
    todayText: formatUkDate(reply.today),
    countsText: `${counts['on-track']} on track, ${counts['off-track']} off track, ${counts['no-data']} with no data (of ${total} measure${total === 1 ? '' : 's'})`,
    areas: areaIds.map((areaId) => {
      const text = reply.areas.find((a) => a.id === areaId)?.text;
      return {
        heading: md(text ? `${areaId}: ${truncate(text, 100)}` : areaId),
        measures: shown
          .filter((m) => m.measure.areaId === areaId)
          .map(({ measure, assessment }) => ({
            title: `${STATUS_SYMBOL[assessment.status]} **${md(measure.id)}** ${md(`${truncate(measure.name, 100)}: ${STATUS_WORDS[assessment.status]}`)}`,
            colour: STATUS_COLOUR[assessment.status],
            line: md(`Baseline ${describeMeasure(measure, assessment)}. Why: ${assessment.reason}.`),
          })),
      };
    }),
    more: Math.max(0, total - shown.length),
  });
}
