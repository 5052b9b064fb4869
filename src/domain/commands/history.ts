import { actionIdCommand } from './arguments';
import type { CommandDeclaration } from './declaration';

export type HistoryCommand = { name: 'history'; actionId: string };

export const history: CommandDeclaration<HistoryCommand> = {
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
