import { actionIdCommand } from './arguments';
import type { CommandDeclaration } from './declaration';
import type { SummaryCommand } from './summary';

export type ShowCommand = { name: 'show'; actionId: string };

export const show: CommandDeclaration<ShowCommand, SummaryCommand> = {
  name: 'show',
  keyword: 'show',
  synonyms: ['status', 'action', 'view', 'open', 'detail', 'details'],
  usage: 'show <id>',
  description: 'One action in full, e.g. show 2.3',
  audience: 'owners',
  answeredIn: 'personal-chat',
  // "status" on its own means the plan's status.
  parse: ({ args, text, typed }) =>
    args.length === 0 && typed === 'status' ? { name: 'summary' } : actionIdCommand('show', args, text),
  text: (command) => `show ${command.actionId}`,
};
