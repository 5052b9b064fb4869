import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type InvokeResponse,
  MessageFactory,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { cardForOutcome } from '../cards/card-action-answer';
import { measureCardForOutcome } from '../cards/measure-card';
import type { AdaptiveCard } from '../cards/render';
import { cardForReply } from '../cards/reply-card';
import { type Command, parseCommand } from '../domain/chat-command';
import { UnavailableError } from '../domain/errors';
import type { HolidayCalendar } from '../domain/working-days';
import { BackgroundWork } from '../support/background-work';
import type { Logger } from '../support/logger';
import { answerCommand } from '../usecases/chat/answer-command';
import { loadMemberships } from '../usecases/chat/memberships';
import type { Reply } from '../usecases/chat/replies';
import type { Channel, ReachRegistry } from '../usecases/delivery/channel';
import { answerMeasureCard, isMeasureCardVerb } from '../usecases/measures/measure-card-action';
import type { AppLinks, Clock, Stores } from '../usecases/ports/index';
import { sendRoundRequests } from '../usecases/rounds/round-requests';
import type { ChatActor } from '../usecases/shared/actor';
import { announce } from '../usecases/updates/announce';
import { type CardActionOutcome, handleCardAction, isCardVerb } from '../usecases/updates/handle-card-action';
import { identify, isPersonalChat, markUninstalled, tenantOf } from './identify';

/** What a team or group chat reads when the app is added: the same for everyone, whoever added it. */
const SHARED_WELCOME: Reply = {
  kind: 'notice',
  tone: 'info',
  title: 'Action Tracker',
  text: 'Action Tracker helps this team\'s partnership keep its action plan moving. Say "summary" here for the plan\'s figures; ask me anything else in a one-to-one chat.',
  suggestions: ['summary'],
};

const SUPPORTED_INVOKES: readonly string[] = ['adaptiveCard/action'];

/** Longer than any command; a pasted document is answered politely, not parsed. */
export const MAX_COMMAND_LENGTH = 500;

export interface BotDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  channel: Channel;
  claimant: string;
  logger: Logger;
  /** Lower-case tenant ids; undefined allows every tenant. */
  allowedTenants?: readonly string[];
  appLinks?: AppLinks;
  /** E-mail is set up (a relay or the local catcher): `owners` and `notify me by …` say so. */
  emailOn?: boolean;
  /** The channel registry `owners` asks how each owner is reached. */
  channels: ReachRegistry;
}

export class ActionTrackerBot extends TeamsActivityHandler {
  /** Announcements and round requests still being sent after their turn was answered. */
  private readonly background: BackgroundWork;

  constructor(private readonly deps: BotDeps) {
    super();
    this.background = new BackgroundWork(deps.logger);
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const aadObjectId = context.activity.from?.aadObjectId;
      // Removing the app from a team or group chat says nothing about the person's one-to-one chat:
      // their conversation reference and reminders stay.
      if (aadObjectId && isPersonalChat(context))
        await markUninstalled(aadObjectId, { users: this.deps.stores.users, clock: this.deps.clock });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends this beside installationUpdate; the greeting comes from that one, so only learn who it is.
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) await this.identifyOrNull(context, true);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const allowed = this.deps.allowedTenants;
    if (allowed && allowed.length > 0) {
      const tenant = tenantOf(context);
      if (!tenant || !allowed.includes(tenant)) {
        // Nothing about this person or conversation is stored.
        this.deps.logger.warn({ tenant: tenant ?? 'none' }, 'activity from a tenant that is not allowed');
        if (context.activity.type === 'message') {
          await context.sendActivity(
            "Sorry, Action Tracker isn't available to your organisation. Please contact your Teams administrator.",
          );
        }
        return;
      }
    }
    await super.run(context);
  }

  /** Resolves when every announcement started so far has been sent. */
  whenIdle(): Promise<void> {
    return this.background.whenIdle();
  }

  /**
   * Universal Actions: the card is answered in the invoke response within the second Teams allows, and
   * anyone else the change concerns is told afterwards.
   */
  /**
   * Card presses (Universal Actions) are the only invokes Action Tracker offers: its manifest declares no
   * task modules, message extensions or file consent. Anything else is the caller's mistake and gets a 400
   * saying so, before the SDK parses a value it does not need (and would answer a bare 501).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = String(context.activity.name ?? '');
    if (SUPPORTED_INVOKES.includes(name)) return super.onInvokeActivity(context);
    return { status: 400, body: { error: `Action Tracker does not handle "${name.slice(0, 64)}" invokes.` } };
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      return await this.answerCardAction(context, invokeValue);
    } catch (error) {
      // The card must still answer within Teams' time: say so plainly; nothing was saved.
      if (!(error instanceof UnavailableError)) throw error;
      this.deps.logger.warn({ err: { name: error.name } }, 'storage unavailable during a card action');
      return cardResponse(
        cardForReply({
          kind: 'notice',
          tone: 'warning',
          title: 'Temporarily unavailable',
          text: 'Action Tracker cannot reach its storage just now, so nothing was saved. Please try again in a few minutes.',
        }),
      );
    }
  }

  private async answerCardAction(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const actor = await this.identifyOrNull(context);
    if (!actor) {
      return cardResponse(
        cardForReply({
          kind: 'notice',
          tone: 'warning',
          title: "I can't tell who you are",
          text: 'This request came without a Microsoft Entra ID identity.',
        }),
      );
    }
    if (!isPersonalChat(context)) {
      // As on the Submit path: an action card would show its owner, notes and form to everyone here.
      const shared = { ...actor, inSharedConversation: true };
      return cardResponse(cardForReply(await answerCommand(this.chatDeps(), shared, parseCommand('mine'))));
    }
    const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
    const verb = invokeValue.action?.verb ?? '';
    // A measure request's Submit: its own use case, answered with the measure's card.
    if (isMeasureCardVerb(verb))
      return cardResponse(measureCardForOutcome(await answerMeasureCard(this.cardDeps(), actor, verb, data)));
    const result = await handleCardAction(this.cardDeps(), actor, verb, data);
    return cardResponse(this.renderResult(result));
  }

  private cardDeps() {
    return {
      stores: this.deps.stores,
      clock: this.deps.clock,
      calendar: this.deps.calendar,
      random: Math.random,
    };
  }

  /** Starts telling the people a saved change concerns, then draws the outcome for the presser. */
  private renderResult(outcome: CardActionOutcome): AdaptiveCard {
    if (outcome.kind === 'saved') {
      for (const announcement of outcome.announcements) {
        this.background.run(
          'announcement',
          announce(
            {
              stores: this.deps.stores,
              channel: this.deps.channel,
              clock: this.deps.clock,
              claimant: this.deps.claimant,
            },
            outcome.view.plan,
            outcome.view.action,
            announcement,
          ),
        );
      }
    }
    return cardForOutcome(outcome);
  }

  private identifyOrNull(context: TurnContext, installed = false): Promise<ChatActor | undefined> {
    return identify(
      context,
      { users: this.deps.stores.users, clock: this.deps.clock, logger: this.deps.logger },
      { installed },
    );
  }

  private async greet(context: TurnContext): Promise<void> {
    const actor = await this.identifyOrNull(context, true);
    // In a team or group chat everyone reads the welcome: it names no one, and no one's plans or roles.
    if (!isPersonalChat(context)) {
      await this.send(context, SHARED_WELCOME);
      return;
    }
    const name = actor?.name.split(' ')[0] || 'there';
    const memberships = await loadMemberships(this.deps.stores, actor?.email);
    const links = this.deps.appLinks;
    // A coordinator is shown where to run their plan: the dashboard (its "Manage this plan" page).
    const dashboards = links
      ? memberships
          .filter((m) => m.roles.includes('coordinator'))
          .map((m) => ({ planTitle: m.planTitle, url: links.dashboardUrl(m.planId) }))
      : [];
    await this.send(context, {
      kind: 'welcome',
      name,
      memberships,
      ...(dashboards.length > 0 ? { dashboards } : {}),
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const actor = await this.identifyOrNull(context);
    if (!actor) {
      await this.send(context, {
        kind: 'notice',
        tone: 'warning',
        title: "I can't tell who you are",
        text: 'This message came without a Microsoft Entra ID identity, so I cannot match you to a plan.',
      });
      return;
    }
    // Action.Submit fallback of an action card (clients without Universal Actions): same handler, new card.
    const value = context.activity.value as Record<string, unknown> | undefined;
    const verb = value && typeof value === 'object' ? value.verb : undefined;
    if (isCardVerb(verb) || isMeasureCardVerb(verb)) {
      if (!isPersonalChat(context)) {
        // An action card would show owners and notes to everyone here: the shared-conversation answer
        // comes from the same rule as typed commands (a command that is not summary or help).
        const shared = { ...actor, inSharedConversation: true };
        await this.send(context, await answerCommand(this.chatDeps(), shared, parseCommand('mine')));
        return;
      }
      const answer = isMeasureCardVerb(verb)
        ? measureCardForOutcome(await answerMeasureCard(this.cardDeps(), actor, verb, value ?? {}))
        : this.renderResult(await handleCardAction(this.cardDeps(), actor, verb, value ?? {}));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(answer)));
      return;
    }
    const request = readRequest(context.activity);
    if ('tooLong' in request) {
      await this.send(context, {
        kind: 'notice',
        tone: 'info',
        title: 'That message is too long for a command',
        text: `Commands are short, such as "summary" or "show 2.3". Say "help" to see them all.`,
        suggestions: ['help'],
      });
      return;
    }
    const deps = this.chatDeps();
    let current: ChatActor = isPersonalChat(context) ? actor : { ...actor, inSharedConversation: true };
    if (request.choosePlan) {
      const chosen = await answerCommand(deps, actor, { name: 'plan', planId: request.choosePlan });
      const rememberedAs = request.choosePlan;
      if (!request.afterChoice || chosen.kind !== 'notice' || chosen.chosenPlanId === undefined) {
        await this.send(context, chosen);
        return;
      }
      current = { ...current, preferredPlanId: rememberedAs };
    }
    const reply = await answerCommand(deps, current, request.command, request.page);
    await this.send(context, reply);
    // The opening requests of a new round go out after the coordinator has their answer: hundreds of
    // cards at Teams' pace take longer than a turn may. A sweep sends any this process does not finish.
    if (reply.kind === 'round-started') {
      this.background.run(
        'round requests',
        sendRoundRequests(
          {
            stores: this.deps.stores,
            channel: this.deps.channel,
            calendar: this.deps.calendar,
            clock: this.deps.clock,
            claimant: this.deps.claimant,
          },
          reply.plan,
          reply.round,
        ),
      );
    }
  }

  private chatDeps() {
    return {
      stores: this.deps.stores,
      clock: this.deps.clock,
      calendar: this.deps.calendar,
      emailOn: this.deps.emailOn ?? false,
      channels: this.deps.channels,
      ...(this.deps.appLinks ? { appLinks: this.deps.appLinks } : {}),
    };
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    const card = cardForReply(reply);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }
}

type Request =
  | { tooLong: true }
  | { command: Command; page: number; choosePlan?: string; afterChoice?: string };

/**
 * A typed command, or a button press: "Show more" and "Which plan?" send `value` with no text.
 * Card data is only a command to run; who is asking always comes from the activity.
 */
export function readRequest(activity: Partial<Activity>): Request {
  const value = activity.value as
    | { command?: unknown; page?: unknown; planId?: unknown; afterChoice?: unknown }
    | undefined;
  if (value && typeof value === 'object' && typeof value.command === 'string') {
    const page = Number(value.page ?? 1);
    const safePage = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
    if (value.command === 'plan' && typeof value.planId === 'string') {
      const afterChoice =
        typeof value.afterChoice === 'string' ? value.afterChoice.slice(0, MAX_COMMAND_LENGTH) : undefined;
      return {
        command: parseCommand(afterChoice ?? 'summary'),
        page: 1,
        choosePlan: value.planId.slice(0, 63),
        ...(afterChoice ? { afterChoice } : {}),
      };
    }
    if (value.command.length > MAX_COMMAND_LENGTH) return { tooLong: true };
    return { command: parseCommand(value.command), page: safePage };
  }
  const text = typeof activity.text === 'string' ? activity.text : '';
  if (text.length > MAX_COMMAND_LENGTH) return { tooLong: true };
  return { command: parseCommand(text), page: 1 };
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}
