import { type IsoDate, parseUkDate } from '../dates';
import { needsArgument, withoutFillers } from './arguments';
import type { CommandDeclaration } from './declaration';

export type PauseCommand = { name: 'pause'; until: IsoDate };

export const pause: CommandDeclaration<PauseCommand> = {
  name: 'pause',
  keyword: 'pause',
  synonyms: [],
  usage: 'pause until <date>',
  description: 'No reminders at all until then (leave); resume undoes it',
  audience: 'owners',
  answeredIn: 'personal-chat',
  // "pause until 31/03/2025", "pause reminders until 31 Mar 2025"
  parse: ({ args }) => {
    const parsed = parseUkDate(
      withoutFillers(args, ['reminders', 'nudges', 'until', 'till', 'to']).join(' '),
    );
    if (!parsed.ok) return needsArgument('pause', 'pause until 31/03/2025');
    return { name: 'pause', until: parsed.value };
  },
  text: (command) => `pause until ${command.until}`,
};
