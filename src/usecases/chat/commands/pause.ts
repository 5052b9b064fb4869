import type { IsoDate } from '../../../domain/dates';
import { ValidationError } from '../../../domain/errors';
import { pauseReminders } from '../../reminders/snooze';
import type { Asker } from '../../shared/asker';
import type { Answer, ChatDeps } from '../chat-deps';
import type { Reply } from '../replies';
import { notice } from '../reply-helpers';

/** Pausing and resuming both set (or clear) the one date the asker's reminders wait for. */
export async function pauseOrResume(
  deps: ChatDeps,
  asker: Asker,
  until: IsoDate | undefined,
): Promise<Reply> {
  try {
    const message = await pauseReminders(deps, asker, until);
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

export const answerPause: Answer<'pause'> = (deps, asker, command) =>
  pauseOrResume(deps, asker, command.until);
