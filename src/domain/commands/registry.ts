/**
 * The lookups the parser, the help card and the conversation check make, built from the one list of
 * declarations (./command.ts).
 */
import { type AnyCommandDeclaration, COMMAND_DECLARATIONS, type Command, type CommandName } from './command';
import type { ConversationKind } from './declaration';

export type { AnyCommandDeclaration } from './command';

/** Every command's declaration, in the order the help card lists them. */
export const COMMANDS: readonly AnyCommandDeclaration[] = COMMAND_DECLARATIONS;

/** The declaration of the command named `N`. */
export type DeclarationOf<N extends CommandName> = Extract<AnyCommandDeclaration, { name: N }>;

// A map, not a plain object: "constructor" typed in chat must find nothing.
const BY_NAME: ReadonlyMap<CommandName, AnyCommandDeclaration> = new Map(COMMANDS.map((d) => [d.name, d]));

export function declarationOf<N extends CommandName>(name: N): DeclarationOf<N> {
  // Every name of the union is read off a declaration in the list, so the lookup always finds one;
  // TypeScript cannot follow a name through the map to its own declaration, hence the cast.
  return BY_NAME.get(name) as DeclarationOf<N>;
}

/** The commands sharing each keyword ("round": start, status, close), in list order. */
export const BY_KEYWORD: ReadonlyMap<string, readonly AnyCommandDeclaration[]> = (() => {
  const byKeyword = new Map<string, AnyCommandDeclaration[]>();
  for (const declaration of COMMANDS) {
    byKeyword.set(declaration.keyword, [...(byKeyword.get(declaration.keyword) ?? []), declaration]);
  }
  return byKeyword;
})();

/** What people type first, each once: the words a typo is compared with. */
export const KEYWORDS: readonly string[] = [...BY_KEYWORD.keys()];

/** Synonym (one word or two) → keyword. */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  COMMANDS.flatMap((declaration) =>
    declaration.synonyms.map((synonym) => [synonym, declaration.keyword] as const),
  ),
);

/**
 * Whether a command may be answered in this kind of conversation. In a group chat or channel everyone
 * present reads the answer, so only what names nobody (summary, help) is answered there; not being
 * understood is answered anywhere, with help.
 */
export function mayAnswerIn(name: Command['name'], conversation: ConversationKind): boolean {
  if (name === 'needs-argument' || name === 'unknown') return true;
  return conversation === 'personal' || declarationOf(name).answeredIn === 'any-conversation';
}
