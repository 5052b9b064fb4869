/**
 * The JSON contract of the plan management page (/tab/admin) and its API, beside api-types.ts. Types
 * only, so the browser code can import them. Identity as for the rest of the tab's API (a Teams token,
 * or X-Local-User in local mode); everything here is for a plan's coordinators, and creating plans for
 * the people PLAN_CREATORS names.
 *
 *   GET  /api/tab/admin/me                                   → TabAdminMe
 *   POST /api/tab/admin/plans                                body TabNewPlan → TabAdminResult (planId)
 *   GET  /api/tab/admin/plans/:planId                        → TabAdminPlan
 *   POST /api/tab/admin/plans/:planId/settings               body { revision, settings: TabPlanSettings }
 *   POST /api/tab/admin/plans/:planId/roles                  body { email, role, agency?, remove? }
 *   POST /api/tab/admin/plans/:planId/delegations            body { owner, delegate, delegateName, from, to }
 *   POST /api/tab/admin/plans/:planId/delegations/:id/remove
 *   POST /api/tab/admin/plans/:planId/names                  body { email, name } (empty name: not entered)
 *   POST /api/tab/admin/plans/:planId/areas                  body { id?, text }
 *   POST /api/tab/admin/plans/:planId/areas/:areaId          body { text }
 *   POST /api/tab/admin/plans/:planId/actions                body TabActionFields & { id, dueDate }
 *   POST /api/tab/admin/plans/:planId/actions/:actionId      body { version, fields: TabActionFields }
 *   POST /api/tab/admin/plans/:planId/actions/:actionId/reschedule  body { version, date, reason }
 *   POST /api/tab/admin/plans/:planId/actions/:actionId/withdraw    body { version, reason }
 *   POST /api/tab/admin/plans/:planId/close                  body { confirm: the plan id }
 *
 * Every change answers TabAdminResult: 200 saved; 400 with issues by field (nothing saved); 403 not
 * allowed; 404 no such plan (or not one the person may know of); 409 someone saved a change after the
 * form was opened, naming them (nothing saved).
 */

export interface TabAdminMe {
  mayCreatePlans: boolean;
}

export interface TabOption {
  value: string;
  label: string;
}

/** The settings form's values, as text. */
export interface TabPlanSettings {
  title: string;
  principalAuthority: string;
  inspectionTheme: string;
  inspectionStart: string;
  inspectionEnd: string;
  submissionDate: string;
  region: string;
  timeZone: string;
  ratingScale: string;
  /** "14, 7, 1" */
  reminderDaysBefore: string;
  windowStart: string;
  windowEnd: string;
  cadence: string;
  oversightBody: string;
  digestDay: string;
}

export interface TabAdminPerson {
  email: string;
  name: string;
  /** Where the name came from: entered here, the Teams directory, the import, or made from the address. */
  nameSource: 'entered' | 'directory' | 'import' | 'address';
  /** Said when the name is not a real one yet or was entered here: "Name made from the address". */
  nameNote?: string;
  roles: ('coordinator' | 'lead' | 'moderator' | 'agency-lead')[];
  /** Every role they hold, owning and cover included: "Coordinator, moderator, lead officer for Police". */
  rolesLabel: string;
  openActionsOwned: number;
  /** "Covers for Jo Bloggs, 3 Mar 2025 to 14 Mar 2025 (now)", "Covered by …": cover given and got. */
  cover: string[];
  /** Whether any channel can reach them (the next message goes by one). */
  reachable: boolean;
  /**
   * How they are reached now, as `owners` says it: "Teams", "E-mail", "Teams and e-mail", "E-mail
   * undeliverable since 3 Mar 2025", "No contact".
   */
  channelLabel: string;
  /** Why not another way, or why not at all, in plain words: "Not in Teams: has not installed …". */
  reachNote?: string;
}

/** An owner the plan names without an e-mail address: nothing reaches them until one is added. */
export interface TabUnaddressedOwner {
  name: string;
  openActions: number;
  actionIds: string[];
}

export interface TabAdminDelegation {
  id: string;
  owner: string;
  ownerName: string;
  delegate: string;
  delegateName: string;
  from: string;
  to: string;
  /** "3 Mar 2025 to 14 Mar 2025" */
  datesLabel: string;
  active: boolean;
}

export interface TabActionFields {
  description: string;
  areaId: string;
  leadAgency: string;
  /** Comma-separated. */
  contributingAgencies: string;
  /** One a line: "Name, address". */
  owners: string;
  successMeasure: string;
}

/** A free-text field of an action's form (success measure, …), named and labelled as action-fields.ts says. */
export interface TabTextField {
  name: string;
  label: string;
}

export interface TabAdminAction extends TabActionFields {
  id: string;
  /** The free-text fields' values, by field name (see `TabAdminPlan.textFields`). */
  texts: Record<string, string>;
  baselineDueLabel: string;
  currentDue: string;
  currentDueLabel: string;
  lifecycleLabel: string;
  open: boolean;
  version: string;
}

export interface TabAdminPlan {
  plan: { id: string; title: string; closed: boolean };
  revision: string;
  /** "Saved by Jo Bloggs, 3 Mar 2025, 14:05" */
  lastSaved?: string;
  today: string;
  settings: TabPlanSettings;
  options: {
    regions: TabOption[];
    timeZones: string[];
    ratingScales: TabOption[];
    cadences: TabOption[];
    digestDays: TabOption[];
  };
  people: TabAdminPerson[];
  unaddressedOwners: TabUnaddressedOwner[];
  delegations: TabAdminDelegation[];
  owners: { email: string; name: string }[];
  agencies: string[];
  areas: { id: string; text: string }[];
  actions: TabAdminAction[];
  /** The free-text fields every action's form has, in order. */
  textFields: TabTextField[];
}

export interface TabNewPlan {
  id: string;
  title: string;
  principalAuthority?: string;
}

export type TabAdminResult =
  | { ok: true; message: string; version?: string; revision?: string; planId?: string }
  | { ok: false; error: string; issues?: { field: string; reason: string }[]; changedBy?: string };
