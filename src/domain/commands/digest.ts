import type { CommandDeclaration } from './declaration';

export type DigestCommand = { name: 'digest' };

export const digest: CommandDeclaration<DigestCommand> = {
  name: 'digest',
  keyword: 'digest',
  synonyms: ['weekly'],
  usage: 'digest',
  description: 'A preview of this week’s digest for leads',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'digest' }),
  text: () => 'digest',
};
