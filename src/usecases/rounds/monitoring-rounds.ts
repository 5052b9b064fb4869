/**
 * Opening, reading and closing monitoring rounds. Authorisation is here so the chat commands, the CLI
 * and the tab API all apply the same rule: coordinators run rounds; leads may watch them.
 */
import type { Action } from '../../domain/action';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { endorseRound } from '../../domain/endorsement';
import { ConflictError, NotAuthorisedError, NotFoundError, ValidationError } from '../../domain/errors';
import type { MonitoringGroup } from '../../domain/monitoring-group';
import {
  type Comparison,
  compareSnapshots,
  type Round,
  type RoundPerson,
  type RoundProgress,
  requestsFor,
  responseDateFor,
  responseDateWarnings,
  roundProgress,
  type SnapshotItem,
  snapshotItemOf,
} from '../../domain/monitoring-round';
import { type Plan, type PlanRole, reminderSettingsOf } from '../../domain/plan';
import { groupResponseDate, groupsOf, inRoundScope, requireGroup, scopeName } from '../../domain/plan-groups';
import { nextSendMoment } from '../../domain/send-moment';
import { rolesIn } from '../access/access';
import type { PlanDeps, Stores } from '../ports/index';
import { forEachConcurrently } from '../shared/concurrently';
import { latestNote } from '../shared/latest-note';

export type RoundDeps = PlanDeps;

/** Who is acting: a person in chat (with an e-mail to check roles), or the CLI operator (trusted). */
export type RoundActor = RoundPerson & { email?: string; operator?: boolean };

async function loadPlan(stores: Stores, planId: string): Promise<Plan> {
  const plan = await stores.plans.get(planId);
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  return plan.value;
}

function requireRole(plan: Plan, actor: RoundActor, roles: readonly PlanRole[], doing: string) {
  if (actor.operator) return;
  const held = rolesIn(actor, plan);
  if (!held.some((role) => roles.includes(role))) {
    throw new NotAuthorisedError(
      `Only the plan's ${roles.join(' and ')}s can ${doing}. Ask your partnership business manager.`,
    );
  }
}

export interface StartedRound {
  plan: Plan;
  round: Round;
  owners: number;
  /**
   * Set when the round started outside the plan's send window or on a non-working day: nothing is sent
   * now, and the requests go from this moment (the first sweep inside the window sends them).
   */
  requestsQueuedUntil?: Date;
  /** What is worth knowing about the response date (Christmas week, a bank holiday, a weekend); often empty. */
  responseDateWarnings: string[];
}

/**
 * Opens a round: for one monitoring group (`group`, by id or name) or, without one, for the actions in no
 * group (every action, in a plan without groups). One round is open per group at a time. A group's round
 * asks for responses by its next meeting's response date unless a date is given.
 */
export async function startRound(
  deps: RoundDeps,
  actor: RoundActor,
  input: { planId: string; responseDue?: IsoDate; group?: string },
): Promise<StartedRound> {
  const plan = await loadPlan(deps.stores, input.planId);
  requireRole(plan, actor, ['coordinator'], 'start a monitoring round');
  if (plan.closedAt)
    throw new ValidationError([{ field: 'plan', reason: 'is closed: monitoring has ended' }]);
  const group = input.group !== undefined ? requireGroup(plan, input.group) : undefined;
  const now = deps.clock.now();
  const today = calendarDateIn(plan.timeZone, now);
  const rounds = await deps.stores.rounds.list(plan.id);
  const open = rounds.findLast((round) => round.status === 'open' && round.groupId === group?.id);
  if (open) {
    throw new ValidationError([
      {
        field: 'round',
        reason: `round ${open.number}${group ? ` (${group.name})` : ''} is still open; close it ("round close") before starting another`,
      },
    ]);
  }
  const proposal = proposeRound(deps, plan, group, now, input.responseDue);
  const { responseDue } = proposal;
  const { actions } = await deps.stores.actions.readPlan(plan.id);
  const requested = requestsFor(
    actions.map((a) => a.value),
    (action) => inRoundScope(plan, action, group?.id),
  );
  if (requested.length === 0) {
    const where = group
      ? ` in ${group.name}`
      : groupsOf(plan).length > 0
        ? ' outside the monitoring groups; name a group ("round start <group>")'
        : '';
    throw new ValidationError([
      { field: 'round', reason: `there are no open actions with owners to ask${where}` },
    ]);
  }
  const round: Round = {
    planId: plan.id,
    number: (rounds.at(-1)?.number ?? 0) + 1,
    status: 'open',
    openedAt: now.toISOString(),
    openedOn: today,
    openedBy: { name: actor.name, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) },
    responseDue,
    requested,
    ...(group ? { groupId: group.id } : {}),
    ...(proposal.meeting ? { meeting: proposal.meeting } : {}),
  };
  // Insert only: if another coordinator took this number a moment ago, they opened the round.
  await deps.stores.rounds.create(round);
  const owners = new Set(requested.flatMap((r) => r.owners)).size;
  await deps.stores.audit.record({
    at: round.openedAt,
    actor: actor.name,
    event: 'round.started',
    planId: plan.id,
    details: {
      round: round.number,
      actions: requested.length,
      owners,
      responseDue,
      ...(group ? { group: group.id } : {}),
    },
  });
  return {
    plan,
    round,
    owners,
    ...(proposal.requestsQueuedUntil ? { requestsQueuedUntil: proposal.requestsQueuedUntil } : {}),
    responseDateWarnings: proposal.responseDateWarnings,
  };
}

/** What a round started `now` would ask for: shown before it starts (the dashboard) and told after. */
export interface RoundProposal {
  responseDue: IsoDate;
  /** The group's meeting the response date serves, when it was taken from the group's next meeting. */
  meeting?: IsoDate;
  /** As `StartedRound.requestsQueuedUntil`: requests would wait for the send window until then. */
  requestsQueuedUntil?: Date;
  responseDateWarnings: string[];
}

/**
 * The response date a round of `group` (or of the actions in no group) started `now` would ask for: the
 * date given, else the group's next meeting's response date, else the usual default. Throws the same
 * ValidationError as starting would when a given date is not one owners can work to.
 */
export function proposeRound(
  deps: Pick<RoundDeps, 'calendar'>,
  plan: Plan,
  group: MonitoringGroup | undefined,
  now: Date,
  requested?: IsoDate,
): RoundProposal {
  const today = calendarDateIn(plan.timeZone, now);
  const settings = reminderSettingsOf(plan);
  const forMeeting =
    group && requested === undefined
      ? groupResponseDate(group, today, settings.region, deps.calendar)
      : undefined;
  const responseDue = responseDateFor(requested ?? forMeeting?.responseDue, today, settings, deps.calendar);
  // The same rule sendRoundRequests applies, so what the coordinator is told is what happens.
  const sendFrom = nextSendMoment(settings, plan.timeZone, deps.calendar, now);
  return {
    responseDue,
    ...(forMeeting ? { meeting: forMeeting.meeting } : {}),
    ...(sendFrom.getTime() > now.getTime() ? { requestsQueuedUntil: sendFrom } : {}),
    responseDateWarnings: responseDateWarnings(responseDue, settings.region, deps.calendar),
  };
}

export interface RoundStatus {
  plan: Plan;
  round: Round;
  /** The round's monitoring group's name, when it is for one. */
  groupName?: string;
  progress: RoundProgress;
  /** Owners' names by e-mail, to name who is still to answer. */
  ownerNames: Record<string, string>;
  today: IsoDate;
}

/** The open round's progress, or the latest round's when none is open (of one group, with `group`). */
export async function roundStatus(
  deps: RoundDeps,
  actor: RoundActor,
  planId: string,
  options: { group?: string } = {},
): Promise<RoundStatus | undefined> {
  const plan = await loadPlan(deps.stores, planId);
  requireRole(plan, actor, ['coordinator', 'lead'], 'see a monitoring round');
  const group = options.group !== undefined ? requireGroup(plan, options.group) : undefined;
  const rounds = (await deps.stores.rounds.list(plan.id)).filter(
    (r) => group === undefined || r.groupId === group.id,
  );
  const round = rounds.findLast((r) => r.status === 'open') ?? rounds.at(-1);
  if (!round) return undefined;
  const actions = (await deps.stores.actions.readPlan(plan.id)).actions.map((a) => a.value);
  return statusOf(deps, plan, round, actions);
}

/**
 * Each monitoring group's open (or latest) round, then the plan-wide one if there is any: what "round
 * status" shows for a plan with groups. Groups without a round yet are left out.
 */
export async function roundStatusesByGroup(
  deps: RoundDeps,
  actor: RoundActor,
  planId: string,
): Promise<RoundStatus[]> {
  const plan = await loadPlan(deps.stores, planId);
  requireRole(plan, actor, ['coordinator', 'lead'], 'see a monitoring round');
  const rounds = await deps.stores.rounds.list(plan.id);
  const actions = (await deps.stores.actions.readPlan(plan.id)).actions.map((a) => a.value);
  const scopes = [...groupsOf(plan).map((g) => g.id), undefined];
  const statuses: RoundStatus[] = [];
  for (const scope of scopes) {
    const mine = rounds.filter((r) => r.groupId === scope);
    const round = mine.findLast((r) => r.status === 'open') ?? mine.at(-1);
    if (round) statuses.push(statusOf(deps, plan, round, actions));
  }
  return statuses;
}

function statusOf(deps: RoundDeps, plan: Plan, round: Round, actions: Action[]): RoundStatus {
  const ownerNames: Record<string, string> = {};
  for (const owner of actions.flatMap((a) => a.owners)) ownerNames[owner.email] = owner.name;
  return {
    plan,
    round,
    ...(round.groupId !== undefined ? { groupName: scopeName(plan, round.groupId) } : {}),
    progress: roundProgress(round, actions),
    ownerNames,
    today: calendarDateIn(plan.timeZone, deps.clock.now()),
  };
}

export interface ClosedRound {
  plan: Plan;
  round: Round;
  snapshot: SnapshotItem[];
  /** Against the previous closed round, when there is one. */
  comparison?: { previous: Round; comparison: Comparison };
}

/**
 * Closes the open round: the one numbered `number`, or the one of `group`, or the only one open. With
 * several groups' rounds open and neither given, it asks which rather than guess.
 */
export async function closeRound(
  deps: RoundDeps,
  actor: RoundActor,
  planId: string,
  options: { group?: string; number?: number } = {},
): Promise<ClosedRound> {
  const plan = await loadPlan(deps.stores, planId);
  requireRole(plan, actor, ['coordinator'], 'close a monitoring round');
  const group = options.group !== undefined ? requireGroup(plan, options.group) : undefined;
  const rounds = await deps.stores.rounds.list(plan.id);
  const candidates = rounds.filter(
    (round) =>
      round.status === 'open' &&
      (options.number === undefined || round.number === options.number) &&
      (group === undefined || round.groupId === group.id),
  );
  const open = candidates.at(-1);
  if (!open) {
    throw new ValidationError([
      {
        field: 'round',
        reason:
          options.number !== undefined
            ? `round ${options.number}${group ? ` of ${group.name}` : ''} is not open`
            : `no monitoring round${group ? ` of ${group.name}` : ''} is open ("round start" opens one)`,
      },
    ]);
  }
  if (candidates.length > 1) {
    const which = candidates.map((r) => `${r.number} (${scopeName(plan, r.groupId)})`).join(', ');
    throw new ValidationError([
      { field: 'round', reason: `rounds ${which} are open; say which group or round number to close` },
    ]);
  }
  const versioned = await deps.stores.rounds.get(plan.id, open.number);
  if (versioned?.value.status !== 'open') throw new ConflictError(`Monitoring round ${open.number}`);
  const round = versioned.value;
  const now = deps.clock.now();
  const { areas, actions } = await deps.stores.actions.readPlan(plan.id);
  // A group's round freezes that group's actions; the other groups' are theirs to snapshot.
  const snapshot = await snapshotOf(
    deps.stores,
    round,
    actions.map((a) => a.value).filter((action) => inRoundScope(plan, action, round.groupId)),
  );
  // The snapshot first: if the process dies here, closing again rewrites it and then closes the round.
  await deps.stores.rounds.saveSnapshot(plan.id, round.number, snapshot);
  const closedBy = { name: actor.name, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) };
  const closedOn = calendarDateIn(plan.timeZone, now);
  const closed: Round = {
    ...round,
    status: 'closed',
    closedAt: now.toISOString(),
    closedOn,
    closedBy,
    // Closing is the moderators' sign-off of the round's ratings; the committee endorses it later.
    agreement: {
      ...(plan.moderationGroup ? { group: plan.moderationGroup } : {}),
      by: closedBy,
      on: closedOn,
      at: now.toISOString(),
    },
    areas,
  };
  await deps.stores.rounds.update(closed, versioned.etag);
  await deps.stores.audit.record({
    at: closed.closedAt!,
    actor: actor.name,
    event: 'round.closed',
    planId: plan.id,
    details: {
      round: round.number,
      actions: snapshot.length,
      responded: snapshot.filter((item) => item.responded).length,
    },
  });
  // Movement is measured against the same group's previous round: another group's actions are not these.
  const previous = rounds
    .filter((r) => r.status === 'closed' && r.number < round.number && r.groupId === round.groupId)
    .at(-1);
  if (!previous) return { plan, round: closed, snapshot };
  const before = await deps.stores.rounds.readSnapshot(plan.id, previous.number);
  return {
    plan,
    round: closed,
    snapshot,
    comparison: { previous, comparison: compareSnapshots(before, snapshot) },
  };
}

/** Reads each action's latest note (a few at a time) and freezes every action as it stands. */
async function snapshotOf(stores: Stores, round: Round, actions: Action[]): Promise<SnapshotItem[]> {
  const items: SnapshotItem[] = new Array(actions.length);
  await forEachConcurrently(actions, 8, async (action, index) => {
    items[index] = snapshotItemOf(action, round, await latestNote(stores, action.planId, action.id));
  });
  return items;
}

/** A closed round and its snapshot, for the report and the tab. */
export async function closedRound(
  stores: Stores,
  planId: string,
  number: number,
): Promise<{ round: Round; snapshot: SnapshotItem[] }> {
  const found = await stores.rounds.get(planId, number);
  if (!found) throw new NotFoundError(`Monitoring round ${number} of plan ${planId}`);
  if (found.value.status !== 'closed') {
    throw new ValidationError([
      { field: 'round', reason: `round ${number} is still open; its snapshot is taken when it closes` },
    ]);
  }
  return { round: found.value, snapshot: await stores.rounds.readSnapshot(planId, number) };
}

/**
 * Records the oversight body's endorsement of a closed round (date and meeting). Coordinators, or the
 * CLI operator; recording it again replaces it (a corrected date), and the audit log keeps both.
 */
export async function recordEndorsement(
  deps: RoundDeps,
  actor: RoundActor,
  input: { planId: string; round: number; meeting: string; date: string },
): Promise<Round> {
  const plan = await loadPlan(deps.stores, input.planId);
  requireRole(plan, actor, ['coordinator'], 'record an endorsement');
  const found = await deps.stores.rounds.get(plan.id, input.round);
  if (!found) throw new NotFoundError(`Monitoring round ${input.round} of plan ${plan.id}`);
  const now = deps.clock.now();
  const endorsed = endorseRound(
    found.value,
    {
      meeting: input.meeting,
      date: input.date,
      by: { name: actor.name, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) },
    },
    calendarDateIn(plan.timeZone, now),
    now,
  );
  await deps.stores.rounds.update(endorsed, found.etag);
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.name,
    event: 'round.endorsed',
    planId: plan.id,
    details: { round: input.round, meeting: endorsed.endorsement!.meeting, date: endorsed.endorsement!.date },
  });
  return endorsed;
}
