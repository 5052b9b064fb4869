/** Cards for monitoring rounds and the progress report: data in, a template from /cards out. */
import { formatUkDate } from '../domain/dates';
import { describeComparison } from '../domain/monitoring-round';
import type { Reply } from '../usecases/chat/replies';
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
  return message(
    `Monitoring round ${round.number} started`,
    `I am asking ${owners} owner${owners === 1 ? '' : 's'} for an update on ${actions} open action${actions === 1 ? '' : 's'} of ${md(reply.plan.title)}, by **${formatUkDate(round.responseDue)}**. Owners who have not answered are reminded on the plan's reminder days until then. Say "round status" to see who has answered, and "round close" to freeze the snapshot.`,
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
    title: `Monitoring round ${round.number}${open ? '' : ' (closed)'}`,
    subtitle,
    // FactSet values must be strings in Teams.
    requested: String(progress.requested),
    responded: String(progress.responded),
    awaiting: String(progress.awaiting),
    agencies,
    moreAgencies: Math.max(0, progress.byAgency.length - AGENCIES_SHOWN),
    confirmText: reply.confirmClose
      ? `Closing freezes a snapshot of every action's rating, dates and latest note as they stand now${progress.awaiting > 0 ? `, with ${progress.awaiting} action${progress.awaiting === 1 ? '' : 's'} still awaiting an update` : ''}. Chasing stops. Press "Close round ${round.number}" to go ahead.`
      : '',
    buttons,
  });
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
      ? 'Anyone with this link can open the report for 24 hours; do not forward it. The report lays the actions out in the progress quadrants, with a table per area for improvement.'
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
