import { notUnderstood, withoutFillers } from './arguments';
import type { CommandDeclaration } from './declaration';

export type DueCommand = { name: 'due'; days: number };

export const DEFAULT_DUE_DAYS = 14;
export const MAX_DUE_DAYS = 366;

export const due: CommandDeclaration<DueCommand> = {
  name: 'due',
  keyword: 'due',
  synonyms: ['due soon', 'upcoming'],
  usage: 'due [days]',
  description: `Open actions due soon (default ${DEFAULT_DUE_DAYS} days)`,
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  // "due", "due 30", "due in the next 7 days"
  parse: ({ args, text }) => {
    const words = withoutFillers(args, ['in', 'within', 'next', 'the', 'days', 'day']);
    if (words.length === 0) return { name: 'due', days: DEFAULT_DUE_DAYS };
    const days = Number(words[0]);
    if (!Number.isInteger(days) || days < 0 || days > MAX_DUE_DAYS) return notUnderstood(text, 'due 14');
    return { name: 'due', days };
  },
  text: (command) => `due ${command.days}`,
};
