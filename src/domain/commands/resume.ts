import type { CommandDeclaration } from './declaration';

export type ResumeCommand = { name: 'resume' };

export const resume: CommandDeclaration<ResumeCommand> = {
  name: 'resume',
  keyword: 'resume',
  synonyms: ['unpause'],
  usage: 'resume',
  description: 'Reminders back on after a pause',
  audience: 'owners',
  answeredIn: 'personal-chat',
  parse: () => ({ name: 'resume' }),
  text: () => 'resume',
};
