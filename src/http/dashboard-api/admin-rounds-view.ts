/**
 * The rounds section's view and words: the use cases' facts (round-admin.ts) as the JSON the page reads
 * (admin-rounds-types.ts) and the sentences each change answers with. Dates as 31 Dec 2024.
 */
import { formatUkDate } from '../../domain/dates';
import { describeGovernance } from '../../domain/endorsement';
import type { Round } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { groupsOf, scopeName } from '../../domain/plan-groups';
import { formatSendMoment } from '../../domain/send-moment';
import type { ClosedRound, RoundStatus } from '../../usecases/rounds/monitoring-rounds';
import type {
  ChasedRound,
  RoundScope,
  RoundsBoard,
  StartedFromPage,
} from '../../usecases/rounds/round-admin';
import type { RoundSendRow } from '../../usecases/rounds/round-requests';
import type { TabClosedRound, TabOpenRound, TabRoundScope, TabRounds } from './admin-rounds-types';

export function roundsView(board: RoundsBoard, sends: boolean): TabRounds {
  const { plan } = board;
  return {
    planId: plan.id,
    todayLabel: formatUkDate(board.today),
    scopes: board.scopes.map((scope) => scopeView(plan, board, scope)),
    closed: board.closed.map((round) => closedView(plan, round)),
    sends,
  };
}

function scopeView(plan: Plan, board: RoundsBoard, scope: RoundScope): TabRoundScope {
  const { group, status, proposal } = scope;
  const meetings = (group?.meetings ?? []).filter((date) => date >= board.today).slice(0, 3);
  const body = group ? group.oversightBody || plan.oversightBody : plan.oversightBody;
  const about = [
    body ? `Reports to ${body}` : 'No oversight body named',
    group
      ? meetings.length > 0
        ? `meets ${meetings.map(formatUkDate).join(', ')}`
        : 'no meeting ahead'
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  const name = scopeName(plan, group?.id);
  const open = status?.round.status === 'open' ? openView(status) : undefined;
  return {
    group: group?.id ?? '',
    name: name.charAt(0).toUpperCase() + name.slice(1),
    about: `${about}.`,
    askableLabel: `${scope.askable} open ${scope.askable === 1 ? 'action' : 'actions'} with owners to ask`,
    ...(open ? { open } : {}),
    ...(status && !open
      ? { latestLabel: `Round ${status.round.number} closed ${closedOnOf(status.round)}` }
      : {}),
    ...(proposal && 'refused' in proposal
      ? { cannotStart: `A round cannot start: ${proposal.refused}.` }
      : {}),
    ...(proposal && !('refused' in proposal)
      ? {
          proposal: {
            responseDue: proposal.responseDue,
            summary: `Responses due ${formatUkDate(proposal.responseDue)}${
              proposal.meeting
                ? `, ${group?.responseWorkingDaysBefore ?? ''} working days before the meeting on ${formatUkDate(proposal.meeting)}`
                : group
                  ? ' (two weeks: the group has no meeting ahead that leaves time to answer)'
                  : ' (two weeks from today)'
            }`,
            warnings: proposal.responseDateWarnings,
            ...(proposal.requestsQueuedUntil
              ? { queued: queuedWords(proposal.requestsQueuedUntil, plan) }
              : {}),
          },
        }
      : {}),
  };
}

function openView(status: RoundStatus): TabOpenRound {
  const { round, progress, ownerNames } = status;
  const nameOf = (email: string) => ownerNames[email] || email;
  const waiting = new Map<string, string[]>();
  for (const agency of progress.byAgency)
    for (const owner of agency.awaitingOwners)
      for (const actionId of owner.actions)
        waiting.set(actionId, [...(waiting.get(actionId) ?? []), nameOf(owner.email)]);
  return {
    number: round.number,
    label: `Round ${round.number}, opened ${formatUkDate(round.openedOn)}; responses due ${formatUkDate(round.responseDue)}${round.meeting ? ` for the meeting on ${formatUkDate(round.meeting)}` : ''}`,
    progressLabel: `${progress.responded} of ${progress.requested} answered; ${progress.awaiting} awaiting`,
    awaiting: progress.awaiting,
    byAgency: progress.byAgency.map((a) => ({
      agency: a.agency,
      answered: a.responded,
      awaiting: a.awaiting,
      waitingOn: a.awaitingOwners.map((o) => `${nameOf(o.email)} (${o.actions.join(', ')})`),
    })),
    ...(progress.byContributingAgency.length > 0
      ? {
          contributing: `Contributing: ${progress.byContributingAgency.map((c) => `${c.agency} (${c.actions} ${c.actions === 1 ? 'action' : 'actions'}, ${c.awaiting} awaiting)`).join(', ')}`,
        }
      : {}),
    outstanding: round.requested
      .filter((r) => waiting.has(r.actionId))
      .map((r) => ({ actionId: r.actionId, owners: waiting.get(r.actionId)!.join(', ') })),
  };
}

function closedView(plan: Plan, round: Round): TabClosedRound {
  const group = groupsOf(plan).find((g) => g.id === round.groupId);
  const governance = describeGovernance(round);
  return {
    number: round.number,
    label: `Round ${round.number} (${scopeName(plan, round.groupId)}), closed ${closedOnOf(round)}`,
    ...(governance ? { governance } : {}),
    endorsed: Boolean(round.endorsement),
    oversightBody: round.endorsement?.meeting ?? (group?.oversightBody || plan.oversightBody),
    closedOn: round.closedOn ?? round.responseDue,
  };
}

function closedOnOf(round: Round): string {
  return formatUkDate(round.closedOn ?? round.responseDue);
}

function queuedWords(at: Date, plan: Plan): string {
  return `Requests will go at ${formatSendMoment(at, plan.timeZone)}, inside the plan's send window.`;
}

export function startedWords({ started, sent }: StartedFromPage): string {
  const { round, plan } = started;
  const words = [
    `Round ${round.number} (${scopeName(plan, round.groupId)}) started: ${plural(round.requested.length, 'action')}, ${plural(started.owners, 'owner')}, responses due ${formatUkDate(round.responseDue)}${round.meeting ? ` for the meeting on ${formatUkDate(round.meeting)}` : ''}.`,
    ...started.responseDateWarnings.map((warning) => `Check the response date: ${warning}.`),
  ];
  if (started.requestsQueuedUntil) words.push(queuedWords(started.requestsQueuedUntil, plan));
  else if (sent) words.push(sentWords(sent, 'Requests'));
  else words.push('The requests go with the next sweep.');
  return words.join(' ');
}

export function chasedWords(chased: ChasedRound): string {
  const round = `round ${chased.round.number}`;
  switch (chased.kind) {
    case 'sent':
      return chased.rows.some((r) => r.outcome === 'sent')
        ? `Chased the owners still to answer ${round}. ${sentWords(chased.rows, 'Chases')}`
        : `Nobody was chased: everyone still to answer ${round} has had this chase already.`;
    case 'outside-window':
      return `Nothing was sent: it is outside the plan's send window. Chase from ${formatSendMoment(chased.from, chased.timeZone)}.`;
    case 'asked-today':
      return `Nobody was chased: the requests for ${round} went out today. Chase from the next working day.`;
    case 'no-channel':
      return `Nothing was sent: this server sends no messages (the sweep chases ${round} on its schedule).`;
    default: {
      const never: never = chased;
      throw new Error(`Unknown chase ${String(never)}`);
    }
  }
}

export function closedWords({ round, plan, snapshot }: ClosedRound): string {
  const updated = snapshot.filter((item) => item.responded).length;
  return `Round ${round.number} (${scopeName(plan, round.groupId)}) closed: a snapshot of ${plural(snapshot.length, 'action')}, ${updated} updated during the round. Record its endorsement below once the oversight body has given it.`;
}

export function endorsedWords(round: Round): string {
  return `Round ${round.number}: ${describeGovernance(round) ?? 'endorsed.'}`;
}

/** "Requests: 4 sent, 1 could not be reached." */
function sentWords(rows: readonly RoundSendRow[], what: string): string {
  const count = (outcome: RoundSendRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const parts = [`${count('sent')} sent`];
  if (count('unreachable') > 0) parts.push(`${count('unreachable')} could not be reached`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed and will be retried`);
  // Not sent because not needed (already answered in the round, closed, no longer theirs): said, so "0 sent"
  // is never left unexplained.
  if (count('skipped') > 0) parts.push(`${count('skipped')} not needed (already answered or no longer open)`);
  return `${what}: ${parts.join(', ')}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
