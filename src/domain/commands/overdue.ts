import type { CommandDefinition } from './command';

export type OverdueCommand = { name: 'overdue' };

export const overdue: CommandDefinition<'overdue'> = {
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
