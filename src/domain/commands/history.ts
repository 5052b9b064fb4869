import { actionIdCommand } from './arguments';
import type { CommandDefinition } from './command';

export type HistoryCommand = { name: 'history'; actionId: string };

export const history: CommandDefinition<'history'> = {
  name: 'history',
  keyword: 'history',
  synonyms: ['audit', 'log'],
  usage: 'history <id>',
  description: "An action's updates, newest first",
  audience: 'owners',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => actionIdCommand('history', args, text),
  text: (command) => `history ${command.actionId}`,
};
