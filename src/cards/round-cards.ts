/** Cards for monitoring rounds and the progress report: data in, a template from /cards out. */
import { formatUkDate } from '../domain/dates';
import { describeComparison, type RoundProgress } from '../domain/monitoring-round';
import type { Plan } from '../domain/plan';
import { groupsOf, scopeName } from '../domain/plan-groups';
import { formatSendMoment } from '../domain/send-moment';
import type { Reply } from '../usecases/chat/replies';
import type { ReportLinkAccess } from '../usecases/ports/index';
import { escapeMarkdown as md, truncate } from './escape';
import { type AdaptiveCard, renderCard } from './render';
import { suggestions } from './suggestions';

/** Enough to act on from a phone; the rest is one "round status" away in the tab or the report. */
const AGENCIES_SHOWN = 12;
const OWNERS_NAMED = 6;

const FORMAT_LABEL = {
  html: 'Open report (print or save as PDF)',
  xlsx: 'Excel workbook',
  csv: 'CSV',
  docx: 'Committee paper (Word)',
} as const;

/** What a report link really does, in each mode: the card must never promise more than that. */
const REPORT_ACCESS_TEXT: Record<ReportLinkAccess, string> = {
  'teams-sign-in':
    'Each button opens Action Tracker in Teams, where you are signed in, and gives the report only to you, for 24 hours; anyone else who opens it is refused.',
  'local-direct':
    'Local mode: nobody is signed in, so these links open the report directly on this computer, for 24 hours.',
};

function message(title: string, text: string, commands: string[], color = 'Default'): AdaptiveCard {
  return renderCard('message', {
    title: md(title),
    text,
    color,
    suggestions: suggestions(commands),
  });
}

export function roundStartedCard(reply: Extract<Reply, { kind: 'round-started' }>): AdaptiveCard {
  const { round, owners } = reply;
  const actions = round.requested.length;
  // Outside the send window nothing goes now: say when it will, rather than "I am asking".
  const queued = reply.requestsQueuedUntil
    ? ` Requests will go at ${formatSendMoment(reply.requestsQueuedUntil, reply.plan.timeZone)}, inside the plan's send window.`
    : '';
  const warnings = (reply.responseDateWarnings ?? []).map((w) => ` Check the response date: ${w}.`).join('');
  return message(
    `Monitoring round ${round.number} started`,
    `${queued ? 'I will ask' : 'I am asking'} ${owners} owner${owners === 1 ? '' : 's'} for an update on ${actions} open action${actions === 1 ? '' : 's'} of ${md(reply.plan.title)}${round.groupId ? ` (${md(scopeName(reply.plan, round.groupId))})` : ''}, by **${formatUkDate(round.responseDue)}**${round.meeting ? `, for the meeting on ${formatUkDate(round.meeting)}` : ''}.${queued}${warnings} Owners who have not answered are reminded on the plan's reminder days until then. Say "round status" to see who has answered, and "round close" to freeze the snapshot.`,
    ['round status'],
  );
}

export function roundStatusCard(reply: Extract<Reply, { kind: 'round-status' }>): AdaptiveCard {
  const { round, progress, plan, today } = reply.status;
  const open = round.status === 'open';
  const agencies = progress.byAgency.slice(0, AGENCIES_SHOWN).map((entry) => {
    const names = entry.awaitingOwners.map((o) => md(reply.status.ownerNames[o.email] || o.email));
    const waitingOn =
      names.length === 0
        ? ''
        : `Waiting on ${names.slice(0, OWNERS_NAMED).join(', ')}${names.length > OWNERS_NAMED ? ` and ${names.length - OWNERS_NAMED} more` : ''}`;
    return {
      agency: md(truncate(entry.agency, 80)),
      answeredText: `${entry.responded} of ${entry.responded + entry.awaiting} answered`,
      waitingOn,
    };
  });
  const due = formatUkDate(round.responseDue);
  const subtitle = open
    ? `${md(plan.title)}. Responses due ${due}${today > round.responseDue ? ' (passed)' : ''}.`
    : `${md(plan.title)}. Closed ${formatUkDate(round.closedOn ?? round.responseDue)}; its snapshot is in the report.`;
  const buttons = [
    { label: 'Refresh', command: 'round status' },
    ...(reply.canClose
      ? [{ label: `Close round ${round.number}`, command: `round close ${round.number}` }]
      : []),
    { label: 'Report', command: 'report' },
  ];
  return renderCard('round-status', {
    title: `Monitoring round ${round.number}${reply.status.groupName ? `: ${md(reply.status.groupName)}` : ''}${open ? '' : ' (closed)'}`,
    subtitle,
    // FactSet values must be strings in Teams.
    requested: String(progress.requested),
    responded: String(progress.responded),
    awaiting: String(progress.awaiting),
    agencies,
    moreAgencies: Math.max(0, progress.byAgency.length - AGENCIES_SHOWN),
    contributingText: contributingLine(progress),
    confirmText: reply.confirmClose
      ? `Closing freezes a snapshot of every action's rating, dates and latest note as they stand now${progress.awaiting > 0 ? `, with ${progress.awaiting} action${progress.awaiting === 1 ? '' : 's'} still awaiting an update` : ''}. Chasing stops. Press "Close round ${round.number}" to go ahead.`
      : '',
    buttons,
  });
}

/** "Contributing: Health (3 actions, 1 awaiting), Education (1 action)". */
function contributingLine(progress: RoundProgress): string {
  const shares = progress.byContributingAgency.slice(0, AGENCIES_SHOWN).map((share) => {
    const awaiting = share.awaiting > 0 ? `, ${share.awaiting} awaiting` : '';
    return `${md(truncate(share.agency, 80))} (${share.actions} action${share.actions === 1 ? '' : 's'}${awaiting})`;
  });
  return shares.length > 0 ? `Contributing agencies: ${shares.join(', ')}` : '';
}

/** A plan with monitoring groups: each group's round, its response date and meeting, and who is awaited. */
export function roundStatusesCard(reply: Extract<Reply, { kind: 'round-statuses' }>): AdaptiveCard {
  const groups = reply.statuses.map(({ round, progress, ownerNames, today, groupName, plan }) => {
    const open = round.status === 'open';
    const meeting = round.meeting
      ? ` for the ${meetingOf(plan, round.groupId)} meeting on ${formatUkDate(round.meeting)}`
      : '';
    return {
      name: md(groupName ?? 'Actions in no group'),
      roundText: `round ${round.number}${open ? '' : ' (closed)'}`,
      dueText: open
        ? `Responses due ${formatUkDate(round.responseDue)}${today > round.responseDue ? ' (passed)' : ''}${meeting}.`
        : `Closed ${formatUkDate(round.closedOn ?? round.responseDue)}; its snapshot is in the report.`,
      answeredText: `${progress.responded} of ${progress.requested} answered`,
      agencies: progress.byAgency
        .filter((entry) => entry.awaiting > 0)
        .slice(0, AGENCIES_SHOWN)
        .map((entry) => {
          const names = entry.awaitingOwners.map((o) => md(ownerNames[o.email] || o.email));
          const shown = `${names.slice(0, OWNERS_NAMED).join(', ')}${names.length > OWNERS_NAMED ? ` and ${names.length - OWNERS_NAMED} more` : ''}`;
          return { text: `${md(truncate(entry.agency, 80))}: waiting on ${shown}` };
        }),
      contributingText: contributingLine(progress),
    };
  });
  const openRounds = reply.statuses.filter((s) => s.round.status === 'open');
  const buttons = [
    { label: 'Refresh', command: 'round status' },
    ...(reply.canClose
      ? openRounds.map((s) => ({
          label: `Close round ${s.round.number} (${truncate(s.groupName ?? 'no group', 30)})`,
          command: `round close ${s.round.number}`,
        }))
      : []),
    { label: 'Report', command: 'report' },
  ];
  return renderCard('round-groups', {
    title: 'Monitoring rounds',
    subtitle: `${md(reply.plan.title)}: ${openRounds.length} open, by monitoring group.`,
    groups,
    confirmText: reply.confirmClose
      ? "Closing a round freezes a snapshot of its group's actions as they stand now, and chasing stops. Press the round's close button to go ahead."
      : '',
    buttons,
  });
}

function meetingOf(plan: Plan, groupId: string | undefined): string {
  const group = groupsOf(plan).find((g) => g.id === groupId);
  return md(group?.oversightBody || group?.name || 'group');
}

export function roundClosedCard(reply: Extract<Reply, { kind: 'round-closed' }>): AdaptiveCard {
  const { round } = reply;
  const movement = reply.comparison
    ? ` ${describeComparison(reply.comparison.comparison, reply.comparison.since)}`
    : '';
  return message(
    `Monitoring round ${round.number} closed`,
    `The snapshot of ${reply.actions} action${reply.actions === 1 ? '' : 's'} is saved (${reply.responded} updated during the round).${movement} Say "report" for the progress report.`,
    ['report'],
    'Good',
  );
}

export function reportCard(reply: Extract<Reply, { kind: 'report' }>): AdaptiveCard {
  const { report } = reply;
  const counts = [
    ...report.front.byRating
      .filter((c) => c.count > 0 || c.rating !== 'unrated')
      .map((c) => ({ name: c.name, value: String(c.count) })),
    { name: 'Overdue', value: String(report.front.overdue) },
    { name: 'Rescheduled', value: String(report.front.rescheduled) },
    { name: 'Complete', value: String(report.front.complete) },
  ];
  const movement = report.front.movement
    ? describeComparison(report.front.movement.comparison, report.front.movement.since)
    : '';
  const linkText =
    reply.links.length > 0
      ? `${REPORT_ACCESS_TEXT[reply.access ?? 'teams-sign-in']} The report lays the actions out in the progress quadrants, with a table per area for improvement.`
      : 'Downloads are not available from this server. Ask your administrator to run: npm run cli -- report --plan ' +
        md(report.planId) +
        ' --format html --out report.html';
  return renderCard('report', {
    title: `Progress report: ${md(report.title)}`,
    subtitle: `Position as at ${report.asAtLabel}: ${report.front.total} actions`,
    counts,
    movement: md(movement),
    linkText,
    links: reply.links.map((link) => ({ label: FORMAT_LABEL[link.format], url: link.url })),
    buttons: reply.closedRounds.length > 0 ? [{ label: 'Round status', command: 'round status' }] : [],
  });
}
