/**
 * Makes the update-page links the e-mail channel puts behind its "Update action 2.1" buttons, each
 * carrying the person's current link version (one point read), so a coordinator's revocation withdraws
 * every link made before it and none made after. Each mail makes a fresh link, so a round's chase carries
 * one that lives from the chase, not from the request (domain/link-lifetime.ts says how long).
 */
import type { Action } from '../../domain/action';
import type { IsoDate } from '../../domain/dates';
import { linkExpiry } from '../../domain/link-lifetime';
import type { Plan } from '../../domain/plan';
import type { ContactStore } from '../../usecases/ports/contacts';
import type { Clock } from '../../usecases/ports/index';
import { makeUpdateToken, type UpdatePageKeys, updatePageUrl } from './update-link';

export interface UpdateLinkInput {
  email: string;
  plan: Plan;
  action: Action;
  /** The round's response date, when the mail asks for a round's update: the link lives at least until it ends. */
  respondBy?: IsoDate;
}

export function updateLinkMaker(options: {
  keys: UpdatePageKeys;
  baseUrl: string;
  clock: Clock;
  contacts: Pick<ContactStore, 'linkState'>;
}): (input: UpdateLinkInput) => Promise<string> {
  return async ({ email, plan, action, respondBy }) => {
    const { version } = await options.contacts.linkState(email);
    const now = options.clock.now();
    const token = makeUpdateToken(
      options.keys,
      { email, planId: plan.id, actionId: action.id, linkVersion: version },
      now,
      linkExpiry({
        made: now,
        timeZone: plan.timeZone,
        ...(respondBy ? { respondBy } : {}),
        ...(action.currentDueDate ? { dueDate: action.currentDueDate } : {}),
        ...(plan.closedAt ? { closedAt: new Date(plan.closedAt) } : {}),
      }),
    );
    return updatePageUrl(options.baseUrl, token);
  };
}
