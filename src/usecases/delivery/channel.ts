/**
 * The port every proactive message leaves by. A message is facts (a reminder for an action, an action card
 * with its purpose, a digest, a list of what could not be delivered); the channel renders them in its own
 * form. Teams (src/bot/proactive-notifier.ts) and e-mail (src/email/email-notifier.ts) are channels in a
 * registry composed in src/app; the routing channel (./routing-channel.ts) asks them per person, in the
 * person's order, and the deliver-once key stays per message and person whatever channel carries it.
 */
import type { Action, Owner } from '../../domain/action';
import type { Area } from '../../domain/area';
import type { ChannelName, Reach, UnreachableReason } from '../../domain/contact-channel';
import { formatUkDate, type IsoDate } from '../../domain/dates';
import type { CoveringFor } from '../../domain/delegation';
import type { Digest } from '../../domain/digest';
import type { Measure } from '../../domain/measures';
import { assertNever } from '../../domain/never';
import type { Plan } from '../../domain/plan';
import type { ReminderStepName } from '../../domain/reminder-policy';
import type { CardRights } from '../access/access';
import type { Contact, SendOutcome, TeamsUser } from '../ports/index';
import type { ActionCardView } from '../shared/action-card-view';
import type { MeasureRequestView } from '../shared/measure-request-view';

export type { Reach, UnreachableReason } from '../../domain/contact-channel';

/**
 * Who a message is for: always an e-mail address (plans name people by it), the Teams user when known,
 * and their contact record (their choice, a mail server's refusal) once the router has read it.
 */
export interface Recipient {
  email: string;
  teams?: TeamsUser | undefined;
  contact?: Contact | undefined;
}

/** A reminder to one owner about one action. */
export interface Nudge {
  plan: Plan;
  area?: Area;
  action: Action;
  owner: Owner;
  step: ReminderStepName;
  today: IsoDate;
  /** The owner on leave whose reminder this is, when `owner` is the delegate covering for them. */
  coveringFor?: CoveringFor;
  /**
   * What the recipient may do on the action, from the access entry (cardRights) on the day it is made:
   * the card and the e-mail offer the update form by it, as a card press would be decided.
   */
  rights: CardRights;
}

/** Why an action card is sent unasked: a channel may word its subject or summary by it. */
export type CardPurpose = 'round-request' | 'round-chase' | 'escalation' | 'date-request' | 'date-decision';

/** One message a coordinator is told could not be delivered: about an action, or a measure's value. */
export type UndeliveredItem = UndeliveredAction | UndeliveredMeasure;

export interface UndeliveredAction {
  /** The person it was for. */
  owner: Owner;
  action: Action;
  /** A reminder step, or the card's purpose and headline. */
  message:
    | { kind: 'reminder'; step: ReminderStepName }
    | { kind: 'card'; purpose: CardPurpose; headline: string };
  /** Plain words: "has not installed Action Tracker", "removed Action Tracker or blocked it". */
  reason: string;
}

/** A measure's reporter (or whoever covers for them) asked or chased for a period's value. */
export interface UndeliveredMeasure {
  owner: Owner;
  measure: Pick<Measure, 'id' | 'name'>;
  /** The request's headline: "Round 2: please report M1 for Nov 2026 by 29 Jan 2027". */
  message: { kind: 'measure-request'; headline: string };
  reason: string;
}

/** What an undelivered message was about, as the lists show it: an action's id and description, or a measure's. */
export function undeliveredSubject(item: UndeliveredItem): { id: string; text: string } {
  return 'measure' in item
    ? { id: item.measure.id, text: item.measure.name }
    : { id: item.action.id, text: item.action.description };
}

export type Message =
  | ({ kind: 'reminder' } & Nudge)
  | { kind: 'action-card'; purpose: CardPurpose; view: ActionCardView }
  | { kind: 'digest'; plan: Plan; digest: Digest; today: IsoDate }
  | { kind: 'undelivered'; plan: Plan; items: UndeliveredItem[]; today: IsoDate }
  /** A measure's reporter asked for a period's value (a round's request, or the schedule's). */
  | { kind: 'measure-request'; view: MeasureRequestView };

export interface Channel {
  /**
   * Whether this channel can carry a message to the person now (no send is tried when it cannot). May
   * read storage (the person's contact record), hence the promise.
   */
  reach(to: Recipient): Reach | Promise<Reach>;
  /** Renders and sends; paced and retried inside. `unreachable`: the person can no longer be reached by it. */
  send(to: Recipient, message: Message): Promise<SendOutcome>;
}

export type Unreachable = Extract<SendOutcome, { status: 'unreachable' }>;

/** What a channel is called in sentences: the state words and the `notify me by …` answer are made of these. */
export interface ChannelWords {
  /** Its name mid-sentence: "Teams", "e-mail". */
  readonly label: string;
  /** Where messages come by it: "in Teams", "by e-mail". */
  readonly where: string;
}

/** One channel in the registry: its words, its own answer for a person, and how it sends. */
export interface RegisteredChannel extends Channel, ChannelWords {
  /** Set when this deployment has not set the channel up: why, in plain words. It then reaches nobody. */
  readonly off?: string;
  /** From the facts `to` carries alone (Teams user, contact record): nothing is sent or read. */
  reach(to: Recipient): Reach;
  /**
   * Remembers a send's "never" (a Teams 403/404, a mail server's 550) where the next `reach` will see it.
   * Bound to storage by the composition.
   */
  forget?(to: Recipient, outcome: Unreachable): Promise<void>;
}

/**
 * Every channel by name: the registry the composition builds and the router asks. Its key order is the
 * default order ("auto": the first that can reach the person). `N` is ChannelName in the app.
 */
export type ChannelRegistry<N extends string = ChannelName> = Readonly<Record<N, RegisteredChannel>>;

/** What reachability needs of a channel: its words and its answer, without a sender started. */
export type Reacher = Pick<RegisteredChannel, 'label' | 'where' | 'off' | 'reach'>;
export type ReachRegistry<N extends string = ChannelName> = Readonly<Record<N, Reacher>>;

/** The registry's names, in its order. */
export function namesOf<N extends string>(registry: ReachRegistry<N>): N[] {
  return Object.keys(registry) as N[];
}

/** Each channel's label, for the state words. */
export function labelsOf<N extends string>(registry: ReachRegistry<N>): Record<N, string> {
  return Object.fromEntries(namesOf(registry).map((name) => [name, registry[name].label])) as Record<
    N,
    string
  >;
}

/** A channel this deployment has not set up (e-mail with no relay): it reaches nobody, and says why. */
export function channelOff(words: ChannelWords, why: string): RegisteredChannel {
  return {
    ...words,
    off: why,
    reach: () => ({ reachable: false, reason: 'off' }),
    send: async () => ({ status: 'unreachable', detail: 'unreachable-off' }),
  };
}

/**
 * The four-method shape channels are written to (Teams' ProactiveNotifier, and e-mail), for an address of
 * the channel's own: a Teams user with a chat, an e-mail address.
 */
export interface MessageSender<Address> {
  sendNudge(to: Address, nudge: Nudge): Promise<SendOutcome>;
  /** An action card for one person (round requests and chases, escalations, date requests and decisions). */
  sendActionCard(
    to: Address,
    view: ActionCardView,
    summary: string,
    purpose: CardPurpose,
  ): Promise<SendOutcome>;
  sendDigest(to: Address, plan: Plan, digest: Digest, today: IsoDate): Promise<SendOutcome>;
  sendUndelivered(to: Address, plan: Plan, items: UndeliveredItem[], today: IsoDate): Promise<SendOutcome>;
  /** A measure's reporter asked for a period's value: a card with a number input, or a mail with a link. */
  sendMeasureRequest(to: Address, view: MeasureRequestView): Promise<SendOutcome>;
}

/**
 * A channel over a sender: `address` finds the sender's address for a recipient, or says why it cannot
 * reach them (the channel's own `reach`).
 */
export function channelOf<Address>(
  sender: MessageSender<Address>,
  words: ChannelWords,
  address: (to: Recipient) => { address: Address } | Extract<Reach, { reachable: false }>,
): RegisteredChannel {
  return {
    ...reacherOf(words, address),
    send: async (to, message) => {
      const found = address(to);
      if (!('address' in found)) return { status: 'unreachable', detail: `unreachable-${found.reason}` };
      const at = found.address;
      switch (message.kind) {
        case 'reminder': {
          const { kind: _kind, ...nudge } = message;
          return sender.sendNudge(at, nudge);
        }
        case 'action-card':
          return sender.sendActionCard(
            at,
            message.view,
            message.view.headline?.text ?? `Action ${message.view.action.id}`,
            message.purpose,
          );
        case 'digest':
          return sender.sendDigest(at, message.plan, message.digest, message.today);
        case 'undelivered':
          return sender.sendUndelivered(at, message.plan, message.items, message.today);
        case 'measure-request':
          return sender.sendMeasureRequest(at, message.view);
        default:
          return assertNever(message);
      }
    },
  };
}

const REASONS: readonly UnreachableReason[] = [
  'not-installed',
  'removed',
  'undeliverable',
  'no-address',
  'off',
];

/** A channel's words and answer, from the same `address` its sender uses (so they never disagree). */
export function reacherOf<Address>(
  words: ChannelWords,
  address: (to: Recipient) => { address: Address } | Extract<Reach, { reachable: false }>,
): Reacher {
  return {
    ...words,
    reach: (to) => {
      const found = address(to);
      return 'address' in found ? { reachable: true } : found;
    },
  };
}

/** How a channel finds its own address for a recipient, or says why it has none. */
export type AddressOf<Address> = (
  to: Recipient,
) => { address: Address } | Extract<Reach, { reachable: false }>;

/**
 * A channel's two faces from one definition: over a started sender (the server, the CLI's sends) and as
 * the answer alone (the CLI's `owners`, which starts no sender). Both read the same `address`, so what a
 * channel says it can reach and what it then sends to never disagree.
 */
export function channelKind<Address>(
  words: ChannelWords,
  address: AddressOf<Address>,
): { over: (sender: MessageSender<Address>) => RegisteredChannel; reacher: Reacher } {
  return { over: (sender) => channelOf(sender, words, address), reacher: reacherOf(words, address) };
}

/**
 * Why a send said unreachable, from its short code: a mail server's permanent refusal ("smtp-550") is
 * about the address; "unreachable-<reason>" is a channel that knew before trying; anything else (Teams
 * 403/404) is the chat being gone.
 */
export function unreachableReasonOf(detail: string): UnreachableReason {
  if (detail.startsWith('smtp-')) return 'undeliverable';
  const said = REASONS.find((reason) => detail === `unreachable-${reason}`);
  return said ?? 'removed';
}

/** Plain words for why someone cannot be reached, as rows and the coordinators' list show them. */
export function unreachableWords(reason: UnreachableReason): string {
  switch (reason) {
    case 'not-installed':
      return 'has not installed Action Tracker';
    case 'removed':
      return 'removed Action Tracker or blocked it';
    case 'undeliverable':
      return 'e-mail address refused by the mail server';
    case 'no-address':
      return 'has no address to be reached at';
    case 'off':
      return 'no channel is set up to reach them';
    default:
      return assertNever(reason);
  }
}

/** One channel's refusal with when it began: "removed Action Tracker or blocked it on 3 Mar 2025". */
export function refusalWords(reach: Extract<Reach, { reachable: false }>): string {
  const words = unreachableWords(reach.reason);
  return reach.since ? `${words} on ${formatUkDate(reach.since.slice(0, 10))}` : words;
}

/** The viewer an action card is rendered for: the Teams user when known (Universal Actions refresh). */
export function viewerOf(
  to: Recipient,
  rights: { canUpdate: boolean; canDecide: boolean; canAddNote?: boolean; noteFor?: string },
): Pick<ActionCardView, 'viewer' | 'refreshUserIds'> {
  const id = to.teams?.aadObjectId ?? '';
  return { viewer: { aadObjectId: id, ...rights }, refreshUserIds: id ? [id] : [] };
}
