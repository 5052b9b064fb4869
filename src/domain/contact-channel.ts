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
const BOTH: readonly ChannelName[] = ['teams', 'email'];

/** The order a person's channels are asked in, and whether the first that can reach them is enough. */
export interface ContactRoute {
  order: readonly ChannelName[];
  take: 'first reachable' | 'all reachable';
}

export function routeFor(preference: ChannelPreference): ContactRoute {
  if (preference === 'auto') return { order: CHANNEL_NAMES, take: 'first reachable' };
  if (preference === 'both') return { order: BOTH, take: 'all reachable' };
  return { order: [preference, ...CHANNEL_NAMES.filter((n) => n !== preference)], take: 'first reachable' };
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
export type ContactState =
  | { kind: 'reached'; by: readonly ChannelName[] }
  | { kind: 'refused'; by: ChannelName }
  | { kind: 'none' };

export interface ContactPlan {
  /** In the order to try; empty when the person cannot be reached at all. */
  channels: ChannelName[];
  state: ContactState;
}

/** Each channel's answer for the person, looked up by name. */
export type Reaches = Readonly<Record<ChannelName, Reach>>;

export function contactPlanFor(route: ContactRoute, reaches: Reaches): ContactPlan {
  const reachable = route.order.filter((name) => reaches[name].reachable);
  const channels = route.take === 'all reachable' ? reachable : reachable.slice(0, 1);
  return { channels, state: stateOf(channels, route, reaches) };
}

function stateOf(channels: readonly ChannelName[], route: ContactRoute, reaches: Reaches): ContactState {
  if (channels.length > 0) return { kind: 'reached', by: channels };
  const refused = route.order.find((name) => unreachableReasonOf(reaches[name]) === 'undeliverable');
  return refused ? { kind: 'refused', by: refused } : { kind: 'none' };
}

/** The next channel to try after `tried` failed for good (Teams 403, mail 550), if any can reach them. */
export function fallbackAfter(
  tried: readonly ChannelName[],
  route: ContactRoute,
  reaches: Reaches,
): ChannelName | undefined {
  return CHANNEL_NAMES.concat()
    .sort((a, b) => rank(route, a) - rank(route, b))
    .find((name) => !tried.includes(name) && reaches[name].reachable);
}

/** A fallback goes by the person's order, then by the registry's for channels their choice leaves out. */
function rank(route: ContactRoute, name: ChannelName): number {
  const at = route.order.indexOf(name);
  return at >= 0 ? at : route.order.length + CHANNEL_NAMES.indexOf(name);
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
export function mostTellingReason(
  route: ContactRoute,
  reaches: Reaches,
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

/** Each channel's name in words, as a channel gives it ("Teams", "e-mail"). */
export type ChannelLabels = Readonly<Record<ChannelName, string>>;

/** For `owners` in chat and the CLI: "Teams", "E-mail", "Teams and e-mail", "E-mail undeliverable"… */
export function contactStateLabel(state: ContactState, labels: ChannelLabels): string {
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
export function preferenceWords(preference: ChannelPreference, labels: ChannelLabels): string {
  if (preference === 'auto') return '';
  if (preference === 'both') return listOf(BOTH.map((name) => labels[name]));
  return labels[preference];
}

/** "a", "a and b", "a, b and c". */
export function listOf(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
