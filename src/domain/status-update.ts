import { type Action, isOwnedBy } from './action';
import type { IsoDate } from './dates';
import type { Lifecycle } from './lifecycle';
import type { Rating } from './rating';

/** 'email': the update page an e-mail's button opens, for people the bot cannot reach in Teams. */
export type UpdateSource = 'card' | 'command' | 'import' | 'tab' | 'email';
export const UPDATE_SOURCES: readonly UpdateSource[] = ['card', 'command', 'import', 'tab', 'email'];

export interface Author {
  /** Entra ID (AAD) object id; absent for changes made by the CLI or an import. */
  aadObjectId?: string;
  name: string;
}

/** One entry in an action's history. Only ever appended, never changed. */
export interface StatusUpdate {
  planId: string;
  actionId: string;
  /** Unique within the action, so the same submission cannot be recorded twice. */
  id: string;
  at: string;
  author: Author;
  oldRating?: Rating;
  newRating?: Rating;
  oldLifecycle?: Lifecycle;
  newLifecycle?: Lifecycle;
  note?: string;
  evidenceLink?: string;
  revisedDueDateRequested?: IsoDate;
  /** Which fields changed, for changes (such as a re-import) that are not only a rating or lifecycle. */
  changedFields?: string[];
  /**
   * On an import's entry: each value edited in Action Tracker since the last import that the file would
   * have changed, and which way it went ('app': the edited value was kept; 'file': the file's was taken).
   */
  importChoices?: { field: string; took: 'app' | 'file'; editedAt: string; editedBy: string }[];
  source: UpdateSource;
  /**
   * A fingerprint of the submission (card version, person, verb, inputs), so a second click of the same
   * button is recognised and answered with the result of the first instead of changing anything twice.
   */
  submissionKey?: string;
  /** A coordinator moved the current due date to this one (a reschedule from the dashboard). */
  dueDateMovedTo?: IsoDate;
  /** For decisions on a revised-date request: which request, and the outcome. */
  dateDecision?: 'approved' | 'rejected';
  /** Which date request the decision settled: a late decision on it is told of this one. */
  dateRequestId?: string;
  /** A note from a contributing agency's contact, for that agency: a note, never a rating. */
  contributingAgency?: string;
  /**
   * A coordinator's or moderator's agreement of the owner's proposed rating (`proposal`), or a different
   * agreed rating, with the commentary for the paper. The owner's own entry records the proposal.
   */
  agreement?: { rating: Rating; commentary: string; proposal?: Rating };
  /**
   * The owners an update was recorded for, by name, when the person recording it is not one of them (a
   * coordinator keying in what an owner said): history, banners and the audit then say "on behalf of".
   */
  onBehalfOf?: string[];
}

/**
 * The owners (by name, or address where the plan gives no name) an update is recorded on behalf of: none
 * when the person recording it is an owner themselves, or the action has no owner to speak for.
 */
export function onBehalfOf(action: Action, recorderEmail: string | undefined): string[] {
  if (recorderEmail && isOwnedBy(action, recorderEmail)) return [];
  return action.owners.map((owner) => owner.name || owner.email).filter((name) => name !== '');
}

/** "Pat Manager", or "Pat Manager on behalf of Sam Owner" for an update recorded for its owner. */
export function authorWords(entry: Pick<StatusUpdate, 'author' | 'onBehalfOf'>): string {
  const owners = entry.onBehalfOf ?? [];
  return owners.length > 0 ? `${entry.author.name} on behalf of ${joinNames(owners)}` : entry.author.name;
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
