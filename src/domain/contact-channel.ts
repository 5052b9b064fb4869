/**
 * Which way to reach a person. A council's bot reaches people in its own tenant (and B2B guests) in
 * Teams; police forces, NHSmail and schools are other tenants, where Teams does not let an app open a
 * one-to-one chat, so those owners get e-mail. People may also choose: "notify me by email".
 *
 * The channels are a registry (composed in src/app, one adapter each): this module knows their names and
 * how a person's choice orders them, never what any one of them does. Each channel answers for itself
 * whether it can reach a person (a `Reach`); a person's route says in which order they are asked and
 * whether the next message goes by the first that can reach them or by every one that can. A choice that
 * cannot be honoured falls back to the next channel rather than leaving the person unreminded.
 */

/** The registry's names, in the default order ("auto": the first of these that can reach the person). */
export const CHANNEL_NAMES = ['teams', 'email'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * A person's stored choice: one channel first (then the others), "auto", or "both". The stored words
 * predate the registry and still load as they are.
 */
export type ChannelPreference = 'auto' | ChannelName | 'both';
export const CHANNEL_PREFERENCES: readonly ChannelPreference[] = ['auto', ...CHANNEL_NAMES, 'both'];

/** "Both" was chosen when there were two channels: it names those two, so a new channel is not added to it. */
const BOTH: readonly string[] = ['teams', 'email'] satisfies readonly ChannelName[];

/**
 * The order a person's channels are asked in, and whether the first that can reach them is enough. `N` is
 * the registry's names (ChannelName in the app; a test may register more).
 */
export interface ContactRoute<N extends string = ChannelName> {
  order: readonly N[];
  take: 'first reachable' | 'all reachable';
}

/**
 * A stored choice as a route over the registry's names (in the registry's order): "auto" asks them in
 * that order, a channel's name asks it first, "both" sends by each of Teams and e-mail that can reach.
 * A choice of a channel this registry lacks is taken as "auto".
 */
export function routeFor<N extends string>(preference: string, names: readonly N[]): ContactRoute<N> {
  if (preference === 'both') return { order: names.filter((n) => BOTH.includes(n)), take: 'all reachable' };
  const first = names.find((n) => n === preference);
  if (!first) return { order: names, take: 'first reachable' };
  return { order: [first, ...names.filter((n) => n !== first)], take: 'first reachable' };
}

/**
 * Why a channel cannot reach someone: not in Teams (never installed, or removed the app), a mail server
 * refused the address for good, no address of that channel's kind, or the channel is not set up here.
 */
export type UnreachableReason = 'not-installed' | 'removed' | 'undeliverable' | 'no-address' | 'off';

/** One channel's answer for one person. `since`: when it stopped (ISO); `detail`: its own plain words. */
export type Reach =
  | { reachable: true }
  | { reachable: false; reason: UnreachableReason; since?: string; detail?: string };

/** How the next message to a person goes: by these channels, refused for good by one, or no way at all. */
export type ContactState<N extends string = ChannelName> =
  | { kind: 'reached'; by: readonly N[] }
  | { kind: 'refused'; by: N }
  | { kind: 'none' };

export interface ContactPlan<N extends string = ChannelName> {
  /** In the order to try; empty when the person cannot be reached at all. */
  channels: N[];
  state: ContactState<N>;
}

/** Each channel's answer for the person, by name, in the registry's order. */
export type Reaches<N extends string = ChannelName> = Readonly<Record<N, Reach>>;

export function contactPlanFor<N extends string>(
  route: ContactRoute<N>,
  reaches: Reaches<N>,
): ContactPlan<N> {
  const reachable = route.order.filter((name) => reaches[name].reachable);
  const channels = route.take === 'all reachable' ? reachable : reachable.slice(0, 1);
  return { channels, state: stateOf(channels, route, reaches) };
}

function stateOf<N extends string>(
  channels: readonly N[],
  route: ContactRoute<N>,
  reaches: Reaches<N>,
): ContactState<N> {
  if (channels.length > 0) return { kind: 'reached', by: channels };
  const refused = route.order.find((name) => unreachableReasonOf(reaches[name]) === 'undeliverable');
  return refused ? { kind: 'refused', by: refused } : { kind: 'none' };
}

/**
 * The next channel to try after those `tried` failed for good (Teams 403, mail 550), if any can reach
 * them: by the person's order, then by the registry's for channels their choice leaves out.
 */
export function fallbackAfter<N extends string>(
  tried: readonly N[],
  route: ContactRoute<N>,
  reaches: Reaches<N>,
): N | undefined {
  const registry = Object.keys(reaches) as N[];
  const rest = registry.filter((name) => !route.order.includes(name));
  return [...route.order, ...rest].find((name) => !tried.includes(name) && reaches[name].reachable);
}

/** The more telling reasons first: a refusal is news to act on; "not set up here" is nobody's doing. */
const TELLING: readonly UnreachableReason[] = [
  'undeliverable',
  'removed',
  'not-installed',
  'no-address',
  'off',
];

/** Why nobody can reach the person, when none can: the most telling of the channels' reasons. */
export function mostTellingReason<N extends string>(
  route: ContactRoute<N>,
  reaches: Reaches<N>,
): Extract<Reach, { reachable: false }> | undefined {
  const refusals = route.order
    .map((name) => reaches[name])
    .filter((r): r is Extract<Reach, { reachable: false }> => !r.reachable);
  if (refusals.length < route.order.length) return undefined;
  return refusals.sort((a, b) => TELLING.indexOf(a.reason) - TELLING.indexOf(b.reason))[0];
}

function unreachableReasonOf(reach: Reach): UnreachableReason | undefined {
  return reach.reachable ? undefined : reach.reason;
}

/** Each channel's name in words, as the channel gives it ("Teams", "e-mail"). */
export type ChannelLabels<N extends string = ChannelName> = Readonly<Record<N, string>>;

/** For `owners` in chat and the CLI: "Teams", "E-mail", "Teams and e-mail", "E-mail undeliverable"… */
export function contactStateLabel<N extends string>(
  state: ContactState<N>,
  labels: ChannelLabels<N>,
): string {
  switch (state.kind) {
    case 'reached':
      return capitalised(listOf(state.by.map((name) => labels[name])));
    case 'refused':
      return `${capitalised(labels[state.by])} undeliverable`;
    case 'none':
      return 'No contact';
    default: {
      const never: never = state;
      throw new Error(`Unknown state ${String(never)}`);
    }
  }
}

/** A person's choice in words, "" for auto: "Teams", "e-mail", "Teams and e-mail". */
export function preferenceWords<N extends string>(
  route: ContactRoute<N>,
  labels: ChannelLabels<N>,
  preference: string,
): string {
  if (route.take === 'all reachable') return listOf(route.order.map((name) => labels[name]));
  const chosen = route.order.find((name) => name === preference);
  return chosen ? labels[chosen] : '';
}

/** "a", "a and b", "a, b and c". */
export function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "e-mail" → "E-mail", at the start of a sentence or a heading. */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
