import type { ChannelPreference } from '../contact-channel';
import { needsArgument, withoutFillers } from './arguments';
import type { CommandDeclaration } from './declaration';

/** The channels a person may choose; "auto" (the default) is what a coordinator can set back. */
export type ChosenChannel = Exclude<ChannelPreference, 'auto'>;

export type NotifyCommand = { name: 'notify'; channel: ChosenChannel };

const CHANNEL_WORDS: ReadonlyMap<string, ChosenChannel> = new Map([
  ['email', 'email'],
  ['e-mail', 'email'],
  ['mail', 'email'],
  ['teams', 'teams'],
  ['chat', 'teams'],
  ['both', 'both'],
]);

export const notify: CommandDeclaration<NotifyCommand> = {
  name: 'notify',
  keyword: 'notify',
  synonyms: [],
  usage: 'notify me by email|teams|both',
  description: 'Where your reminders and cards go: e-mail, Teams, or both',
  audience: 'everyone',
  answeredIn: 'personal-chat',
  // "notify me by email", "notify me via e-mail", "notify by both"
  parse: ({ args }) => {
    const words = withoutFillers(args, ['me', 'by', 'via', 'on', 'in', 'with', 'through']);
    const channel = words.length === 1 ? CHANNEL_WORDS.get(words[0]!.toLowerCase()) : undefined;
    if (!channel)
      return needsArgument('notify', 'notify me by email, notify me by teams or notify me by both');
    return { name: 'notify', channel };
  },
  text: (command) => `notify me by ${command.channel}`,
};
