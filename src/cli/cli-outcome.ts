/**
 * The command line's side of the use cases' typed outcomes, in one place: who the CLI acts as, and each
 * refusal as the named error its reporter (index.ts) turns into words and an exit code.
 */
import { describeDenial } from '../domain/access-words';
import { ConflictError, NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import { type Actor, operatorActor } from '../usecases/shared/actor';
import type { AdminOutcome } from '../usecases/shared/admin-outcome';

/**
 * Whoever runs the CLI holds the storage account's keys already, so it acts on any plan as the operator,
 * with no role in it, through the same checks as the dashboard; `name` is who is at the keyboard (the
 * audit trail's actor).
 */
export const operator = (name: string): Actor => operatorActor(name);

/** An outcome as the CLI's exit codes: refusals become the named errors its reporter maps. */
export function settled<T>(outcome: AdminOutcome<T>): T {
  switch (outcome.kind) {
    case 'saved':
      return outcome.value;
    case 'invalid':
      throw new ValidationError(outcome.issues);
    case 'stale':
      throw new ConflictError(`The plan (saved since by ${outcome.changedBy ?? 'someone'})`);
    case 'not-found':
      throw new NotFoundError(outcome.what);
    case 'forbidden':
      throw new NotAuthorisedError(describeDenial(outcome.reason, 'administer').text);
  }
}
