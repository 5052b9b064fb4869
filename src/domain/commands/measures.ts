import type { CommandDeclaration } from './declaration';

export type MeasuresCommand = { name: 'measures' };

export const measures: CommandDeclaration<MeasuresCommand> = {
  name: 'measures',
  keyword: 'measures',
  synonyms: ['measure', 'impact', 'indicators'],
  usage: 'measures',
  description: "The plan's impact measures: baseline, latest, target and whether on track",
  audience: 'coordinators-and-leads',
  // Names who reports a missing value, so it stays in the personal chat.
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'measures' }),
  text: () => 'measures',
};
