/**
 * Who a plan names, for the people page: roles, lead agencies, open actions owned, cover, and how the bot
 * can reach each person. Reading only; every change to a plan's people goes through people-service.ts.
 *
 * How someone is reached is the channels' one reachability (../delivery/reachability), the answer `owners`
 * shows and the routing channel sends by, so the page and `owners` never disagree.
 */
import { emailAddress } from '../../domain/email-address';
import type { Plan } from '../../domain/plan';
import type { ReachRegistry } from '../delivery/channel';
import { type Reachability, reachabilityOfMany } from '../delivery/reachability';
import type { Stores } from '../ports/index';
import type { RoleName } from './people-service';

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

type Unreached = Omit<PlanPerson, 'reachability'>;

/** Everyone named in the plan (roles, owners, delegates), with how the bot can reach them. */
export async function planPeople(stores: Stores, plan: Plan, channels: ReachRegistry): Promise<PlanPerson[]> {
  const { actions } = await stores.actions.readPlan(plan.id);
  const people = new Map<string, Unreached>();
  const person = (email: string, name?: string): Unreached => {
    const found = people.get(email);
    if (found) {
      if (name && found.name === found.email) found.name = name;
      return found;
    }
    const created: Unreached = {
      email,
      name: name || email,
      roles: [],
      agencies: [],
      openActionsOwned: 0,
      covers: false,
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
  const emails = [...people.keys()];
  const [known, reach] = await Promise.all([
    stores.users.findByEmails(emails),
    reachabilityOfMany(stores, channels, emails),
  ]);
  for (const user of known) {
    const p = user.email ? people.get(user.email) : undefined;
    if (p && p.name === p.email && user.name) p.name = user.name;
  }
  return [...people.values()]
    .map((p): PlanPerson => ({ ...p, reachability: reach.get(emailAddress(p.email))! }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
