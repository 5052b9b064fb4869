/**
 * The dashboard's moderation page API (issue 15), beside api-types.ts: types only, shared by the server
 * (moderation-api.ts) and the page (src/dashboard-page/moderation.ts).
 *
 *   GET  /api/tab/plans/:planId/moderation[?round=n]       → TabModeration (moderators, coordinators)
 *   POST /api/tab/plans/:planId/moderation                 body TabAgreeRequest → TabAgreeResult
 *   POST /api/tab/plans/:planId/rounds/:round/endorsement  body { date, meeting } → TabEndorsed (coordinators)
 *   GET  /api/tab/plans/:planId/report.docx?title=&meeting=&round=   → the committee paper
 */
import type { TabRating } from './api-types.js';

export interface TabModerationItem {
  id: string;
  description: string;
  owners: string;
  dueLabel: string;
  proposed?: TabRating;
  proposedName: string;
  agreed?: TabRating;
  agreedName?: string;
  /** "Proposed: Green, not yet agreed", "Agreed (proposed: Green)", or "Agreed". */
  standing: string;
  awaitingAgreement: boolean;
  commentary: string;
  /** The owner's latest progress note: for the moderator's eyes, never published. */
  note?: string;
  /** "Asks to move the due date to 13 Jan 2027: <reason>", while a date request awaits a decision. */
  dateRequest?: string;
  evidence: string[];
  /** For a complete action: "Impact: evidence given / measure M1 on track", or what is missing. */
  impact?: string;
  flags: string[];
  version: string;
}

export interface TabModeration {
  planId: string;
  /** "Round 3, opened 1 May 2025", or why the list is what it is. */
  basis: string;
  ratings: { rating: TabRating; name: string }[];
  items: TabModerationItem[];
  /** The open round listed, and every open round (one per group) to choose another: `?round=<n>`. */
  round?: number;
  openRounds: { number: number; label: string }[];
  /** Closed rounds, for recording an endorsement (coordinators only see the form). */
  closedRounds: { number: number; label: string; governance?: string }[];
  mayEndorse: boolean;
}

export interface TabAgreeRequest {
  items: { actionId: string; version: string; rating?: string; commentary: string }[];
}

export interface TabAgreeResult {
  results: { actionId: string; ok: boolean; message: string }[];
}

export interface TabEndorsed {
  round: number;
  governance: string;
}
