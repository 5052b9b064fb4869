/**
 * Makes the update-page links the e-mail channel puts behind its "Update action 2.1" buttons, each
 * carrying the person's current link version (one point read), so a coordinator's revocation withdraws
 * every link made before it and none made after.
 */
import type { Action } from '../../domain/action';
import type { Plan } from '../../domain/plan';
import type { ContactStore } from '../../usecases/ports/contacts';
import type { Clock } from '../../usecases/ports/index';
import { makeUpdateToken, type UpdatePageKeys, updatePageUrl } from './update-link';

export function updateLinkMaker(options: {
  keys: UpdatePageKeys;
  baseUrl: string;
  clock: Clock;
  contacts: Pick<ContactStore, 'linkState'>;
}): (input: { email: string; plan: Plan; action: Action }) => Promise<string> {
  return async ({ email, plan, action }) => {
    const { version } = await options.contacts.linkState(email);
    const token = makeUpdateToken(
      options.keys,
      { email, planId: plan.id, actionId: action.id, linkVersion: version },
      options.clock.now(),
      plan.closedAt ? new Date(plan.closedAt) : undefined,
    );
    return updatePageUrl(options.baseUrl, token);
  };
}
