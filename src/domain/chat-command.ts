import { parseUkDate } from './dates';

/**
 * The chat command language. Reads what people type into a command. Forgiving on purpose: people write from phones, in a hurry,
 * in their own words ("status 2.3", "Show action 2.3", "my actions", "due in 14 days").
 * Pure: no SDK, so it is tested on its own.
 */

export type ListFilterKind = 'agency' | 'area' | 'owner' | 'rating';

export type Command =
  | { name: 'help' }
  | { name: 'mine' }
  | { name: 'show'; actionId: string }
  | { name: 'update'; actionId: string }
  | { name: 'summary' }
  | { name: 'overdue' }
  | { name: 'due'; days: number }
  | { name: 'list'; filter?: { kind: ListFilterKind; value: string } }
  | { name: 'history'; actionId: string }
  | { name: 'owners' }
  | { name: 'plan'; planId?: string }
  | { name: 'snooze'; actionId: string; days: number }
  | { name: 'pause'; until: string }
  | { name: 'resume' }
  | { name: 'digest' }
  | { name: 'round-start'; due?: string }
  | { name: 'round-status' }
  /** Without a round number it asks to confirm; the confirm button sends the number. */
  | { name: 'round-close'; round?: number }
  | { name: 'report' }
  | { name: 'needs-argument'; command: string; usage: string }
  | { name: 'unknown'; text: string; suggestion?: string };

export const DEFAULT_DUE_DAYS = 14;
export const MAX_DUE_DAYS = 366;

const KNOWN = [
  'help',
  'mine',
  'show',
  'update',
  'summary',
  'overdue',
  'due',
  'list',
  'history',
  'owners',
  'plan',
  'round',
  'report',
];
const ACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

const SYNONYMS: Record<string, string> = {
  hi: 'help',
  hello: 'help',
  start: 'help',
  commands: 'help',
  '?': 'help',
  my: 'mine',
  'my actions': 'mine',
  me: 'mine',
  status: 'show',
  action: 'show',
  view: 'show',
  open: 'show',
  detail: 'show',
  details: 'show',
  stats: 'summary',
  weekly: 'digest',
  overview: 'summary',
  dashboard: 'summary',
  late: 'overdue',
  'due soon': 'due',
  upcoming: 'due',
  actions: 'list',
  all: 'list',
  audit: 'history',
  log: 'history',
  reachable: 'owners',
  people: 'owners',
  plans: 'plan',
  use: 'plan',
  switch: 'plan',
  edit: 'update',
  monitoring: 'round',
  'monitoring round': 'round',
  rounds: 'round',
  'progress report': 'report',
  scrutiny: 'report',
};

// hasOwn, not a plain lookup: "constructor" typed in chat must not find Object's own property.
function synonymOf(word: string): string | undefined {
  return Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word] : undefined;
}

/** Removes Teams' "<at>Bot</at>" mention markup and surrounding noise. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

  let name = lower[0]!;
  let rest = words.slice(1);
  const twoWords = `${lower[0]} ${lower[1] ?? ''}`;
  const twoWordSynonym = synonymOf(twoWords);
  if (twoWordSynonym) {
    name = twoWordSynonym;
    rest = words.slice(2);
  } else name = synonymOf(name) ?? name;
  // "show action 2.3", "history of 2.3", "update action 1.1"
  if (rest[0] && ['action', 'of', 'for'].includes(rest[0].toLowerCase())) rest = rest.slice(1);

  switch (name) {
    case 'help':
    case 'mine':
    case 'summary':
    case 'overdue':
    case 'owners':
    case 'digest':
      return { name };
    case 'show':
    case 'update':
    case 'history': {
      const actionId = rest[0];
      if (!actionId) {
        // "status" on its own means the plan's status.
        if (lower[0] === 'status') return { name: 'summary' };
        return {
          name: 'needs-argument',
          command: name,
          usage: `${name} <action id>, for example ${name} 2.3`,
        };
      }
      if (!ACTION_ID.test(actionId)) return { name: 'unknown', text, suggestion: `${name} 2.3` };
      return { name, actionId };
    }
    case 'due':
      return parseDue(rest, text);
    case 'list':
      return parseList(rest, text);
    case 'plan':
      return rest[0] ? { name: 'plan', planId: rest[0].toLowerCase() } : { name: 'plan' };
    case 'snooze':
      return parseSnooze(rest, text);
    case 'round':
      return parseRound(rest, text);
    case 'report':
      return { name: 'report' };
    case 'pause': {
      // "pause until 31/03/2025", "pause reminders until 31 Mar 2025"
      const words = rest.filter(
        (w) => !['reminders', 'nudges', 'until', 'till', 'to'].includes(w.toLowerCase()),
      );
      const parsed = parseUkDate(words.join(' '));
      if (!parsed.ok) return { name: 'needs-argument', command: 'pause', usage: 'pause until 31/03/2025' };
      return { name: 'pause', until: parsed.value };
    }
    case 'resume':
    case 'unpause':
      return { name: 'resume' };
    default:
      return { name: 'unknown', text, ...suggest(name) };
  }
}

function parseSnooze(rest: string[], text: string): Command {
  const actionId = rest[0];
  if (!actionId)
    return { name: 'needs-argument', command: 'snooze', usage: 'snooze <action id> [3 days | 1 week]' };
  if (!ACTION_ID.test(actionId)) return { name: 'unknown', text, suggestion: 'snooze 2.3' };
  const period = rest.slice(1).join(' ').toLowerCase();
  if (period === '' || /^(1 )?week$|^7( days?)?$/.test(period)) return { name: 'snooze', actionId, days: 7 };
  if (/^3( days?)?$/.test(period)) return { name: 'snooze', actionId, days: 3 };
  return {
    name: 'needs-argument',
    command: 'snooze',
    usage: 'snooze <action id> 3 days, or snooze <action id> 1 week',
  };
}

const ROUND_USAGE = 'round start, round start due 31/01/2027, round status or round close';

/** "round start", "round start due 31/01/2027", "start round by 31 Jan", "round status", "round close 3". */
function parseRound(rest: string[], text: string): Command {
  const verb = rest[0]?.toLowerCase();
  if (verb === undefined || verb === 'status' || verb === 'progress') return { name: 'round-status' };
  if (verb === 'start' || verb === 'open' || verb === 'new') {
    const words = rest.slice(1).filter((w) => !['due', 'by', 'until', 'on', 'for'].includes(w.toLowerCase()));
    if (words.length === 0) return { name: 'round-start' };
    const parsed = parseUkDate(words.join(' '));
    if (!parsed.ok)
      return { name: 'needs-argument', command: 'round start', usage: 'round start due 31/01/2027' };
    return { name: 'round-start', due: parsed.value };
  }
  if (verb === 'close' || verb === 'end' || verb === 'finish') {
    const number = rest[1] === undefined ? undefined : Number(rest[1]);
    if (number === undefined) return { name: 'round-close' };
    if (!Number.isInteger(number) || number < 1 || number > 9999)
      return { name: 'unknown', text, suggestion: 'round close' };
    return { name: 'round-close', round: number };
  }
  return { name: 'needs-argument', command: 'round', usage: ROUND_USAGE };
}

function parseDue(rest: string[], text: string): Command {
  const words = rest.filter((w) => !['in', 'within', 'next', 'the', 'days', 'day'].includes(w.toLowerCase()));
  if (words.length === 0) return { name: 'due', days: DEFAULT_DUE_DAYS };
  const days = Number(words[0]);
  if (!Number.isInteger(days) || days < 0 || days > MAX_DUE_DAYS) {
    return { name: 'unknown', text, suggestion: 'due 14' };
  }
  return { name: 'due', days };
}

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

function parseList(rest: string[], text: string): Command {
  if (rest.length === 0) return { name: 'list' };
  const kind = FILTER_WORDS[rest[0]!.toLowerCase()];
  if (kind) {
    const value = rest.slice(1).join(' ').trim();
    if (!value) return { name: 'needs-argument', command: 'list', usage: `list ${kind} <value>` };
    return { name: 'list', filter: { kind, value } };
  }
  // "list red" is plain enough to mean a rating.
  if (rest.length === 1 && ['green', 'yellow', 'amber', 'red'].includes(rest[0]!.toLowerCase())) {
    return { name: 'list', filter: { kind: 'rating', value: rest[0]!.toLowerCase() } };
  }
  return { name: 'unknown', text, suggestion: 'list agency Police' };
}

/** The closest known command by edit distance, if it is close enough to be a typo. */
export function suggest(word: string): { suggestion?: string } {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of KNOWN) {
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
  switch (command.name) {
    case 'help':
    case 'mine':
    case 'summary':
    case 'overdue':
    case 'owners':
    case 'digest':
      return command.name;
    case 'show':
    case 'update':
    case 'history':
      return `${command.name} ${command.actionId}`;
    case 'due':
      return `due ${command.days}`;
    case 'list':
      return command.filter ? `list ${command.filter.kind} ${command.filter.value}` : 'list';
    case 'plan':
      return command.planId ? `plan ${command.planId}` : 'plan';
    case 'snooze':
      return `snooze ${command.actionId} ${command.days === 3 ? '3 days' : '1 week'}`;
    case 'pause':
      return `pause until ${command.until}`;
    case 'resume':
      return 'resume';
    case 'round-start':
      return command.due ? `round start due ${command.due}` : 'round start';
    case 'round-status':
      return 'round status';
    case 'round-close':
      return command.round ? `round close ${command.round}` : 'round close';
    case 'report':
      return 'report';
    case 'needs-argument':
      return command.command;
    case 'unknown':
      return 'help';
  }
}
