import type { CommandDefinition } from './command';

export type MineCommand = { name: 'mine' };

export const mine: CommandDefinition<'mine'> = {
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
