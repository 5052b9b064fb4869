/** Owners quieten reminders: one action for a few days (snooze), or all of theirs until a date (leave). */
import { addDays, calendarDateIn, formatUkDate, type IsoDate } from '../../domain/dates';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { AccessDeniedError, decideOnAction } from '../access/access';
import type { PlanDeps } from '../ports/index';
import type { ChatActor } from '../shared/actor';
import { withReminderSchedule } from './reminder-schedule';

export const SNOOZE_CHOICES = [3, 7] as const;
export const MAX_PAUSE_DAYS = 366;

export type ReminderDeps = PlanDeps;

export async function snoozeAction(
  deps: ReminderDeps,
  actor: ChatActor,
  request: { planId: string; actionId: string; days: number },
): Promise<{ until: IsoDate }> {
  if (!(SNOOZE_CHOICES as readonly number[]).includes(request.days)) {
    throw new ValidationError([{ field: 'days', reason: 'snooze for 3 days or 1 week' }]);
  }
  const plan = (await deps.stores.plans.get(request.planId))?.value;
  const loaded = plan ? await deps.stores.actions.get(request.planId, request.actionId) : undefined;
  if (!plan || !loaded) throw new NotFoundError(`Action ${request.actionId}`);
  // The policy's answer, as everywhere: owners, a delegate covering for one today, and coordinators.
  const decision = decideOnAction(deps.clock, actor, plan, loaded.value, 'snooze');
  if (!decision.allowed) throw new AccessDeniedError(decision.reason, 'snooze');
  const now = deps.clock.now();
  const until = addDays(calendarDateIn(plan.timeZone, now), request.days);
  const snoozed = withReminderSchedule({ ...loaded.value, snoozedUntil: until }, plan, deps.calendar, now);
  try {
    await deps.stores.actions.update(snoozed, loaded.etag, loaded.value);
  } catch (error) {
    if (error instanceof ConflictError) throw error;
    throw error;
  }
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.aadObjectId,
    event: 'action.snoozed',
    planId: plan.id,
    details: { actionId: loaded.value.id, until },
  });
  return { until };
}

export async function pauseReminders(
  deps: ReminderDeps,
  actor: ChatActor,
  until: IsoDate | undefined,
): Promise<string> {
  const user = await deps.stores.users.get(actor.aadObjectId);
  if (!user) throw new NotFoundError('Your Teams account');
  const now = deps.clock.now();
  const today = calendarDateIn('Europe/London', now);
  if (until !== undefined && (until <= today || until > addDays(today, MAX_PAUSE_DAYS))) {
    throw new ValidationError([
      {
        field: 'date',
        reason: `must be after today and within a year (by ${formatUkDate(addDays(today, MAX_PAUSE_DAYS))})`,
      },
    ]);
  }
  const { nudgesPausedUntil: _old, ...rest } = user.value;
  await deps.stores.users.put({
    ...rest,
    ...(until ? { nudgesPausedUntil: until } : {}),
    updatedAt: now.toISOString(),
  });
  await deps.stores.audit.record({
    at: now.toISOString(),
    actor: actor.aadObjectId,
    event: until ? 'reminders.paused' : 'reminders.resumed',
    details: until ? { until } : {},
  });
  return until
    ? `No reminders until ${formatUkDate(until)}. Say "resume" to have them again sooner.`
    : 'Your reminders are back on.';
}
