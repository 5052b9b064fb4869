import type { CommandDeclaration } from './declaration';

export type HelpCommand = { name: 'help' };

export const help: CommandDeclaration<HelpCommand> = {
  name: 'help',
  keyword: 'help',
  synonyms: ['hi', 'hello', 'start', 'commands', '?'],
  usage: 'help',
  description: 'What you can say, for your roles',
  audience: 'everyone',
  answeredIn: 'any-conversation',
  parse: () => ({ name: 'help' }),
  text: () => 'help',
};
