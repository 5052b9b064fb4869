/**
 * The channel every proactive message leaves by: per person, it asks the registry's channels in the
 * person's order (their choice: one channel first, or both; else the registry's order) and sends by the
 * first that can reach them, or by every one that can. All of it happens inside one send, so inside one
 * deliver-once claim (keyed per message and person): a Teams 403/404 that falls back to e-mail is still one
 * delivery, sent once.
 *
 * What a channel says for good is remembered where the next message will look, by the channel's own
 * `forget` (a Teams 403/404 forgets the chat; a mail server's permanent refusal, 5xx such as 550, marks
 * the address undeliverable in the person's contact record). The coordinators hear of it through the list
 * of what could not be delivered, which the sender builds from the unreachable result.
 */
import { type ChannelName, fallbackAfter } from '../../domain/contact-channel';
import type { ContactStore, SendOutcome } from '../ports/index';
import {
  type Channel,
  type ChannelRegistry,
  type Message,
  type Recipient,
  type Unreachable,
  unreachableReasonOf,
} from './channel';
import { type Reachability, reachabilityOf } from './reachability';

export interface RoutingDeps<N extends string = ChannelName> {
  channels: ChannelRegistry<N>;
  stores: { contacts: ContactStore };
}

export function routingChannel<N extends string = ChannelName>(deps: RoutingDeps<N>): Channel {
  const { channels } = deps;
  const personOf = async (to: Recipient): Promise<Recipient> => ({
    ...to,
    contact: await deps.stores.contacts.get(to.email),
  });

  /** Remembers a channel's "never" for the next message, and says what is left. */
  const forget = async (name: N, to: Recipient, outcome: Unreachable, left: Reachability<N>) => {
    await channels[name].forget?.(to, outcome);
    const gone = { reachable: false, reason: unreachableReasonOf(outcome.detail) } as const;
    return { ...left, channels: { ...left.channels, [name]: gone } };
  };

  return {
    reach: async (to) => {
      const reach = reachabilityOf(channels, await personOf(to));
      if (reach.sendBy.length > 0) return { reachable: true };
      return { reachable: false, reason: reach.unreachable?.reason ?? 'off' };
    },
    send: async (to, message) => {
      const person = await personOf(to);
      const reach = reachabilityOf(channels, person);
      if (reach.sendBy.length === 0)
        return { status: 'unreachable', detail: `unreachable-${reach.unreachable?.reason ?? 'off'}` };
      if (reach.sendBy.length > 1) return sendOnAll(person, message, reach);
      return sendInOrder(person, message, reach);
    },
  };

  /** The first that can reach them; on a "never", the next in their order that still can. */
  async function sendInOrder(to: Recipient, message: Message, reach: Reachability<N>): Promise<SendOutcome> {
    const tried: N[] = [];
    let left = reach;
    let next: N | undefined = reach.sendBy[0];
    let outcome: SendOutcome = { status: 'unreachable', detail: 'unreachable-off' };
    while (next) {
      tried.push(next);
      outcome = await channels[next].send(to, message);
      if (outcome.status !== 'unreachable') return outcome;
      left = await forget(next, to, outcome, left);
      next = fallbackAfter(tried, left.route, left.channels);
    }
    return outcome;
  }

  /** "Both": sent on each; it counts as sent when any took it, and is tried again when none did. */
  async function sendOnAll(to: Recipient, message: Message, reach: Reachability<N>): Promise<SendOutcome> {
    const outcomes: SendOutcome[] = [];
    let left = reach;
    for (const name of reach.sendBy) {
      const outcome = await channels[name].send(to, message);
      if (outcome.status === 'unreachable') left = await forget(name, to, outcome, left);
      outcomes.push(outcome);
    }
    return (
      outcomes.find((o) => o.status === 'sent') ??
      outcomes.find((o) => o.status === 'failed') ??
      (outcomes[outcomes.length - 1] as SendOutcome)
    );
  }
}
