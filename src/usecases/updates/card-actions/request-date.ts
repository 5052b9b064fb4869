/**
 * "Request a new date": a future working day and a reason, kept on the action as a pending request for
 * a lead or coordinator to decide; the request itself is announced to them.
 */
import type { Action } from '../../../domain/action';
import { reminderSettingsOf } from '../../../domain/plan';
import { changeStamp, readDateRequest } from '../../../domain/status-change';
import { planToday } from '../../access/access';
import { change } from './change';
import type { Handler } from './outcome';

export const requestDate: Handler = (ctx) =>
  change(ctx, ({ deps, plan, loaded }, inputs, context) => {
    const action = loaded.value;
    const request = readDateRequest(inputs, action, {
      // The same instant the change is stamped with, read in the plan's time zone.
      today: planToday(plan, new Date(context.at)),
      region: reminderSettingsOf(plan).region,
      calendar: deps.calendar,
    });
    const { at } = context;
    const after: Action = {
      ...action,
      ...changeStamp(action, at),
      pendingDateRequest: {
        id: context.entryId,
        date: request.date,
        reason: request.reason,
        requestedBy: context.author,
        requestedAt: at,
      },
    };
    return {
      applied: {
        after,
        entry: {
          planId: plan.id,
          actionId: action.id,
          id: context.entryId,
          at,
          author: context.author,
          ...(action.rating ? { oldRating: action.rating, newRating: action.rating } : {}),
          oldLifecycle: action.lifecycle,
          newLifecycle: action.lifecycle,
          note: request.reason,
          revisedDueDateRequested: request.date,
          source: context.source,
          submissionKey: context.submissionKey,
        },
      },
      announcements: [{ kind: 'date-request', entryId: context.entryId }],
    };
  });
