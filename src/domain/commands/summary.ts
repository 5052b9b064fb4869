import type { CommandDeclaration } from './declaration';

export type SummaryCommand = { name: 'summary' };

export const summary: CommandDeclaration<SummaryCommand> = {
  name: 'summary',
  keyword: 'summary',
  synonyms: ['stats', 'overview', 'dashboard'],
  usage: 'summary',
  description: 'Counts by rating and status, overdue, due soon, no recent update',
  audience: 'coordinators-and-leads',
  // Counts only: no names, notes or addresses, so a group chat or channel may see it.
  answeredIn: 'any-conversation',
  parse: () => ({ name: 'summary' }),
  text: () => 'summary',
};
