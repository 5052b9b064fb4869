/** One history entry in words, the same on the history card and in the dashboard's timeline. */
import { fieldWord } from './action-field-rules';
import { formatUkDate } from './dates';
import { lifecycleLabel } from './lifecycle';
import { ratingName } from './rating';
import type { StatusUpdate } from './status-update';

export const SOURCE_WORDS: Record<StatusUpdate['source'], string> = {
  card: 'from a card',
  command: 'by command',
  import: 'by import',
  tab: 'in the dashboard',
  email: 'from an e-mail link',
};

/** "Rating Red → Amber; In progress → Complete", or "Updated" when only a note was added. */
export function describeHistoryChange(entry: StatusUpdate): string {
  const changes: string[] = [];
  if (entry.oldRating !== entry.newRating) {
    changes.push(
      `Rating ${entry.oldRating ? ratingName(entry.oldRating) : 'none'} → ${entry.newRating ? ratingName(entry.newRating) : 'none'}`,
    );
  }
  if (entry.oldLifecycle !== entry.newLifecycle && entry.newLifecycle) {
    changes.push(
      entry.oldLifecycle
        ? `${lifecycleLabel(entry.oldLifecycle)} → ${lifecycleLabel(entry.newLifecycle)}`
        : `Created as ${lifecycleLabel(entry.newLifecycle).toLowerCase()}`,
    );
  }
  if (entry.revisedDueDateRequested)
    changes.push(`Asked to move the due date to ${formatUkDate(entry.revisedDueDateRequested)}`);
  if (entry.dueDateMovedTo) changes.push(`Due date moved to ${formatUkDate(entry.dueDateMovedTo)}`);
  if (entry.dateDecision) changes.push(`New due date ${entry.dateDecision}`);
  if (entry.agreement) {
    const { rating, proposal } = entry.agreement;
    changes.push(
      proposal === rating
        ? `Agreed the proposed rating ${ratingName(rating)}`
        : `Agreed rating ${ratingName(rating)} (proposed: ${proposal ? ratingName(proposal) : 'none'})`,
    );
  }
  const fields = (entry.changedFields ?? []).filter(
    (f) =>
      !['rating', 'lifecycle', 'created'].includes(f) && !(f === 'currentDueDate' && entry.dueDateMovedTo),
  );
  if (fields.length > 0) changes.push(`Changed: ${fields.map(fieldWord).join(', ')}`);
  // A re-import over values edited in Action Tracker: which way each went.
  const choices = entry.importChoices ?? [];
  const kept = choices.filter((c) => c.took === 'app').map((c) => fieldWord(c.field));
  const taken = choices.filter((c) => c.took === 'file').map((c) => fieldWord(c.field));
  if (kept.length > 0) changes.push(`Kept the value edited in Action Tracker: ${kept.join(', ')}`);
  if (taken.length > 0)
    changes.push(`Took the file's value over the edit in Action Tracker: ${taken.join(', ')}`);
  return changes.join('; ') || 'Updated';
}

/**
 * Whether an entry's note is a progress note: what was done, written with an update (from a card, the
 * dashboard, an e-mail link or a command). A date request's reason, a decision's comment, a contributing
 * agency's note, an agreement and an import each carry a `note` too, but none says how the action is going.
 */
export function isProgressNote(entry: StatusUpdate): boolean {
  return (
    entry.note !== undefined &&
    entry.note !== '' &&
    entry.source !== 'import' &&
    entry.revisedDueDateRequested === undefined &&
    entry.dateDecision === undefined &&
    entry.contributingAgency === undefined &&
    entry.agreement === undefined
  );
}
