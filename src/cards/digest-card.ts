import type { Action } from '../domain/action';
import { formatUkDate } from '../domain/dates';
import { describeDue, formatDueDate, noDeadlineOf } from '../domain/deadline';
import type { Digest, DigestMeasure } from '../domain/digest';
import type { Plan } from '../domain/plan';
import { ratingName } from '../domain/rating';
import { escapeMarkdown as md, truncate } from './escape';
import { RATING_SYMBOL } from './rating-text';
import { type AdaptiveCard, renderCard } from './render';

/** However large the plan, each list shows this many and says how many more: summarise, do not list all. */
export const DIGEST_LIST_LIMIT = 5;

function section(heading: string, colour: string, texts: string[]) {
  return {
    heading,
    colour,
    items: texts.slice(0, DIGEST_LIST_LIMIT).map((text) => ({ text })),
    more: Math.max(0, texts.length - DIGEST_LIST_LIMIT),
  };
}

const line = (action: Action, detail: string) =>
  `**${action.id}** ${md(truncate(action.description, 90))} · ${detail}`;

// Escaped as one text: a detail on its own ("3.3 in Nov 2026") would look like a numbered list item.
const measureLine = (m: DigestMeasure, detail: string) =>
  `**${md(m.id)}** ${md(`${truncate(m.name, 90)} (${m.areaId}) · ${detail}`)}`;

export function digestCard(plan: Plan, digest: Digest, today: string, dashboardUrl?: string): AdaptiveCard {
  const change = (n: number | undefined) =>
    n === undefined || n === 0 ? '' : n > 0 ? ` (up ${n})` : ` (down ${-n})`;
  const sections = [
    section(
      `Newly red (${digest.newlyRed.length})`,
      'Attention',
      digest.newlyRed.map((a) => line(a, md(a.leadAgency))),
    ),
    section(
      `Overdue (${digest.overdue.length})`,
      'Attention',
      digest.overdue.map((a) => line(a, describeDue(a.currentDueDate, today))),
    ),
    section(
      `Rescheduled (${digest.rescheduled.length})`,
      'Default',
      digest.rescheduled.map((a) =>
        line(
          a,
          `${formatDueDate(a.baselineDueDate, noDeadlineOf(a))} → ${formatDueDate(a.currentDueDate, noDeadlineOf(a))}`,
        ),
      ),
    ),
    section(
      `Due in the next 30 days (${digest.dueSoon.length})`,
      'Default',
      digest.dueSoon.map((a) => line(a, describeDue(a.currentDueDate, today))),
    ),
    section(
      `Date to be confirmed (${digest.dateToBeConfirmed.length})`,
      'Warning',
      digest.dateToBeConfirmed.map((a) => line(a, `${md(a.leadAgency)}: date to be confirmed`)),
    ),
    section(
      `No update since ${formatUkDate(digest.periodStart)} (${digest.quietOwners.length} owners)`,
      'Warning',
      digest.quietOwners.map(
        (o) =>
          `${md(o.name)} (${md(o.email)}): ${o.openActions} open action${o.openActions === 1 ? '' : 's'}`,
      ),
    ),
    section(
      `Measures newly off track (${(digest.measuresNewlyOffTrack ?? []).length})`,
      'Attention',
      (digest.measuresNewlyOffTrack ?? []).map((m) => measureLine(m, m.detail)),
    ),
    section(
      `Measure values missing (${(digest.valuesMissing ?? []).length})`,
      'Warning',
      (digest.valuesMissing ?? []).map((m) => measureLine(m, `${m.detail} from ${m.reporter}`)),
    ),
    section(
      `Completed this week (${digest.recentlyCompleted.length})`,
      'Good',
      digest.recentlyCompleted.map((a) => line(a, md(a.leadAgency))),
    ),
  ].filter((s) => s.items.length > 0);
  return renderCard('digest', {
    planTitle: md(plan.title),
    todayText: formatUkDate(today),
    total: digest.total,
    open: digest.open,
    ratings: digest.ratings.map((r) => ({
      symbol: r.rating === 'unrated' ? '⬜' : RATING_SYMBOL[r.rating],
      name: r.rating === 'unrated' ? 'Not rated' : ratingName(r.rating),
      countText: `${r.count}${change(r.change)}`,
    })),
    sections,
    links: dashboardUrl ? [{ label: 'Open the dashboard', url: dashboardUrl }] : [],
  });
}
