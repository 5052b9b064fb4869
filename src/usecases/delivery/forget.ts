/**
 * What each channel's "never" changes in storage, so the next `reach` sees it: the composition gives each
 * registered channel its `forget` from here. A new channel that can be refused for good adds one.
 */
import type { Clock, ContactStore, UserStore } from '../ports/index';
import type { Recipient, Unreachable } from './channel';
import { markUnreachable } from './deliver-once';

export type Forget = (to: Recipient, outcome: Unreachable) => Promise<void>;

/** Teams said 403/404: forget the chat (as deliver-once does), so they show as not in Teams. */
export function forgetTeamsChat(deps: { stores: { users: UserStore }; clock: Clock }): Forget {
  return async (to) => {
    if (to.teams?.conversationReference) await markUnreachable(deps, to.teams);
  };
}

/** A mail server refused the address for good: keep it, with the server's code only, never its text. */
export function markUndeliverable(deps: { stores: { contacts: ContactStore }; clock: Clock }): Forget {
  return async (to, outcome) => {
    const now = deps.clock.now().toISOString();
    // Re-read: the person may have chosen a channel since this send began.
    const current = await deps.stores.contacts.get(to.email);
    await deps.stores.contacts.put({
      ...(current ?? { email: to.email, preference: 'auto' }),
      undeliverableSince: now,
      undeliverableCode: outcome.detail.replace(/^smtp-/, ''),
      updatedAt: now,
    });
  };
}
