import { formatUkDate } from '../../../domain/dates';
import { setContactChannel } from '../../people/contact-channels';
import type { Answer } from '../chat-deps';
import { noEmail, notice } from '../reply-helpers';

const WHERE = { email: 'by e-mail', teams: 'in Teams', both: 'in Teams and by e-mail' } as const;

/** "notify me by email|teams|both": the person's own choice, kept by their address and audited. */
export const answerNotify: Answer<'notify'> = async (deps, asker, command) => {
  if (!asker.email) return noEmail();
  if (command.channel !== 'teams' && !deps.emailOn) {
    return notice(
      'info',
      'E-mail is not set up here',
      'Action Tracker has no e-mail relay configured, so reminders and cards come in Teams. Nothing was changed.',
    );
  }
  const { changed, contact } = await setContactChannel(deps, {
    email: asker.email,
    preference: command.channel,
    actor: asker.aadObjectId,
  });
  const where = WHERE[command.channel];
  const refused =
    command.channel !== 'teams' && contact.undeliverableSince
      ? ` A mail server refused ${asker.email} on ${formatUkDate(contact.undeliverableSince.slice(0, 10))}, so until that is fixed e-mail cannot reach you; ask the plan's coordinators.`
      : '';
  const text = changed
    ? `Your reminders and cards will now come ${where}.${refused}`
    : `Your reminders and cards already come ${where}.${refused}`;
  return notice('info', 'Notifications', text);
};
