/**
 * How one person is to be reached, worked out the same way for sending (./routing-channel.ts), for
 * `owners` in chat and for the CLI: their contact record's choice, whether the bot holds a Teams chat
 * for them, whether a mail server refused their address, and whether e-mail is set up at all.
 */
import {
  type ChannelPreference,
  type ContactPlan,
  contactPlanFor,
  type Reachability,
} from '../../domain/contact-channel';
import type { Contact, TeamsUser } from '../ports/index';

export interface ContactFacts {
  teams?: TeamsUser | undefined;
  contact?: Contact | undefined;
  /** False when no relay is set up (a deployment without SMTP_URL): e-mail is then no way to anyone. */
  emailOn: boolean;
}

export function preferenceOf(contact: Contact | undefined): ChannelPreference {
  return contact?.preference ?? 'auto';
}

export function reachabilityOf(facts: ContactFacts): Reachability {
  return {
    teams: Boolean(facts.teams?.conversationReference),
    email: !facts.emailOn ? 'none' : facts.contact?.undeliverableSince ? 'undeliverable' : 'deliverable',
  };
}

export function contactPlanOf(facts: ContactFacts): ContactPlan {
  return contactPlanFor(preferenceOf(facts.contact), reachabilityOf(facts));
}
