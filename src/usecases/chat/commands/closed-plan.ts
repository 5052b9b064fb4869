import type { Reply } from '../replies';
import { notice } from '../reply-helpers';

/** Said when the access policy refuses because monitoring of the plan has ended. */
export function planClosed(title: string): Reply {
  return notice(
    'info',
    'This plan is closed',
    `Monitoring of ${title} has ended, so nothing in it changes any more and no reminders are sent.`,
  );
}
