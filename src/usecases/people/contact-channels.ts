/**
 * People's channels: setting one (the person in chat, a coordinator for them from the CLI), and reading
 * each person's channel and state for `owners` and the CLI from the one reachability the routing channel
 * sends by (../delivery/reachability).
 */
import type { ChannelPreference } from '../../domain/contact-channel';
import { emailAddress } from '../../domain/email-address';
import { NotFoundError } from '../../domain/errors';
import { rolesOf } from '../../domain/plan';
import type { ReachRegistry } from '../delivery/channel';
import { type Reachability, reachabilityOfMany } from '../delivery/reachability';
import type { Clock, Contact, Stores } from '../ports/index';

/** A person's channel and state ("Teams", "E-mail undeliverable"…), and why, when not the plain default. */
export type ContactView = Reachability;

/** Each address's channel and state, as the next message to them would go (the one reachability). */
export function describeContacts(
  stores: Pick<Stores, 'users' | 'contacts'>,
  emails: readonly string[],
  channels: ReachRegistry,
): Promise<Map<string, ContactView>> {
  return reachabilityOfMany(stores, channels, emails);
}

/**
 * Records how a person wants to be reached, and audits it. A coordinator may set it only for someone the
 * plan names (an owner of one of its actions, or one of its people); a person may always set their own.
 */
export async function setContactChannel(
  deps: { stores: Pick<Stores, 'contacts' | 'audit' | 'plans' | 'actions'>; clock: Clock },
  request: { email: string; preference: ChannelPreference; actor: string; planId?: string },
): Promise<{ changed: boolean; contact: Contact }> {
  const email = emailAddress(request.email);
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
