/**
 * People's channels: setting one (the person in chat, a coordinator for them from the CLI), and reading
 * each person's channel and state for `owners` and the CLI, by the same rule the routing channel sends by.
 */
import { type ChannelPreference, type ContactState, contactStateLabel } from '../../domain/contact-channel';
import { formatUkDate } from '../../domain/dates';
import { NotFoundError } from '../../domain/errors';
import { rolesOf } from '../../domain/plan';
import { contactPlanOf } from '../delivery/contact-routes';
import type { Clock, Contact, Stores, TeamsUser } from '../ports/index';

export interface ContactView {
  email: string;
  preference: ChannelPreference;
  state: ContactState;
  /** "Teams", "E-mail", "E-mail undeliverable"… */
  label: string;
  /** Why, in plain words, when it is not the plain default. */
  detail?: string;
}

/** Each address's channel and state, as the next message to them would go. */
export async function describeContacts(
  stores: Pick<Stores, 'users' | 'contacts'>,
  emails: readonly string[],
  emailOn: boolean,
): Promise<Map<string, ContactView>> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const [users, contacts] = await Promise.all([
    stores.users.findByEmails(wanted),
    stores.contacts.getMany(wanted),
  ]);
  const userOf = new Map(users.map((u) => [u.email ?? '', u]));
  const contactOf = new Map(contacts.map((c) => [c.email, c]));
  return new Map(
    wanted.map((email) => [email, viewOf(email, userOf.get(email), contactOf.get(email), emailOn)]),
  );
}

function viewOf(
  email: string,
  teams: TeamsUser | undefined,
  contact: Contact | undefined,
  emailOn: boolean,
): ContactView {
  const { state } = contactPlanOf({ teams, contact, emailOn });
  const preference = contact?.preference ?? 'auto';
  const details: string[] = [];
  if (preference !== 'auto')
    details.push(
      `chose ${preference === 'both' ? 'Teams and e-mail' : preference === 'email' ? 'e-mail' : 'Teams'}`,
    );
  if (contact?.undeliverableSince)
    details.push(
      `a mail server refused the address on ${formatUkDate(contact.undeliverableSince.slice(0, 10))}${contact.undeliverableCode ? ` (${contact.undeliverableCode})` : ''}`,
    );
  return {
    email,
    preference,
    state,
    label: contactStateLabel(state),
    ...(details.length > 0 ? { detail: details.join('; ') } : {}),
  };
}

/**
 * Records how a person wants to be reached, and audits it. A coordinator may set it only for someone the
 * plan names (an owner of one of its actions, or one of its people); a person may always set their own.
 */
export async function setContactChannel(
  deps: { stores: Pick<Stores, 'contacts' | 'audit' | 'plans' | 'actions'>; clock: Clock },
  request: { email: string; preference: ChannelPreference; actor: string; planId?: string },
): Promise<{ changed: boolean; contact: Contact }> {
  const email = request.email.trim().toLowerCase();
  if (request.planId) await mustBeNamedInPlan(deps.stores, request.planId, email);
  const now = deps.clock.now().toISOString();
  const current = await deps.stores.contacts.get(email);
  if (current && current.preference === request.preference) return { changed: false, contact: current };
  const contact: Contact = {
    ...(current ?? {}),
    email,
    preference: request.preference,
    setBy: request.actor,
    updatedAt: now,
  };
  await deps.stores.contacts.put(contact);
  await deps.stores.audit.record({
    at: now,
    actor: request.actor,
    event: 'contact.channel-set',
    ...(request.planId ? { planId: request.planId } : {}),
    details: { email, channel: request.preference, from: current?.preference ?? 'auto' },
  });
  return { changed: true, contact };
}

async function mustBeNamedInPlan(
  stores: Pick<Stores, 'plans' | 'actions'>,
  planId: string,
  email: string,
): Promise<void> {
  const plan = (await stores.plans.get(planId))?.value;
  if (!plan) throw new NotFoundError(`Plan ${planId}`);
  if (rolesOf(plan, email).length > 0) return;
  if (Object.values(plan.agencyLeads ?? {}).some((lead) => lead.toLowerCase() === email)) return;
  const owned = await stores.actions.listByOwner(email);
  if (owned.some((a) => a.planId === planId)) return;
  throw new NotFoundError(`${email} in plan ${planId} (not an owner, coordinator or lead of it)`);
}
