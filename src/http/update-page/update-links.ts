/** Makes the signed update-page links the e-mail channel puts behind its "Update action 2.1" buttons. */
import type { Action } from '../../domain/action';
import type { Plan } from '../../domain/plan';
import type { Clock } from '../../usecases/ports/index';
import { makeUpdateToken, type UpdatePageKeys, updatePageUrl } from './update-link';

export function updateLinkMaker(options: {
  keys: UpdatePageKeys;
  baseUrl: string;
  clock: Clock;
}): (input: { email: string; plan: Plan; action: Action }) => string {
  return ({ email, plan, action }) => {
    const token = makeUpdateToken(
      options.keys,
      { email, planId: plan.id, actionId: action.id },
      options.clock.now(),
      plan.closedAt ? new Date(plan.closedAt) : undefined,
    );
    return updatePageUrl(options.baseUrl, token);
  };
}
