/**
 * Answers a chat command for one person: works out which plan they mean, whether they may see what
 * they ask for, and gathers the data. Authorisation lives here, so the tab API can reuse it.
 */
import { type Action, compareActionIds, isOwnedBy } from '../../domain/action';
import type { Command, ListFilterKind } from '../../domain/chat-command';
import { calendarDateIn, formatUkDate, type IsoDate } from '../../domain/dates';
import { actionsDueWithin, byUrgency, overdueActions } from '../../domain/deadline';
import { ConflictError, NotAuthorisedError, ValidationError } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import { assertNever } from '../../domain/never';
import { agencyLeadOf, type Plan, rolesOf } from '../../domain/plan';
import { summarisePlan } from '../../domain/plan-summary';
import { parseRating, ratingsOf } from '../../domain/rating';
import type { HolidayCalendar } from '../../domain/working-days';
import { buildDigest } from '../digests/send-digests';
import type { AppLinks, Clock, Stores } from '../ports/index';
import { pauseReminders, snoozeAction } from '../reminders/snooze';
import { draftProgressReport, REPORT_FORMATS } from '../reports/build-progress-report';
import { closeRound, type RoundActor, roundStatus, startRound } from '../rounds/monitoring-rounds';
import { loadMemberships } from './memberships';
import { describeOwners } from './owners';
import type { Asker, Reply } from './replies';

export const PAGE_SIZE = 10;

export interface ChatDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  /** Signs report download links; without it the report card says how to get the report instead. */
  appLinks?: AppLinks;
}

/** What may be answered where others can read it: aggregate figures, never names, notes or addresses. */
const SHARED_CONVERSATION_COMMANDS: readonly Command['name'][] = [
  'help',
  'summary',
  'unknown',
  'needs-argument',
];

export async function answerCommand(
  deps: ChatDeps,
  asker: Asker,
  command: Command,
  page = 1,
): Promise<Reply> {
  if (asker.inSharedConversation && !SHARED_CONVERSATION_COMMANDS.includes(command.name)) {
    return notice(
      'info',
      'I answer that in our one-to-one chat',
      'Everyone here would see owners, notes and e-mail addresses. Open a chat with Action Tracker and ask there; here I can give the summary.',
      ['summary', 'help'],
    );
  }
  switch (command.name) {
    case 'help':
      return { kind: 'help', memberships: await loadMemberships(deps.stores, asker.email) };
    case 'mine':
      return mine(deps, asker, page);
    case 'show':
    case 'update':
    case 'history':
      return oneAction(deps, asker, command);
    case 'summary':
    case 'overdue':
    case 'due':
    case 'list':
    case 'owners':
    case 'digest':
      return planWide(deps, asker, command, page);
    case 'plan':
      return choosePlan(deps, asker, command.planId);
    case 'snooze':
      return snooze(deps, asker, command);
    case 'pause':
    case 'resume':
      return pauseOrResume(deps, asker, command.name === 'pause' ? command.until : undefined);
    case 'round-start':
    case 'round-status':
    case 'round-close':
    case 'report':
      return monitoring(deps, asker, command);
    case 'needs-argument':
      return notice('info', `${capitalise(command.command)} needs a little more`, `Try: ${command.usage}.`);
    case 'unknown':
      return {
        kind: 'notice',
        tone: 'info',
        title: "Sorry, I didn't understand that",
        text: command.suggestion
          ? `Did you mean "${command.suggestion}"? Or say "help" to see everything I can do.`
          : 'Say "help" to see everything I can do.',
        suggestions: command.suggestion ? [command.suggestion, 'help'] : ['help'],
      };
    default:
      return assertNever(command);
  }
}

function today(deps: ChatDeps, plan?: Plan): IsoDate {
  return calendarDateIn(plan?.timeZone ?? 'Europe/London', deps.clock.now());
}

async function mine(deps: ChatDeps, asker: Asker, page: number): Promise<Reply> {
  if (!asker.email) return noEmail();
  // Both at once: the plans are few, and waiting for the actions before asking for them doubles the wait.
  const [mineAll, allPlans] = await Promise.all([
    deps.stores.actions.listByOwner(asker.email),
    deps.stores.plans.list(),
  ]);
  const owned = mineAll.filter((a) => isOpen(a.lifecycle));
  const planIds = new Set(owned.map((a) => a.planId));
  const plans = allPlans.filter((p) => planIds.has(p.id));
  const sorted = owned.sort(byUrgency);
  return listReply(deps, {
    title: 'Your open actions',
    subtitle: `${sorted.length} open, most urgent first`,
    plans,
    actions: sorted,
    page,
    command: { name: 'mine' },
    emptyText: 'You have no open actions. Nothing is waiting on you.',
  });
}

async function oneAction(
  deps: ChatDeps,
  asker: Asker,
  command: Extract<Command, { name: 'show' | 'update' | 'history' }>,
): Promise<Reply> {
  if (!asker.email) return noEmail();
  const candidates = await findVisibleAction(deps.stores, asker, command.actionId);
  if (candidates.length === 0) {
    return notice(
      'info',
      `I can't find action ${command.actionId}`,
      'It is not in a plan where you own actions or have a coordinator or lead role. Say "mine" to see your actions.',
    );
  }
  const chosen = pickCandidate(candidates, asker, command);
  if ('kind' in chosen) return chosen;
  const { plan, action } = chosen;
  const owner = isOwnedBy(action, asker.email);
  const roles = rolesOf(plan, asker.email);
  if (command.name === 'history') {
    const entries = await deps.stores.history.listForAction(plan.id, action.id, 20);
    return { kind: 'history', plan, action, entries };
  }
  const canUpdate = owner || roles.includes('coordinator');
  if (command.name === 'update' && !canUpdate) {
    return notice(
      'refusal',
      `Action ${action.id} is not yours to update`,
      "Only the action's owners and the plan's coordinators can update it. You can still view it.",
      [`show ${action.id}`],
    );
  }
  const area = await deps.stores.actions.getArea(plan.id, action.areaId);
  const [latest] = await deps.stores.history.listForAction(plan.id, action.id, 1);
  return {
    kind: 'action-card',
    view: {
      plan,
      ...(area ? { area } : {}),
      action,
      ...(latest ? { latest } : {}),
      today: today(deps, plan),
      headline: { text: `Action ${action.id}`, tone: 'info' },
      viewer: {
        aadObjectId: asker.aadObjectId,
        canUpdate,
        canDecide: roles.includes('lead') || roles.includes('coordinator'),
      },
      detail: command.name === 'show',
      refreshUserIds: [asker.aadObjectId],
    },
  };
}

/** The one match the asker means: their chosen plan's, the only one, or a question. Needs ≥ 1 candidate. */
function pickCandidate<T extends { plan: Plan }>(
  candidates: T[],
  asker: Asker,
  afterChoice: Command,
): T | Reply {
  const preferred = candidates.find((c) => c.plan.id === asker.preferredPlanId);
  if (candidates.length > 1 && !preferred) {
    return {
      kind: 'choose-plan',
      plans: candidates.map((c) => ({ id: c.plan.id, title: c.plan.title })),
      afterChoice,
    };
  }
  return preferred ?? candidates[0]!;
}

/** The action with this id in every plan where the asker owns it or holds a role. */
async function findVisibleAction(stores: Stores, asker: Asker, actionId: string) {
  const email = asker.email!;
  const found: { plan: Plan; action: Action }[] = [];
  for (const plan of await stores.plans.list()) {
    const action = await stores.actions.get(plan.id, actionId);
    if (!action) continue;
    const agencyLead = agencyLeadOf(plan, action.value.leadAgency) === email;
    if (rolesOf(plan, email).length > 0 || isOwnedBy(action.value, email) || agencyLead) {
      found.push({ plan, action: action.value });
    }
  }
  return found;
}

async function planWide(
  deps: ChatDeps,
  asker: Asker,
  command: Extract<Command, { name: 'summary' | 'overdue' | 'due' | 'list' | 'owners' | 'digest' }>,
  page: number,
): Promise<Reply> {
  if (!asker.email) return noEmail();
  const resolved = await resolveRolePlan(deps.stores, asker, command);
  if ('kind' in resolved) return resolved;
  const { plan } = resolved;
  const { areas, actions: versioned } = await deps.stores.actions.readPlan(plan.id);
  const actions = versioned.map((v) => v.value);
  const day = today(deps, plan);
  switch (command.name) {
    case 'summary':
      return { kind: 'summary', plan, summary: summarisePlan(actions, day), today: day };
    case 'overdue':
      return listReply(deps, {
        title: 'Overdue actions',
        subtitle: plan.title,
        plans: [plan],
        actions: overdueActions(actions, day),
        page,
        command,
        emptyText: 'No open action is past its due date.',
      });
    case 'due':
      return listReply(deps, {
        title: `Due in the next ${command.days} days`,
        subtitle: plan.title,
        plans: [plan],
        actions: actionsDueWithin(actions, day, command.days),
        page,
        command,
        emptyText: `No open action is due in the next ${command.days} days.`,
      });
    case 'list': {
      const filtered = command.filter ? filterActions(actions, areas, command.filter, plan) : actions;
      if ('kind' in filtered) return filtered;
      return listReply(deps, {
        title: command.filter ? `Actions: ${command.filter.kind} "${command.filter.value}"` : 'All actions',
        subtitle: plan.title,
        plans: [plan],
        actions: [...filtered].sort((a, b) => compareActionIds(a.id, b.id)),
        page,
        command,
        emptyText: 'No action matches that.',
      });
    }
    case 'owners':
      return { kind: 'owners', plan, owners: await describeOwners(deps.stores, actions) };
    case 'digest': {
      const { digest, today: on } = await buildDigest(deps.stores, plan, deps.clock.now());
      return {
        kind: 'digest',
        plan,
        digest,
        today: on,
        ...(deps.appLinks ? { dashboardUrl: deps.appLinks.dashboardUrl(plan.id) } : {}),
      };
    }
    default:
      return assertNever(command);
  }
}

function filterActions(
  actions: Action[],
  areas: { id: string; text: string }[],
  filter: { kind: ListFilterKind; value: string },
  plan: Plan,
): Action[] | Reply {
  const value = filter.value.trim().toLowerCase();
  switch (filter.kind) {
    case 'agency':
      return actions.filter((a) => a.leadAgency.toLowerCase().includes(value));
    case 'area': {
      const matching = new Set(
        areas
          .filter((area) => area.id.toLowerCase() === value || area.text.toLowerCase().includes(value))
          .map((area) => area.id),
      );
      return actions.filter((a) => matching.has(a.areaId));
    }
    case 'owner':
      return actions.filter((a) =>
        a.owners.some((o) => o.email.includes(value) || o.name.toLowerCase().includes(value)),
      );
    case 'rating': {
      const rating = value === 'unrated' || value === 'none' ? undefined : parseRating(value);
      if (rating === undefined && value !== 'unrated' && value !== 'none') {
        return notice(
          'info',
          `"${filter.value}" is not a rating`,
          `This plan rates ${ratingsOf(plan.ratingScale).join(', ')} (or unrated).`,
        );
      }
      return actions.filter((a) => a.rating === rating);
    }
    default:
      return assertNever(filter.kind);
  }
}

/** The plan a coordinator or lead means: their only one, the one they chose, or a question. */
async function resolveRolePlan(
  stores: Stores,
  asker: Asker,
  afterChoice: Command,
): Promise<{ plan: Plan } | Reply> {
  const plans = (await stores.plans.list()).filter((p) => rolesOf(p, asker.email!).length > 0);
  if (plans.length === 0) {
    return notice(
      'refusal',
      'That is for coordinators and leads',
      'Plan-wide figures are for the coordinators and leads of a plan, and you have neither role. Say "mine" to see your own actions, or ask your partnership business manager for access.',
      ['mine', 'help'],
    );
  }
  const chosen =
    plans.find((p) => p.id === asker.preferredPlanId) ?? (plans.length === 1 ? plans[0] : undefined);
  if (chosen) return { plan: chosen };
  return { kind: 'choose-plan', plans: plans.map((p) => ({ id: p.id, title: p.title })), afterChoice };
}

async function choosePlan(deps: ChatDeps, asker: Asker, planId: string | undefined): Promise<Reply> {
  const memberships = await loadMemberships(deps.stores, asker.email);
  if (memberships.length === 0) {
    return notice('info', 'You are not in any plan yet', 'You have no role in a plan and own no actions.');
  }
  if (!planId) {
    return {
      kind: 'choose-plan',
      plans: memberships.map((m) => ({ id: m.planId, title: m.planTitle })),
      afterChoice: { name: 'summary' },
    };
  }
  const membership = memberships.find((m) => m.planId === planId);
  if (!membership) {
    return notice('info', `You are not in plan ${planId}`, 'Say "plan" to see the plans you are in.', [
      'plan',
    ]);
  }
  const user = await deps.stores.users.get(asker.aadObjectId);
  if (user) {
    await deps.stores.users.put({
      ...user.value,
      preferredPlanId: planId,
      updatedAt: deps.clock.now().toISOString(),
    });
  }
  return notice(
    'info',
    `Now using ${membership.planTitle}`,
    'Plan-wide commands such as "summary" and "overdue" now answer for this plan.',
    ['summary', 'overdue'],
  );
}

async function snooze(
  deps: ChatDeps,
  asker: Asker,
  command: Extract<Command, { name: 'snooze' }>,
): Promise<Reply> {
  if (!asker.email) return noEmail();
  const candidates = await findVisibleAction(deps.stores, asker, command.actionId);
  const picked = candidates.length > 0 ? pickCandidate(candidates, asker, command) : undefined;
  if (picked && 'kind' in picked) return picked;
  const target = picked;
  if (!target)
    return notice('info', `I can't find action ${command.actionId}`, 'Say "mine" to see your actions.');
  try {
    const { until } = await snoozeAction(deps, asker, {
      planId: target.plan.id,
      actionId: target.action.id,
      days: command.days,
    });
    return notice(
      'info',
      `Reminders for action ${target.action.id} snoozed`,
      `No reminders about it until ${formatUkDate(until)}.`,
    );
  } catch (error) {
    if (error instanceof NotAuthorisedError) return notice('refusal', 'Not yours to snooze', error.message);
    if (error instanceof ConflictError)
      return notice('warning', 'That action has just changed', 'Please try again.');
    throw error;
  }
}

async function pauseOrResume(deps: ChatDeps, asker: Asker, until: IsoDate | undefined): Promise<Reply> {
  try {
    const message = await pauseReminders(deps, asker, until);
    return notice('info', until ? 'Reminders paused' : 'Reminders resumed', message);
  } catch (error) {
    if (error instanceof ValidationError) {
      return notice(
        'info',
        'That date will not work',
        `The date ${error.issues[0]?.reason ?? 'is not valid'}.`,
      );
    }
    throw error;
  }
}

async function monitoring(
  deps: ChatDeps,
  asker: Asker,
  command: Extract<Command, { name: 'round-start' | 'round-status' | 'round-close' | 'report' }>,
): Promise<Reply> {
  if (!asker.email) return noEmail();
  const resolved = await resolveRolePlan(deps.stores, asker, command);
  if ('kind' in resolved) return resolved;
  const { plan } = resolved;
  const actor = { name: asker.name, aadObjectId: asker.aadObjectId, email: asker.email };
  const isCoordinator = rolesOf(plan, asker.email).includes('coordinator');
  try {
    switch (command.name) {
      case 'round-start': {
        const started = await startRound(deps, actor, {
          planId: plan.id,
          ...(command.due ? { responseDue: command.due } : {}),
        });
        return { kind: 'round-started', ...started };
      }
      case 'round-status':
      case 'round-close':
        return command.name === 'round-close' && command.round !== undefined
          ? closeConfirmedRound(deps, actor, plan, command.round, isCoordinator)
          : roundStatusReply(deps, actor, plan, command.name === 'round-close', isCoordinator);
      case 'report': {
        // The card shows counts and movement, not the area tables' notes.
        const report = await draftProgressReport(deps.stores, plan.id, deps.clock.now(), { notes: false });
        const closedRounds = (await deps.stores.rounds.list(plan.id))
          .filter((r) => r.status === 'closed')
          .map((r) => r.number);
        const links = deps.appLinks
          ? REPORT_FORMATS.map((format) => ({
              format,
              url: deps.appLinks!.reportUrl({ planId: plan.id, format, email: asker.email! }),
            }))
          : [];
        return { kind: 'report', plan, report, links, closedRounds };
      }
      default:
        return assertNever(command);
    }
  } catch (error) {
    if (error instanceof ValidationError) {
      return notice(
        'info',
        'That round cannot start yet',
        capitalise(`${error.issues[0]?.reason ?? error.message}.`),
        ['round status'],
      );
    }
    if (error instanceof NotAuthorisedError)
      return notice('refusal', 'That is for coordinators', error.message);
    if (error instanceof ConflictError) {
      return notice(
        'warning',
        'Someone else has just changed the round',
        'Say "round status" to see where it stands.',
        ['round status'],
      );
    }
    throw error;
  }
}

function noRoundYet(isCoordinator: boolean): Reply {
  return notice(
    'info',
    'No monitoring round yet',
    isCoordinator
      ? 'Say "round start" to ask every owner of an open action for an update, or "round start due 31/01/2027" to set the response date.'
      : 'A coordinator starts a round when monitoring is due.',
    isCoordinator ? ['round start'] : ['summary'],
  );
}

function onlyCoordinatorsClose(): Reply {
  return notice('refusal', 'Only coordinators close rounds', "Closing a round freezes the plan's snapshot.");
}

function alreadyClosed(number: number): Reply {
  return notice('info', 'No round is open', `Round ${number} is already closed.`, ['report']);
}

/** "round status", and "round close" without a number: the open (or latest) round, asking to confirm. */
async function roundStatusReply(
  deps: ChatDeps,
  actor: RoundActor,
  plan: Plan,
  closing: boolean,
  isCoordinator: boolean,
): Promise<Reply> {
  const status = await roundStatus(deps, actor, plan.id);
  if (!status) return noRoundYet(isCoordinator);
  if (closing && !isCoordinator) return onlyCoordinatorsClose();
  if (closing && status.round.status !== 'open') return alreadyClosed(status.round.number);
  return {
    kind: 'round-status',
    status,
    canClose: isCoordinator && status.round.status === 'open',
    confirmClose: closing,
  };
}

/** "round close 3", sent by the confirm button: closes round 3 if it is still the open round. */
async function closeConfirmedRound(
  deps: ChatDeps,
  actor: RoundActor,
  plan: Plan,
  number: number,
  isCoordinator: boolean,
): Promise<Reply> {
  const rounds = await deps.stores.rounds.list(plan.id);
  const current = rounds.findLast((r) => r.status === 'open') ?? rounds.at(-1);
  if (!current) return noRoundYet(isCoordinator);
  if (!isCoordinator) return onlyCoordinatorsClose();
  if (current.status !== 'open') return alreadyClosed(current.number);
  if (number !== current.number) {
    return notice(
      'warning',
      `Round ${number} is not the open round`,
      `The open round is ${current.number}. Say "round close" to see it before closing.`,
      ['round close'],
    );
  }
  const closed = await closeRound(deps, actor, plan.id);
  return {
    kind: 'round-closed',
    plan,
    round: closed.round,
    actions: closed.snapshot.length,
    responded: closed.snapshot.filter((item) => item.responded).length,
    ...(closed.comparison
      ? {
          comparison: {
            since: `round ${closed.comparison.previous.number}`,
            comparison: closed.comparison.comparison,
          },
        }
      : {}),
  };
}

async function plansById(stores: Stores, ids: string[]): Promise<Plan[]> {
  const plans = await Promise.all(ids.map((id) => stores.plans.get(id)));
  return plans.flatMap((p) => (p ? [p.value] : []));
}

function listReply(
  deps: ChatDeps,
  input: Omit<Extract<Reply, { kind: 'action-list' }>, 'kind' | 'today' | 'pageCount' | 'total'> & {
    page: number;
  },
): Reply {
  const total = input.actions.length;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page)), pageCount);
  return {
    kind: 'action-list',
    ...input,
    actions: input.actions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    today: today(deps, input.plans[0]),
    page,
    pageCount,
    total,
  };
}

function notice(
  tone: Extract<Reply, { kind: 'notice' }>['tone'],
  title: string,
  text: string,
  suggestions?: string[],
): Reply {
  return { kind: 'notice', tone, title, text, ...(suggestions ? { suggestions } : {}) };
}

function noEmail(): Reply {
  return notice(
    'warning',
    "I don't know your e-mail address yet",
    'Teams did not give me your e-mail address, so I cannot match you to a plan. Please try again in a minute; if it keeps happening, ask your Teams administrator.',
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
