/**
 * What every chat command declares about itself, in its own module: how it is called, who it is for,
 * where it may be answered, how it reads its arguments and how it is written back. The shapes the
 * declarations share live here, in a module that imports none of them, so the list that gathers the
 * declarations (./command.ts) is the only place that knows them all and no import runs back (type-only
 * imports included).
 */

/** Said with too little to act on ("show" without an id): answered with how to use it. */
export type NeedsArgument = { name: 'needs-argument'; command: string; usage: string };
/** Not a command; `suggestion` is the closest one when it looks like a typo. */
export type NotUnderstood = { name: 'unknown'; text: string; suggestion?: string };

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

/** What a command reads as: its name and its arguments (`{ name: 'show'; actionId: string }`). */
export type CommandShape = { name: string };

/**
 * One command, declared once. `C` is the shape it reads as; the `Command` union is gathered from these
 * (./command.ts), so the shape is written nowhere else. `Also` names the other declared commands its
 * parse may answer with ("status" alone is the summary); ./command.ts checks they are declared.
 */
export interface CommandDeclaration<C extends CommandShape, Also extends CommandShape = never> {
  readonly name: C['name'];
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
  /** Reads the arguments; may answer with another command, or with how to say it. */
  parse(input: ParseInput): C | Also | NeedsArgument | NotUnderstood;
  /** The command written back as text, for buttons that repeat it ("Show more", "Which plan?"). */
  text(command: C): string;
}
