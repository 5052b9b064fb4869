import type { CommandDeclaration } from './declaration';

export type OwnersCommand = { name: 'owners' };

export const owners: CommandDeclaration<OwnersCommand> = {
  name: 'owners',
  keyword: 'owners',
  synonyms: ['reachable', 'people'],
  usage: 'owners',
  description: 'Which owners can be reached in Teams',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'owners' }),
  text: () => 'owners',
};
