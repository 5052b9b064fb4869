/** "Snooze" for 3 days or a week: the reminders use case does it, under the same access entry. */
import { ConflictError, ValidationError } from '../../../domain/errors';
import { snoozeAction } from '../../reminders/snooze';
import { card, freshOf } from './card-view';
import type { Handler } from './outcome';

export const snooze: Handler = async (ctx) => {
  const days = Number(ctx.data.days);
  try {
    const { until } = await snoozeAction(ctx.deps, ctx.actor, {
      planId: ctx.plan.id,
      actionId: ctx.loaded.value.id,
      days,
    });
    return { kind: 'snoozed', until, view: await card(ctx, await freshOf(ctx)) };
  } catch (error) {
    if (error instanceof ValidationError)
      return { kind: 'invalid', issues: error.issues, view: await card(ctx, ctx.loaded.value) };
    if (error instanceof ConflictError)
      return { kind: 'conflict', view: await card(ctx, await freshOf(ctx)) };
    throw error;
  }
};
