/**
 * The cards a monitoring round sends: the opening request to every owner of an open action, then chases
 * to those who have not answered, on the reminder rules, until the response date. An owner on leave has
 * theirs sent to whoever covers for them that day. Each card goes once per recipient, action and step
 * through the delivery ledger, so a restart or a second instance never sends one twice, a request lost
 * to a crash is sent by the next sweep, and an owner back from leave gets the request they never had.
 */
import { calendarDateIn, formatUkDate, type IsoDate } from '../../domain/dates';
import { type CoveringFor, receiversFor } from '../../domain/delegation';
import {
  type DeliveryKey,
  formatDeliveryKey,
  formatDeliveryKeyPrefix,
  parseDeliveryKey,
} from '../../domain/delivery-key';
import { isOpen } from '../../domain/lifecycle';
import { hasResponded, type Round, roundChaseDue } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { chaseNowStep } from '../../domain/round-chase-now';
import { maySendNow } from '../../domain/send-moment';
import { cardRights } from '../access/access';
import { viewerOf } from '../delivery/channel';
import {
  type DeliveryResult,
  deliverOnce,
  deliveryRow,
  type ScheduledSendDeps,
  settleUnsent,
} from '../delivery/deliver-once';
import type { ActionCardView } from '../shared/action-card-view';
import { forEachConcurrently } from '../shared/concurrently';
import { chaseMeasureValues, type MeasureRequestRow, sendMeasureRequests } from './measure-requests';

export type RoundSendDeps = ScheduledSendDeps;

export interface RoundSendRow {
  planId: string;
  round: number;
  actionId: string;
  owner: string;
  step: string;
  outcome: 'sent' | 'skipped' | 'unreachable' | 'failed';
  reason: string;
  /** Set on a measure's request (./measure-requests.ts): `actionId` then reads "measure M1". */
  measure?: { id: string; period: string };
}

const CONCURRENCY = 8;

/**
 * The opening requests not yet sent (all of them, just after `round start`), only on a working day inside
 * the plan's send window: a round started outside it has its requests sent by the first sweep inside it.
 */
export async function sendRoundRequests(
  deps: RoundSendDeps,
  plan: Plan,
  round: Round,
): Promise<RoundSendRow[]> {
  if (!maySendNow(reminderSettingsOf(plan), plan.timeZone, deps.calendar, deps.clock.now())) return [];
  const by = formatUkDate(round.responseDue);
  const rows = await deliver(deps, plan, round, 'request', (today, contact, actionId) => ({
    text: contact
      ? `Round ${round.number}: please add your organisation's note to action ${actionId} by ${by}`
      : `Round ${round.number}: please update action ${actionId} by ${by}`,
    tone: today >= round.responseDue ? 'warning' : 'info',
  }));
  // The round asks measures' reporters for their values in the same breath.
  return [...rows, ...(await sendMeasureRequests(deps, plan, round)).map(measureRow)];
}

/** Today's chase for the round, if one falls due and it is a working day inside the plan's send window. */
export async function chaseRound(deps: RoundSendDeps, plan: Plan, round: Round): Promise<RoundSendRow[]> {
  const now = deps.clock.now();
  const settings = reminderSettingsOf(plan);
  const today = calendarDateIn(plan.timeZone, now);
  const step = roundChaseDue(round, today, settings, deps.calendar);
  if (!step || !maySendNow(settings, plan.timeZone, deps.calendar, now)) return [];
  const rows = await deliver(deps, plan, round, step.name, (_today, _contact, actionId) => ({
    text:
      step.name === 'due'
        ? `Round ${round.number}: updates are due today – please update action ${actionId}`
        : `Reminder – Round ${round.number}: please update action ${actionId} by ${formatUkDate(round.responseDue)}`,
    tone: step.name === 'due' ? 'warning' : 'info',
  }));
  // Reporters whose value is still missing are chased on the same steps.
  return [...rows, ...(await chaseMeasureValues(deps, plan, round)).map(measureRow)];
}

/**
 * A chase sent by hand ("Chase now" on the dashboard), to every owner still to answer: the next scheduled
 * chase brought forward (see domain/round-chase-now.ts). Only inside the send window, as every message
 * is: `undefined` outside it, and nothing is sent. Owners already chased at this step are not chased again.
 */
export async function chaseRoundNow(
  deps: RoundSendDeps,
  plan: Plan,
  round: Round,
): Promise<RoundSendRow[] | undefined> {
  const now = deps.clock.now();
  const settings = reminderSettingsOf(plan);
  if (!maySendNow(settings, plan.timeZone, deps.calendar, now)) return undefined;
  const today = calendarDateIn(plan.timeZone, now);
  const step = chaseNowStep(round, today, settings, deps.calendar);
  return deliver(deps, plan, round, step, (_today, _contact, actionId) => ({
    text:
      today >= round.responseDue
        ? `Round ${round.number}: updates were due ${formatUkDate(round.responseDue)} – please update action ${actionId}`
        : `Reminder – Round ${round.number}: please update action ${actionId} by ${formatUkDate(round.responseDue)}`,
    tone: today >= round.responseDue ? 'warning' : 'info',
  }));
}

/** Sends the opening requests still owed and today's chases for every open round. */
export async function runRoundSends(deps: RoundSendDeps): Promise<RoundSendRow[]> {
  const rows: RoundSendRow[] = [];
  for (const plan of await deps.stores.plans.list()) {
    if (deps.stopping?.()) break;
    if (plan.closedAt) continue;
    const rounds = await deps.stores.rounds.list(plan.id);
    for (const round of rounds) {
      if (round.status !== 'open') continue;
      rows.push(...(await sendRoundRequests(deps, plan, round)));
      rows.push(...(await chaseRound(deps, plan, round)));
    }
    // Between rounds, the schedule asks for a measure's value once its period is owed, and chases it.
    if (!rounds.some((r) => r.status === 'open')) {
      rows.push(...(await sendMeasureRequests(deps, plan)).map(measureRow));
      rows.push(...(await chaseMeasureValues(deps, plan)).map(measureRow));
    }
  }
  return rows;
}

function measureRow(row: MeasureRequestRow): RoundSendRow {
  return {
    planId: row.planId,
    round: row.round,
    actionId: `measure ${row.measureId}`,
    owner: row.recipient,
    step: row.step === 'request' ? 'measure' : `measure ${row.step}`,
    outcome: row.outcome,
    reason: row.reason,
    measure: { id: row.measureId, period: row.period },
  };
}

async function deliver(
  deps: RoundSendDeps,
  plan: Plan,
  round: Round,
  step: string,
  headline: (today: string, contact: boolean, actionId: string) => NonNullable<ActionCardView['headline']>,
): Promise<RoundSendRow[]> {
  // One partition read tells which cards of this step are settled, so a sweep with nothing owed is cheap.
  const prefix = formatDeliveryKeyPrefix({ kind: 'round', round: round.number, step });
  const settled = new Set(
    (await deps.stores.ledger.listByPrefix(plan.id, prefix))
      .filter((record) => record.state === 'sent' || record.state === 'skipped')
      .map((record) => record.key),
  );
  const today = calendarDateIn(plan.timeZone, deps.clock.now());
  const keyOf = (actionId: string, recipient: string) =>
    formatDeliveryKey({ kind: 'round', round: round.number, step, actionId, recipient });
  const owed = owedSends(plan, round, step, today).filter(
    (item) =>
      !settled.has(keyOf(item.actionId, item.email)) &&
      // A chase is one per owner and step: what their delegate already had (cover ended since), or
      // they had themselves (cover began since), is not sent again to the other. The opening request
      // is the exception: whoever holds the action now needs its link, so each gets it once.
      !(step !== 'request' && handledFor(plan, item, (email) => settled.has(keyOf(item.actionId, email)))),
  );
  if (owed.length === 0) return [];
  const askedToday = step === 'request' ? new Set<string>() : await requestsSentOn(deps, plan, round, today);

  const { areas, actions } = await deps.stores.actions.readPlan(plan.id);
  const byId = new Map(actions.map((a) => [a.value.id, a.value]));
  const people = await deps.stores.users.findByEmails([...new Set(owed.map((item) => item.email))]);
  const rows: RoundSendRow[] = [];
  await forEachConcurrently(owed, CONCURRENCY, async (item) => {
    const { actionId, email, contact, owner } = item;
    if (deps.stopping?.()) return;
    const key = {
      kind: 'round',
      round: round.number,
      step,
      actionId,
      recipient: email,
    } satisfies DeliveryKey;
    const covering = item.coveringFor ? ` (covering for ${item.coveringFor.email})` : '';
    const row = (outcome: RoundSendRow['outcome'], reason: string) =>
      rows.push({
        planId: plan.id,
        round: round.number,
        actionId,
        owner: email,
        step,
        outcome,
        reason: `${reason}${covering}`,
      });
    const action = byId.get(actionId);
    // Closed, answered or handed to someone else since the round opened: nothing to ask.
    const why = askedToday.has(`${actionId}\u0000${email}`)
      ? // Someone who has just had the opening request (back from leave, or cover just begun) is not
        // chased for it on the same day; this step counts as done for them.
        'opening request sent today'
      : !action
        ? 'action removed'
        : !isOpen(action.lifecycle)
          ? 'action closed'
          : hasResponded(action, round)
            ? 'already updated in this round'
            : contact
              ? !(action.contributingContacts ?? []).some((c) => c.email === owner)
                ? 'no longer a contributing contact'
                : undefined
              : !action.owners.some((o) => o.email === owner)
                ? 'no longer an owner'
                : undefined;
    if (why || !action) {
      await settleUnsent(deps, plan.id, key, 'not-needed');
      row('skipped', why ?? 'action removed');
      return;
    }
    const teams = people.find((u) => u.email === email);
    const area = areas.find((a) => a.id === action.areaId);
    // The plan names the owner; the delegation only their address.
    const coveringFor = item.coveringFor && {
      ...item.coveringFor,
      name: action.owners.find((o) => o.email === owner)?.name || item.coveringFor.name,
    };
    const result = await deliverOnce(deps, {
      scope: plan.id,
      key,
      to: { email, ...(teams ? { teams } : {}) },
      today,
      message: (to) => ({
        kind: 'action-card',
        purpose: step === 'request' ? 'round-request' : 'round-chase',
        view: {
          plan,
          ...(area ? { area } : {}),
          action,
          today,
          headline: headline(today, contact, action.id),
          respondBy: round.responseDue,
          ...(coveringFor ? { coveringFor } : {}),
          // The forms the access entry gives this recipient: an owner's update form, a contact's note form.
          ...viewerOf(to, cardRights(deps.clock, { email }, plan, action)),
        },
      }),
    });
    const { outcome, reason } = roundRow(result, step);
    row(outcome, reason);
  });
  return rows;
}

/** Action and recipient of each opening request sent today (plan's calendar), as "actionId\0email". */
async function requestsSentOn(
  deps: RoundSendDeps,
  plan: Plan,
  round: Round,
  today: IsoDate,
): Promise<Set<string>> {
  const prefix = formatDeliveryKeyPrefix({ kind: 'round', round: round.number, step: 'request' });
  const sent = new Set<string>();
  for (const record of await deps.stores.ledger.listByPrefix(plan.id, prefix)) {
    const key = parseDeliveryKey(record.key);
    if (record.state !== 'sent' || key?.kind !== 'round') continue;
    if (calendarDateIn(plan.timeZone, new Date(record.updatedAt)) === today)
      sent.add(`${key.actionId}\u0000${key.recipient}`);
  }
  return sent;
}

interface OwedSend {
  actionId: string;
  /** The owner (or contributing contact) the message is for. */
  owner: string;
  /** Who receives it today: the owner, or a delegate covering for them. */
  email: string;
  contact: boolean;
  coveringFor?: CoveringFor;
}

/**
 * Every card of this step the round asks for today, by recipient: each owner's goes to whoever receives
 * for them today (the domain's cover rule); contributing agencies' contacts get the opening request (to
 * add a note), while chases are for the owners, who propose the rating. One per recipient and action:
 * someone covering for two owners of one action, or covering and owning it, gets one card.
 */
function owedSends(plan: Plan, round: Round, step: string, today: IsoDate): OwedSend[] {
  const owed = new Map<string, OwedSend>();
  for (const request of round.requested) {
    const items: OwedSend[] = [
      ...request.owners.flatMap((owner) =>
        receiversFor(plan.delegations, { name: '', email: owner }, today).map((to) => ({
          actionId: request.actionId,
          owner,
          email: to.email,
          contact: false,
          ...(to.coveringFor ? { coveringFor: to.coveringFor } : {}),
        })),
      ),
      ...(step === 'request'
        ? (request.contacts ?? []).map((email) => ({
            actionId: request.actionId,
            owner: email,
            email,
            contact: true,
          }))
        : []),
    ];
    for (const item of items) {
      const id = `${item.actionId}\u0000${item.email}`;
      const held = owed.get(id);
      // Their own card before one as a delegate or as a contact.
      if (!held || (held.coveringFor && !item.coveringFor && !item.contact)) owed.set(id, item);
    }
  }
  return [...owed.values()];
}

/** Whether this step was already settled for the same owner with someone else (their delegate, or them). */
function handledFor(plan: Plan, item: OwedSend, settledFor: (email: string) => boolean): boolean {
  if (item.contact) return false;
  const others = new Set([
    item.owner,
    ...(plan.delegations ?? []).filter((d) => d.owner === item.owner).map((d) => d.delegate),
  ]);
  others.delete(item.email);
  return [...others].some(settledFor);
}

function roundRow(result: DeliveryResult, step: string): Pick<RoundSendRow, 'outcome' | 'reason'> {
  // Round cards have no dry run.
  if (result.status === 'would-send') return { outcome: 'skipped', reason: 'dry run' };
  const row = deliveryRow(result, {
    message: step,
    done: () => 'already sent',
    busy: 'being sent by another instance',
    // Someone on leave is not chased; the opening request still reaches them for when they are back.
    paused: (until) => `owner paused reminders until ${formatUkDate(until)}`,
  });
  return { outcome: row.outcome === 'would send' ? 'skipped' : row.outcome, reason: row.reason };
}
