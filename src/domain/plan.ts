import type { Cadence } from './cadence';
import { type IsoDate, isValidTimeZone } from './dates';
import type { Delegation } from './delegation';
import { emailAddress } from './email-address';
import { ValidationError } from './errors';
import type { MonitoringGroup } from './monitoring-group';
import { RATING_SCALES, type RatingScale } from './rating';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './reminder-policy';
import { Checker, LIMITS } from './validation';

/** Monday to Friday: digests go on a working day. */
export type DigestWeekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';
export const DIGEST_WEEKDAYS: readonly DigestWeekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
];

export const CADENCES: readonly Cadence[] = ['monthly', 'bi-monthly', 'quarterly'];

/** A moderator (a subgroup chair) agrees owners' proposed ratings, with the commentary the paper prints. */
export type PlanRole = 'coordinator' | 'lead' | 'moderator';
export const PLAN_ROLES: readonly PlanRole[] = ['coordinator', 'lead', 'moderator'];

/** Where each role's e-mail addresses are kept on the plan. */
const ROLE_KEYS = { coordinator: 'coordinators', lead: 'leads', moderator: 'moderators' } as const;

function holders(plan: Plan, role: PlanRole): string[] {
  return plan[ROLE_KEYS[role]] ?? [];
}

export interface Inspection {
  theme: string;
  startDate?: IsoDate;
  endDate?: IsoDate;
  inspectorates: string[];
}

export interface Plan {
  id: string;
  title: string;
  inspection: Inspection;
  principalAuthority: string;
  submissionDate?: IsoDate;
  oversightBody: string;
  timeZone: string;
  ratingScale: RatingScale;
  cadence: Cadence;
  /** E-mail addresses, lower case. */
  coordinators: string[];
  leads: string[];
  /** Agree owners' proposed ratings; absent on plans made before moderation (none yet). */
  moderators?: string[];
  /**
   * The body whose agreement a closed round records, e.g. "S&CE subgroup" ("Agreed by the S&CE subgroup
   * on 12 May 2025"); absent: the person who closed the round.
   */
  moderationGroup?: string;
  /** The protective marking on every page of the committee paper; absent: OFFICIAL. */
  protectiveMarking?: string;
  /** The lead officer of each agency, by agency name, told when one of its actions escalates. */
  agencyLeads?: Record<string, string>;
  /** Overrides of the default reminder settings; absent fields take the defaults. */
  reminders?: Partial<ReminderSettings>;
  /**
   * The bodies that monitor parts of the plan at their own cadence and meetings. Absent or empty: the
   * whole plan is monitored as one, at `cadence`, by `oversightBody`.
   */
  monitoringGroups?: MonitoringGroup[];
  createdAt: string;
  updatedAt: string;
  /** Set when monitoring ends: no more reminders, rounds or digests; the retention period starts. */
  closedAt?: string;
  /** The weekday the weekly digest goes on (Monday when absent); see plan-settings.ts. */
  digestWeekday?: DigestWeekday;
  /** Owners' cover while they are away: who gets their reminders and may update, between two dates. */
  delegations?: Delegation[];
  /**
   * Names a coordinator entered or corrected, by address (lower case). They beat the Teams directory's
   * and the spreadsheet's (see person-name.ts), so a misspelt or missing name can be put right here.
   */
  names?: Record<string, string>;
  /** Counts saves of the plan's settings, so a form opened before someone else's save is recognised. */
  revision?: number;
  /** Who saved the settings last (their name), to say who changed them when a save meets a newer one. */
  updatedBy?: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

export type NewPlan = Pick<Plan, 'id' | 'title'> &
  Partial<Omit<Plan, 'id' | 'title' | 'createdAt' | 'updatedAt'>>;

/** Builds a plan with the defaults a new partnership plan starts with, or throws every problem at once. */
export function createPlan(input: NewPlan, now: Date): Plan {
  const check = new Checker();
  const plan: Plan = {
    id: check.planId('plan', input.id),
    title: check.text('title', input.title, LIMITS.planTitle, { required: true }),
    inspection: {
      theme: check.text('inspection theme', input.inspection?.theme ?? '', LIMITS.areaText),
      inspectorates: input.inspection?.inspectorates ?? ['Ofsted', 'CQC', 'HMICFRS', 'HMIP'],
      ...(input.inspection?.startDate
        ? { startDate: check.isoDate('inspection start', input.inspection.startDate) }
        : {}),
      ...(input.inspection?.endDate
        ? { endDate: check.isoDate('inspection end', input.inspection.endDate) }
        : {}),
    },
    principalAuthority: check.text('principal authority', input.principalAuthority ?? '', LIMITS.agency),
    ...(input.submissionDate
      ? { submissionDate: check.isoDate('submission date', input.submissionDate) }
      : {}),
    oversightBody: check.text('oversight body', input.oversightBody ?? '', LIMITS.agency),
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    ratingScale: check.oneOf('rating scale', input.ratingScale ?? 'quadrant', RATING_SCALES),
    cadence: check.oneOf('cadence', input.cadence ?? 'quarterly', CADENCES),
    coordinators: (input.coordinators ?? []).map((email) => check.email('coordinator', email)),
    leads: (input.leads ?? []).map((email) => check.email('lead', email)),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (!isValidTimeZone(plan.timeZone)) check.add('time zone', `"${plan.timeZone}" is not a time zone`);
  if (!check.ok) throw new ValidationError(check.issues);
  return plan;
}

/** Returns the plan with `email` given `role`; a no-op when they have it already. */
export function grantRole(plan: Plan, email: string, role: PlanRole, now: Date): Plan {
  const check = new Checker();
  const address = check.email('email', email);
  check.oneOf('role', role, PLAN_ROLES);
  if (!check.ok) throw new ValidationError(check.issues);
  const current = holders(plan, role);
  if (current.includes(address)) return plan;
  return { ...plan, [ROLE_KEYS[role]]: [...current, address], updatedAt: now.toISOString() };
}

/**
 * Returns the plan without `email` in `role`; a no-op when they do not have it. A plan always keeps a
 * coordinator: someone has to run its rounds and own its data, so the last one cannot be removed.
 */
export function revokeRole(plan: Plan, email: string, role: PlanRole, now: Date): Plan {
  const check = new Checker();
  const address = check.email('email', email);
  check.oneOf('role', role, PLAN_ROLES);
  if (!check.ok) throw new ValidationError(check.issues);
  const current = holders(plan, role);
  if (!current.includes(address)) return plan;
  const rest = current.filter((e) => e !== address);
  if (role === 'coordinator' && rest.length === 0) {
    throw new ValidationError([
      {
        field: 'role',
        reason: `${address} is the only coordinator of plan ${plan.id}; make someone else a coordinator first`,
      },
    ]);
  }
  return { ...plan, [ROLE_KEYS[role]]: rest, updatedAt: now.toISOString() };
}

/**
 * Returns the plan with `email` no longer lead officer of `agency` (matched case-insensitively), or of
 * every agency they lead when none is named, and the agencies they were removed from.
 */
export function removeAgencyLead(
  plan: Plan,
  email: string,
  agency: string | undefined,
  now: Date,
): { plan: Plan; agencies: string[] } {
  const check = new Checker();
  const address = check.email('email', email);
  if (!check.ok) throw new ValidationError(check.issues);
  const wanted = agency?.trim().toLowerCase();
  const entries = Object.entries(plan.agencyLeads ?? {});
  const removed = entries
    .filter(
      ([name, lead]) => lead === address && (wanted === undefined || name.trim().toLowerCase() === wanted),
    )
    .map(([name]) => name);
  if (removed.length === 0) return { plan, agencies: [] };
  const agencyLeads = Object.fromEntries(entries.filter(([name]) => !removed.includes(name)));
  return { plan: { ...plan, agencyLeads, updatedAt: now.toISOString() }, agencies: removed };
}

export function rolesOf(plan: Plan, email: string): PlanRole[] {
  const address = emailAddress(email);
  const roles: PlanRole[] = [];
  if (plan.coordinators.includes(address)) roles.push('coordinator');
  if (plan.leads.includes(address)) roles.push('lead');
  if (plan.moderators?.includes(address)) roles.push('moderator');
  return roles;
}

export function reminderSettingsOf(plan: Plan): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, ...plan.reminders };
}

/** Names the lead officer for an agency (by the lead agency text the plan's actions use). */
export function setAgencyLead(plan: Plan, agency: string, email: string, now: Date): Plan {
  const check = new Checker();
  const name = check.text('agency', agency, LIMITS.agency, { required: true });
  const address = check.email('email', email);
  if (!check.ok) throw new ValidationError(check.issues);
  if (plan.agencyLeads?.[name] === address) return plan;
  return { ...plan, agencyLeads: { ...plan.agencyLeads, [name]: address }, updatedAt: now.toISOString() };
}

/** The agency lead for an action's lead agency, matched case-insensitively. */
export function agencyLeadOf(plan: Plan, agency: string): string | undefined {
  const wanted = agency.trim().toLowerCase();
  const entry = Object.entries(plan.agencyLeads ?? {}).find(([name]) => name.trim().toLowerCase() === wanted);
  return entry?.[1];
}
