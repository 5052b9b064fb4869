/**
 * People in a plan, from the dashboard: roles given and taken away (coordinator, lead, an agency's lead
 * officer; a plan always keeps a coordinator), delegates who cover an owner's actions between two dates,
 * and who can be reached how. Each change is an ETag-checked write of the plan and an audit event; these
 * changes are idempotent, so a write that meets someone else's newer one is simply applied again.
 */
import { calendarDateIn } from '../../domain/dates';
import { type Delegation, type DelegationInput, readDelegation } from '../../domain/delegation';
import { ConflictError, ValidationError } from '../../domain/errors';
import { newestFirstId } from '../../domain/ids';
import {
  grantRole,
  type Plan,
  type PlanRole,
  removeAgencyLead,
  revokeRole,
  setAgencyLead,
} from '../../domain/plan';
import type { Stores } from '../ports/index';
import { type Actor, type AdminDeps, type AdminOutcome, invalid, saved } from './admin-outcome';
import { administeredPlan } from './administered-plan';

export type RoleName = PlanRole | 'agency-lead';
export const ROLE_NAMES: readonly RoleName[] = ['coordinator', 'lead', 'moderator', 'agency-lead'];

export interface RoleRequest {
  planId: string;
  email: string;
  role: string;
  /** For an agency lead: the lead agency as the plan's actions name it. */
  agency?: string;
}

const ATTEMPTS = 3;

interface PlanChange {
  plan: Plan;
  event: string;
  details: Record<string, string>;
}

/**
 * Reads, changes and writes the plan until the write lands (or the change refuses). `change` returns the
 * plan unchanged when there is nothing to do; its audit event is recorded only for a real change.
 */
async function changePlan(
  deps: AdminDeps,
  actor: Actor,
  planId: string,
  change: (plan: Plan, now: Date) => PlanChange,
): Promise<AdminOutcome<{ changed: boolean }>> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const found = await administeredPlan(deps.stores, actor, planId, now);
    if (found.kind !== 'ok') return found;
    let next: ReturnType<typeof change>;
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
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
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

function roleOf(request: RoleRequest): RoleName | undefined {
  return (ROLE_NAMES as readonly string[]).includes(request.role) ? (request.role as RoleName) : undefined;
}

const badRole = () => invalid([{ field: 'role', reason: 'choose coordinator, lead or agency lead' }]);

export function grantRoleAs(deps: AdminDeps, actor: Actor, request: RoleRequest) {
  const role = roleOf(request);
  if (!role) return Promise.resolve(badRole());
  const email = request.email.trim().toLowerCase();
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

export function revokeRoleAs(deps: AdminDeps, actor: Actor, request: RoleRequest) {
  const role = roleOf(request);
  if (!role) return Promise.resolve(badRole());
  const email = request.email.trim().toLowerCase();
  return changePlan(deps, actor, request.planId, (plan, now): PlanChange => {
    if (role !== 'agency-lead')
      return {
        plan: revokeRole(plan, email, role, now),
        event: 'plan.role-revoked',
        details: { role, email },
      };
    const removed = removeAgencyLead(plan, email, request.agency, now);
    return {
      plan: removed.agencies.length === 0 ? plan : removed.plan,
      event: 'plan.agency-lead-removed',
      details: { agency: removed.agencies.join(', '), email },
    };
  });
}

/** Cover for an owner between two dates: they get the owner's reminders and may update their actions. */
export async function addDelegationAs(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string } & DelegationInput,
): Promise<AdminOutcome<{ changed: boolean }>> {
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
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; id: string },
): Promise<AdminOutcome<{ changed: boolean }>> {
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

async function ownerAddresses(stores: Stores, planId: string): Promise<string[]> {
  const { actions } = await stores.actions.readPlan(planId);
  return [...new Set(actions.flatMap((a) => a.value.owners.map((o) => o.email)))];
}

/** How a person can be reached today: Teams (installed, not blocked) or not, and why not. */
export type Reachability = { teams: true } | { teams: false; reason: 'not-installed' | 'removed' };

export interface PlanPerson {
  email: string;
  name: string;
  roles: RoleName[];
  /** Agencies they are lead officer of. */
  agencies: string[];
  openActionsOwned: number;
  /** Named as a delegate covering for an owner (now or to come). */
  covers: boolean;
  reachability: Reachability;
}

/** Everyone named in the plan (roles, owners, delegates), with how the bot can reach them. */
export async function planPeople(stores: Stores, plan: Plan): Promise<PlanPerson[]> {
  const { actions } = await stores.actions.readPlan(plan.id);
  const people = new Map<string, PlanPerson>();
  const person = (email: string, name?: string): PlanPerson => {
    const found = people.get(email);
    if (found) {
      if (name && found.name === found.email) found.name = name;
      return found;
    }
    const created: PlanPerson = {
      email,
      name: name || email,
      roles: [],
      agencies: [],
      openActionsOwned: 0,
      covers: false,
      reachability: { teams: false, reason: 'not-installed' },
    };
    people.set(email, created);
    return created;
  };
  for (const email of plan.coordinators) person(email).roles.push('coordinator');
  for (const email of plan.leads) person(email).roles.push('lead');
  for (const email of plan.moderators ?? []) person(email).roles.push('moderator');
  for (const [agency, email] of Object.entries(plan.agencyLeads ?? {})) {
    const p = person(email);
    if (!p.roles.includes('agency-lead')) p.roles.push('agency-lead');
    p.agencies.push(agency);
  }
  for (const { value: action } of actions)
    for (const owner of action.owners) {
      const p = person(owner.email, owner.name);
      if (action.lifecycle === 'not_started' || action.lifecycle === 'in_progress') p.openActionsOwned++;
    }
  for (const d of plan.delegations ?? []) person(d.delegate, d.delegateName).covers = true;
  const known = await stores.users.findByEmails([...people.keys()]);
  for (const user of known) {
    const p = user.email ? people.get(user.email) : undefined;
    if (!p) continue;
    if (p.name === p.email && user.name) p.name = user.name;
    p.reachability = user.unreachableSince
      ? { teams: false, reason: 'removed' }
      : user.conversationReference
        ? { teams: true }
        : p.reachability;
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
