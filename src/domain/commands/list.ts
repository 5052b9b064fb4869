import { needsArgument, notUnderstood } from './arguments';
import type { CommandDeclaration, NeedsArgument, NotUnderstood } from './declaration';

export type ListFilterKind = 'agency' | 'area' | 'owner' | 'rating';
export type ListCommand = { name: 'list'; filter?: { kind: ListFilterKind; value: string } };

const FILTER_WORDS: Record<string, ListFilterKind> = {
  agency: 'agency',
  organisation: 'agency',
  organization: 'agency',
  area: 'area',
  afi: 'area',
  owner: 'owner',
  rating: 'rating',
  rag: 'rating',
};

function parseList(args: readonly string[], text: string): ListCommand | NeedsArgument | NotUnderstood {
  if (args.length === 0) return { name: 'list' };
  const first = args[0]!.toLowerCase();
  const kind = Object.hasOwn(FILTER_WORDS, first) ? FILTER_WORDS[first] : undefined;
  if (kind) {
    const value = args.slice(1).join(' ').trim();
    if (!value) return needsArgument('list', `list ${kind} <value>`);
    return { name: 'list', filter: { kind, value } };
  }
  // "list red" is plain enough to mean a rating.
  if (args.length === 1 && ['green', 'yellow', 'amber', 'red'].includes(first)) {
    return { name: 'list', filter: { kind: 'rating', value: first } };
  }
  return notUnderstood(text, 'list agency Police');
}

export const list: CommandDeclaration<ListCommand> = {
  name: 'list',
  keyword: 'list',
  synonyms: ['actions', 'all'],
  usage: 'list [agency|area|owner|rating <value>]',
  description: 'All actions, or a filtered list, e.g. list agency Police',
  audience: 'coordinators-and-leads',
  answeredIn: 'personal-chat',
  parse: ({ args, text }) => parseList(args, text),
  text: (command) => (command.filter ? `list ${command.filter.kind} ${command.filter.value}` : 'list'),
};
