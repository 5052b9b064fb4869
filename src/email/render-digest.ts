/** The weekly digest for leads and coordinators, and the "could not be delivered" list for coordinators. */
import { type Action, hasDeadline } from '../domain/action';
import { formatUkDate, type IsoDate } from '../domain/dates';
import { describeDue, dueWithDistance, formatDueDate, noDeadlineOf } from '../domain/deadline';
import type { Digest } from '../domain/digest';
import type { Plan } from '../domain/plan';
import { ratingName } from '../domain/rating';
import type { UndeliveredItem } from '../usecases/delivery/channel';
import { composeEmail, type EmailBlock, type EmailMessage } from './compose';
import { senderFooter } from './wording';

/** As on the card: each list shows this many and says how many more. */
const LIST_LIMIT = 5;

const line = (action: Action, detail: string) =>
  `${action.id} ${shorten(action.description, 120)}: ${detail}`;

function list(heading: string, items: string[]): EmailBlock[] {
  if (items.length === 0) return [];
  return [
    {
      kind: 'list',
      heading,
      items: items.slice(0, LIST_LIMIT),
      more: Math.max(0, items.length - LIST_LIMIT),
    },
  ];
}

export function renderDigestEmail(
  plan: Plan,
  digest: Digest,
  today: IsoDate,
  links: { dashboardUrl: string },
): EmailMessage {
  const change = (n: number | undefined) =>
    n === undefined || n === 0 ? '' : n > 0 ? ` (up ${n} since last week)` : ` (down ${-n} since last week)`;
  const subject = `Weekly digest for ${plan.title}, ${formatUkDate(today)}: ${digest.overdue.length} overdue, ${digest.newlyRed.length} newly red`;
  const blocks: EmailBlock[] = [
    { kind: 'heading', text: `Weekly digest: ${plan.title}` },
    {
      kind: 'paragraph',
      text: `Position on ${formatUkDate(today)}: ${digest.open} of ${digest.total} actions open. Open the dashboard for the whole plan.`,
    },
    {
      kind: 'facts',
      facts: digest.ratings.map((r) => ({
        label: r.rating === 'unrated' ? 'Not rated' : ratingName(r.rating),
        value: `${r.count}${change(r.change)}`,
      })),
    },
    ...list(
      `Newly red (${digest.newlyRed.length})`,
      digest.newlyRed.map((a) => line(a, a.leadAgency)),
    ),
    ...list(
      `Overdue (${digest.overdue.length})`,
      digest.overdue.map((a) => line(a, describeDue(a.currentDueDate, today))),
    ),
    ...list(
      `Rescheduled (${digest.rescheduled.length})`,
      digest.rescheduled.map((a) =>
        line(
          a,
          `${formatDueDate(a.baselineDueDate, noDeadlineOf(a))} moved to ${formatDueDate(a.currentDueDate, noDeadlineOf(a))}`,
        ),
      ),
    ),
    ...list(
      `Due in the next 30 days (${digest.dueSoon.length})`,
      digest.dueSoon.map((a) => line(a, describeDue(a.currentDueDate, today))),
    ),
    ...list(
      `Date to be confirmed (${digest.dateToBeConfirmed.length})`,
      digest.dateToBeConfirmed.map((a) => line(a, `${a.leadAgency}: date to be confirmed`)),
    ),
    ...list(
      `No update since ${formatUkDate(digest.periodStart)} (${digest.quietOwners.length} owners)`,
      digest.quietOwners.map(
        (o) => `${o.name} (${o.email}): ${o.openActions} open action${o.openActions === 1 ? '' : 's'}`,
      ),
    ),
    ...list(
      `Measures newly off track (${(digest.measuresNewlyOffTrack ?? []).length})`,
      (digest.measuresNewlyOffTrack ?? []).map(
        (m) => `${m.id} ${shorten(m.name, 120)} (${m.areaId}): ${m.detail}`,
      ),
    ),
    ...list(
      `Measure values missing (${(digest.valuesMissing ?? []).length})`,
      (digest.valuesMissing ?? []).map(
        (m) => `${m.id} ${shorten(m.name, 120)} (${m.areaId}): ${m.detail} from ${m.reporter}`,
      ),
    ),
    ...list(
      `Completed this week (${digest.recentlyCompleted.length})`,
      digest.recentlyCompleted.map((a) => line(a, a.leadAgency)),
    ),
    { kind: 'button', label: 'Open the dashboard', url: links.dashboardUrl },
  ];
  return composeEmail({
    subject,
    preview: `${digest.open} of ${digest.total} actions open; ${digest.overdue.length} overdue.`,
    blocks,
    footer: senderFooter(plan),
  });
}

export function renderUndeliveredEmail(
  plan: Plan,
  items: readonly UndeliveredItem[],
  today: IsoDate,
  links: { dashboardUrl: string },
): EmailMessage {
  const people = new Set(items.map((item) => item.owner.email)).size;
  // Owners' reminders in the words owners' coordinators know; a list that also holds requests to
  // measures' reporters, date requests or cards speaks of messages and people, as the Teams card does.
  const onlyReminders = items.every((item) => item.message.kind === 'reminder');
  const what = onlyReminders ? 'reminder' : 'message';
  const who = onlyReminders ? 'owner' : 'person';
  const whom = people === 1 ? `this ${who}` : `these ${people} ${onlyReminders ? 'owners' : 'people'}`;
  const subject = `${items.length} ${what}${items.length === 1 ? '' : 's'} for ${plan.title} could not be delivered: please contact ${whom}`;
  const shown = items.slice(0, 50);
  return composeEmail({
    subject,
    preview: `${onlyReminders ? 'Reminders' : 'Messages'} on ${formatUkDate(today)} did not reach ${people} ${people === 1 ? who : onlyReminders ? 'owners' : 'people'}.`,
    blocks: [
      {
        kind: 'heading',
        text: onlyReminders
          ? 'Reminders that could not be delivered'
          : 'Messages that could not be delivered',
      },
      {
        kind: 'paragraph',
        text: onlyReminders
          ? `On ${formatUkDate(today)} these owners of ${plan.title} could not be reached, so they have not been reminded. Please contact them another way, or check their e-mail address in the plan.`
          : `On ${formatUkDate(today)} these people named in ${plan.title} could not be reached, so they have not had what was sent to them. Please contact them another way, or check their e-mail address in the plan.`,
      },
      {
        kind: 'list',
        heading: `Not delivered (${items.length})`,
        items: shown.map((item) =>
          'measure' in item
            ? `${item.owner.name} (${item.owner.email}), ${item.reason}: ${item.message.headline} (measure ${item.measure.id} ${shorten(item.measure.name, 120)})`
            : `${item.owner.name} (${item.owner.email}), ${item.reason}: action ${item.action.id} ${shorten(item.action.description, 120)}, ${hasDeadline(item.action) ? `due ${dueWithDistance(item.action.currentDueDate, today)}` : describeDue(undefined, today, noDeadlineOf(item.action))}`,
        ),
        more: items.length - shown.length,
      },
      { kind: 'button', label: 'Open the dashboard', url: links.dashboardUrl },
    ],
    footer: senderFooter(plan),
  });
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
