/**
 * The one door to the access policy for every surface: chat, card presses, the e-mail update page, the
 * dashboard tab, administration, report links, announcements, moderation and import. The policy itself
 * (src/domain/access-policy.ts) is pure and needs today's date to know whether a delegate's cover holds;
 * here that date is read once, from the clock, in the plan's own time zone, so no surface can leave it
 * out and see nobody's cover. An import rule (.dependency-cruiser.cjs, "access-only-through-the-entry")
 * keeps every other module from asking the policy directly.
 */
import {
  type ActionIntent,
  type Decision,
  decideForAction,
  decideForMeasure,
  decideForPlan,
  decideToCreatePlan,
  type MeasureIntent,
  mayKnowOfPlan,
  normaliseEmail,
  type PlanIntent,
  rightsOver,
} from '../../domain/access-policy';
import type { Action, Owner } from '../../domain/action';
import { contactOf } from '../../domain/contributing-contacts';
import { calendarDateIn, type IsoDate } from '../../domain/dates';
import { delegatesFor } from '../../domain/delegation';
import { type Plan, type PlanRole, rolesOf } from '../../domain/plan';
import type { PlanCreators } from '../../domain/plan-creators';
import type { Clock, Stores } from '../ports/index';

// The policy's vocabulary, for the surfaces that carry a decision or a refusal to their edge.
export {
  AccessDeniedError,
  type ActionIntent,
  type CreationIntent,
  type Decision,
  type DenialReason,
  type MeasureIntent,
  normaliseEmail,
  type PlanIntent,
} from '../../domain/access-policy';

/**
 * Whoever is asking, as each surface knows them: an e-mail address (absent when Teams gave none, which
 * the policy treats as nobody). `operator` is the command line's operator, who already holds the
 * storage account's keys: they administer any plan that is still open.
 */
export interface AccessPerson {
  email?: string | undefined;
  operator?: boolean | undefined;
}

/** The moment of the request: the surface's clock, or the instant it already read from it. */
export type RequestTime = Clock | Date;

/** The plan's calendar date at the moment of the request: the day a delegation's dates are read in. */
export function planToday(plan: Plan, at: RequestTime): IsoDate {
  return calendarDateIn(plan.timeZone, at instanceof Date ? at : at.now());
}

/** The command line's operator runs and moderates any plan, with no role in it, until it is closed. */
function operatorDecision(plan: Plan): Decision {
  return plan.closedAt ? { allowed: false, reason: 'plan-closed' } : { allowed: true };
}

/** May this person do this with this action, now; and if not, the policy's reason. */
export function decideOnAction(
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
  action: Action,
  intent: ActionIntent,
): Decision {
  if (person.operator && intent === 'agree-rating') return operatorDecision(plan);
  return decideForAction(plan, action, person.email ?? '', intent, planToday(plan, at));
}

export function mayActOnAction(
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
  action: Action,
  intent: ActionIntent,
): boolean {
  return decideOnAction(at, person, plan, action, intent).allowed;
}

/** The plan as a whole (figures, reports, administering): roles only, so no date is needed. */
export function decideOnPlan(person: AccessPerson, plan: Plan, intent: PlanIntent): Decision {
  if (person.operator && intent === 'administer') return operatorDecision(plan);
  return decideForPlan(plan, person.email ?? '', intent);
}

export function mayDoInPlan(person: AccessPerson, plan: Plan, intent: PlanIntent): boolean {
  return decideOnPlan(person, plan, intent).allowed;
}

/** An impact measure: seeing it, reporting its values, defining the plan's measures. */
export function decideOnMeasure(
  person: AccessPerson,
  plan: Plan,
  measure: { reporter: string },
  intent: MeasureIntent,
): Decision {
  if (person.operator) return intent === 'see-measure' ? { allowed: true } : operatorDecision(plan);
  return decideForMeasure(plan, measure, person.email ?? '', intent);
}

/** Creating plans: the PLAN_CREATORS setting's answer, asked of no plan. */
export function decideOnCreatingPlans(
  creators: PlanCreators,
  person: { email: string; groups?: readonly string[] },
): Decision {
  return decideToCreatePlan(creators, person);
}

/**
 * Whether the plan is there at all for this person (a role, or an action they may see, cover included):
 * someone for whom it is not hears the same as for a plan that does not exist.
 */
export function mayKnowOf(
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
  actions: readonly Action[],
): boolean {
  return mayKnowOfPlan(plan, actions, person.email ?? '', planToday(plan, at));
}

/**
 * The same question when the caller holds only the plan: reads its actions to see whether one of them is
 * the person's. Asked after a refusal, to choose between "you may not" and "there is no such plan".
 */
export async function mayKnowOfStored(
  stores: Pick<Stores, 'actions'>,
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
): Promise<boolean> {
  const { actions } = await stores.actions.readPlan(plan.id);
  return mayKnowOf(
    at,
    person,
    plan,
    actions.map((a) => a.value),
  );
}

/**
 * The person's roles in the plan (coordinator, lead, moderator), for a view that names them or a rule
 * that asks for one. Roles do not depend on the date (a delegate's cover is for actions, not roles).
 */
export function rolesIn(person: AccessPerson, plan: Plan): PlanRole[] {
  const email = normaliseEmail(person.email ?? '');
  return email === '' ? [] : rolesOf(plan, email);
}

/** Everything this person may do with this action now: the buttons a card, page or tab offers. */
export function rightsOn(
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
  action: Action,
): Record<ActionIntent, boolean> {
  return rightsOver(plan, action, person.email ?? '', planToday(plan, at));
}

/** What the action card shows this viewer: the forms the policy would accept from them. */
export interface CardRights {
  /** Owner, covering delegate or coordinator: sees the update form. */
  canUpdate: boolean;
  /** Lead or coordinator: sees Approve / Reject on a date request and can confirm impact. */
  canDecide: boolean;
  /** A contributing agency's contact: sees a note form (no rating) when they cannot update. */
  canAddNote: boolean;
  /** The contributing agency the viewer adds notes for, named on the note form. */
  noteFor?: string;
}

export function cardRights(at: RequestTime, person: AccessPerson, plan: Plan, action: Action): CardRights {
  const rights = rightsOn(at, person, plan, action);
  const contact = contactOf(action, person.email ?? '');
  return {
    canUpdate: rights.update,
    canDecide: rights['decide-date'],
    canAddNote: rights['add-note'],
    ...(contact ? { noteFor: contact.agency } : {}),
  };
}

/**
 * Whom this person covers for on this action today, if anyone: the owner, and the name the delegation
 * gives the delegate (for "Sam Cover, covering for Jo Bloggs" and the history's author).
 */
export function coverToday(
  at: RequestTime,
  person: AccessPerson,
  plan: Plan,
  action: Action,
): { owner: Owner; delegateName: string } | undefined {
  const email = normaliseEmail(person.email ?? '');
  if (email === '') return undefined;
  const today = planToday(plan, at);
  for (const owner of action.owners) {
    const cover = delegatesFor(plan.delegations, owner.email, today).find((d) => d.delegate === email);
    if (cover) return { owner, delegateName: cover.delegateName };
  }
  return undefined;
}
