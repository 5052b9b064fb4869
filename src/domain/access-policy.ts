/**
 * Who may do what, in one place. Every surface (chat, card, tab, report links, announcements) asks
 * here, so the rules cannot drift between them. Pure: a plan, an action and an e-mail address in, a
 * decision with its reason out; the surfaces put the reason into their own words.
 *
 * The rules:
 * - a plan's coordinators and leads see the whole plan (figures, reports, downloads, round status);
 * - an action is seen by its owners, the plan's coordinators and leads, and the lead officer of its
 *   lead agency;
 * - owners and coordinators update an action, and snooze its reminders;
 * - leads and coordinators decide on a requested date and confirm evidence of impact;
 * - coordinators and moderators agree owners' proposed ratings (moderators see the whole plan to do so);
 * - coordinators administer the plan (rounds, roles, closing);
 * - once a plan is closed nothing in it changes, and a closed action (complete, impact evidenced,
 *   withdrawn) is not updated from a form.
 */
import { describeDenial } from './access-words';
import { type Action, isOwnedBy } from './action';
import { NotAuthorisedError } from './errors';
import { isOpen } from './lifecycle';
import { agencyLeadOf, type Plan, type PlanRole, rolesOf } from './plan';

/** One spelling of an address for every comparison: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What someone may do with one action. */
export type ActionIntent = 'see' | 'update' | 'snooze' | 'decide-date' | 'confirm-impact' | 'agree-rating';
export const ACTION_INTENTS: readonly ActionIntent[] = [
  'see',
  'update',
  'snooze',
  'decide-date',
  'confirm-impact',
  'agree-rating',
];

/** What someone may do with a plan as a whole. */
export type PlanIntent = 'see-whole-plan' | 'administer';
export const PLAN_INTENTS: readonly PlanIntent[] = ['see-whole-plan', 'administer'];

export type DenialReason =
  /** Not an owner, not the agency's lead officer and no role in the plan. */
  | 'not-involved'
  /** Can see the action but is neither one of its owners nor a coordinator. */
  | 'not-owner-or-coordinator'
  /** Deciding dates and confirming impact are for leads and coordinators. */
  | 'not-lead-or-coordinator'
  /** Plan-wide figures are for coordinators and leads. */
  | 'no-plan-role'
  /** Agreeing ratings is for moderators and coordinators. */
  | 'not-moderator-or-coordinator'
  /** Administering is for coordinators. */
  | 'not-coordinator'
  /** Monitoring has ended: nothing changes any more. */
  | 'plan-closed'
  /** Complete, impact evidenced or withdrawn: not updated from a form. */
  | 'action-closed';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

const ALLOWED: Decision = { allowed: true };
const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

/** How one person stands towards one action. */
export interface Standing {
  roles: PlanRole[];
  owner: boolean;
  agencyLead: boolean;
}

export function standingOf(plan: Plan, action: Action | undefined, email: string): Standing {
  const address = normaliseEmail(email);
  if (address === '') return { roles: [], owner: false, agencyLead: false };
  const lead = action ? agencyLeadOf(plan, action.leadAgency) : undefined;
  return {
    roles: rolesOf(plan, address),
    owner: action ? isOwnedBy(action, address) : false,
    agencyLead: lead !== undefined && normaliseEmail(lead) === address,
  };
}

export function decideForAction(plan: Plan, action: Action, email: string, intent: ActionIntent): Decision {
  const s = standingOf(plan, action, email);
  const coordinator = s.roles.includes('coordinator');
  const lead = s.roles.includes('lead');
  if (!s.owner && !s.agencyLead && s.roles.length === 0) return deny('not-involved');
  switch (intent) {
    case 'see':
      return ALLOWED;
    case 'update':
      if (!s.owner && !coordinator) return deny('not-owner-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      if (!isOpen(action.lifecycle)) return deny('action-closed');
      return ALLOWED;
    case 'snooze':
      if (!s.owner && !coordinator) return deny('not-owner-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
      return ALLOWED;
    case 'decide-date':
    case 'confirm-impact':
      if (!lead && !coordinator) return deny('not-lead-or-coordinator');
      if (plan.closedAt) return deny('plan-closed');
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

export const mayActOn = (plan: Plan, action: Action, email: string, intent: ActionIntent): boolean =>
  decideForAction(plan, action, email, intent).allowed;

export const mayDoInPlan = (plan: Plan, email: string, intent: PlanIntent): boolean =>
  decideForPlan(plan, email, intent).allowed;

/** Everything one person may do with one action: what a card or the tab shows as buttons. */
export function rightsOver(plan: Plan, action: Action, email: string): Record<ActionIntent, boolean> {
  return Object.fromEntries(
    ACTION_INTENTS.map((intent) => [intent, mayActOn(plan, action, email, intent)]),
  ) as Record<ActionIntent, boolean>;
}

/**
 * Whether the plan is there at all for this person: a role in it, or an action in it they may see.
 * Someone for whom it is not gets the same answer as for a plan that does not exist, so a refusal never
 * tells a stranger which plans there are.
 */
export function mayKnowOfPlan(plan: Plan, actions: readonly Action[], email: string): boolean {
  return mayDoInPlan(plan, email, 'see-whole-plan') || actions.some((a) => mayActOn(plan, a, email, 'see'));
}

/** A refusal the policy gave, carried to the edge that puts it into its own status or card. */
export class AccessDeniedError extends NotAuthorisedError {
  constructor(
    readonly reason: DenialReason,
    readonly intent: ActionIntent | PlanIntent,
  ) {
    super(describeDenial(reason, intent).text);
  }
}
