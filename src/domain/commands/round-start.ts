import { type IsoDate, parseUkDate } from '../dates';
import { needsArgument, withoutFillers } from './arguments';
import type { CommandDeclaration } from './declaration';

/** `group`: the monitoring group's name or id, in a plan with groups ("round start council actions"). */
export type RoundStartCommand = { name: 'round-start'; due?: IsoDate; group?: string };

const DATE_WORDS = ['due', 'by', 'until', 'on'];

export const roundStart: CommandDeclaration<RoundStartCommand> = {
  name: 'round-start',
  keyword: 'round',
  verbs: ['start', 'open', 'new'],
  synonyms: [],
  usage: 'round start [group] [due <date>]',
  description: 'ask every owner of an open action for an update by a date',
  audience: 'coordinators',
  answeredIn: 'personal-chat',
  // "round start", "round start due 31/01/2027", "round start by 31 Jan 2027",
  // "round start partnership actions", "round start for council actions due 31/01/2027"
  parse: ({ args }) => {
    const at = args.findIndex((word) => DATE_WORDS.includes(word.toLowerCase()));
    const before = withoutFillers(at === -1 ? args : args.slice(0, at), ['for']);
    const dateWords = at === -1 ? [] : withoutFillers(args.slice(at), [...DATE_WORDS, 'for']);
    if (at === -1 && before.length > 0) {
      // No "due": the words are a date ("round start 31/01/2027") or else a group's name.
      const whole = parseUkDate(before.join(' '));
      if (whole.ok) return { name: 'round-start', due: whole.value };
      return { name: 'round-start', group: before.join(' ') };
    }
    const group = before.length > 0 ? { group: before.join(' ') } : {};
    if (dateWords.length === 0) return { name: 'round-start', ...group };
    const parsed = parseUkDate(dateWords.join(' '));
    if (!parsed.ok) return needsArgument('round start', 'round start due 31/01/2027');
    return { name: 'round-start', ...group, due: parsed.value };
  },
  text: (command) =>
    ['round start', command.group, command.due ? `due ${command.due}` : undefined].filter(Boolean).join(' '),
};
