/**
 * The channel every proactive message leaves by once e-mail is set up: per person, their choice (Teams,
 * e-mail or both), else Teams when the bot holds a chat for them, else e-mail. All of it happens inside one
 * send, so inside one deliver-once claim (keyed per message and person): a Teams 403/404 that falls back to
 * e-mail is still one delivery, sent once.
 *
 * What a channel says for good is remembered where the next message will look: a Teams 403/404 forgets the
 * chat (as deliver-once does without e-mail), a mail server's permanent refusal (5xx such as 550) marks the
 * address undeliverable in the person's contact record. The coordinators hear of it through the list of
 * what could not be delivered, which the sender builds from the unreachable result.
 */
import {
  type ChannelName,
  contactPlanFor,
  fallbackAfter,
  type Reachability,
} from '../../domain/contact-channel';
import type { Clock, ContactStore, SendOutcome, UserStore } from '../ports/index';
import type { Channel, Message, Recipient, UnreachableReason } from './channel';
import { preferenceOf, reachabilityOf } from './contact-routes';
import { markUnreachable } from './deliver-once';

export interface RoutingDeps {
  teams: Channel;
  email: Channel;
  stores: { contacts: ContactStore; users: UserStore };
  clock: Clock;
}

export function routingChannel(deps: RoutingDeps): Channel {
  const factsOf = async (to: Recipient) => {
    const contact = await deps.stores.contacts.get(to.email);
    return { contact, reach: reachabilityOf({ teams: to.teams, contact, emailOn: true }) };
  };
  const channels: Record<ChannelName, Channel> = { teams: deps.teams, email: deps.email };

  /** Remembers a channel's "never" for the next message, and says what is left. */
  const forget = async (
    name: ChannelName,
    to: Recipient,
    outcome: Extract<SendOutcome, { status: 'unreachable' }>,
    reach: Reachability,
  ): Promise<Reachability> => {
    if (name === 'teams') {
      if (to.teams?.conversationReference) await markUnreachable(deps, to.teams);
      return { ...reach, teams: false };
    }
    await markUndeliverable(deps, to.email, outcome.detail);
    return { ...reach, email: 'undeliverable' };
  };

  return {
    reach: async (to) => {
      const { contact, reach } = await factsOf(to);
      const plan = contactPlanFor(preferenceOf(contact), reach);
      if (plan.channels.length > 0) return { reachable: true };
      return { reachable: false, reason: unreachableReason(to, reach) };
    },
    send: async (to, message) => {
      const { contact, reach } = await factsOf(to);
      const plan = contactPlanFor(preferenceOf(contact), reach);
      const [first, second] = plan.channels;
      if (!first) return { status: 'unreachable', detail: unreachableDetail(to, reach) };
      if (second) return sendOnBoth(channels, forget, to, message, [first, second], reach);
      const outcome = await channels[first].send(to, message);
      if (outcome.status !== 'unreachable') return outcome;
      const left = await forget(first, to, outcome, reach);
      const fallback = fallbackAfter(first, left);
      if (!fallback) return outcome;
      const fallbackOutcome = await channels[fallback].send(to, message);
      if (fallbackOutcome.status === 'unreachable') await forget(fallback, to, fallbackOutcome, left);
      return fallbackOutcome;
    },
  };
}

/** "Both": sent on each; it counts as sent when either took it, and is tried again when neither did. */
async function sendOnBoth(
  channels: Record<ChannelName, Channel>,
  forget: (
    name: ChannelName,
    to: Recipient,
    outcome: Extract<SendOutcome, { status: 'unreachable' }>,
    reach: Reachability,
  ) => Promise<Reachability>,
  to: Recipient,
  message: Message,
  names: [ChannelName, ChannelName],
  reach: Reachability,
): Promise<SendOutcome> {
  const outcomes: SendOutcome[] = [];
  let left = reach;
  for (const name of names) {
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

/** A mail server refused the address for good: keep it, with the server's code only, never its text. */
async function markUndeliverable(
  deps: Pick<RoutingDeps, 'stores' | 'clock'>,
  email: string,
  detail: string,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  // Re-read: the person may have chosen a channel since this send began.
  const current = await deps.stores.contacts.get(email);
  await deps.stores.contacts.put({
    ...(current ?? { email, preference: 'auto' }),
    undeliverableSince: now,
    undeliverableCode: detail.replace(/^smtp-/, ''),
    updatedAt: now,
  });
}

function unreachableReason(to: Recipient, reach: Reachability): UnreachableReason {
  if (reach.email === 'undeliverable') return 'undeliverable';
  return to.teams?.unreachableSince ? 'removed' : 'not-installed';
}

/** The short code a send gives when nothing was tried (see unreachableReasonOf). */
function unreachableDetail(to: Recipient, reach: Reachability): string {
  return unreachableReason(to, reach) === 'undeliverable'
    ? 'smtp-undeliverable'
    : 'no conversation reference';
}
