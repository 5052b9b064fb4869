/** Writing a change: the action first (ETag-checked), then its history entry (retried), then the audit. */
import { ConflictError } from '../../../domain/errors';
import type { Applied } from '../../../domain/status-change';
import type { StatusUpdate } from '../../../domain/status-update';
import { withReminderSchedule } from '../../reminders/reminder-schedule';
import type { Announcement } from '../announcements';
import { card, freshOf } from './card-view';
import type { CardActionDeps, ChangeOutcome, VerbContext } from './outcome';

export async function save(
  ctx: VerbContext,
  applied: Applied,
  announcements: Announcement[],
): Promise<ChangeOutcome> {
  const { deps, plan, loaded } = ctx;
  const after = withReminderSchedule(applied.after, plan, deps.calendar, deps.clock.now());
  // The action is written first (ETag-checked, so a conflict records nothing), then its history entry.
  // The entry's id is fixed, so retrying the append can never record it twice.
  try {
    await deps.stores.actions.update(after, loaded.etag, loaded.value);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { kind: 'conflict', view: await card(ctx, await freshOf(ctx)) };
  }
  await appendWithRetry(deps, applied.entry);
  await deps.stores.audit.record({
    at: applied.entry.at,
    actor: ctx.actor.aadObjectId,
    event: `action.${ctx.verb}`,
    planId: plan.id,
    details: { actionId: after.id, entryId: applied.entry.id },
  });
  return {
    kind: 'saved',
    entry: applied.entry,
    announcements,
    view: await card(ctx, after, { latest: applied.entry }),
  };
}

/** A history append that fails for a moment is tried twice more: the action is already written. */
export async function appendWithRetry(deps: CardActionDeps, entry: StatusUpdate): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.stores.history.append([entry]);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
