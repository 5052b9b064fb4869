/**
 * The JSON contract of the management page's "Monitoring rounds" section (admin-rounds-api.ts). Types
 * only, so the browser code can import them. For the plan's coordinators, like the rest of the page.
 *
 *   GET  /api/tab/admin/plans/:planId/rounds                          → TabRounds
 *   POST /api/tab/admin/plans/:planId/rounds                          body { group, responseDue } (start)
 *   POST /api/tab/admin/plans/:planId/rounds/:round/chase             body {}
 *   POST /api/tab/admin/plans/:planId/rounds/:round/close             body { confirm: true }
 *   POST /api/tab/admin/plans/:planId/rounds/:round/endorsement       body { meeting, date }
 *
 * Every change answers TabAdminResult (admin-types.ts), worded by the page's one presenter.
 */

export interface TabRounds {
  planId: string;
  /** "Sun 6 Dec 2026": the plan's today, which response dates are counted from. */
  todayLabel: string;
  scopes: TabRoundScope[];
  /** Closed rounds, newest first. */
  closed: TabClosedRound[];
  /** Whether this server sends from the page (otherwise the scheduler's sweep sends requests). */
  sends: boolean;
}

/** A monitoring group, or the actions in no group (`group` ''), and its round. */
export interface TabRoundScope {
  /** The group's id, '' for the actions in no group: what starting a round sends. */
  group: string;
  /** "Safeguarding subgroup", "The whole plan" */
  name: string;
  /** "Reports to the LSCP Executive; meets 12 Jan 2027, 9 Mar 2027" */
  about: string;
  /** "4 open actions with owners to ask" */
  askableLabel: string;
  open?: TabOpenRound;
  /** The latest round when none is open: "Round 2 closed 1 Dec 2026". */
  latestLabel?: string;
  /** What starting now would ask for; absent while a round is open. */
  proposal?: TabRoundProposal;
  /** Why a round cannot start here now. */
  cannotStart?: string;
}

export interface TabRoundProposal {
  /** The proposed response date, ISO, for the form's date field. */
  responseDue: string;
  /** "Responses due 29 Dec 2026, 10 working days before the meeting on 12 Jan 2027" */
  summary: string;
  /** The response date's flags: "25 Dec 2026 is a bank holiday". */
  warnings: string[];
  /** "Requests will go at 09:00 on Mon 7 Dec 2026, inside the plan's send window." */
  queued?: string;
}

export interface TabOpenRound {
  number: number;
  /** "Round 3, opened 1 Dec 2026; responses due 15 Dec 2026 for the meeting on 12 Jan 2027" */
  label: string;
  /** "5 of 8 answered; 3 awaiting" */
  progressLabel: string;
  awaiting: number;
  byAgency: TabAgencyProgress[];
  /** "Contributing: Health (2 actions, 1 awaiting)" */
  contributing?: string;
  /** The actions still to answer, for the close step: "2.1 (awaiting Jo Bloggs)". */
  outstanding: TabOutstanding[];
}

export interface TabAgencyProgress {
  agency: string;
  answered: number;
  awaiting: number;
  /** "Jo Bloggs (2.1, 2.3)" for each owner still to answer. */
  waitingOn: string[];
}

export interface TabOutstanding {
  actionId: string;
  owners: string;
}

export interface TabClosedRound {
  number: number;
  /** "Round 2 (Safeguarding subgroup), closed 1 Dec 2026" */
  label: string;
  /** "Agreed by … on …; endorsed by … on …." */
  governance?: string;
  endorsed: boolean;
  /** Who usually endorses it (the group's or the plan's oversight body): the form's starting value. */
  oversightBody: string;
  /** The round's close date, ISO: endorsement comes on or after it. */
  closedOn: string;
}
