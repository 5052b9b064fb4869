import type { IsoDate } from '../../../domain/dates';
import { ValidationError } from '../../../domain/errors';
import { pauseReminders } from '../../reminders/snooze';
import type { ChatActor } from '../../shared/actor';
import type { Answer, ChatDeps } from '../chat-deps';
import type { Reply } from '../replies';
import { notice } from '../reply-helpers';

/** Pausing and resuming both set (or clear) the one date the actor's reminders wait for. */
export async function pauseOrResume(
  deps: ChatDeps,
  actor: ChatActor,
  until: IsoDate | undefined,
): Promise<Reply> {
  try {
    const message = await pauseReminders(deps, actor, until);
    return notice('info', until ? 'Reminders paused' : 'Reminders resumed', message);
  } catch (error) {
    if (error instanceof ValidationError) {
      return notice(
        'info',
        'That date will not work',
        `The date ${error.issues[0]?.reason ?? 'is not valid'}.`,
      );
    }
    throw error;
  }
}

export const answerPause: Answer<'pause'> = (deps, actor, command) =>
  pauseOrResume(deps, actor, command.until);
