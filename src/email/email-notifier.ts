/**
 * The e-mail channel: the same four messages the Teams notifier sends, rendered as e-mail and sent over
 * SMTP, for people the bot cannot reach in Teams (most partner staff work in other tenants). It is a
 * MessageSender like the Teams notifier, and `emailChannel` registers it as a channel (its words, and its
 * own answer for who it can reach: anyone with an address no mail server has refused for good); the
 * routing channel asks it in each person's order. A richer `sendActionEmail` takes the purpose, so
 * subjects can say exactly what to do.
 */
import type { Action } from '../domain/action';
import { formatUkDate, type IsoDate } from '../domain/dates';
import type { Measure } from '../domain/measures';
import type { Plan } from '../domain/plan';
import {
  type CardPurpose,
  type ChannelWords,
  channelKind,
  channelOff,
  type MessageSender,
  type Reach,
  type Reacher,
  type Recipient,
  type RegisteredChannel,
} from '../usecases/delivery/channel';
import type { Clock, SendOutcome, TeamsUser } from '../usecases/ports/index';
import type { ActionCardView } from '../usecases/shared/action-card-view';
import type { EmailMessage } from './compose';
import {
  type ActionEmailPurpose,
  renderActionCardEmail,
  renderLinkCodeEmail,
  renderNudgeEmail,
} from './render-action';
import { renderDigestEmail, renderUndeliveredEmail } from './render-digest';
import { renderFreshLinkEmail } from './render-fresh-link';
import { renderMeasureRequestEmail } from './render-measure';
import { type MailTransport, toSendOutcome } from './smtp-transport';

/** Someone to write to: a Teams user record, or just an address from the plan. */
export type MailRecipient = Pick<TeamsUser, 'email' | 'name'>;

export interface EmailLinks {
  /**
   * The update page for this person and action (reads their link version, hence the promise). A fresh
   * link for every mail; `respondBy` (a round's response date) keeps it working until that day ends.
   */
  updateUrl(input: { email: string; plan: Plan; action: Action; respondBy?: IsoDate }): Promise<string>;
  dashboardUrl(planId: string): string;
  /**
   * The update page's measure view for this person and measure (a measure request's button). Unset (a
   * sender with no update page), the request's button opens the dashboard's measures instead.
   */
  measureUrl?(input: { email: string; plan: Plan; measure: Measure; respondBy?: IsoDate }): Promise<string>;
}

export interface EmailChannel extends MessageSender<MailRecipient> {
  sendActionEmail(to: MailRecipient, view: ActionCardView, purpose: ActionEmailPurpose): Promise<SendOutcome>;
  /** The update page's one-time code, to the address the link was made for and no other. */
  sendLinkCode(to: MailRecipient, input: LinkCodeInput): Promise<SendOutcome>;
  /** A fresh update link, asked for from an expired one: to the address that link was made for and no other. */
  sendFreshLink(to: MailRecipient, input: { plan: Plan; action: Action }): Promise<SendOutcome>;
}

export type LinkCodeInput = Parameters<typeof renderLinkCodeEmail>[0];

export function emailNotifier(deps: {
  transport: MailTransport;
  links: EmailLinks;
  clock: Clock;
}): EmailChannel {
  const send = async (to: MailRecipient, message: EmailMessage): Promise<SendOutcome> => {
    if (!to.email) return { status: 'unreachable', detail: 'no-email-address' };
    return toSendOutcome(await deps.transport.send({ ...message, to: to.email }));
  };
  const actionEmail = async (to: MailRecipient, view: ActionCardView, purpose: ActionEmailPurpose) => {
    const email = to.email ?? '';
    // The page is for whoever may act through it: an owner or delegate (update), a contributing contact
    // (a note), and a decider, whose "Please decide" e-mail opens it with Approve / Reject.
    const opensPage =
      view.viewer.canUpdate ||
      view.viewer.canAddNote === true ||
      (purpose.kind === 'date-request' && view.viewer.canDecide);
    const respondBy = respondByOf(view, purpose);
    const updateUrl = opensPage
      ? await deps.links.updateUrl({
          email,
          plan: view.plan,
          action: view.action,
          ...(respondBy ? { respondBy } : {}),
        })
      : undefined;
    return send(
      to,
      renderActionCardEmail(view, purpose, {
        ...(updateUrl ? { updateUrl } : {}),
        dashboardUrl: deps.links.dashboardUrl(view.plan.id),
      }),
    );
  };
  return {
    sendNudge: async (to, nudge) =>
      send(
        to,
        renderNudgeEmail(nudge, {
          updateUrl: await deps.links.updateUrl({
            email: nudge.owner.email,
            plan: nudge.plan,
            action: nudge.action,
          }),
          dashboardUrl: deps.links.dashboardUrl(nudge.plan.id),
        }),
      ),
    sendActionCard: (to, view, summary, purpose) => actionEmail(to, view, emailPurposeOf(purpose, summary)),
    sendActionEmail: actionEmail,
    sendLinkCode: (to, input) => send(to, renderLinkCodeEmail(input)),
    sendFreshLink: async (to, { plan, action }) =>
      send(
        to,
        renderFreshLinkEmail({
          plan,
          actionId: action.id,
          updateUrl: await deps.links.updateUrl({ email: to.email ?? '', plan, action }),
        }),
      ),
    sendDigest: (to, plan, digest, today) =>
      send(to, renderDigestEmail(plan, digest, today, { dashboardUrl: deps.links.dashboardUrl(plan.id) })),
    sendUndelivered: (to, plan, items, today) =>
      send(
        to,
        renderUndeliveredEmail(plan, items, today, { dashboardUrl: deps.links.dashboardUrl(plan.id) }),
      ),
    sendMeasureRequest: async (to, view) =>
      send(
        to,
        renderMeasureRequestEmail(
          view,
          deps.links.measureUrl
            ? {
                measureUrl: await deps.links.measureUrl({
                  email: to.email ?? '',
                  plan: view.plan,
                  measure: view.measure,
                  ...(view.round ? { respondBy: view.round.responseDue } : {}),
                }),
              }
            : { dashboardUrl: deps.links.dashboardUrl(view.plan.id) },
        ),
      ),
  };
}

/** The date the mail asks for an answer by: a round's response date, from its purpose or its view. */
function respondByOf(view: ActionCardView, purpose: ActionEmailPurpose): IsoDate | undefined {
  if (purpose.kind === 'round-request' || purpose.kind === 'round-chase') return purpose.responseDue;
  return view.respondBy;
}

/**
 * The card's purpose as the e-mail words it. The card's headline already names the round and its date
 * or the escalation's reason, so it is the subject; a date request has wording of its own.
 */
function emailPurposeOf(purpose: CardPurpose, summary: string): ActionEmailPurpose {
  return purpose === 'date-request' ? { kind: 'date-request' } : { kind: 'notice', summary };
}

export const EMAIL_WORDS: ChannelWords = { label: 'e-mail', where: 'by e-mail' };

/** E-mail in a deployment with no relay: it reaches nobody, and `notify me by email` says why. */
export const emailOff: RegisteredChannel = channelOff(
  EMAIL_WORDS,
  'Action Tracker has no e-mail relay configured',
);

const EMAIL = channelKind(EMAIL_WORDS, emailAddress);
/** E-mail in the registry: everyone the plan names has an address, reachable until a server refuses it. */
export const emailChannel: (sender: MessageSender<MailRecipient>) => RegisteredChannel = EMAIL.over;
/** E-mail's answer for a person without a sender started (the CLI's `owners`). */
export const emailReacher: Reacher = EMAIL.reacher;

function emailAddress(to: Recipient): { address: MailRecipient } | Extract<Reach, { reachable: false }> {
  if (!to.email) return { reachable: false, reason: 'no-address' };
  const refused = to.contact?.undeliverableSince;
  if (refused) {
    const code = to.contact?.undeliverableCode ? ` (${to.contact.undeliverableCode})` : '';
    return {
      reachable: false,
      reason: 'undeliverable',
      since: refused,
      detail: `a mail server refused the address on ${formatUkDate(refused.slice(0, 10))}${code}`,
    };
  }
  return { address: { email: to.email, name: to.teams?.name ?? '' } };
}
