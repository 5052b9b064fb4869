import type { DenialReason } from '../../access/access';
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

/**
 * The access policy's refusal in chat: a closed plan says so; any other reason in the command's own words
 * (`title`, `text`).
 */
export function refusal(reason: DenialReason, planTitle: string, title: string, text: string): Reply {
  return reason === 'plan-closed' ? planClosed(planTitle) : notice('refusal', title, text);
}
