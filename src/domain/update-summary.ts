/** The line that confirms an update was recorded, the same on the card and in the dashboard tab. */
import { formatUkDate, formatUkDateTime } from './dates';
import { lifecycleLabel } from './lifecycle';
import { ratingName } from './rating';
import { authorWords, type StatusUpdate } from './status-update';

/** "Updated by Chris Commissioner at 15 Jan 2025, 10:00: rating Red → Amber." */
export function describeRecordedUpdate(entry: StatusUpdate, timeZone: string): string {
  const when = formatUkDateTime(entry.at, timeZone);
  const parts: string[] = [];
  if (entry.oldRating !== entry.newRating && entry.newRating) {
    parts.push(
      `rating ${entry.oldRating ? ratingName(entry.oldRating) : 'none'} → ${ratingName(entry.newRating)}`,
    );
  }
  if (entry.oldLifecycle !== entry.newLifecycle && entry.newLifecycle)
    parts.push(lifecycleLabel(entry.newLifecycle).toLowerCase());
  if (entry.dateDecision === 'approved' && entry.revisedDueDateRequested)
    parts.push(`new due date ${formatUkDate(entry.revisedDueDateRequested)} approved`);
  if (entry.dateDecision === 'rejected') parts.push('new date not approved');
  if (!entry.dateDecision && entry.revisedDueDateRequested)
    parts.push(`new date ${formatUkDate(entry.revisedDueDateRequested)} requested`);
  if (entry.agreement) parts.push(`agreed rating ${ratingName(entry.agreement.rating)}`);
  if (parts.length === 0 && entry.note) parts.push('note added');
  return `Updated by ${authorWords(entry)} at ${when}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
