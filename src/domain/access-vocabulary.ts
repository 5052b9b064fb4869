/**
 * The words of the access policy: what someone may ask to do, and why they may be refused. Apart from
 * the policy (access-policy.ts) so the refusals' wording (access-words.ts) can name them without a cycle.
 */

/** What someone may do with one action. */
export type ActionIntent =
  | 'see'
  | 'update'
  | 'snooze'
  | 'decide-date'
  | 'confirm-impact'
  | 'add-note'
  | 'agree-rating';
export const ACTION_INTENTS: readonly ActionIntent[] = [
  'see',
  'update',
  'snooze',
  'decide-date',
  'confirm-impact',
  'add-note',
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
  /** A contributing agency's contact: notes, not ratings (the lead owner proposes the rating). */
  | 'contributor-notes-only'
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
  | 'action-closed'
  /** Creating plans is for the people the PLAN_CREATORS setting names. */
  | 'not-plan-creator'
  /** A measure's values are reported by its reporter, or by a coordinator for them. */
  | 'not-reporter-or-coordinator';

/** What someone may do with one impact measure. */
export type MeasureIntent = 'see-measure' | 'report-value' | 'define-measure';

/** Creating a plan: asked of the setting, not of any plan. */
export type CreationIntent = 'create-plan';
