/**
 * Who may do what, in one place. Every surface (chat, card, tab, report links, announcements) asks
 * here through src/usecases/access, which supplies today's date in the plan's time zone, so the rules
 * and a delegate's cover cannot drift between them (an import rule keeps other surfaces out). Pure: a plan, an action and an e-mail address in, a
 * decision with its reason out; the surfaces put the reason into their own words.
 *
 * The rules:
 * - a plan's coordinators and leads see the whole plan (figures, reports, downloads, round status);
 * - an action is seen by its owners, the plan's coordinators and leads, and the lead officer of its
 *   lead agency;
 * - owners and coordinators update an action, and snooze its reminders;
 * - the named contact of a contributing agency sees the action and adds a note to it, but does not rate
 *   it: the lead owner proposes the rating;
 * - leads and coordinators decide on a requested date and confirm evidence of impact;
 * - coordinators and moderators agree owners' proposed ratings (moderators see the whole plan to do so);
 * - coordinators administer the plan (rounds, roles, settings, actions, closing);
 * - a delegate covering for an owner (between the delegation's dates) sees, updates and snoozes the
 *   owner's actions as the owner could; outside those dates they are nobody to them;
 * - plans are created by the people PLAN_CREATORS names (addresses, or Entra ID groups in their token);
 * - once a plan is closed nothing in it changes, and a closed action (complete, impact evidenced,
 *   withdrawn) is not updated from a form.
 */

import type {
  ActionIntent,
  CreationIntent,
  DenialReason,
  MeasureIntent,
  PlanIntent,
} from './access-vocabulary';
import { ACTION_INTENTS } from './access-vocabulary';
import { describeDenial } from './access-words';
import { type Action, isContributingContact, isOwnedBy } from './action';
import type { IsoDate } from './dates';
import { coversFor } from './delegation';
import { type EmailAddress, emailAddress } from './email-address';
import { NotAuthorisedError } from './errors';
import { isOpen } from './lifecycle';
import { agencyLeadOf, type Plan, type PlanRole, rolesOf } from './plan';
import { isPlanCreator, type PlanCreators } from './plan-creators';

export {
  ACTION_INTENTS,
  type ActionIntent,
  type CreationIntent,
  type DenialReason,
  type MeasureIntent,
  PLAN_INTENTS,
  type PlanIntent,
} from './access-vocabulary';

/** One spelling of an address for every comparison: trimmed, lower case. */
export function normaliseEmail(email: string): EmailAddress {
  return emailAddress(email);
}

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

const ALLOWED: Decision = { allowed: true };
const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

/** How one person stands towards one action. */
export interface Standing {
  roles: PlanRole[];
  owner: boolean;
  agencyLead: boolean;
  /** Covers today for one of the action's owners (a delegation). */
  delegate: boolean;
  /** The named contact of one of the action's contributing agencies. */
  contributor: boolean;
}

/**
 * `today` is the plan's calendar date, needed to know whether a delegation covers now. It is required,
 * so no caller can forget it and see nobody's cover: the surfaces get it from src/usecases/access, which
 * reads the clock in the plan's time zone.
 */
export function standingOf(plan: Plan, action: Action | undefined, email: string, today: IsoDate): Standing {
  const address = normaliseEmail(email);
  if (address === '')
    return { roles: [], owner: false, agencyLead: false, delegate: false, contributor: false };
  const lead = action ? agencyLeadOf(plan, action.leadAgency) : undefined;
  return {
    roles: rolesOf(plan, address),
    owner: action ? isOwnedBy(action, address) : false,
    agencyLead: lead !== undefined && normaliseEmail(lead) === address,
    delegate: action !== undefined && coversFor(plan.delegations, action.owners, address, today),
    contributor: action ? isContributingContact(action, address) : false,
  };
}

export function decideForAction(
  plan: Plan,
  action: Action,
  email: string,
  intent: ActionIntent,
  today: IsoDate,
): Decision {
  const standing = standingOf(plan, action, email, today);
  // Cover acts as the owner would: the same rights over the same actions, for as long as it lasts.
  const s = { ...standing, owner: standing.owner || standing.delegate };
  const coordinator = s.roles.includes('coordinator');
  const lead = s.roles.includes('lead');
  if (!s.owner && !s.agencyLead && !s.contributor && s.roles.length === 0) return deny('not-involved');
  const notOwner = s.contributor ? 'contributor-notes-only' : 'not-owner-or-coordinator';
  switch (intent) {
    case 'see':
      return ALLOWED;
    case 'update':
      if (!s.owner && !coordinator) return deny(notOwner);
      if (plan.closedAt) return deny('plan-closed');
      if (!isOpen(action.lifecycle)) return deny('action-closed');
      return ALLOWED;
    case 'snooze':
      if (!s.owner && !coordinator) return deny(notOwner);
      if (plan.closedAt) return deny('plan-closed');
      return ALLOWED;
    case 'decide-date':
    case 'confirm-impact':
      if (!lead && !coordinator) return deny('not-lead-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      return ALLOWED;
    case 'add-note':
      if (!s.owner && !coordinator && !s.contributor) return deny('not-owner-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      if (!isOpen(action.lifecycle)) return deny('action-closed');
      return ALLOWED;
    case 'agree-rating':
      if (!s.roles.includes('moderator') && !coordinator) return deny('not-moderator-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      return ALLOWED;
    default: {
      const never: never = intent;
      throw new Error(`Unknown intent ${String(never)}`);
    }
  }
}

export function decideForPlan(plan: Plan, email: string, intent: PlanIntent): Decision {
  const roles = rolesOf(plan, normaliseEmail(email));
  switch (intent) {
    case 'see-whole-plan':
      return roles.length > 0 ? ALLOWED : deny('no-plan-role');
    case 'administer':
      if (!roles.includes('coordinator')) return deny('not-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      return ALLOWED;
    default: {
      const never: never = intent;
      throw new Error(`Unknown intent ${String(never)}`);
    }
  }
}

/**
 * An impact measure: the plan's coordinators and leads (and moderators) see every measure, its reporter
 * sees theirs; the reporter reports its values, or a coordinator does for them; coordinators define
 * measures. Nothing changes once the plan is closed.
 */
export function decideForMeasure(
  plan: Plan,
  measure: { reporter: string },
  email: string,
  intent: MeasureIntent,
): Decision {
  const address = normaliseEmail(email);
  const isReporter = address !== '' && normaliseEmail(measure.reporter) === address;
  const coordinates = rolesOf(plan, address).includes('coordinator');
  if (intent !== 'see-measure' && plan.closedAt) return deny('plan-closed');
  switch (intent) {
    case 'see-measure':
      return isReporter || mayDoInPlan(plan, address, 'see-whole-plan') ? ALLOWED : deny('no-plan-role');
    case 'report-value':
      return isReporter || coordinates ? ALLOWED : deny('not-reporter-or-coordinator');
    case 'define-measure':
      return coordinates ? ALLOWED : deny('not-coordinator');
    default: {
      const never: never = intent;
      throw new Error(`Unknown intent ${String(never)}`);
    }
  }
}

/** Creating a plan from the dashboard: for the people the PLAN_CREATORS setting names. */
export function decideToCreatePlan(
  creators: PlanCreators,
  person: { email: string; groups?: readonly string[] },
): Decision {
  return isPlanCreator(creators, person) ? ALLOWED : deny('not-plan-creator');
}

export const mayActOn = (
  plan: Plan,
  action: Action,
  email: string,
  intent: ActionIntent,
  today: IsoDate,
): boolean => decideForAction(plan, action, email, intent, today).allowed;

export const mayDoInPlan = (plan: Plan, email: string, intent: PlanIntent): boolean =>
  decideForPlan(plan, email, intent).allowed;

/** Everything one person may do with one action: what a card or the tab shows as buttons. */
export function rightsOver(
  plan: Plan,
  action: Action,
  email: string,
  today: IsoDate,
): Record<ActionIntent, boolean> {
  return Object.fromEntries(
    ACTION_INTENTS.map((intent) => [intent, mayActOn(plan, action, email, intent, today)]),
  ) as Record<ActionIntent, boolean>;
}

/**
 * Whether the plan is there at all for this person: a role in it, or an action in it they may see.
 * Someone for whom it is not gets the same answer as for a plan that does not exist, so a refusal never
 * tells a stranger which plans there are.
 */
export function mayKnowOfPlan(
  plan: Plan,
  actions: readonly Action[],
  email: string,
  today: IsoDate,
): boolean {
  return (
    mayDoInPlan(plan, email, 'see-whole-plan') || actions.some((a) => mayActOn(plan, a, email, 'see', today))
  );
}

/** A refusal the policy gave, carried to the edge that puts it into its own status or card. */
export class AccessDeniedError extends NotAuthorisedError {
  constructor(
    readonly reason: DenialReason,
    readonly intent: ActionIntent | PlanIntent | CreationIntent | MeasureIntent,
  ) {
    super(describeDenial(reason, intent).text);
  }
}
