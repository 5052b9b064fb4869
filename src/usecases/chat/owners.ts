import { type Action, hasContact, NO_CONTACT } from '../../domain/action';
import { contactStateLabel } from '../../domain/contact-channel';
import { isOpen } from '../../domain/lifecycle';
import { labelsOf, type ReachRegistry, refusalWords } from '../delivery/channel';
import { reachabilityOfMany } from '../delivery/reachability';
import type { Stores } from '../ports/index';
import type { OwnerReach } from './replies';

/** Keys owners with no contact by name; no e-mail address contains it. */
const NAMED = '\u0000name:';

/**
 * Each of a plan's owners: whether the bot can reach them in Teams (and why not), and the channel the
 * next message to them goes by, both as the one reachability (../delivery/reachability) answers: the
 * routing channel sends by the same answer.
 */
export async function describeOwners(
  stores: Pick<Stores, 'users' | 'contacts'>,
  actions: readonly Action[],
  channels: ReachRegistry,
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
  const reach = await reachabilityOfMany(stores, channels, emails);
  return [...owners.entries()]
    .map(([key, { name, openActions }]): OwnerReach => {
      if (key.startsWith(NAMED)) {
        return {
          name,
          email: '',
          openActions,
          reachable: false,
          reason: `${NO_CONTACT}: no e-mail address yet`,
          channel: { kind: 'none' },
          channelLabel: contactStateLabel({ kind: 'none' }, labelsOf(channels)),
        };
      }
      const email = key;
      const person = reach.get(email)!;
      // The answer is about the bot's own channel: "n of m owners can be reached in Teams".
      const inTeams = person.channels.teams;
      return {
        name,
        email,
        openActions,
        reachable: inTeams.reachable,
        ...(inTeams.reachable ? {} : { reason: refusalWords(inTeams) }),
        channel: person.state,
        channelLabel: person.label,
        ...(person.detail ? { channelDetail: person.detail } : {}),
      };
    })
    .sort((a, b) => Number(a.reachable) - Number(b.reachable) || a.name.localeCompare(b.name));
}
