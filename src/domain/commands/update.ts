import { actionIdCommand } from './arguments';
import type { CommandDeclaration } from './declaration';

export type UpdateCommand = { name: 'update'; actionId: string };

export const update: CommandDeclaration<UpdateCommand> = {
  name: 'update',
  keyword: 'update',
  synonyms: ['edit'],
  usage: 'update <id>',
  description: 'Update one of your actions',
  audience: 'owners',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => actionIdCommand('update', args, text),
  text: (command) => `update ${command.actionId}`,
};
