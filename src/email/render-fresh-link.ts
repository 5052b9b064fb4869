/**
 * The e-mail an expired update link's "Send me a new link" sends: a fresh link to the same action, to the
 * address the old link was made for and no other, so a forwarded or leaked link never brings its holder
 * a working one.
 */
import type { Plan } from '../domain/plan';
import { composeEmail, type EmailMessage } from './compose';
import { senderFooter } from './wording';

export function renderFreshLinkEmail(input: {
  plan: Plan;
  actionId: string;
  updateUrl: string;
}): EmailMessage {
  return composeEmail({
    subject: `Your new link to update action ${input.actionId}`,
    preview: `A working link to action ${input.actionId} in ${input.plan.title}.`,
    blocks: [
      { kind: 'heading', text: `Your new link to action ${input.actionId}` },
      {
        kind: 'paragraph',
        text: `Someone opened an expired update link sent to this address for action ${input.actionId} in ${input.plan.title}, and asked for a new one. Here it is.`,
      },
      { kind: 'button', label: `Update action ${input.actionId}`, url: input.updateUrl },
      {
        kind: 'paragraph',
        text: 'If that was not you, you need do nothing: the link works only for this address. You may want to tell the plan’s coordinators, who can withdraw your update links.',
      },
    ],
    footer: senderFooter(input.plan),
  });
}
