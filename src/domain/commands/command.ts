/**
 * What a chat command is: the list of declarations, and the `Command` union read off them. Each command
 * is declared once, in its own module (./show.ts, ./round-start.ts, …: words, usage, audience, where it
 * may be answered, parse); the parser, the typo suggestions, the help card and the README check come from
 * this list (see ./registry.ts). Adding a command is its module, one line here, and its answer
 * (src/usecases/chat/commands/registry.ts, which does not compile without it).
 */
import type { CommandDeclaration, NeedsArgument, NotUnderstood } from './declaration';
import { digest } from './digest';
import { due } from './due';
import { help } from './help';
import { history } from './history';
import { list } from './list';
import { measures } from './measures';
import { mine } from './mine';
import { moderate } from './moderate';
import { notify } from './notify';
import { overdue } from './overdue';
import { owners } from './owners';
import { pause } from './pause';
import { plan } from './plan';
import { report } from './report';
import { resume } from './resume';
import { roundClose } from './round-close';
import { roundStart } from './round-start';
import { roundStatus } from './round-status';
import { show } from './show';
import { snooze } from './snooze';
import { summary } from './summary';
import { update } from './update';

export {
  type AnsweredIn,
  AUDIENCE_LABEL,
  AUDIENCES,
  type Audience,
  type ConversationKind,
  type NeedsArgument,
  type NotUnderstood,
  type ParseInput,
} from './declaration';

/** Every chat command, in the order the help card lists them. */
export const COMMAND_DECLARATIONS = [
  help,
  mine,
  show,
  update,
  history,
  snooze,
  pause,
  resume,
  notify,
  summary,
  overdue,
  due,
  list,
  owners,
  measures,
  digest,
  report,
  roundStart,
  roundStatus,
  roundClose,
  moderate,
  plan,
] as const;

/** Any one command's declaration. */
export type AnyCommandDeclaration = (typeof COMMAND_DECLARATIONS)[number];

/** The shape a declaration reads as (`ShowCommand` for `show`). */
export type ShapeOf<D> = D extends CommandDeclaration<infer C, infer _Also> ? C : never;

/** Everything a message can read as: a declared command, or one of the two ways of not being understood. */
export type Command = ShapeOf<AnyCommandDeclaration> | NeedsArgument | NotUnderstood;

/** The commands people can give (not the two ways of not being understood). */
export type CommandName = ShapeOf<AnyCommandDeclaration>['name'];
export type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

/**
 * A parse may answer with another command ("status" alone is the summary), but only with one declared
 * here, in its declared shape: this fails to compile otherwise.
 */
type OnlyDeclared<Undeclared extends never> = Undeclared;
export type EveryParseReadsAsACommand = OnlyDeclared<
  Exclude<ReturnType<AnyCommandDeclaration['parse']>, Command>
>;
