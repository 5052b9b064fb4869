import { notUnderstood } from './arguments';
import type { CommandDeclaration } from './declaration';

/** Without a round number it asks to confirm; the confirm button sends the number. */
export type RoundCloseCommand = { name: 'round-close'; round?: number };

export const roundClose: CommandDeclaration<RoundCloseCommand> = {
  name: 'round-close',
  keyword: 'round',
  verbs: ['close', 'end', 'finish'],
  synonyms: [],
  usage: 'round close',
  description: 'freeze the round’s snapshot for the report',
  audience: 'coordinators',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => {
    if (args[0] === undefined) return { name: 'round-close' };
    const number = Number(args[0]);
    if (!Number.isInteger(number) || number < 1 || number > 9999) return notUnderstood(text, 'round close');
    return { name: 'round-close', round: number };
  },
  text: (command) => (command.round ? `round close ${command.round}` : 'round close'),
};
