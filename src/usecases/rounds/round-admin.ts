import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { ConflictError, NotAuthorisedError, NotFoundError, ValidationError } from '../../domain/errors';
import type { MonitoringGroup } from '../../domain/monitoring-group';
import { type Round, requestsFor } from '../../domain/monitoring-round';
import { type Plan, reminderSettingsOf } from '../../domain/plan';
import { groupsOf, inRoundScope } from '../../domain/plan-groups';
import { nextSendMoment } from '../../domain/send-moment';
import type { Channel } from '../delivery/channel';
import type { PlanDeps } from '../ports/index';
import type { Actor } from '../shared/actor';
import { type AdminOutcome, type AdminRefusal, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';
import {
  type ClosedRound,
  closeRound,
  proposeRound,
  type RoundActor,
  type RoundProposal,
  type RoundStatus,
  recordEndorsement,
  roundStatusesByGroup,
  type StartedRound,
  startRound,
} from './monitoring-rounds';
import { chaseRoundNow, type RoundSendRow, sendRoundRequests } from './round-requests';

/** The page's deps; without a channel nothing is sent from the page (the sweep sends the requests). */
export interface RoundAdminDeps extends PlanDeps {
  channel?: Channel;
  /** This process's id in the delivery ledger's claims. */
  claimant: string;
}

/** One scope a round is run for: a monitoring group, or (no group) the actions in none. */
export interface RoundScope {
  group?: MonitoringGroup;
  /** Open actions with an owner to ask, in this scope. */
  askable: number;
  /** The open round, else the latest. */
  status?: RoundStatus;
  /** What starting a round now would ask for, when none is open; or why one cannot start. */
  proposal?: RoundProposal | { refused: string };
}

export interface RoundsBoard {
  plan: Plan;
  today: IsoDate;
  scopes: RoundScope[];
  /** Closed rounds, newest first, with their governance: what endorsement is recorded against. */
  closed: Round[];
}

/** Every scope's round, and a proposal for those with none open. */
export async function roundsBoard(
  deps: PlanDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<RoundsBoard>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, planId, now);
  if (found.kind !== 'ok') return found;
  const plan = found.plan.value;
  const actions = (await deps.stores.actions.readPlan(plan.id)).actions.map((a) => a.value);
  const rounds = await deps.stores.rounds.list(plan.id);
  // Each scope's open (or latest) round, as "round status" reads them: the actions in no group included.
  const statuses = await roundStatusesByGroup(deps, roundActor(actor), plan.id);
  const scopes: RoundScope[] = [];
  for (const group of [...groupsOf(plan), undefined]) {
    const askable = requestsFor(actions, (a) => inRoundScope(plan, a, group?.id)).length;
    // The actions in no group are a scope of their own only when there are some (or no groups at all).
    if (!group && groupsOf(plan).length > 0 && !actions.some((a) => inRoundScope(plan, a, undefined)))
      continue;
    const status = statuses.find((s) => s.round.groupId === group?.id);
    const open = status?.round.status === 'open';
    scopes.push({
      ...(group ? { group } : {}),
      askable,
      ...(status ? { status } : {}),
      ...(open ? {} : { proposal: proposalOf(deps, plan, group, now, askable) }),
    });
  }
  return saved({
    plan,
    today: calendarDateIn(plan.timeZone, now),
    scopes,
    closed: rounds.filter((r) => r.status === 'closed').reverse(),
  });
}

function proposalOf(
  deps: PlanDeps,
  plan: Plan,
  group: MonitoringGroup | undefined,
  now: Date,
  askable: number,
): RoundProposal | { refused: string } {
  // Starting would refuse in these words, so the page says them instead of offering the button.
  if (askable === 0) return { refused: 'there are no open actions with owners to ask' };
  try {
    return proposeRound(deps, plan, group, now);
  } catch (error) {
    if (error instanceof ValidationError) return { refused: error.issues.map((i) => i.reason).join('; ') };
    throw error;
  }
}

export interface StartedFromPage {
  started: StartedRound;
  /** The opening requests sent now; absent when they wait for the send window (or for the sweep). */
  sent?: RoundSendRow[];
}

/** Starts a round as the CLI does: the requests go at once inside the send window, else they wait. */
export function startRoundAs(
  deps: RoundAdminDeps,
  actor: Actor,
  input: { planId: string; group?: string; responseDue?: IsoDate },
): Promise<AdminOutcome<StartedFromPage>> {
  // The use case calls the date "due" (the chat's and the CLI's word); the page's field is responseDue.
  return asCoordinator(deps, actor, input.planId, { due: 'responseDue' }, async () => {
    const started = await startRound(deps, roundActor(actor), input);
    if (started.requestsQueuedUntil || !deps.channel) return { started };
    const sent = await sendRoundRequests({ ...deps, channel: deps.channel }, started.plan, started.round);
    return { started, sent };
  });
}

export type ChasedRound =
  | { kind: 'sent'; round: Round; rows: RoundSendRow[] }
  /** Outside the send window: nothing sent; it opens again at `from`. */
  | { kind: 'outside-window'; round: Round; from: Date; timeZone: string }
  /**
   * The round opened today: its requests have only just gone, and a chase now would count as this step's
   * for everyone asked today, so the scheduled one would not reach them. Nothing is sent.
   */
  | { kind: 'asked-today'; round: Round }
  /** No channel in this process (a test's server): nothing can be sent from the page. */
  | { kind: 'no-channel'; round: Round };

/** "Chase now": the owners of open round `round` still to answer. */
export function chaseRoundAs(
  deps: RoundAdminDeps,
  actor: Actor,
  input: { planId: string; round: number },
): Promise<AdminOutcome<ChasedRound>> {
  return asCoordinator(deps, actor, input.planId, {}, async (plan) => {
    const round = (await deps.stores.rounds.get(plan.id, input.round))?.value;
    if (!round) throw new NotFoundError(`Monitoring round ${input.round} of plan ${plan.id}`);
    if (round.status !== 'open')
      throw new ValidationError([
        { field: 'round', reason: `round ${round.number} is closed, so nobody is waiting on it` },
      ]);
    if (round.openedOn === calendarDateIn(plan.timeZone, deps.clock.now()))
      return { kind: 'asked-today', round };
    if (!deps.channel) return { kind: 'no-channel', round };
    const rows = await chaseRoundNow({ ...deps, channel: deps.channel }, plan, round);
    if (rows) return { kind: 'sent', round, rows };
    const from = nextSendMoment(reminderSettingsOf(plan), plan.timeZone, deps.calendar, deps.clock.now());
    return { kind: 'outside-window', round, from, timeZone: plan.timeZone };
  });
}

/** Closes open round `number`, as "round close --round" does. */
export function closeRoundAs(
  deps: PlanDeps,
  actor: Actor,
  input: { planId: string; number: number },
): Promise<AdminOutcome<ClosedRound>> {
  return asCoordinator(deps, actor, input.planId, {}, () =>
    closeRound(deps, roundActor(actor), input.planId, { number: input.number }),
  );
}

/** The oversight body's endorsement of a closed round, as the moderation page and `endorse` record it. */
export function endorseRoundAs(
  deps: PlanDeps,
  actor: Actor,
  input: { planId: string; round: number; meeting: string; date: string },
): Promise<AdminOutcome<Round>> {
  return asCoordinator(deps, actor, input.planId, {}, () =>
    recordEndorsement(deps, roundActor(actor), input),
  );
}

function roundActor(actor: Actor): RoundActor {
  return { name: actor.name, email: actor.email, aadObjectId: actor.aadObjectId };
}

/**
 * The access entry first (coordinators of an open plan; someone with nothing to do with it hears it is
 * not there), then the use case, its named errors as outcomes: nothing it refused was changed. `fields`
 * renames the use case's fields to the page's.
 */
async function asCoordinator<T>(
  deps: PlanDeps,
  actor: Actor,
  planId: string,
  fields: Record<string, string>,
  run: (plan: Plan) => Promise<T>,
): Promise<AdminOutcome<T>> {
  const found = await administeredPlan(deps.stores, actor, planId, deps.clock.now());
  if (found.kind !== 'ok') return found;
  try {
    return saved(await run(found.plan.value));
  } catch (error) {
    if (error instanceof ValidationError)
      return invalid(error.issues.map((i) => ({ ...i, field: fields[i.field] ?? i.field })));
    const refusal = refusalOf(error);
    if (refusal) return refusal;
    throw error;
  }
}

function refusalOf(error: unknown): AdminRefusal | undefined {
  if (error instanceof ConflictError) return { kind: 'stale' };
  if (error instanceof NotFoundError) return { kind: 'not-found', what: error.what };
  // The use case asks the same question as the entry did; a change of role in between lands here.
  if (error instanceof NotAuthorisedError) return { kind: 'forbidden', reason: 'not-coordinator' };
  return undefined;
}
