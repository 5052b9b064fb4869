import type { Answer } from '../chat-deps';
import { loadMemberships } from '../memberships';

export const answerHelp: Answer<'help'> = async (deps, asker) => ({
  kind: 'help',
  memberships: await loadMemberships(deps.stores, asker.email),
});
