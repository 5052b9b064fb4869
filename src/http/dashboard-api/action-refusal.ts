/**
 * How the tab's action routes (the update form, the date decision) answer a press that the use case
 * refused before reading the form: one answer for both, so the two forms cannot drift apart on who hears
 * what. Someone who may not see the action hears what they would for one that does not exist.
 */
import { describeDenial } from '../../domain/access-words';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { CardActionOutcome } from '../../usecases/updates/handle-card-action';

export type ActionRefusal = Extract<CardActionOutcome, { kind: 'forbidden' | 'not-found' | 'incomplete' }>;

export function refusedOnAction(
  outcome: ActionRefusal,
  actionId: string,
): { status: 403; body: { ok: false; error: string } } {
  switch (outcome.kind) {
    case 'forbidden':
      if (!outcome.view) throw new NotFoundError(`Action ${actionId}`);
      return {
        status: 403,
        body: { ok: false, error: describeDenial(outcome.reason, outcome.intent, outcome.view.action).text },
      };
    case 'not-found':
      throw new NotFoundError(`Action ${actionId}`);
    case 'incomplete':
      throw new ValidationError([{ field: 'actionId', reason: 'must name an action' }]);
  }
}
