import { type Action, hasContact, NO_CONTACT } from '../../domain/action';
import { contactStateLabel } from '../../domain/contact-channel';
import { formatUkDate } from '../../domain/dates';
import { isOpen } from '../../domain/lifecycle';
import { describeContacts } from '../people/contact-channels';
import type { Stores } from '../ports/index';
import type { OwnerReach } from './replies';

/** Keys owners with no contact by name; no e-mail address contains it. */
const NAMED = '\u0000name:';

/**
 * Each of a plan's owners: whether the bot can reach them in Teams (and why not), and the channel the
 * next message to them goes by, as the routing channel would choose it.
 */
export async function describeOwners(
  stores: Pick<Stores, 'users' | 'contacts'>,
  actions: readonly Action[],
  emailOn: boolean,
): Promise<OwnerReach[]> {
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
  const emails = [...owners.keys()].filter((k) => !k.startsWith(NAMED));
  const [users, contacts] = await Promise.all([
    stores.users.findByEmails(emails),
    describeContacts(stores, emails, emailOn),
  ]);
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
          channel: 'no contact',
          channelLabel: contactStateLabel('no contact'),
        };
      }
      const email = key;
      const user = byEmail.get(email);
      const contact = contacts.get(email)!;
      const channel = {
        channel: contact.state,
        channelLabel: contact.label,
        ...(contact.detail ? { channelDetail: contact.detail } : {}),
      };
      if (user?.unreachableSince && !user.conversationReference) {
        return {
          name,
          email,
          openActions,
          reachable: false,
          reason: `removed Action Tracker or blocked it on ${formatUkDate(user.unreachableSince.slice(0, 10))}`,
          ...channel,
        };
      }
      if (!user?.conversationReference) {
        return {
          name,
          email,
          openActions,
          reachable: false,
          reason: 'has not installed Action Tracker',
          ...channel,
        };
      }
      return { name, email, openActions, reachable: true, ...channel };
    })
    .sort((a, b) => Number(a.reachable) - Number(b.reachable) || a.name.localeCompare(b.name));
}
