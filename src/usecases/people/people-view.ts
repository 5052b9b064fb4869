/**
 * Who a plan names, for the people page: roles, lead agencies, open actions owned, cover, and how the bot
 * can reach each person. Reading only; every change to a plan's people goes through people-service.ts.
 *
 * How someone is reached is decided in one place below (`reachabilityOf`), so that the channels' one
 * reachability (the one `owners` shows) can replace this Teams-only reading there and nowhere else.
 */
import type { Plan } from '../../domain/plan';
import type { Stores, TeamsUser } from '../ports/index';
import type { RoleName } from './people-service';

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

/** Someone the bot has never met cannot be reached in Teams: they have not installed it. */
const NOT_MET: Reachability = { teams: false, reason: 'not-installed' };

/** The one reading of how a known user is reached. */
function reachabilityOf(user: TeamsUser): Reachability {
  if (user.unreachableSince) return { teams: false, reason: 'removed' };
  return user.conversationReference ? { teams: true } : NOT_MET;
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
      reachability: NOT_MET,
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
    p.reachability = reachabilityOf(user);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
