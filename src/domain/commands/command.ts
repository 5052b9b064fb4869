/**
 * What a chat command is: the parsed shape (`Command`), and what each command module declares about
 * itself — how it is typed, who it is for, where it may be answered, how it reads its arguments and how
 * it is written back. The parser, the typo suggestions, the help card and the README check all come
 * from these declarations (see ./registry.ts), so a command is described in one place.
 */
import type { DigestCommand } from './digest';
import type { DueCommand } from './due';
import type { HelpCommand } from './help';
import type { HistoryCommand } from './history';
import type { ListCommand } from './list';
import type { MineCommand } from './mine';
import type { ModerateCommand } from './moderate';
import type { NotifyCommand } from './notify';
import type { OverdueCommand } from './overdue';
import type { OwnersCommand } from './owners';
import type { PauseCommand } from './pause';
import type { PlanCommand } from './plan';
import type { ReportCommand } from './report';
import type { ResumeCommand } from './resume';
import type { RoundCloseCommand } from './round-close';
import type { RoundStartCommand } from './round-start';
import type { RoundStatusCommand } from './round-status';
import type { ShowCommand } from './show';
import type { SnoozeCommand } from './snooze';
import type { SummaryCommand } from './summary';
import type { UpdateCommand } from './update';

/** Said with too little to act on ("show" without an id): answered with how to use it. */
export type NeedsArgument = { name: 'needs-argument'; command: string; usage: string };
/** Not a command; `suggestion` is the closest one when it looks like a typo. */
export type NotUnderstood = { name: 'unknown'; text: string; suggestion?: string };

export type Command =
  | HelpCommand
  | MineCommand
  | ShowCommand
  | UpdateCommand
  | HistoryCommand
  | SnoozeCommand
  | PauseCommand
  | ResumeCommand
  | NotifyCommand
  | SummaryCommand
  | OverdueCommand
  | DueCommand
  | ListCommand
  | OwnersCommand
  | DigestCommand
  | ReportCommand
  | RoundStartCommand
  | RoundStatusCommand
  | RoundCloseCommand
  | ModerateCommand
  | PlanCommand
  | NeedsArgument
  | NotUnderstood;

/** The commands people can give (not the two ways of not being understood). */
export type CommandName = Exclude<Command['name'], NeedsArgument['name'] | NotUnderstood['name']>;
export type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

/** Who a command is for: it decides where the help card and the README list it. */
export type Audience = 'owners' | 'coordinators-and-leads' | 'coordinators' | 'everyone';
export const AUDIENCES: readonly Audience[] = [
  'owners',
  'coordinators-and-leads',
  'coordinators',
  'everyone',
];
/** As the README's "Who" column says it. */
export const AUDIENCE_LABEL: Record<Audience, string> = {
  owners: 'Owners',
  'coordinators-and-leads': 'Coordinators and leads',
  coordinators: 'Coordinators',
  everyone: 'Everyone',
};

/** A one-to-one chat with the bot, or a group chat or channel where everyone present reads the answer. */
export type ConversationKind = 'personal' | 'shared';
/**
 * Where a command may be answered: only in personal chat, or also where others read it (aggregate
 * figures and help, never names, notes or addresses).
 */
export type AnsweredIn = 'personal-chat' | 'any-conversation';

export interface ParseInput {
  /** The words after the command's own words, as typed. */
  args: string[];
  /** The whole message, cleaned: what "unknown" repeats. */
  text: string;
  /** The first word as typed, lower case ("status" for show). */
  typed: string;
}

export interface CommandDefinition<N extends CommandName> {
  readonly name: N;
  /**
   * How it is called: a word ("summary"), or a word and a verb ("round start"). Commands sharing a
   * keyword each name their verbs; `bare` marks the one the keyword alone means ("round").
   */
  readonly keyword: string;
  readonly verbs?: readonly string[];
  readonly bare?: boolean;
  /** Other words or two-word phrases for the keyword ("my actions" for mine). */
  readonly synonyms: readonly string[];
  /** As the help card and the README show it: `snooze <id> [3 days|1 week]`. */
  readonly usage: string;
  /** One line for the help card. */
  readonly description: string;
  readonly audience: Audience;
  readonly answeredIn: AnsweredIn;
  /** Reads the arguments; may answer with another command ("status" alone is the summary). */
  parse(input: ParseInput): Command;
  /** The command written back as text, for buttons that repeat it ("Show more", "Which plan?"). */
  text(command: CommandOf<N>): string;
}
