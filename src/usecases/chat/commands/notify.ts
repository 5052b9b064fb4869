import { capitalised, listOf, routeFor } from '../../../domain/contact-channel';
import { namesOf } from '../../delivery/channel';
import { setContactChannel } from '../../people/contact-channels';
import type { Answer } from '../chat-deps';
import { noEmail, notice } from '../reply-helpers';

/**
 * "notify me by email|teams|both": the person's own choice, kept by their address and audited. Every word
 * of the answer comes from the chosen channels themselves (where messages come by them, why one is not set
 * up here, why one cannot reach this person).
 */
export const answerNotify: Answer<'notify'> = async (deps, actor, command) => {
  const email = actor.email;
  if (!email) return noEmail();
  const { channels } = deps;
  const route = routeFor(command.channel, namesOf(channels));
  const chosen = route.take === 'all reachable' ? route.order : route.order.slice(0, 1);
  const off = chosen.filter((name) => channels[name].off);
  if (off.length > 0) {
    const on = namesOf(channels).filter((name) => !channels[name].off);
    return notice(
      'info',
      `${capitalised(listOf(off.map((name) => channels[name].label)))} is not set up here`,
      `${off.map((name) => channels[name].off).join('; ')}, so reminders and cards come ${listOf(on.map((name) => channels[name].where))}. Nothing was changed.`,
    );
  }
  const { changed, contact } = await setContactChannel(deps, {
    email,
    preference: command.channel,
    actor: actor.aadObjectId,
  });
  const where = listOf(chosen.map((name) => channels[name].where));
  const refused = chosen.flatMap((name) => {
    const reach = channels[name].reach({ email, contact });
    return !reach.reachable && reach.reason === 'undeliverable' && reach.detail
      ? [
          ` ${capitalised(reach.detail)}, so until that is fixed ${channels[name].label} cannot reach you; ask the plan's coordinators.`,
        ]
      : [];
  });
  const text = changed
    ? `Your reminders and cards will now come ${where}.${refused.join('')}`
    : `Your reminders and cards already come ${where}.${refused.join('')}`;
  return notice('info', 'Notifications', text);
};
