import type { CommandDefinition } from './command';

export type OwnersCommand = { name: 'owners' };

export const owners: CommandDefinition<'owners'> = {
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
