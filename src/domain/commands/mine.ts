import type { CommandDeclaration } from './declaration';

export type MineCommand = { name: 'mine' };

export const mine: CommandDeclaration<MineCommand> = {
  name: 'mine',
  keyword: 'mine',
  synonyms: ['my', 'my actions', 'me'],
  usage: 'mine',
  description: 'Your open actions, most urgent first',
  audience: 'owners',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'mine' }),
  text: () => 'mine',
};
