/**
 * The named people at an action's contributing agencies. Many agencies share one action (police, health
 * and the council on a multi-agency safeguarding hub); the lead owner proposes the rating, and each
 * contributing agency's contact is asked in the round and may add a note. Pure.
 */
import type { Action, ContributingContact } from './action';
import { emailAddress } from './email-address';
import { ValidationError } from './errors';
import { Checker, LIMITS } from './validation';

/** `Police: Jo Bloggs <jo@police.uk>` or `Police: jo@police.uk`, one per agency. */
const CONTACT = /^([^:<>]+):\s*(?:([^<>]*?)\s*<([^<>]+)>|([^\s<>]+@[^\s<>]+))$/;

export const CONTACT_FORMAT = 'Agency: Name <e-mail>, separated by semicolons';

/** Reads a spreadsheet cell or a CLI value: `Police: Jo Bloggs <jo@police.uk>; Health: sam@nhs.uk`. */
export function parseContributingContacts(
  text: string,
  check: Checker,
  field: string,
): ContributingContact[] {
  const contacts: ContributingContact[] = [];
  for (const part of text.split(/[;\n]/).map((p) => p.trim())) {
    if (part === '') continue;
    const match = CONTACT.exec(part);
    if (!match) {
      check.add(field, `"${part.slice(0, 60)}" is not like "${CONTACT_FORMAT.split(',')[0]}"`);
      continue;
    }
    const email = check.email(field, (match[3] ?? match[4] ?? '').trim());
    const name = check.text(field, match[2] ?? '', LIMITS.personName) || email;
    contacts.push({
      agency: check.text(field, match[1] ?? '', LIMITS.agency, { required: true }),
      name,
      email,
    });
  }
  return contacts;
}

/** How a list of contacts reads back, in the same form it is written. */
export function formatContributingContacts(contacts: readonly ContributingContact[] | undefined): string {
  return (contacts ?? []).map((c) => `${c.agency}: ${c.name} <${c.email}>`).join('; ');
}

/**
 * The action with these contacts (replacing any it had). An agency not yet contributing is added to the
 * contributing agencies: someone named for it means it contributes. One contact per agency; the lead
 * agency has owners, not contacts.
 */
export function withContributingContacts(action: Action, contacts: readonly ContributingContact[]): Action {
  const check = new Checker();
  const agencies = [...action.contributingAgencies];
  const seen = new Set<string>();
  const result: ContributingContact[] = [];
  for (const contact of contacts) {
    const key = contact.agency.trim().toLowerCase();
    if (key === action.leadAgency.trim().toLowerCase()) {
      check.add('contacts', `${contact.agency} is the lead agency: its people are the action's owners`);
      continue;
    }
    if (seen.has(key)) {
      check.add('contacts', `${contact.agency} is named twice: one contact per contributing agency`);
      continue;
    }
    seen.add(key);
    const known = agencies.find((a) => a.trim().toLowerCase() === key);
    if (!known) agencies.push(contact.agency.trim());
    result.push({ agency: known ?? contact.agency.trim(), name: contact.name, email: contact.email });
  }
  if (agencies.length > LIMITS.contributingAgencies)
    check.add(
      'contacts',
      `makes ${agencies.length} contributing agencies; the limit is ${LIMITS.contributingAgencies}`,
    );
  if (!check.ok) throw new ValidationError(check.issues);
  const { contributingContacts: _old, ...rest } = action;
  return {
    ...rest,
    contributingAgencies: agencies,
    ...(result.length > 0 ? { contributingContacts: result } : {}),
  };
}

/** The contact `email` is for, if any: their agency names their note in the history. */
export function contactOf(action: Action, email: string): ContributingContact | undefined {
  const address = emailAddress(email);
  return (action.contributingContacts ?? []).find((c) => c.email === address);
}
