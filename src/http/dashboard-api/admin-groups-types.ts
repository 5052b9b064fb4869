/**
 * The JSON contract of the management page's monitoring section (beside admin-types.ts, whose identity,
 * refusals and TabAdminResult it shares): the plan's monitoring groups and their meetings, which group
 * each action is in, and the plan's governance (who agrees ratings, the papers' protective marking).
 * Types only, so the browser code can import them. For a plan's coordinators.
 *
 *   GET  /api/tab/admin/plans/:planId/groups                        → TabAdminGroups
 *   POST /api/tab/admin/plans/:planId/groups                        body TabGroupFields & { meetings }
 *   POST /api/tab/admin/plans/:planId/groups/:groupId               body TabGroupFields
 *   POST /api/tab/admin/plans/:planId/groups/:groupId/meetings      body { meetings: "31/03/2025, …" }
 *   POST /api/tab/admin/plans/:planId/groups/:groupId/meetings/cancel  body { meetings: one date }
 *   POST /api/tab/admin/plans/:planId/groups/:groupId/remove
 *   POST /api/tab/admin/plans/:planId/action-groups                 body { moves: { actionId, group }[] }
 *   POST /api/tab/admin/plans/:planId/governance                    body TabGovernance
 *
 * Every change answers TabAdminResult, as the rest of the management API does.
 */

/** A group's form, as text: what the page sends and is drawn from. */
export interface TabGroupFields {
  name: string;
  /** One of TabAdminPlan.options.cadences. */
  cadence: string;
  oversightBody: string;
  /** Working days before a meeting that responses are due ("10"). */
  responseDays: string;
  /** Working days before the response date that a round opens by itself; "" when opened by hand. */
  openDays: string;
}

export interface TabMeeting {
  /** ISO date, as the API takes it back. */
  date: string;
  /** "31 Mar 2025" */
  label: string;
}

export interface TabGroup extends TabGroupFields {
  id: string;
  meetings: TabMeeting[];
  actions: number;
  /** The number of its round that is open, if one is. */
  openRound?: number;
  /** The round its next meeting asks for, in words ("31 Mar 2025"); absent with no meeting ahead. */
  next?: { meeting: string; responseDue: string; opens?: string };
}

export interface TabGovernance {
  /** Who agrees ratings ("S&CE subgroup"); "" for whoever closes the round. */
  moderationGroup: string;
  /** The marking the committee papers carry; "" for OFFICIAL. */
  protectiveMarking: string;
}

export interface TabAdminGroups {
  groups: TabGroup[];
  /** How many actions are in no group. */
  ungrouped: number;
  /** Every action, with the id of its group ("" for none). */
  actions: { id: string; description: string; groupId: string }[];
  governance: TabGovernance;
}
