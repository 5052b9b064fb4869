import { type Action, hasContact, NO_CONTACT } from '../../domain/action';

/** Keys owners with no contact by name; no e-mail address contains it. */
const NAMED = '\u0000name:';

import { formatUkDate } from '../../domain/dates';
import { isOpen } from '../../domain/lifecycle';
import type { Stores } from '../ports/index';
import type { OwnerReach } from './replies';

/** Who among a plan's owners the bot can reach in Teams, and why not for the rest. */
export async function describeOwners(stores: Stores, actions: readonly Action[]): Promise<OwnerReach[]> {
  const owners = new Map<string, { name: string; openActions: number }>();
  for (const action of actions) {
    for (const owner of action.owners) {
      // Owners with no contact are told apart by name, having no address to be known by.
      const key = hasContact(owner) ? owner.email : `${NAMED}${owner.name}`;
      const entry = owners.get(key) ?? { name: owner.name, openActions: 0 };
      if (isOpen(action.lifecycle)) entry.openActions++;
      owners.set(key, entry);
    }
  }
  const users = await stores.users.findByEmails([...owners.keys()].filter((k) => !k.startsWith(NAMED)));
  const byEmail = new Map(users.map((u) => [u.email!, u]));
  return [...owners.entries()]
    .map(([key, { name, openActions }]): OwnerReach => {
      if (key.startsWith(NAMED)) {
        return {
          name,
          email: '',
          openActions,
          reachable: false,
          reason: `${NO_CONTACT}: no e-mail address yet`,
        };
      }
      const email = key;
      const user = byEmail.get(email);
      if (user?.unreachableSince && !user.conversationReference) {
        return {
          name,
          email,
          openActions,
          reachable: false,
          reason: `removed Action Tracker or blocked it on ${formatUkDate(user.unreachableSince.slice(0, 10))}`,
        };
      }
      if (!user?.conversationReference) {
        return { name, email, openActions, reachable: false, reason: 'has not installed Action Tracker' };
      }
      return { name, email, openActions, reachable: true };
    })
    .sort((a, b) => Number(a.reachable) - Number(b.reachable) || a.name.localeCompare(b.name));
}
