/**
 * The chat command language. Reads what people type into a command. Forgiving on purpose: people write
 * from phones, in a hurry, in their own words ("status 2.3", "Show action 2.3", "my actions", "due in
 * 14 days"). The commands themselves — their words, synonyms and arguments — are declared one module
 * each in ./commands; this file only finds which one was meant.
 * Pure: no SDK, so it is tested on its own.
 */
import { ACTION_ID, needsArgument, notUnderstood } from './commands/arguments';
import type { Command } from './commands/command';
import type { NeedsArgument, NotUnderstood } from './commands/declaration';
import {
  type AnyCommandDeclaration,
  BY_KEYWORD,
  declarationOf,
  KEYWORDS,
  SYNONYMS,
} from './commands/registry';

export type { Command, CommandName } from './commands/command';
export type { ConversationKind } from './commands/declaration';
export { DEFAULT_DUE_DAYS, MAX_DUE_DAYS } from './commands/due';
export type { ListFilterKind } from './commands/list';
export { mayAnswerIn } from './commands/registry';

/** Removes Teams' "<at>Bot</at>" mention markup and surrounding noise. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// "constructor" typed in chat must find nothing: maps, not plain objects.
function synonymOf(words: string): string | undefined {
  return SYNONYMS.get(words);
}

export function parseCommand(raw: string): Command {
  const text = cleanText(raw);
  const words = text.split(' ').filter((w) => w !== '');
  if (words.length === 0) return { name: 'help' };
  const lower = words.map((w) => w.toLowerCase().replace(/[!.,?]+$/, '') || w.toLowerCase());

  // A bare action number ("2.3") is a request to see it.
  if (words.length === 1 && /\d/.test(words[0]!) && ACTION_ID.test(words[0]!)) {
    return { name: 'show', actionId: words[0]! };
  }

  let keyword = lower[0]!;
  let args = words.slice(1);
  const twoWordSynonym = synonymOf(`${lower[0]} ${lower[1] ?? ''}`);
  if (twoWordSynonym) {
    keyword = twoWordSynonym;
    args = words.slice(2);
  } else keyword = synonymOf(keyword) ?? keyword;
  // "show action 2.3", "history of 2.3", "update action 1.1"
  if (args[0] && ['action', 'of', 'for'].includes(args[0].toLowerCase())) args = args.slice(1);

  const family = BY_KEYWORD.get(keyword);
  if (!family) return notUnderstoodWithSuggestion(text, keyword, words.slice(1));
  const typed = lower[0]!;
  if (family.length === 1 && !family[0]!.verbs) return family[0]!.parse({ args, text, typed });
  // A keyword with verbs ("round start", "round close 3"); the keyword alone means the bare one.
  const verb = args[0]?.toLowerCase();
  const chosen =
    verb === undefined ? family.find((d) => d.bare) : family.find((d) => d.verbs?.includes(verb));
  if (!chosen) return needsArgument(keyword, usageOfFamily(family));
  return chosen.parse({ args: args.slice(1), text, typed });
}

/** "round start [due <date>], round status or round close" */
function usageOfFamily(family: readonly AnyCommandDeclaration[]): string {
  const usages = family.map((d) => d.usage);
  return usages.length === 1 ? usages[0]! : `${usages.slice(0, -1).join(', ')} or ${usages.at(-1)}`;
}

/**
 * A typo of a command's word is answered with the closest command, and with the rest of what was
 * typed when that makes a whole command ("snoze 2.3" → "snooze 2.3"), so the button does it at once.
 */
function notUnderstoodWithSuggestion(text: string, word: string, rest: readonly string[]): Command {
  const { suggestion } = suggest(word);
  if (!suggestion) return notUnderstood(text);
  if (rest.length > 0) {
    const whole = `${suggestion} ${rest.join(' ')}`;
    const reading = parseCommand(whole);
    // Only when the rest means something to the command: "digst please" is just "digest".
    const used =
      reading.name !== 'unknown' && reading.name !== 'needs-argument' && commandText(reading) !== suggestion;
    if (used) return notUnderstood(text, whole);
  }
  return notUnderstood(text, suggestion);
}

/** The closest known command by edit distance, if it is close enough to be a typo. */
export function suggest(word: string): { suggestion?: string } {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of KEYWORDS) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? { suggestion: best } : {};
}

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** A command written back as text, for buttons that repeat it ("Show more", "Which plan?"). */
export function commandText(command: Command): string {
  if (command.name === 'needs-argument') return command.command;
  if (command.name === 'unknown') return 'help';
  return textOf(command);
}

function textOf(command: Exclude<Command, NeedsArgument | NotUnderstood>): string {
  // The declaration found by the command's name writes that same command; TypeScript cannot follow the
  // correlation between the two through the union, hence the one cast.
  const declaration = declarationOf(command.name) as { text(c: typeof command): string };
  return declaration.text(command);
}
