import { describeDenial } from '../../../domain/access-words';
import { AccessDeniedError } from '../../access/access';
import { isModerationCardView, moderationCardView } from '../../moderation/moderation-card-view';
import type { Answer } from '../chat-deps';
import { notice } from '../reply-helpers';
import { withWholePlan } from './whole-plan';

/** The moderator's card for one action, or for the first proposal awaiting agreement. */
export const answerModerate: Answer<'moderate'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, async (plan, person) => {
    try {
      const drawn = await moderationCardView(
        deps.stores,
        { email: person.email, aadObjectId: person.aadObjectId },
        plan.id,
        deps.clock.now(),
        command.actionId,
      );
      if (isModerationCardView(drawn)) return { kind: 'moderation-card', view: drawn };
      return drawn.kind === 'nothing-awaiting'
        ? notice(
            'info',
            'Nothing awaits agreement',
            `Every proposed rating in ${plan.title} has been agreed.`,
          )
        : notice(
            'info',
            `I can't find action ${command.actionId}`,
            'Say "moderate" for the next one awaiting agreement.',
          );
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      const refusal = describeDenial(error.reason, error.intent);
      return notice('refusal', refusal.title, refusal.text);
    }
  });
