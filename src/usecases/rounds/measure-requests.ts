/**
 * The requests for measures' values: a round asks each measure's reporter for the period now owed (the
 * last one that has ended, when it has no value yet), on their channel, as it asks owners for updates;
 * between rounds the reminder schedule asks for a period no round has asked for. A reporter on leave has
 * theirs sent to whoever covers for them that day (the domain's cover rule). Each goes once per round,
 * measure, period and recipient through the delivery ledger (the schedule's as "round 0"), so a restart,
 * a second instance or the next sweep never sends one twice, and only on a working day inside the plan's
 * send window. A reporter who has still not given the value is chased on later days (domain/measure-chase.ts:
 * a round's steps, or the schedule's weekly rhythm after the period ends), one chase per step and reporter,
 * not while they have paused reminders. A reporter no channel reaches goes on the coordinators' list of
 * what could not be delivered, as an unreachable owner does.
 */
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { receiversFor } from '../../domain/delegation';
import {
  type DeliveryKey,
  formatDeliveryKey,
  formatDeliveryKeyPrefix,
  parseDeliveryKey,
} from '../../domain/delivery-key';
import { measureChaseDue } from '../../domain/measure-chase';
import {
  assessMeasure,
  type Measure,
  type MeasureValue,
  type ReportingPeriod,
  valueOwed,
} from '../../domain/measures';
import type { Round } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { maySendNow } from '../../domain/send-moment';
import type { UndeliveredMeasure } from '../delivery/channel';
import {
  type DeliveryResult,
  deliverOnce,
  deliveryRow,
  type ScheduledSendDeps,
} from '../delivery/deliver-once';
import { PeopleCache } from '../delivery/lookups';
import { tellCoordinators } from '../delivery/tell-coordinators';
import { forEachConcurrently } from '../shared/concurrently';
import type { MeasureRequestView } from '../shared/measure-request-view';

export interface MeasureRequestRow {
  planId: string;
  /** The round that asked; 0 for the schedule between rounds. */
  round: number;
  /** 'request', or the chase's reminder step ('before-7', 'due', 'overdue-1'…). */
  step: string;
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
  const owing = await valuesOwed(deps, plan);
  if (!owing) return [];
  // One partition read says what has been asked already, by whom and for which period.
  const asked = await askedAlready(deps, plan);
  const openRounds = new Set(
    round
      ? (await deps.stores.rounds.list(plan.id)).filter((r) => r.status === 'open').map((r) => r.number)
      : [],
  );
  const number = round?.number ?? SCHEDULE;
  const sends = owing.owed.flatMap(({ measure, period }) => {
    const before = asked.byPeriod.get(periodId(measure.id, period.start)) ?? new Map<number, string>();
    const askedElsewhere = round
      ? [...before.keys()].some((n) => n !== number && openRounds.has(n))
      : before.size > 0;
    if (askedElsewhere) return [];
    return receiversOf(plan, measure, owing.today)
      .map(
        (to): MeasureSend => ({
          measure,
          period,
          to,
          key: {
            kind: 'measure',
            round: number,
            measureId: measure.id,
            period: period.start,
            recipient: to.email,
          },
        }),
      )
      .filter(({ key }) => !asked.settled.has(keyText(key)));
  });
  return deliverAsks(deps, plan, owing, sends, { round, step: 'request' });
}

/**
 * Chases each reporter whose value is still missing, a day or more after they were asked: round `round`'s
 * chase on the round's steps, or (no round) the schedule's, after the period's end. Once per step and
 * reporter: what their delegate already had (cover ended since), or they had themselves (cover began
 * since), is not sent again to the other.
 */
export async function chaseMeasureValues(
  deps: ScheduledSendDeps,
  plan: Plan,
  round?: Round,
): Promise<MeasureRequestRow[]> {
  const owing = await valuesOwed(deps, plan);
  if (!owing) return [];
  const asked = await askedAlready(deps, plan);
  const chased = await settledKeys(deps, plan, 'measure-chase');
  const number = round?.number ?? SCHEDULE;
  const settings = reminderSettingsOf(plan);
  const sends = owing.owed.flatMap(({ measure, period }) => {
    const byRound = asked.triedOn.get(periodId(measure.id, period.start));
    // A round chases what it asked; between rounds, whatever asked last (a closed round, or the schedule).
    const askedOn = round ? byRound?.get(number) : [...(byRound?.values() ?? [])].sort().at(-1);
    if (!askedOn) return [];
    const step = measureChaseDue(
      { ...(round ? { round } : {}), period, askedOn },
      owing.today,
      settings,
      deps.calendar,
    );
    if (!step) return [];
    const keyFor = (recipient: string): MeasureSend['key'] => ({
      kind: 'measure-chase',
      round: number,
      step: step.name,
      measureId: measure.id,
      period: period.start,
      recipient,
    });
    const handled = [measure.reporter, ...delegatesOf(plan, measure.reporter)].some((email) =>
      chased.has(keyText(keyFor(email))),
    );
    if (handled) return [];
    return receiversOf(plan, measure, owing.today).map(
      (to): MeasureSend => ({ measure, period, to, key: keyFor(to.email) }),
    );
  });
  return deliverAsks(deps, plan, owing, sends, { round, step: 'chase' });
}

interface Owing {
  today: IsoDate;
  values: MeasureValue[];
  owed: { measure: Measure; period: ReportingPeriod }[];
}

/** The values owed today, or none when nothing may be sent now (outside the window) or nothing is owed. */
async function valuesOwed(deps: ScheduledSendDeps, plan: Plan): Promise<Owing | undefined> {
  const now = deps.clock.now();
  if (!maySendNow(reminderSettingsOf(plan), plan.timeZone, deps.calendar, now)) return undefined;
  const measures = (await deps.stores.measures.list(plan.id)).map((m) => m.value);
  if (measures.length === 0) return undefined;
  const today = calendarDateIn(plan.timeZone, now);
  const values = await deps.stores.measures.listValues(plan.id);
  const owed = measures.flatMap((measure) => {
    const period = valueOwed(measure, values, today);
    return period ? [{ measure, period }] : [];
  });
  return owed.length === 0 ? undefined : { today, values, owed };
}

/** Whoever receives the reporter's messages today: the reporter, or whoever covers for them. */
function receiversOf(plan: Plan, measure: Measure, today: IsoDate) {
  return receiversFor(plan.delegations, { name: '', email: measure.reporter }, today).filter(
    (to) => to.email !== '',
  );
}

function delegatesOf(plan: Plan, email: string): string[] {
  return (plan.delegations ?? []).filter((d) => d.owner === email).map((d) => d.delegate);
}

interface MeasureSend {
  measure: Measure;
  period: ReportingPeriod;
  to: ReturnType<typeof receiversOf>[number];
  key: Extract<DeliveryKey, { kind: 'measure' | 'measure-chase' }>;
}

/**
 * Sends each request or chase through the ledger and reports a row for each; everyone it could not reach
 * goes on the coordinators' list of what could not be delivered.
 */
async function deliverAsks(
  deps: ScheduledSendDeps,
  plan: Plan,
  owing: Owing,
  sends: MeasureSend[],
  how: { round: Round | undefined; step: 'request' | 'chase' },
): Promise<MeasureRequestRow[]> {
  if (sends.length === 0) return [];
  const { today, values } = owing;
  const people = new PeopleCache(deps.stores);
  const rows: MeasureRequestRow[] = [];
  const undelivered: UndeliveredMeasure[] = [];
  await forEachConcurrently(sends, CONCURRENCY, async ({ measure, period, to, key }) => {
    if (deps.stopping?.()) return;
    const teams = await people.get(to.email);
    const view: MeasureRequestView = {
      plan,
      measure,
      assessment: assessMeasure(measure, valuesOf(values, measure), today),
      period,
      today,
      ...(how.round ? { round: { number: how.round.number, responseDue: how.round.responseDue } } : {}),
      ...(how.step === 'chase' ? { chase: true } : {}),
      ...(to.coveringFor ? { coveringFor: to.coveringFor } : {}),
    };
    const result = await deliverOnce(deps, {
      scope: plan.id,
      key,
      to: { email: to.email, ...(teams ? { teams } : {}) },
      today,
      message: () => ({ kind: 'measure-request', view }),
    });
    const step = key.kind === 'measure-chase' ? key.step : 'request';
    const { outcome, reason } = rowOf(
      result,
      step === 'request' ? 'measure request' : `${step} measure chase`,
      period.label,
    );
    if (result.status === 'unreachable')
      undelivered.push({
        owner: { name: to.name || to.email, email: to.email },
        measure: { id: measure.id, name: measure.name },
        message: { kind: 'measure-request', headline: headlineOf(view) },
        reason,
      });
    rows.push({
      planId: plan.id,
      round: key.round,
      step,
      measureId: measure.id,
      period: period.start,
      recipient: to.email,
      outcome,
      reason: to.coveringFor ? `${reason} (covering for ${to.coveringFor.email})` : reason,
    });
  });
  if (undelivered.length > 0 && !deps.stopping?.())
    await tellCoordinators(deps, plan, undelivered, (email) => people.get(email), today);
  return rows;
}

/**
 * The request's headline as the coordinators' list names it. The reporter's own card and e-mail word it
 * themselves; this is only what tells one unreachable request from another.
 */
function headlineOf(view: MeasureRequestView): string {
  const what = `${view.measure.id} for ${view.period.label}`;
  const by = view.round ? `round ${view.round.number}'s` : 'the';
  return view.chase ? `reminder of ${by} request for ${what}` : `${by} request for ${what}`;
}

function valuesOf(values: readonly MeasureValue[], measure: Measure): MeasureValue[] {
  return values.filter((v) => v.measureId === measure.id);
}

const periodId = (measureId: string, period: string) => `${measureId}\u0000${period}`;

/** A key as the ledger stores it, to look up in the settled sets. */
const keyText = (key: DeliveryKey): string => formatDeliveryKey(key);

/** The keys of one kind already settled (sent, or skipped for good), as keyText. */
async function settledKeys(
  deps: ScheduledSendDeps,
  plan: Plan,
  kind: 'measure' | 'measure-chase',
): Promise<Set<string>> {
  const settled = new Set<string>();
  for (const record of await deps.stores.ledger.listByPrefix(plan.id, formatDeliveryKeyPrefix({ kind }))) {
    const key = parseDeliveryKey(record.key);
    if (key?.kind === kind && (record.state === 'sent' || record.state === 'skipped'))
      settled.add(record.key);
  }
  return settled;
}

type AskedOn = Map<string, Map<number, IsoDate>>;

/**
 * The requests settled (sent, or skipped for good) and, by measure and period, each round that asked (the
 * schedule as 0) with the plan's calendar date its request last went: `byPeriod` counts the requests
 * delivered, `triedOn` also those no channel could deliver (their reporter is chased all the same, and
 * goes on the coordinators' list again if still out of reach).
 */
async function askedAlready(
  deps: ScheduledSendDeps,
  plan: Plan,
): Promise<{ settled: Set<string>; byPeriod: AskedOn; triedOn: AskedOn }> {
  const settled = new Set<string>();
  const byPeriod: AskedOn = new Map();
  const triedOn: AskedOn = new Map();
  const note = (map: AskedOn, key: { measureId: string; period: string; round: number }, on: IsoDate) => {
    const id = periodId(key.measureId, key.period);
    const rounds = map.get(id) ?? new Map<number, IsoDate>();
    const known = rounds.get(key.round);
    if (!known || on > known) rounds.set(key.round, on);
    map.set(id, rounds);
  };
  const records = await deps.stores.ledger.listByPrefix(
    plan.id,
    formatDeliveryKeyPrefix({ kind: 'measure' }),
  );
  for (const record of records) {
    const key = parseDeliveryKey(record.key);
    if (key?.kind !== 'measure' || (record.state !== 'sent' && record.state !== 'skipped')) continue;
    settled.add(record.key);
    const on = calendarDateIn(plan.timeZone, new Date(record.updatedAt));
    note(triedOn, key, on);
    if (record.state === 'sent') note(byPeriod, key, on);
  }
  return { settled, byPeriod, triedOn };
}

function rowOf(
  result: DeliveryResult,
  message: string,
  label: string,
): Pick<MeasureRequestRow, 'outcome' | 'reason'> {
  if (result.status === 'would-send') return { outcome: 'skipped', reason: 'dry run' };
  const row = deliveryRow(result, {
    message: `${message} for ${label}`,
    done: () => 'already sent',
    busy: 'being sent by another instance',
    paused: (until: IsoDate) => `paused until ${until}`,
  });
  return { outcome: row.outcome === 'would send' ? 'skipped' : row.outcome, reason: row.reason };
}
