import type { CommandDeclaration } from './declaration';

export type ReportCommand = { name: 'report' };

export const report: CommandDeclaration<ReportCommand> = {
  name: 'report',
  keyword: 'report',
  synonyms: ['progress report', 'scrutiny'],
  usage: 'report',
  description: 'The progress report in quadrants, to open, print or download',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'report' }),
  text: () => 'report',
};
