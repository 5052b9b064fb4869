/** What the round commands (start, status, close) and the report share: the actor and the error words. */
import { ConflictError, NotAuthorisedError, ValidationError } from '../../../domain/errors';
import type { RoundActor } from '../../rounds/monitoring-rounds';
import type { KnownChatActor } from '../../shared/actor';
import type { Reply } from '../replies';
import { capitalise, notice } from '../reply-helpers';

export function actorOf(actor: KnownChatActor): RoundActor {
  return { name: actor.name, aadObjectId: actor.aadObjectId, email: actor.email };
}

/** The round use cases' refusals in chat words. */
export async function answeringRoundErrors(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationError) {
      return notice(
        'info',
        'That round cannot start yet',
        capitalise(`${error.issues[0]?.reason ?? error.message}.`),
        ['round status'],
      );
    }
    if (error instanceof NotAuthorisedError)
      return notice('refusal', 'That is for coordinators', error.message);
    if (error instanceof ConflictError) {
      return notice(
        'warning',
        'Someone else has just changed the round',
        'Say "round status" to see where it stands.',
        ['round status'],
      );
    }
    throw error;
  }
}

export function noRoundYet(mayStart: boolean): Reply {
  return notice(
    'info',
    'No monitoring round yet',
    mayStart
      ? 'Say "round start" to ask every owner of an open action for an update, or "round start due 31/01/2027" to set the response date.'
      : 'A coordinator starts a round when monitoring is due.',
    mayStart ? ['round start'] : ['summary'],
  );
}

export function onlyCoordinatorsClose(): Reply {
  return notice('refusal', 'Only coordinators close rounds', "Closing a round freezes the plan's snapshot.");
}

export function alreadyClosed(number: number): Reply {
  return notice('info', 'No round is open', `Round ${number} is already closed.`, ['report']);
}
