import type { Answer } from '../chat-deps';
import { loadMemberships } from '../memberships';

export const answerHelp: Answer<'help'> = async (deps, actor) => ({
  kind: 'help',
  memberships: await loadMemberships(deps.stores, actor.email),
});
