import { isProgressNote } from '../../domain/history-summary';
import type { Stores } from '../ports/index';

/** How far back to look: a note is usually on the latest update, and rarely more than a few back. */
const LOOK_BACK = 10;

/** The most recent note on an action's history, for reports and snapshots. */
export async function latestNote(
  stores: Stores,
  planId: string,
  actionId: string,
): Promise<{ note: string; at: string } | undefined> {
  const recent = await stores.history.listForAction(planId, actionId, LOOK_BACK);
  const noted = recent.find((entry) => entry.note);
  return noted?.note ? { note: noted.note, at: noted.at } : undefined;
}

/**
 * The owner's most recent progress note (see `isProgressNote`): what a moderator weighs a proposed rating
 * against, so a later date request's reason or decision comment does not stand in for it.
 */
export async function latestProgressNote(
  stores: Stores,
  planId: string,
  actionId: string,
): Promise<{ note: string; at: string } | undefined> {
  const recent = await stores.history.listForAction(planId, actionId, LOOK_BACK);
  const noted = recent.find(isProgressNote);
  return noted?.note ? { note: noted.note, at: noted.at } : undefined;
}
