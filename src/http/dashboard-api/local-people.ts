/**
 * Local mode's people: everyone any plan names (coordinators, leads, moderators, agency leads, delegates
 * and owners), so someone trying Action Tracker on their machine can see the dashboard as each of them
 * would, a person added to a new plan a minute ago included. The page shows a few as suggestions and
 * finds the rest by name or address. Never used when an app id is set.
 */
import { hasContact } from '../../domain/action';
import { emailAddress } from '../../domain/email-address';
import { NotAuthorisedError } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import { shownName } from '../../domain/person-name';
import { rolesOf } from '../../domain/plan';
import type { Stores } from '../../usecases/ports/index';
import type { TabLocalPeople } from './api-types';

export interface LocalPerson {
  email: string;
  name: string;
  description: string;
}

/** How many the page lists at once: the suggestions, and a search's results (the rest are searchable). */
const MAX_PEOPLE = 12;

/** Everyone any plan names, each once (described by the first plan and role found), in that order. */
async function everyone(stores: Stores): Promise<LocalPerson[]> {
  const people = new Map<string, LocalPerson>();
  for (const plan of await stores.plans.list()) {
    const { actions } = await stores.actions.readPlan(plan.id);
    const agencyOf = new Map(
      Object.entries(plan.agencyLeads ?? {}).map(([agency, email]) => [email, agency]),
    );
    const owners = new Map(
      actions.flatMap(({ value }) => value.owners.filter(hasContact).map((o) => [o.email, o.name] as const)),
    );
    const delegates = new Map((plan.delegations ?? []).map((d) => [d.delegate, d.delegateName] as const));
    const named = [
      ...plan.coordinators,
      ...plan.leads,
      ...(plan.moderators ?? []),
      ...agencyOf.keys(),
      ...owners.keys(),
      ...delegates.keys(),
    ];
    const known = await stores.users.findByEmails([...new Set(named)]);
    const nameOf = (email: string) =>
      shownName(email, {
        ...(plan.names?.[email] ? { entered: plan.names[email] } : {}),
        ...(known.find((u) => u.email === email)?.name
          ? { directory: known.find((u) => u.email === email)?.name }
          : {}),
        ...((owners.get(email) ?? delegates.get(email))
          ? { imported: owners.get(email) ?? delegates.get(email) }
          : {}),
      }).name;
    const add = (email: string, description: string) => {
      if (!people.has(email)) people.set(email, { email, name: nameOf(email), description });
    };
    for (const email of plan.coordinators) add(email, `coordinator of ${plan.title}`);
    for (const email of plan.leads) add(email, `lead of ${plan.title}`);
    // Before the owners: there are few of them, and they are who a coordinator wants to try as.
    for (const d of plan.delegations ?? [])
      add(d.delegate, `covering for ${nameOf(d.owner)} in ${plan.title}`);
    for (const email of owners.keys()) {
      const open = actions.filter(
        (a) => isOpen(a.value.lifecycle) && a.value.owners.some((o) => o.email === email),
      ).length;
      add(email, `owner of ${open} open action${open === 1 ? '' : 's'} in ${plan.title}`);
    }
    // Last, so the suggestions stay the people most often tried; a search finds them all the same.
    for (const email of plan.moderators ?? []) add(email, `moderator of ${plan.title}`);
    for (const [email, agency] of agencyOf) add(email, `lead officer for ${agency} in ${plan.title}`);
  }
  return [...people.values()];
}

/**
 * The first few people of the plans, the page's suggestions before anything is typed, with the person
 * acted as added when a search found them further down (so the page can name whom it acts as).
 */
export async function localPeople(stores: Stores, acting?: string): Promise<LocalPerson[]> {
  const people = await everyone(stores);
  const first = people.slice(0, MAX_PEOPLE);
  const found = people.find((p) => p.email === acting);
  return found && !first.includes(found) ? [...first, found] : first;
}

/**
 * The people whose name, address or role contains every word of `query` (any case), the first few of
 * them, and how many match in all, so the page can say to type more.
 */
export async function findLocalPeople(stores: Stores, query: string): Promise<TabLocalPeople> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const matches = (await everyone(stores)).filter((p) => {
    const text = `${p.name} ${p.email} ${p.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return { people: matches.slice(0, MAX_PEOPLE), total: matches.length };
}

/**
 * The person the page acts as: the one X-Local-User names (anyone any plan names), or the first when it
 * names nobody. A name that is not one of the plans' people is refused, never swapped for someone else's.
 */
export async function localPerson(stores: Stores, wanted: string): Promise<LocalPerson | undefined> {
  const email = emailAddress(wanted);
  if (email === '') return (await everyone(stores))[0];
  // Asked on every request in local mode: the plans' records and the owner index answer it, never every
  // plan's actions (which made each request, an upload's included, cost as much as the biggest plan).
  const plans = await stores.plans.list();
  const named = plans.filter(
    (plan) =>
      rolesOf(plan, email).length > 0 ||
      Object.values(plan.agencyLeads ?? {}).includes(email) ||
      (plan.delegations ?? []).some((d) => d.delegate === email),
  );
  const owned = await stores.actions.listByOwner(email);
  if (named.length === 0 && owned.length === 0) {
    throw new NotAuthorisedError(
      `Local mode acts only as one of the plans’ own people; ${email.slice(0, 254)} is not one of them. Choose someone from the list.`,
    );
  }
  const plan = named[0] ?? plans.find((p) => p.id === owned[0]?.planId);
  const [known] = await stores.users.findByEmails([email]);
  const imported =
    owned.flatMap((a) => a.owners).find((o) => o.email === email)?.name ??
    plan?.delegations?.find((d) => d.delegate === email)?.delegateName;
  const name = shownName(email, {
    ...(plan?.names?.[email] ? { entered: plan.names[email] } : {}),
    ...(known?.name ? { directory: known.name } : {}),
    ...(imported ? { imported } : {}),
  }).name;
  return { email, name, description: plan ? `of ${plan.title}` : '' };
}

/** How long a person found by localPerson is remembered (see RecentLocalPeople). */
export const LOCAL_PERSON_KEPT_MS = 10_000;
/** Local mode is one person trying the product, or a test: a few hundred addresses is more than enough. */
const MAX_REMEMBERED = 500;

/**
 * localPerson, remembered for a few seconds per address. Local mode asks it on every request, and its
 * three storage reads were the larger part of what any request cost the server and its embedded store:
 * an upload refused before its body is read among them, which is what an uploader hammering the server
 * sends most. Only people found are remembered, so someone just added to a plan can act at once;
 * `forget` is called after every change made through the dashboard, so a new name or role shows at once;
 * a change made elsewhere (the CLI, the chat) shows within LOCAL_PERSON_KEPT_MS. In local mode anyone on
 * the machine may act as anyone in the plans, so being remembered a few seconds too long gives nothing away.
 * Kept by the monotonic clock: the injected clock is the plans' time, which tests hold still.
 */
export class RecentLocalPeople {
  private readonly found = new Map<string, { person: LocalPerson; until: number }>();
  /** Counts forgets, so a lookup that began before one (and may have read the old plans) is not kept. */
  private generation = 0;

  constructor(
    private readonly stores: Stores,
    private readonly keptMs = LOCAL_PERSON_KEPT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async person(wanted: string): Promise<LocalPerson | undefined> {
    const key = emailAddress(wanted);
    const remembered = this.found.get(key);
    if (remembered && remembered.until > this.now()) return remembered.person;
    const began = this.generation;
    const person = await localPerson(this.stores, wanted);
    // The first person (no name asked for) depends on the plans' order, so only a named one is kept.
    if (person && key !== '' && began === this.generation) {
      if (this.found.size >= MAX_REMEMBERED) this.found.clear();
      this.found.set(key, { person, until: this.now() + this.keptMs });
    }
    return person;
  }

  forget(): void {
    this.generation++;
    this.found.clear();
  }
}
