/**
 * A plan's settings page: read them (with the plan's revision, to pass back), and save them. A save
 * checked against an older revision is refused and says who saved since; a change of the calendar, the
 * time zone, the reminder days or the send window re-files every open action's next reminder.
 */
import { ConflictError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import { applyPlanSettings, type PlanSettings, readPlanSettings } from '../../domain/plan-settings';
import { RATING_SCALES, type RatingScale, ratingName, ratingsOf } from '../../domain/rating';
import { refileReminder } from '../reminders/reminder-schedule';
import type { Actor } from '../shared/actor';
import { type AdminDeps, type AdminOutcome, invalid, saved } from '../shared/admin-outcome';
import { administeredPlan } from '../shared/administered-plan';

/** Settings whose change moves when reminders fall. */
const TIMING: readonly (keyof PlanSettings)[] = [
  'region',
  'timeZone',
  'reminderDaysBefore',
  'windowStart',
  'windowEnd',
];

export async function savePlanSettings(
  deps: AdminDeps,
  actor: Actor,
  request: { planId: string; revision: string; settings: Record<string, unknown> },
): Promise<AdminOutcome<{ changed: (keyof PlanSettings)[]; revision: string }>> {
  const now = deps.clock.now();
  const found = await administeredPlan(deps.stores, actor, request.planId, now);
  if (found.kind !== 'ok') return found;
  const { value: plan, etag } = found.plan;
  if (String(plan.revision ?? 0) !== request.revision) return staleOf(plan);
  const { actions } = await deps.stores.actions.readPlan(plan.id);
  // Every problem at once: the form's, and a scale the plan's ratings do not fit.
  const issues: ValidationIssue[] = [];
  let settings: PlanSettings | undefined;
  try {
    settings = readPlanSettings(request.settings);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  const scale = request.settings.ratingScale;
  if (
    typeof scale === 'string' &&
    scale !== plan.ratingScale &&
    (RATING_SCALES as readonly string[]).includes(scale)
  ) {
    // A rating the new scale has no column for would vanish from the board: re-rate those first.
    const allowed = ratingsOf(scale as RatingScale);
    const misfits = actions.filter((a) => a.value.rating && !allowed.includes(a.value.rating));
    if (misfits.length > 0) {
      const ids = misfits.map((a) => a.value.id);
      const one = ids.length === 1;
      issues.push({
        field: 'ratingScale',
        reason: `action${one ? '' : 's'} ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? '…' : ''} ${one ? 'is' : 'are'} rated ${ratingName(misfits[0]!.value.rating!)}, which this scale does not have: re-rate ${one ? 'it' : 'them'} first`,
      });
    }
  }
  if (issues.length > 0 || !settings) return invalid(issues);
  const applied = applyPlanSettings(plan, settings, { now, by: actor.name });
  if (applied.changed.length === 0) return saved({ changed: [], revision: String(plan.revision ?? 0) });
  try {
    await deps.stores.plans.update(applied.plan, etag);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const fresh = await deps.stores.plans.get(plan.id);
    return staleOf(fresh?.value ?? plan);
  }
  if (applied.changed.some((field) => TIMING.includes(field))) {
    for (const loaded of actions) {
      if (!isOpen(loaded.value.lifecycle)) continue;
      // Someone who changed the action meanwhile filed it under the new settings with their own write.
      await refileReminder(deps, loaded, applied.plan, now);
    }
  }
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.email,
    event: 'plan.settings-changed',
    planId: plan.id,
    details: { fields: applied.changed.join(','), revision: applied.plan.revision ?? 0 },
  });
  return saved({ changed: applied.changed, revision: String(applied.plan.revision ?? 0) });
}

function staleOf(plan: { updatedBy?: string; updatedAt: string }) {
  return {
    kind: 'stale' as const,
    ...(plan.updatedBy ? { changedBy: plan.updatedBy } : {}),
    changedAt: plan.updatedAt,
  };
}
