import { type IsoDate, parseUkDate } from '../dates';
import { needsArgument, withoutFillers } from './arguments';
import type { CommandDefinition } from './command';

export type RoundStartCommand = { name: 'round-start'; due?: IsoDate };

export const roundStart: CommandDefinition<'round-start'> = {
  name: 'round-start',
  keyword: 'round',
  verbs: ['start', 'open', 'new'],
  synonyms: [],
  usage: 'round start [due <date>]',
  description: 'ask every owner of an open action for an update by a date',
  audience: 'coordinators',
  answeredIn: 'personal-chat',
  // "round start", "round start due 31/01/2027", "round start by 31 Jan 2027"
  parse: ({ args }) => {
    const words = withoutFillers(args, ['due', 'by', 'until', 'on', 'for']);
    if (words.length === 0) return { name: 'round-start' };
    const parsed = parseUkDate(words.join(' '));
    if (!parsed.ok) return needsArgument('round start', 'round start due 31/01/2027');
    return { name: 'round-start', due: parsed.value };
  },
  text: (command) => (command.due ? `round start due ${command.due}` : 'round start'),
};
