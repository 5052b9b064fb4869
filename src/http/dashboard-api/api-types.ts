/**
 * The dashboard tab's JSON API: the contract between the server (src/http/dashboard-api) and the page (src/dashboard-page).
 * Types only, so the browser code can import them without pulling in anything of the server's.
 *
 * Every request carries `Authorization: Bearer <Entra ID token>` from teams-js `authentication.getAuthToken()`.
 * In local mode (no MicrosoftAppId, loopback only) there is no token: the page sends the header
 * `X-Local-User: <e-mail>` naming one of `TabMe.localUsers`, or nothing for the first of them.
 *
 *   GET  /api/tab/me                                     → TabMe
 *   GET  /api/tab/local-people?q=                        → TabLocalPeople  (local mode only)
 *   GET  /api/tab/plans/:planId                          → TabPlanView     (403 when not in the plan)
 *   GET  /api/tab/plans/:planId/actions/:actionId        → TabActionDetail (403 when not visible)
 *   POST /api/tab/plans/:planId/actions/:actionId        body TabUpdateRequest → TabUpdateResult
 *   POST /api/tab/plans/:planId/actions/:actionId/decision  body TabDecisionRequest → TabDecisionResult
 *   GET  /api/tab/plans/:planId/trends                   → TabTrends       (coordinators and leads)
 *   GET  /api/tab/plans/:planId/compare?from=1&to=2      → TabComparison   (to may be "now")
 *   GET  /api/tab/plans/:planId/report.html|.xlsx|.csv[?round=n]  → the progress report file
 *   GET  /api/tab/plans/:planId/export.csv               → the plan export (coordinators and leads)
 *   GET  /api/tab/plans/:planId/measures                 → TabMeasures (issue 21; measures-types.ts)
 *   POST /api/tab/plans/:planId/measures/:measureId/values  body TabMeasureValueRequest → TabMeasureValueResult
 *
 * Errors are JSON `TabError` with status 400 (bad input), 401 (no or bad token), 403 (not allowed),
 * 404 (unknown plan or action), 409 (changed meanwhile), 503 (storage unavailable).
 */

export type TabRating = 'green' | 'yellow' | 'amber' | 'red';
export type TabRole = 'coordinator' | 'lead' | 'moderator';

export interface TabError {
  error: string;
  /** Field-by-field problems for a 400 on an update; nothing was saved. */
  issues?: { field: string; reason: string }[];
}

export interface TabMe {
  mode: 'teams' | 'local';
  user: { name: string; email?: string };
  plans: { id: string; title: string; roles: TabRole[]; openActionsOwned: number }[];
  /** Local mode only: the demo people the page may act as (a picker, clearly labelled). */
  localUsers?: { email: string; name: string; description: string }[];
}

/** Local mode only: GET /api/tab/local-people?q=… finds anyone any plan names, by name or address. */
export interface TabLocalPeople {
  /** The first few who match. */
  people: { email: string; name: string; description: string }[];
  /** How many match in all. */
  total: number;
}

export interface TabRatingInfo {
  rating: TabRating;
  name: string;
  /** The scale's wording, e.g. "Amber: some risk…" or the quadrant heading. */
  label: string;
  /** The quadrant's heading as the Northumberland report words it. */
  heading: string;
}

export interface TabAction {
  id: string;
  areaId: string;
  description: string;
  leadAgency: string;
  owners: { name: string; email: string }[];
  /** The agencies contributing alongside the lead agency. */
  contributingAgencies: string[];
  /** The monitoring group the action is monitored in, when the plan has groups. */
  monitoringGroupId?: string;
  /** The rating reports count: agreed, or the owner's proposal while none is agreed. */
  rating?: TabRating;
  ratingName: string;
  /** "Proposed: Green, not yet agreed", or "Agreed (proposed: Green)" where they differ. */
  ratingNote?: string;
  /** The owner's own rating, which the update form starts from. */
  proposedRating?: TabRating;
  lifecycle: string;
  lifecycleLabel: string;
  open: boolean;
  baselineDue: string;
  baselineDueLabel: string;
  currentDue: string;
  currentDueLabel: string;
  rescheduled: boolean;
  overdue: boolean;
  /** Open and due within 30 days. */
  dueSoon: boolean;
  /** "due in 12 days", "3 days overdue", "completed". */
  dueText: string;
  lastUpdatedLabel?: string;
  /** The viewer may update it (owner or coordinator, and it is open). */
  canUpdate: boolean;
  /** Pass back on update; a stale version is refused with 409. */
  version: string;
}

export interface TabPlanView {
  plan: {
    id: string;
    title: string;
    principalAuthority: string;
    scale: 'quadrant' | 'rag';
    ratings: TabRatingInfo[];
  };
  viewer: { roles: TabRole[]; seesWholePlan: boolean };
  today: string;
  todayLabel: string;
  areas: { id: string; text: string }[];
  agencies: string[];
  /** Every agency contributing to a visible action, for the "Contributing agency" filter. */
  contributingAgencies: string[];
  /** The plan's monitoring groups (none: the plan is monitored as one). */
  monitoringGroups: { id: string; name: string }[];
  lifecycles: { value: string; label: string }[];
  /** Everything the viewer may see: the whole plan for coordinators and leads, else their own actions. */
  actions: TabAction[];
}

export interface TabHistoryEntry {
  at: string;
  atLabel: string;
  author: string;
  /** "Rating Red → Amber; status In progress → Complete" */
  summary: string;
  note?: string;
  evidenceLink?: string;
}

export interface TabActionDetail {
  action: TabAction & {
    successMeasure: string;
    /** The fields shown among an action's facts (action-fields.ts), in order; '' when none is given. */
    facts: { label: string; text: string }[];
    evidenceLinks: string[];
    contributingAgencies: string[];
    areaText: string;
    pendingDateRequest?: {
      /** Sent back with a decision, so one made meanwhile elsewhere is reported, not overwritten. */
      id: string;
      dateLabel: string;
      reason: string;
      requestedBy: string;
      requestedAtLabel: string;
    };
    /** Lead or coordinator: the detail offers Approve / Reject on a pending date request. */
    canDecide: boolean;
  };
  history: TabHistoryEntry[];
  /** The ratings an update may choose, in the plan's scale. */
  ratings: TabRatingInfo[];
}

/** The same fields as the card's update form, with the same validation. */
export interface TabUpdateRequest {
  version: string;
  rating?: string;
  note?: string;
  evidence?: string;
}

/** Approve or reject the pending date request `requestId`, with an optional comment. */
export interface TabDecisionRequest {
  requestId: string;
  decision: 'approve' | 'reject';
  comment?: string;
}

/**
 * 200 with ok:true when recorded; ok:false (409) when the request was decided meanwhile (who and what in
 * `error`), or (422) when an approved date is no longer a future working day.
 */
export type TabDecisionResult = { ok: true; message: string } | { ok: false; error: string };

export type TabUpdateResult =
  | { ok: true; message: string; action: TabAction }
  | { ok: false; error: string; issues?: { field: string; reason: string }[] };

export interface TabTrends {
  /** One stacked bar per closed round, then the current position. */
  rounds: {
    label: string;
    date: string;
    counts: Record<TabRating | 'unrated', number>;
  }[];
  /** Open actions against due dates: planned (if every action finished on its due date) and actual. */
  burndown: { date: string; label: string; planned: number; actual?: number }[];
  closedRounds: { number: number; label: string }[];
}

export interface TabComparison {
  from: string;
  to: string;
  improved: number;
  worsened: number;
  unchanged: number;
  newlyRated: number;
  movements: { actionId: string; from?: TabRating; to?: TabRating; movement: string }[];
  slipped: { actionId: string; fromLabel: string; toLabel: string; days: number }[];
}

// Issue 21: the impact measures API's types (measures-types.ts), for the page through this one contract.
export type * from './measures-types.js';
