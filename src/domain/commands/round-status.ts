import type { CommandDeclaration } from './declaration';

export type RoundStatusCommand = { name: 'round-status' };

export const roundStatus: CommandDeclaration<RoundStatusCommand> = {
  name: 'round-status',
  keyword: 'round',
  verbs: ['status', 'progress'],
  bare: true,
  // Of the keyword, so "monitoring round start" starts one too.
  synonyms: ['monitoring', 'monitoring round', 'rounds'],
  usage: 'round status',
  description: 'Who has answered the monitoring round, by agency',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'round-status' }),
  text: () => 'round status',
};
