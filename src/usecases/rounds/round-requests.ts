/**
 * The cards a monitoring round sends: the opening request to every owner of an open action, then chases
 * to those who have not answered, on the reminder rules, until the response date. Each card goes once
 * per owner, action and step through the delivery ledger, so a restart or a second instance never
 * sends one twice, and a request lost to a crash is sent by the next sweep.
 */
import { calendarDateIn, formatUkDate } from '../../domain/dates';
import { type DeliveryKey, formatDeliveryKey, formatDeliveryKeyPrefix } from '../../domain/delivery-key';
import { isOpen } from '../../domain/lifecycle';
import { hasResponded, type Round, roundChaseDue } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
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

export type RoundSendDeps = ScheduledSendDeps;

export interface RoundSendRow {
  planId: string;
  round: number;
  actionId: string;
  owner: string;
  step: string;
  outcome: 'sent' | 'skipped' | 'unreachable' | 'failed';
  reason: string;
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
  return deliver(deps, plan, round, 'request', (today, contact) => ({
    text: contact
      ? `Monitoring round ${round.number}: your agency contributes to this action. Please add a note by ${formatUkDate(round.responseDue)}`
      : `Monitoring round ${round.number}: please update this action by ${formatUkDate(round.responseDue)}`,
    tone: today >= round.responseDue ? 'warning' : 'info',
  }));
}

/** Today's chase for the round, if one falls due and it is a working day inside the plan's send window. */
export async function chaseRound(deps: RoundSendDeps, plan: Plan, round: Round): Promise<RoundSendRow[]> {
  const now = deps.clock.now();
  const settings = reminderSettingsOf(plan);
  const today = calendarDateIn(plan.timeZone, now);
  const step = roundChaseDue(round, today, settings, deps.calendar);
  if (!step || !maySendNow(settings, plan.timeZone, deps.calendar, now)) return [];
  return deliver(deps, plan, round, step.name, () => ({
    text:
      step.name === 'due'
        ? `Monitoring round ${round.number}: updates are due today. Please update this action`
        : `Reminder: monitoring round ${round.number} asks for an update by ${formatUkDate(round.responseDue)}`,
    tone: step.name === 'due' ? 'warning' : 'info',
  }));
}

/** Sends the opening requests still owed and today's chases for every open round. */
export async function runRoundSends(deps: RoundSendDeps): Promise<RoundSendRow[]> {
  const rows: RoundSendRow[] = [];
  for (const plan of await deps.stores.plans.list()) {
    if (deps.stopping?.()) break;
    if (plan.closedAt) continue;
    for (const round of await deps.stores.rounds.list(plan.id)) {
      if (round.status !== 'open') continue;
      rows.push(...(await sendRoundRequests(deps, plan, round)));
      rows.push(...(await chaseRound(deps, plan, round)));
    }
  }
  return rows;
}

async function deliver(
  deps: RoundSendDeps,
  plan: Plan,
  round: Round,
  step: string,
  headline: (today: string, contact: boolean) => NonNullable<ActionCardView['headline']>,
): Promise<RoundSendRow[]> {
  // One partition read tells which cards of this step are settled, so a sweep with nothing owed is cheap.
  const prefix = formatDeliveryKeyPrefix({ kind: 'round', round: round.number, step });
  const settled = new Set(
    (await deps.stores.ledger.listByPrefix(plan.id, prefix))
      .filter((record) => record.state === 'sent' || record.state === 'skipped')
      .map((record) => record.key),
  );
  // Contributing agencies' contacts get the opening request (to add a note); chases are for the owners,
  // who propose the rating.
  const owed = round.requested.flatMap((request) =>
    [
      ...request.owners.map((email) => ({ email, contact: false })),
      ...(step === 'request' ? (request.contacts ?? []).map((email) => ({ email, contact: true })) : []),
    ]
      .map(({ email, contact }) => ({
        actionId: request.actionId,
        email,
        contact,
        key: {
          kind: 'round',
          round: round.number,
          step,
          actionId: request.actionId,
          recipient: email,
        } satisfies DeliveryKey,
      }))
      .filter((item) => !settled.has(formatDeliveryKey(item.key))),
  );
  if (owed.length === 0) return [];

  const { areas, actions } = await deps.stores.actions.readPlan(plan.id);
  const byId = new Map(actions.map((a) => [a.value.id, a.value]));
  const people = await deps.stores.users.findByEmails([...new Set(owed.map((item) => item.email))]);
  const rows: RoundSendRow[] = [];
  await forEachConcurrently(owed, CONCURRENCY, async ({ actionId, email, contact, key }) => {
    if (deps.stopping?.()) return;
    const row = (outcome: RoundSendRow['outcome'], reason: string) =>
      rows.push({ planId: plan.id, round: round.number, actionId, owner: email, step, outcome, reason });
    const action = byId.get(actionId);
    // Closed, answered or handed to someone else since the round opened: nothing to ask.
    const why = !action
      ? 'action removed'
      : !isOpen(action.lifecycle)
        ? 'action closed'
        : hasResponded(action, round)
          ? 'already updated in this round'
          : contact
            ? !(action.contributingContacts ?? []).some((c) => c.email === email)
              ? 'no longer a contributing contact'
              : undefined
            : !action.owners.some((o) => o.email === email)
              ? 'no longer an owner'
              : undefined;
    if (why || !action) {
      await settleUnsent(deps, plan.id, key, 'not-needed');
      row('skipped', why ?? 'action removed');
      return;
    }
    const teams = people.find((u) => u.email === email);
    const today = calendarDateIn(plan.timeZone, deps.clock.now());
    const area = areas.find((a) => a.id === action.areaId);
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
          headline: headline(today, contact),
          respondBy: round.responseDue,
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
