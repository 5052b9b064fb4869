/**
 * The management page's monitoring rounds (contract in admin-rounds-types.ts): each route reads its
 * request, calls one use case of round-admin.ts (the chat's and the CLI's round use cases behind the one
 * access entry) and hands the typed outcome to `answer`, which gives it a status; the words are here.
 */
import { Router } from 'express';
import { formatUkDate } from '../../domain/dates';
import { describeGovernance } from '../../domain/endorsement';
import { ValidationError } from '../../domain/errors';
import type { Round } from '../../domain/monitoring-round';
import type { Plan } from '../../domain/plan';
import { groupsOf, scopeName } from '../../domain/plan-groups';
import { formatSendMoment } from '../../domain/send-moment';
import { instanceId } from '../../support/instance-id';
import type { Channel } from '../../usecases/delivery/channel';
import type { ClosedRound, RoundStatus } from '../../usecases/rounds/monitoring-rounds';
import {
  type ChasedRound,
  chaseRoundAs,
  closeRoundAs,
  endorseRoundAs,
  type RoundScope,
  type RoundsBoard,
  roundsBoard,
  type StartedFromPage,
  startRoundAs,
} from '../../usecases/rounds/round-admin';
import type { RoundSendRow } from '../../usecases/rounds/round-requests';
import {
  ADMIN_PLAN,
  type AdminApiDeps,
  actorOf,
  answer,
  bodyOf,
  changeRoute,
  jsonBody,
  planIdOf,
  type Route,
  text,
} from './admin-answer';
import type { TabClosedRound, TabOpenRound, TabRoundScope, TabRounds } from './admin-rounds-types';

/** The management API's deps, and the channel round requests and chases go through (none in some tests). */
export type AdminRoundsDeps = AdminApiDeps & { channel?: Channel };

const ROUNDS = `${ADMIN_PLAN}/rounds`;

export function adminRoundsRouter(deps: AdminRoundsDeps, route: Route): Router {
  const router = Router();
  const json = jsonBody();
  const change = changeRoute(route);
  const sending = { ...deps, claimant: instanceId() };

  router.get(
    ROUNDS,
    route(async (req, res, actor) => {
      const outcome = await roundsBoard(deps, actorOf(actor), planIdOf(req));
      if (outcome.kind === 'saved') res.json(roundsView(outcome.value, Boolean(deps.channel)));
      else answer(res, outcome, () => ({ ok: true, message: '' }));
    }),
  );

  router.post(
    ROUNDS,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        const group = text(body, 'group', 64).trim();
        const responseDue = text(body, 'responseDue', 32).trim();
        return startRoundAs(sending, actor, {
          planId: planIdOf(req),
          ...(group ? { group } : {}),
          ...(responseDue ? { responseDue } : {}),
        });
      },
      (started) => ({ ok: true, message: startedWords(started) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/chase`,
    json,
    change(
      (req, actor) =>
        chaseRoundAs(sending, actor, { planId: planIdOf(req), round: roundOf(req.params.round) }),
      (chased) => ({ ok: true, message: chasedWords(chased) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/close`,
    json,
    change(
      (req, actor) => {
        // The page shows what is outstanding, then asks; a request without the answer closes nothing.
        if (bodyOf(req).confirm !== true)
          throw new ValidationError([
            { field: 'confirm', reason: 'confirm that the round should close with what is outstanding' },
          ]);
        return closeRoundAs(deps, actor, { planId: planIdOf(req), number: roundOf(req.params.round) });
      },
      (closed) => ({ ok: true, message: closedWords(closed) }),
    ),
  );

  router.post(
    `${ROUNDS}/:round/endorsement`,
    json,
    change(
      (req, actor) => {
        const body = bodyOf(req);
        return endorseRoundAs(deps, actor, {
          planId: planIdOf(req),
          round: roundOf(req.params.round),
          meeting: text(body, 'meeting', 400),
          date: text(body, 'date', 32),
        });
      },
      (round) => ({
        ok: true,
        message: `Round ${round.number}: ${describeGovernance(round) ?? 'endorsed.'}`,
      }),
    ),
  );

  return router;
}

function roundOf(raw: unknown): number {
  const round = Number(raw);
  if (!Number.isInteger(round) || round < 1 || round > 9999)
    throw new ValidationError([{ field: 'round', reason: 'must be a round number such as 2' }]);
  return round;
}

function roundsView(board: RoundsBoard, sends: boolean): TabRounds {
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

function startedWords({ started, sent }: StartedFromPage): string {
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

function chasedWords(chased: ChasedRound): string {
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

function closedWords({ round, plan, snapshot }: ClosedRound): string {
  const updated = snapshot.filter((item) => item.responded).length;
  return `Round ${round.number} (${scopeName(plan, round.groupId)}) closed: a snapshot of ${plural(snapshot.length, 'action')}, ${updated} updated during the round. Record its endorsement below once the oversight body has given it.`;
}

/** "Requests: 4 sent, 1 could not be reached." */
function sentWords(rows: readonly RoundSendRow[], what: string): string {
  const count = (outcome: RoundSendRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const parts = [`${count('sent')} sent`];
  if (count('unreachable') > 0) parts.push(`${count('unreachable')} could not be reached`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed and will be retried`);
  return `${what}: ${parts.join(', ')}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
