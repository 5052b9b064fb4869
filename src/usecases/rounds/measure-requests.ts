/**
 * The requests for measures' values: a round asks each measure's reporter for the period now owed (the
 * last one that has ended, when it has no value yet), on their channel, as it asks owners for updates;
 * between rounds the reminder schedule asks for a period no round has asked for. A reporter on leave has
 * theirs sent to whoever covers for them that day (the domain's cover rule). Each goes once per round,
 * measure, period and recipient through the delivery ledger (the schedule's as "round 0"), so a restart,
 * a second instance or the next sweep never sends one twice, and only on a working day inside the plan's
 * send window.
 */
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { receiversFor } from '../../domain/delegation';
import { type DeliveryKey, formatDeliveryKeyPrefix, parseDeliveryKey } from '../../domain/delivery-key';
import { assessMeasure, type Measure, type MeasureValue, valueOwed } from '../../domain/measures';
import type { Round } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { maySendNow } from '../../domain/send-moment';
import {
  type DeliveryResult,
  deliverOnce,
  deliveryRow,
  type ScheduledSendDeps,
} from '../delivery/deliver-once';
import { forEachConcurrently } from '../shared/concurrently';

export interface MeasureRequestRow {
  planId: string;
  /** The round that asked; 0 for the schedule between rounds. */
  round: number;
  measureId: string;
  /** The period asked for: its first month. */
  period: string;
  /** Who it went to: the reporter, or whoever covers for them. */
  recipient: string;
  outcome: 'sent' | 'skipped' | 'unreachable' | 'failed';
  reason: string;
}

const CONCURRENCY = 8;
/** The schedule's requests, between rounds, in the ledger's round field. */
const SCHEDULE = 0;

/**
 * Asks every measure's reporter for the value owed: as round `round`'s request, or (no round) the
 * schedule's, for a period no round or earlier schedule run has asked for. A round asks for a period
 * unless another open round already has (a plan's groups may each have a round open at once).
 */
export async function sendMeasureRequests(
  deps: ScheduledSendDeps,
  plan: Plan,
  round?: Round,
): Promise<MeasureRequestRow[]> {
  const now = deps.clock.now();
  if (!maySendNow(reminderSettingsOf(plan), plan.timeZone, deps.calendar, now)) return [];
  const measures = (await deps.stores.measures.list(plan.id)).map((m) => m.value);
  if (measures.length === 0) return [];
  const today = calendarDateIn(plan.timeZone, now);
  const values = await deps.stores.measures.listValues(plan.id);
  const owed = measures.flatMap((measure) => {
    const period = valueOwed(measure, values, today);
    return period ? [{ measure, period }] : [];
  });
  if (owed.length === 0) return [];

  // One partition read says what has been asked already, by whom and for which period.
  const asked = await askedAlready(deps, plan);
  const openRounds = new Set(
    round
      ? (await deps.stores.rounds.list(plan.id)).filter((r) => r.status === 'open').map((r) => r.number)
      : [],
  );
  const number = round?.number ?? SCHEDULE;
  const sends = owed.flatMap(({ measure, period }) => {
    const before = asked.byPeriod.get(`${measure.id}\u0000${period.start}`) ?? new Set<number>();
    const askedElsewhere = round
      ? [...before].some((n) => n !== number && openRounds.has(n))
      : before.size > 0;
    if (askedElsewhere) return [];
    return receiversFor(plan.delegations, { name: '', email: measure.reporter }, today)
      .filter((to) => to.email !== '')
      .map((to) => ({ measure, period, to }))
      .filter(({ to }) => !asked.settled.has(keyText(number, measure.id, period.start, to.email)));
  });
  if (sends.length === 0) return [];

  const people = await deps.stores.users.findByEmails([...new Set(sends.map((s) => s.to.email))]);
  const rows: MeasureRequestRow[] = [];
  await forEachConcurrently(sends, CONCURRENCY, async ({ measure, period, to }) => {
    if (deps.stopping?.()) return;
    const key = {
      kind: 'measure',
      round: number,
      measureId: measure.id,
      period: period.start,
      recipient: to.email,
    } satisfies DeliveryKey;
    const teams = people.find((u) => u.email === to.email);
    const result = await deliverOnce(deps, {
      scope: plan.id,
      key,
      to: { email: to.email, ...(teams ? { teams } : {}) },
      today,
      message: () => ({
        kind: 'measure-request',
        view: {
          plan,
          measure,
          assessment: assessMeasure(measure, valuesOf(values, measure), today),
          period,
          today,
          ...(round ? { round: { number: round.number, responseDue: round.responseDue } } : {}),
          ...(to.coveringFor ? { coveringFor: to.coveringFor } : {}),
        },
      }),
    });
    const { outcome, reason } = rowOf(result, period.label);
    rows.push({
      planId: plan.id,
      round: number,
      measureId: measure.id,
      period: period.start,
      recipient: to.email,
      outcome,
      reason: to.coveringFor ? `${reason} (covering for ${to.coveringFor.email})` : reason,
    });
  });
  return rows;
}

function valuesOf(values: readonly MeasureValue[], measure: Measure): MeasureValue[] {
  return values.filter((v) => v.measureId === measure.id);
}

const keyText = (round: number, measureId: string, period: string, recipient: string) =>
  `${round}\u0000${measureId}\u0000${period}\u0000${recipient}`;

/** The requests settled (sent, or skipped for good) and, by measure and period, the rounds that asked. */
async function askedAlready(
  deps: ScheduledSendDeps,
  plan: Plan,
): Promise<{ settled: Set<string>; byPeriod: Map<string, Set<number>> }> {
  const settled = new Set<string>();
  const byPeriod = new Map<string, Set<number>>();
  const records = await deps.stores.ledger.listByPrefix(
    plan.id,
    formatDeliveryKeyPrefix({ kind: 'measure' }),
  );
  for (const record of records) {
    const key = parseDeliveryKey(record.key);
    if (key?.kind !== 'measure') continue;
    if (record.state === 'sent' || record.state === 'skipped')
      settled.add(keyText(key.round, key.measureId, key.period, key.recipient));
    if (record.state === 'sent') {
      const id = `${key.measureId}\u0000${key.period}`;
      byPeriod.set(id, (byPeriod.get(id) ?? new Set<number>()).add(key.round));
    }
  }
  return { settled, byPeriod };
}

function rowOf(result: DeliveryResult, label: string): Pick<MeasureRequestRow, 'outcome' | 'reason'> {
  if (result.status === 'would-send') return { outcome: 'skipped', reason: 'dry run' };
  const row = deliveryRow(result, {
    message: `measure request for ${label}`,
    done: () => 'already sent',
    busy: 'being sent by another instance',
    paused: (until: IsoDate) => `paused until ${until}`,
  });
  return { outcome: row.outcome === 'would send' ? 'skipped' : row.outcome, reason: row.reason };
}
