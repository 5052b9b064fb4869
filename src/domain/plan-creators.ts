/**
 * Who may create plans from the dashboard (the PLAN_CREATORS setting): e-mail addresses and/or Entra ID
 * group object ids, comma-separated. A group is matched against the `groups` claim of the person's token
 * (Entra puts the ids of the groups they belong to there when the app registration asks for it), so it
 * works only when signed in through Teams; addresses work in local mode too. Pure.
 */

import { emailAddress } from './email-address';
import { isEmail } from './validation';

export interface PlanCreators {
  /** Lower case. */
  emails: readonly string[];
  /** Lower-case GUIDs. */
  groups: readonly string[];
  /**
   * Local mode with PLAN_CREATORS unset: the person at this computer runs the server and owns its store,
   * so whoever they act as may create plans. Never set when signing in through Teams.
   */
  localOperator?: true;
}

export const NO_PLAN_CREATORS: PlanCreators = { emails: [], groups: [] };
export const LOCAL_OPERATOR_CREATES: PlanCreators = { emails: [], groups: [], localOperator: true };

/**
 * Who may create plans on this server: PLAN_CREATORS when it is set (in local mode too, so its rule can
 * be tried); otherwise nobody when people sign in through Teams, and the local operator in local mode.
 */
export function planCreatorsFor(configured: PlanCreators | undefined, localMode: boolean): PlanCreators {
  if (configured) return configured;
  return localMode ? LOCAL_OPERATOR_CREATES : NO_PLAN_CREATORS;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The setting read, or the entries that are neither an address nor a group id. */
export function parsePlanCreators(
  text: string,
): { ok: true; creators: PlanCreators } | { ok: false; invalid: string[] } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const emails = entries.filter((entry) => isEmail(entry));
  const groups = entries.filter((entry) => GUID.test(entry));
  const invalid = entries.filter((entry) => !emails.includes(entry) && !groups.includes(entry));
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, creators: { emails, groups } };
}

/** Whether a person (their address, and their token's groups when signed in) is one of the creators. */
export function isPlanCreator(
  creators: PlanCreators,
  person: { email: string; groups?: readonly string[] },
): boolean {
  if (creators.localOperator) return true;
  const address = emailAddress(person.email);
  if (address !== '' && creators.emails.includes(address)) return true;
  return (person.groups ?? []).some((group) => creators.groups.includes(group.toLowerCase()));
}
