/**
 * Every chat command, in the order the help card lists them. Keyed by name, so a command added to the
 * `Command` union without a module here (or a module without its place in the union) fails to compile.
 */
import type { Command, CommandDefinition, CommandName, ConversationKind } from './command';
import { digest } from './digest';
import { due } from './due';
import { help } from './help';
import { history } from './history';
import { list } from './list';
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

export const COMMAND_DEFINITIONS: { readonly [N in CommandName]: CommandDefinition<N> } = {
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
  digest,
  report,
  'round-start': roundStart,
  'round-status': roundStatus,
  'round-close': roundClose,
  moderate,
  plan,
};

/** Any one command's definition. */
export type AnyCommandDefinition = (typeof COMMAND_DEFINITIONS)[CommandName];

export const COMMANDS: readonly AnyCommandDefinition[] = Object.values(COMMAND_DEFINITIONS);

/** The commands sharing each keyword ("round": start, status, close), in registry order. */
export const BY_KEYWORD: ReadonlyMap<string, readonly AnyCommandDefinition[]> = (() => {
  const byKeyword = new Map<string, AnyCommandDefinition[]>();
  for (const definition of COMMANDS) {
    byKeyword.set(definition.keyword, [...(byKeyword.get(definition.keyword) ?? []), definition]);
  }
  return byKeyword;
})();

/** What people type first, each once: the words a typo is compared with. */
export const KEYWORDS: readonly string[] = [...BY_KEYWORD.keys()];

/** Synonym (one word or two) → keyword. */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  COMMANDS.flatMap((definition) =>
    definition.synonyms.map((synonym) => [synonym, definition.keyword] as const),
  ),
);

/**
 * Whether a command may be answered in this kind of conversation. In a group chat or channel everyone
 * present reads the answer, so only what names nobody (summary, help) is answered there; not being
 * understood is answered anywhere, with help.
 */
export function mayAnswerIn(name: Command['name'], conversation: ConversationKind): boolean {
  if (name === 'needs-argument' || name === 'unknown') return true;
  return conversation === 'personal' || COMMAND_DEFINITIONS[name].answeredIn === 'any-conversation';
}
