/**
 * Local mode's people: the plans' own coordinators, leads and owners, so someone trying Action Tracker
 * on their machine can see the dashboard as each of them would. Never used when an app id is set.
 */
import { hasContact } from '../../domain/action';
import { emailAddress } from '../../domain/email-address';
import { NotAuthorisedError } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import type { Stores } from '../../usecases/ports/index';

export interface LocalPerson {
  email: string;
  name: string;
  description: string;
}

const MAX_PEOPLE = 12;

export async function localPeople(stores: Stores): Promise<LocalPerson[]> {
  const people = new Map<string, LocalPerson>();
  const add = (email: string, name: string, description: string) => {
    if (!people.has(email) && people.size < MAX_PEOPLE) people.set(email, { email, name, description });
  };
  for (const plan of await stores.plans.list()) {
    const { actions } = await stores.actions.readPlan(plan.id);
    const known = await stores.users.findByEmails([...plan.coordinators, ...plan.leads]);
    const owners = new Map(
      actions.flatMap(({ value }) => value.owners.map((o) => [o.email, o.name] as const)),
    );
    const nameOf = (email: string) =>
      known.find((u) => u.email === email)?.name || owners.get(email) || nameFromAddress(email);
    for (const email of plan.coordinators) add(email, nameOf(email), `coordinator of ${plan.title}`);
    for (const email of plan.leads) add(email, nameOf(email), `lead of ${plan.title}`);
    // Before the owners: there are few of them, and they are who a coordinator wants to try as.
    for (const d of plan.delegations ?? [])
      add(d.delegate, d.delegateName, `covering for ${owners.get(d.owner) ?? d.owner} in ${plan.title}`);
    for (const { value: action } of actions) {
      for (const owner of action.owners.filter(hasContact)) {
        const open = actions.filter(
          (a) => isOpen(a.value.lifecycle) && a.value.owners.some((o) => o.email === owner.email),
        ).length;
        add(owner.email, owner.name, `owner of ${open} open action${open === 1 ? '' : 's'} in ${plan.title}`);
      }
    }
  }
  return [...people.values()];
}

/**
 * The person the page acts as: the one X-Local-User names, or the first when it names nobody. A name that
 * is not one of the plans' people is refused, never swapped for someone else's view.
 */
export async function localPerson(stores: Stores, wanted: string): Promise<LocalPerson | undefined> {
  const people = await localPeople(stores);
  const email = emailAddress(wanted);
  if (email === '') return people[0];
  const person = people.find((p) => p.email === email);
  if (!person) {
    throw new NotAuthorisedError(
      `Local mode acts only as one of the plans’ own people; ${email.slice(0, 254)} is not one of them. Choose someone from the list.`,
    );
  }
  return person;
}

/** "partnership.manager@example.org" → "Partnership Manager": a readable label for someone not met yet. */
function nameFromAddress(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
