/**
 * Which way to reach a person. A council's bot reaches people in its own tenant (and B2B guests) in
 * Teams; police forces, NHSmail and schools are other tenants, where Teams does not let an app open a
 * one-to-one chat, so those owners get e-mail. People may also choose: "notify me by email".
 *
 * The default is Teams when the bot can reach them there, otherwise e-mail. A choice that cannot be
 * honoured falls back to the other channel rather than leaving the person unreminded.
 */
export type ChannelName = 'teams' | 'email';
export type ChannelPreference = 'auto' | 'teams' | 'email' | 'both';
export const CHANNEL_PREFERENCES: readonly ChannelPreference[] = ['auto', 'teams', 'email', 'both'];

export interface Reachability {
  /** The bot holds a working personal-chat reference for them. */
  teams: boolean;
  /** 'undeliverable' once a mail server refused the address for good (a 550). */
  email: 'deliverable' | 'undeliverable' | 'none';
}

export type ContactState = 'teams' | 'email' | 'teams and e-mail' | 'e-mail undeliverable' | 'no contact';

export interface ContactPlan {
  /** In the order to try; empty when the person cannot be reached at all. */
  channels: ChannelName[];
  state: ContactState;
}

export function contactPlanFor(preference: ChannelPreference, reach: Reachability): ContactPlan {
  const email = reach.email === 'deliverable';
  const available: Record<ChannelName, boolean> = { teams: reach.teams, email };
  const order: ChannelName[] = preference === 'email' ? ['email', 'teams'] : ['teams', 'email'];
  const channels =
    preference === 'both' ? order.filter((c) => available[c]) : order.filter((c) => available[c]).slice(0, 1);
  return { channels, state: stateOf(channels, reach) };
}

function stateOf(channels: readonly ChannelName[], reach: Reachability): ContactState {
  if (channels.length === 2) return 'teams and e-mail';
  if (channels[0] === 'teams') return 'teams';
  if (channels[0] === 'email') return 'email';
  return reach.email === 'undeliverable' ? 'e-mail undeliverable' : 'no contact';
}

/** The channel to fall back to after one failed for good (Teams 403, mail 550), if any. */
export function fallbackAfter(failed: ChannelName, reach: Reachability): ChannelName | undefined {
  if (failed === 'teams') return reach.email === 'deliverable' ? 'email' : undefined;
  return reach.teams ? 'teams' : undefined;
}

/** For `owners` in chat and the CLI: the words for each state. */
export function contactStateLabel(state: ContactState): string {
  switch (state) {
    case 'teams':
      return 'Teams';
    case 'email':
      return 'E-mail';
    case 'teams and e-mail':
      return 'Teams and e-mail';
    case 'e-mail undeliverable':
      return 'E-mail undeliverable';
    case 'no contact':
      return 'No contact';
    default: {
      const never: never = state;
      throw new Error(`Unknown state ${String(never)}`);
    }
  }
}
