import type { CommandDeclaration } from './declaration';

export type OverdueCommand = { name: 'overdue' };

export const overdue: CommandDeclaration<OverdueCommand> = {
  name: 'overdue',
  keyword: 'overdue',
  synonyms: ['late'],
  usage: 'overdue',
  description: 'Open actions past their due date',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'overdue' }),
  text: () => 'overdue',
};
