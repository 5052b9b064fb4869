/**
 * Who a plan names, for the people page: each person's name (and where it came from), every role they
 * hold, the open actions they own, the cover they give and get, and how the bot reaches them now; and the
 * owners the plan names without an address, whom nothing can reach. Reading only; every change to a
 * plan's people goes through people-service.ts.
 *
 * How someone is reached is the channels' one reachability (../delivery/reachability), the answer `owners`
 * shows and the routing channel sends by, so the page and `owners` never disagree.
 */
import { hasContact } from '../../domain/action';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { emailAddress } from '../../domain/email-address';
import { isOpen } from '../../domain/lifecycle';
import { type NameSource, shownName } from '../../domain/person-name';
import type { Plan } from '../../domain/plan';
import type { ReachRegistry } from '../delivery/channel';
import { type Reachability, reachabilityOfMany } from '../delivery/reachability';
import type { Stores } from '../ports/index';
import type { RoleName } from './people-service';

/** Cover one person gives or gets, naming the other person, from today on. */
export interface CoverLink {
  id: string;
  /** The other person: the owner covered for, or the delegate covering. */
  email: string;
  name: string;
  from: IsoDate;
  to: IsoDate;
  /** Today is within the dates. */
  active: boolean;
}

export interface PlanPerson {
  email: string;
  name: string;
  nameSource: NameSource;
  roles: RoleName[];
  /** Agencies they are lead officer of. */
  agencies: string[];
  /** Whether they own any of the plan's actions (open or not), and how many are open. */
  owner: boolean;
  openActionsOwned: number;
  /** Owners they cover for, and delegates who cover for them (current and to come). */
  coversFor: CoverLink[];
  coveredBy: CoverLink[];
  reachability: Reachability;
}

/** An owner the plan names with no e-mail address: nothing can reach them until one is added. */
export interface UnaddressedOwner {
  name: string;
  openActions: number;
  /** The ids of their actions, to find where to add the address. */
  actionIds: string[];
}

export interface PlanPeople {
  people: PlanPerson[];
  unaddressedOwners: UnaddressedOwner[];
}

type Gathered = Omit<PlanPerson, 'reachability' | 'name' | 'nameSource'> & { imported?: string };

/** Everyone named in the plan (roles, owners, delegates), with how the bot can reach them. */
export async function planPeople(
  stores: Stores,
  plan: Plan,
  channels: ReachRegistry,
  now: Date,
): Promise<PlanPeople> {
  const today = calendarDateIn(plan.timeZone, now);
  const { actions } = await stores.actions.readPlan(plan.id);
  const people = new Map<string, Gathered>();
  const person = (email: string, imported?: string): Gathered => {
    const found = people.get(email);
    if (found) {
      if (imported && !found.imported) found.imported = imported;
      return found;
    }
    const created: Gathered = {
      email,
      ...(imported ? { imported } : {}),
      roles: [],
      agencies: [],
      owner: false,
      openActionsOwned: 0,
      coversFor: [],
      coveredBy: [],
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
  const unaddressed = new Map<string, UnaddressedOwner>();
  for (const { value: action } of actions)
    for (const owner of action.owners) {
      if (!hasContact(owner)) {
        const entry = unaddressed.get(owner.name) ?? { name: owner.name, openActions: 0, actionIds: [] };
        if (isOpen(action.lifecycle)) entry.openActions++;
        entry.actionIds.push(action.id);
        unaddressed.set(owner.name, entry);
        continue;
      }
      const p = person(owner.email, owner.name);
      p.owner = true;
      if (isOpen(action.lifecycle)) p.openActionsOwned++;
    }
  const current = (plan.delegations ?? []).filter((d) => d.to >= today);
  for (const d of current) person(d.delegate, d.delegateName);
  const emails = [...people.keys()];
  const [known, reach] = await Promise.all([
    stores.users.findByEmails(emails),
    reachabilityOfMany(stores, channels, emails),
  ]);
  const directory = new Map(known.flatMap((u) => (u.email && u.name ? [[u.email, u.name] as const] : [])));
  const named = [...people.values()].map((p) => {
    const { imported, ...rest } = p;
    const shown = shownName(p.email, {
      ...(plan.names?.[p.email] ? { entered: plan.names[p.email] } : {}),
      ...(directory.get(p.email) ? { directory: directory.get(p.email) } : {}),
      ...(imported ? { imported } : {}),
    });
    return { ...rest, name: shown.name, nameSource: shown.source };
  });
  const byEmail = new Map(named.map((p) => [p.email, p]));
  const nameOf = (email: string) => byEmail.get(email)?.name ?? email;
  for (const d of current) {
    const dates = { id: d.id, from: d.from, to: d.to, active: d.from <= today };
    byEmail.get(d.delegate)?.coversFor.push({ ...dates, email: d.owner, name: nameOf(d.owner) });
    byEmail.get(d.owner)?.coveredBy.push({ ...dates, email: d.delegate, name: nameOf(d.delegate) });
  }
  return {
    people: named
      .map((p): PlanPerson => ({ ...p, reachability: reach.get(emailAddress(p.email))! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    unaddressedOwners: [...unaddressed.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
  };
}
