/** Verb routing: one handler per button, so a new verb breaks the build until it is handled. */
import { addNote } from './add-note';
import { complete } from './complete';
import { confirmImpact } from './confirm-impact';
import { approveDate, rejectDate } from './decide-date';
import { agreeRating, changeRating, showModeration } from './moderation';
import type { Handler } from './outcome';
import { refresh } from './refresh';
import { requestDate } from './request-date';
import { snooze } from './snooze';
import { update } from './update';
import type { CardVerb } from './verbs';

export const HANDLERS: Record<CardVerb, Handler> = {
  'action.refresh': refresh,
  'action.update': update,
  'action.complete': complete,
  'date.request': requestDate,
  'action.snooze': snooze,
  'date.approve': approveDate,
  'date.reject': rejectDate,
  'impact.confirm': confirmImpact,
  'action.note': addNote,
  'moderation.show': showModeration,
  'rating.agree': agreeRating,
  'rating.change': changeRating,
};
