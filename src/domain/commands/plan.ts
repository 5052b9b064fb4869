import type { CommandDeclaration } from './declaration';

export type PlanCommand = { name: 'plan'; planId?: string };

export const plan: CommandDeclaration<PlanCommand> = {
  name: 'plan',
  keyword: 'plan',
  synonyms: ['plans', 'use', 'switch'],
  usage: 'plan [id]',
  description: 'Choose the plan you are working on',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: ({ args }) => (args[0] ? { name: 'plan', planId: args[0].toLowerCase() } : { name: 'plan' }),
  text: (command) => (command.planId ? `plan ${command.planId}` : 'plan'),
};
