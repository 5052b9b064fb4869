/**
 * The one way a plan's people change, for every surface: the dashboard calls it as the signed-in person,
 * the command line as the operator (`Actor.operator`). Roles given and taken away (coordinator, lead,
 * moderator, an agency's lead officer; a plan always keeps a coordinator) and delegates who cover an
 * owner's actions between two dates. Each change is checked (may this person run the plan; is it open),
 * validated by the domain, written ETag-checked and recorded in the audit log, and comes back as a typed
 * `AdminOutcome` that each surface words in one place (the API's `answer`, the CLI's `settled`).
 *
 * Concurrent edits: a change here is a step ("make X a lead", "end cover 7"), not a form saved over the
 * plan, so when someone else's write lands between our read and our write the ETag check refuses ours,
 * and we read the newer plan and apply the step again on top of it: neither edit is lost and no one is
 * asked to retry. Only when that happens on every attempt does the change come back `stale`, unwritten.
 */
import { calendarDateIn } from '../../domain/dates';
import { type Delegation, type DelegationInput, readDelegation } from '../../domain/delegation';
import { emailAddress, isEmailAddress } from '../../domain/email-address';
import { ConflictError, ValidationError } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import { withEnteredName } from '../../domain/person-name';
import {
  grantRole,
  type Plan,
  type PlanRole,
  removeAgencyLead,
  revokeRole,
  rolesOf,
  setAgencyLead,
} from '../../domain/plan';
import type { Stores } from '../ports/index';
import type { Actor } from '../shared/actor';
import { type AdminDeps, type AdminOutcome, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

export type RoleName = PlanRole | 'agency-lead';
export const ROLE_NAMES: readonly RoleName[] = ['coordinator', 'lead', 'moderator', 'agency-lead'];

export interface RoleRequest {
  planId: string;
  email: string;
  role: string;
  /** For an agency lead: the lead agency as the plan's actions name it (when removing: all when absent). */
  agency?: string;
}

/** What a change of roles needs; cover needs `random` too, for its id. */
export type PeopleDeps = Pick<AdminDeps, 'stores' | 'clock'>;

/** What a change came to: `changed` is false when it was so already (nothing written, nothing audited). */
export interface PeopleChanged {
  changed: boolean;
}

/** Removing an agency lead also says which agencies they no longer lead. */
export interface RoleRevoked extends PeopleChanged {
  agencies?: string[];
}

/** Writes tried before a change that keeps meeting newer writes comes back `stale`. */
const ATTEMPTS = 3;

interface PlanChange {
  plan: Plan;
  event: string;
  details: Record<string, string>;
}

/**
 * Reads, changes and writes the plan until the write lands (or the change is refused). `change` returns
 * the plan unchanged when there is nothing to do; its audit event is recorded only for a real change.
 */
async function changePlan(
  deps: PeopleDeps,
  actor: Actor,
  planId: string,
  change: (plan: Plan, now: Date) => PlanChange,
): Promise<AdminOutcome<PeopleChanged>> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const found = await administeredPlan(deps.stores, actor, planId, now);
    if (found.kind !== 'ok') return found;
    let next: PlanChange;
    try {
      next = change(found.plan.value, now);
    } catch (error) {
      if (error instanceof ValidationError) return invalid(error.issues);
      throw error;
    }
    if (next.plan === found.plan.value) return saved({ changed: false });
    try {
      await deps.stores.plans.update(next.plan, found.plan.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (attempt < ATTEMPTS) continue;
      return staleOf(deps.stores, planId);
    }
    await deps.stores.audit.record({
      at: now.toISOString(),
      actor: actor.email,
      event: next.event,
      planId,
      details: next.details,
    });
    return saved({ changed: true });
  }
}

async function staleOf(stores: Stores, planId: string): Promise<AdminOutcome<never>> {
  const fresh = (await stores.plans.get(planId))?.value;
  return {
    kind: 'stale',
    ...(fresh?.updatedBy ? { changedBy: fresh.updatedBy } : {}),
    ...(fresh ? { changedAt: fresh.updatedAt } : {}),
  };
}

function roleOf(request: RoleRequest): RoleName | undefined {
  return (ROLE_NAMES as readonly string[]).includes(request.role) ? (request.role as RoleName) : undefined;
}

const badRole = () =>
  invalid([{ field: 'role', reason: 'choose coordinator, lead, moderator or agency lead' }]);

const addressOf = (request: RoleRequest) => emailAddress(request.email);

export function grantRoleAs(
  deps: PeopleDeps,
  actor: Actor,
  request: RoleRequest,
): Promise<AdminOutcome<PeopleChanged>> {
  const role = roleOf(request);
  if (!role) return Promise.resolve(badRole());
  const email = addressOf(request);
  return changePlan(
    deps,
    actor,
    request.planId,
    (plan, now): PlanChange =>
      role === 'agency-lead'
        ? {
            plan: setAgencyLead(plan, request.agency ?? '', email, now),
            event: 'plan.agency-lead-set',
            details: { agency: (request.agency ?? '').trim(), email },
          }
        : {
            plan: grantRole(plan, email, role, now),
            event: 'plan.role-granted',
            details: { role, email },
          },
  );
}

/** Takes a role away; access follows at once, as every surface re-reads the plan's roles. */
export async function revokeRoleAs(
  deps: PeopleDeps,
  actor: Actor,
  request: RoleRequest,
): Promise<AdminOutcome<RoleRevoked>> {
  const role = roleOf(request);
  if (!role) return badRole();
  const email = addressOf(request);
  // The agencies of the attempt that was written (a retry reads them again from the newer plan).
  let agencies: string[] = [];
  const outcome = await changePlan(deps, actor, request.planId, (plan, now): PlanChange => {
    if (role !== 'agency-lead')
      return {
        plan: revokeRole(plan, email, role, now),
        event: 'plan.role-revoked',
        details: { role, email },
      };
    const removed = removeAgencyLead(plan, email, request.agency, now);
    agencies = removed.agencies;
    return {
      plan: removed.agencies.length === 0 ? plan : removed.plan,
      event: 'plan.agency-lead-removed',
      details: { agency: removed.agencies.join(', '), email },
    };
  });
  if (outcome.kind !== 'saved' || role !== 'agency-lead') return outcome;
  return saved({ ...outcome.value, agencies });
}

/** Cover for an owner between two dates: they get the owner's reminders and may update their actions. */
export async function addDelegationAs(
  deps: PeopleDeps & Pick<AdminDeps, 'random'>,
  actor: Actor,
  request: { planId: string } & DelegationInput,
): Promise<AdminOutcome<PeopleChanged>> {
  const owners = await ownerAddresses(deps.stores, request.planId);
  return changePlan(deps, actor, request.planId, (plan, now) => {
    const read = readDelegation(request, { today: calendarDateIn(plan.timeZone, now), owners });
    const overlapping = (plan.delegations ?? []).find(
      (d) => d.owner === read.owner && d.delegate === read.delegate && d.from <= read.to && read.from <= d.to,
    );
    if (overlapping)
      throw new ValidationError([
        { field: 'from', reason: `${read.delegate} already covers for ${read.owner} in those dates` },
      ]);
    const delegation: Delegation = {
      ...read,
      id: newestFirstId(now, deps.random),
      createdAt: now.toISOString(),
      createdBy: actor.email,
    };
    return {
      plan: { ...plan, delegations: [...(plan.delegations ?? []), delegation], updatedAt: now.toISOString() },
      event: 'plan.delegate-added',
      details: { owner: read.owner, delegate: read.delegate, from: read.from, to: read.to },
    };
  });
}

export function removeDelegationAs(
  deps: PeopleDeps,
  actor: Actor,
  request: { planId: string; id: string },
): Promise<AdminOutcome<PeopleChanged>> {
  return changePlan(deps, actor, request.planId, (plan, now): PlanChange => {
    const gone = (plan.delegations ?? []).find((d) => d.id === request.id);
    if (!gone) return { plan, event: '', details: {} };
    return {
      plan: {
        ...plan,
        delegations: (plan.delegations ?? []).filter((d) => d.id !== request.id),
        updatedAt: now.toISOString(),
      },
      event: 'plan.delegate-removed',
      details: { owner: gone.owner, delegate: gone.delegate, from: gone.from, to: gone.to },
    };
  });
}

/**
 * Enters or corrects the name the plan shows for one of its people (empty: back to the directory's or the
 * import's). Only for someone the plan names (a role, an agency, an owner or a delegate), so the list of
 * names cannot grow people the plan does not have.
 */
export async function namePersonAs(
  deps: PeopleDeps,
  actor: Actor,
  request: { planId: string; email: string; name: string },
): Promise<AdminOutcome<PeopleChanged>> {
  const email = emailAddress(request.email);
  const owners = await ownerAddresses(deps.stores, request.planId);
  return changePlan(deps, actor, request.planId, (plan, now): PlanChange => {
    const named =
      owners.includes(email) ||
      rolesOf(plan, email).length > 0 ||
      Object.values(plan.agencyLeads ?? {}).includes(email) ||
      (plan.delegations ?? []).some((d) => d.delegate === email);
    if (!named && isEmailAddress(email))
      throw new ValidationError([{ field: 'email', reason: `${email} is not one of this plan’s people` }]);
    const next = withEnteredName(plan, email, request.name, now);
    return { plan: next, event: 'plan.person-named', details: { email, name: next.names?.[email] ?? '' } };
  });
}

/**
 * A plan's cover, every entry (past, current and to come), read through the same check as a change: the
 * CLI's `delegate --list` as the operator. The dashboard reads the plan's people through admin-view.ts.
 */
export async function planCoverAs(
  deps: PeopleDeps,
  actor: Actor,
  planId: string,
): Promise<AdminOutcome<readonly Delegation[]>> {
  const found = await administeredPlan(deps.stores, actor, planId, deps.clock.now());
  if (found.kind !== 'ok') return found;
  return saved(found.plan.value.delegations ?? []);
}

async function ownerAddresses(stores: Stores, planId: string): Promise<string[]> {
  const { actions } = await stores.actions.readPlan(planId);
  return [...new Set(actions.flatMap((a) => a.value.owners.map((o) => o.email)))];
}

/** What withdrawing a person's links came to: the link version every new link now carries. */
export interface LinksRevoked {
  email: string;
  version: number;
}

/**
 * Withdraws every e-mail update link made for one address so far (a forwarded mail, a shared mailbox, a
 * lost phone): their link version moves on, so each older link is refused on opening and on every save,
 * and the next e-mail carries a working one. Reports and other people's links are untouched (rotating
 * LINK_SIGNING_SECRET was the only way before, and it withdrew everything). Only someone who may run the
 * plan, for a person the plan names; recorded in the audit log.
 */
export async function revokeLinksAs(
  deps: PeopleDeps,
  actor: Actor,
  request: { planId: string; email: string },
): Promise<AdminOutcome<LinksRevoked>> {
  const email = emailAddress(request.email);
  if (!isEmailAddress(email)) return invalid([{ field: 'email', reason: 'give an e-mail address' }]);
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  if (!(await namesPerson(deps.stores, found.plan.value, email)))
    return invalid([{ field: 'email', reason: `${email} is not one of this plan’s people` }]);
  const state = await deps.stores.contacts.changeLinkState(email, (current) => ({
    version: current.version + 1,
  }));
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.email,
    event: 'contact.links-revoked',
    planId: request.planId,
    details: { email, linkVersion: String(state.version) },
  });
  return saved({ email, version: state.version });
}

/**
 * When an action's owners change, whoever was taken off loses their update links at once (not only for
 * this action: the version is per person, and their next e-mail brings working links for what they still
 * own). Called after the change is written; the change's own audit event is the record of why, and this
 * adds one per person so the withdrawal shows in the log.
 */
export async function revokeRemovedOwnersLinks(
  deps: PeopleDeps,
  actor: Pick<Actor, 'email'>,
  planId: string,
  before: readonly { email: string }[],
  after: readonly { email: string }[],
): Promise<string[]> {
  const kept = new Set(after.map((o) => emailAddress(o.email)));
  const removed = [...new Set(before.map((o) => emailAddress(o.email)))].filter(
    (e) => e !== '' && !kept.has(e),
  );
  for (const email of removed) {
    const state = await deps.stores.contacts.changeLinkState(email, (current) => ({
      version: current.version + 1,
    }));
    await deps.stores.audit.record({
      at: deps.clock.now().toISOString(),
      actor: actor.email,
      event: 'contact.links-revoked',
      planId,
      details: { email, linkVersion: String(state.version), why: 'no longer an owner' },
    });
  }
  return removed;
}

/** Anyone the plan names: a role, an owner, a delegate or a contributing agency's contact. */
async function namesPerson(stores: Stores, plan: Plan, email: string): Promise<boolean> {
  const roles = [
    ...plan.coordinators,
    ...plan.leads,
    ...(plan.moderators ?? []),
    ...Object.values(plan.agencyLeads ?? {}),
  ];
  if (roles.some((r) => r.toLowerCase() === email)) return true;
  if (
    (plan.delegations ?? []).some(
      (d) => d.delegate.toLowerCase() === email || d.owner.toLowerCase() === email,
    )
  )
    return true;
  const { actions } = await stores.actions.readPlan(plan.id);
  return actions.some(
    (a) =>
      a.value.owners.some((o) => o.email.toLowerCase() === email) ||
      (a.value.contributingContacts ?? []).some((c) => c.email.toLowerCase() === email),
  );
}
