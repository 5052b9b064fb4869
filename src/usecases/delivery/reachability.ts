/**
 * How one person is to be reached: the one answer the routing channel sends by, `owners` (chat and CLI)
 * shows, the people page shows and the lists of what could not be delivered give as the reason. It asks
 * each channel in the registry (their choice orders them) and never decides reach itself.
 */
import {
  type ChannelName,
  type ChannelPreference,
  type ContactRoute,
  type ContactState,
  contactPlanFor,
  contactStateLabel,
  mostTellingReason,
  preferenceWords,
  type Reach,
  type Reaches,
  routeFor,
} from '../../domain/contact-channel';
import { emailAddress } from '../../domain/email-address';
import type { Contact, Stores, TeamsUser } from '../ports/index';
import { labelsOf, namesOf, type ReachRegistry, type Recipient } from './channel';

export interface Reachability<N extends string = ChannelName> {
  email: string;
  preference: ChannelPreference;
  route: ContactRoute<N>;
  /** Every channel's own answer, by name (`channels.teams` is what the people page's Teams column shows). */
  channels: Reaches<N>;
  /** What the next message goes by, in order; empty when nothing can reach them. */
  sendBy: N[];
  state: ContactState<N>;
  /** "Teams", "E-mail", "Teams and e-mail", "E-mail undeliverable", "No contact". */
  label: string;
  /** Why nothing can reach them (the most telling channel's answer); absent when something can. */
  unreachable?: Extract<Reach, { reachable: false }>;
  /** A choice made, or a channel's refusal, in plain words, when it is not the plain default. */
  detail?: string;
}

export function preferenceOf(contact: Contact | undefined): ChannelPreference {
  return contact?.preference ?? 'auto';
}

/** One person, from the facts already read (their Teams user and contact record). */
export function reachabilityOf<N extends string = ChannelName>(
  channels: ReachRegistry<N>,
  person: Recipient,
): Reachability<N> {
  const preference = preferenceOf(person.contact);
  const route = routeFor(preference, namesOf(channels));
  const reaches = reachesOf(channels, person);
  const plan = contactPlanFor(route, reaches);
  const labels = labelsOf(channels);
  const unreachable = mostTellingReason(route, reaches);
  const chose = preference === 'auto' ? '' : preferenceWords(route, labels, preference);
  const details = [
    ...(chose ? [`chose ${chose}`] : []),
    ...namesOf(channels).flatMap((name) => {
      const reach = reaches[name];
      return !reach.reachable && reach.detail ? [reach.detail] : [];
    }),
  ];
  return {
    email: person.email,
    preference,
    route,
    channels: reaches,
    sendBy: plan.channels,
    state: plan.state,
    label: contactStateLabel(plan.state, labels),
    ...(unreachable ? { unreachable } : {}),
    ...(details.length > 0 ? { detail: details.join('; ') } : {}),
  };
}

/** Each channel's answer for the person. */
export function reachesOf<N extends string>(channels: ReachRegistry<N>, person: Recipient): Reaches<N> {
  return Object.fromEntries(namesOf(channels).map((name) => [name, channels[name].reach(person)])) as Record<
    N,
    Reach
  >;
}

/** Many people by address, read in two queries however many there are. Addresses are lower-cased. */
export async function reachabilityOfMany<N extends string = ChannelName>(
  stores: Pick<Stores, 'users' | 'contacts'>,
  channels: ReachRegistry<N>,
  emails: readonly string[],
): Promise<Map<string, Reachability<N>>> {
  const wanted = [...new Set(emails.map(emailAddress))];
  const [users, contacts] = await Promise.all([
    stores.users.findByEmails(wanted),
    stores.contacts.getMany(wanted),
  ]);
  const userOf = new Map<string, TeamsUser>(users.map((u) => [u.email ?? '', u]));
  const contactOf = new Map(contacts.map((c) => [c.email, c]));
  return new Map(
    wanted.map((email) => [
      email,
      reachabilityOf(channels, { email, teams: userOf.get(email), contact: contactOf.get(email) }),
    ]),
  );
}
