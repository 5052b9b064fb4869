/** "Save" on the progress form: a rating, a note, evidence; a turn to red is escalated to the leads. */
import { escalationOnUpdate } from '../../../domain/escalation-policy';
import { applyProgress, readProgress } from '../../../domain/status-change';
import type { Announcement } from '../announcements';
import { type ApplyChange, change } from './change';
import type { Handler } from './outcome';

export const applyUpdate: ApplyChange = (ctx, inputs, context) => {
  const action = ctx.loaded.value;
  const applied = applyProgress(action, readProgress(inputs, action, ctx.plan.ratingScale), context);
  const announcements: Announcement[] = [];
  const red = escalationOnUpdate(action, applied.after, context.entryId);
  if (red) announcements.push({ kind: 'escalation', escalation: red });
  return { applied, announcements };
};

export const update: Handler = (ctx) => change(ctx, applyUpdate);
