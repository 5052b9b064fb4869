/**
 * The Teams channel: proactive messages through the stored conversation references, paced under Teams'
 * limits, retried on throttling and transient failures (honouring Retry-After), a 403 reported as
 * unreachable. `teamsChannel` puts it behind the delivery port; a person is reachable here once they have
 * a personal chat with the bot.
 */
import { CardFactory, type CloudAdapter, type ConversationReference, MessageFactory } from 'botbuilder';
import { actionCard } from '../cards/action-card';
import { digestCard } from '../cards/digest-card';
import { measureCard, measureRequestHeadline } from '../cards/measure-card';
import { nudgeCard, undeliveredCard } from '../cards/nudge-card';
import type { AdaptiveCard } from '../cards/render';
import type { IsoDate } from '../domain/dates';
import type { Digest } from '../domain/digest';
import type { Plan } from '../domain/plan';
import type { Logger } from '../support/logger';
import {
  type CardPurpose,
  type ChannelWords,
  channelKind,
  type MessageSender,
  type Nudge,
  type Reach,
  type Reacher,
  type Recipient,
  type RegisteredChannel,
  type UndeliveredItem,
} from '../usecases/delivery/channel';
import type { AppLinks, SendOutcome, TeamsUser } from '../usecases/ports/index';
import type { ActionCardView } from '../usecases/shared/action-card-view';
import type { MeasureRequestView } from '../usecases/shared/measure-request-view';
import {
  backoffMs,
  DEFAULT_RETRY,
  isRetryable,
  type RetryPolicy,
  SlidingWindowLimiter,
  statusOf,
} from './pacing';

export interface PacingOptions {
  perTenantPerSecond: number;
  perConversationPerSecond: number;
  retry: RetryPolicy;
  /**
   * How long one send may take before it is given up as failed (a later sweep tries it again). A request
   * Teams accepted but never answered would then arrive twice; one never answered would otherwise hold
   * up every later sweep of this instance.
   */
  sendTimeoutMs: number;
}

/**
 * Teams: 50 requests/s per app per tenant, 7/s per conversation. Headroom is kept because botbuilder's
 * own retries of a throttled send (429 with Retry-After) do not pass through this limiter.
 */
export const TEAMS_PACING: PacingOptions = {
  perTenantPerSecond: 46,
  perConversationPerSecond: 6,
  retry: DEFAULT_RETRY,
  sendTimeoutMs: 15_000,
};

export class ProactiveNotifier implements MessageSender<TeamsUser> {
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly conversationLimiter: SlidingWindowLimiter;

  constructor(
    private readonly adapter: CloudAdapter,
    /** '' when running without an app id (local use). */
    private readonly appId: string,
    private readonly logger: Logger,
    /** For the dashboard button on digests. */
    private readonly links?: AppLinks,
    private readonly pacing: PacingOptions = TEAMS_PACING,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tenantLimiter = new SlidingWindowLimiter(pacing.perTenantPerSecond, 1000);
    this.conversationLimiter = new SlidingWindowLimiter(pacing.perConversationPerSecond, 1000);
  }

  sendNudge(to: TeamsUser, nudge: Nudge): Promise<SendOutcome> {
    return this.send(to, nudgeCard(nudge, to.aadObjectId), `Action ${nudge.action.id} reminder`);
  }

  sendActionCard(
    to: TeamsUser,
    view: ActionCardView,
    summary: string,
    _purpose?: CardPurpose,
  ): Promise<SendOutcome> {
    return this.send(to, actionCard(view), summary);
  }

  sendDigest(to: TeamsUser, plan: Plan, digest: Digest, today: IsoDate): Promise<SendOutcome> {
    return this.send(
      to,
      digestCard(plan, digest, today, this.links?.dashboardUrl(plan.id)),
      `Weekly digest: ${plan.title}`,
    );
  }

  sendUndelivered(to: TeamsUser, plan: Plan, items: UndeliveredItem[], today: IsoDate): Promise<SendOutcome> {
    const onlyReminders = items.every((item) => item.message.kind === 'reminder');
    return this.send(
      to,
      undeliveredCard(plan.title, items, today),
      onlyReminders ? 'Reminders that could not be delivered' : 'Messages that could not be delivered',
    );
  }

  sendMeasureRequest(to: TeamsUser, view: MeasureRequestView): Promise<SendOutcome> {
    return this.send(to, measureCard(view), measureRequestHeadline(view));
  }

  private async send(to: TeamsUser, card: AdaptiveCard, summary: string): Promise<SendOutcome> {
    const reference = to.conversationReference as Partial<ConversationReference> | undefined;
    if (!reference?.conversation?.id) return { status: 'unreachable', detail: 'no conversation reference' };
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    activity.summary = summary;
    const tenant = to.tenantId ?? 'unknown';
    for (let attempt = 0; ; attempt++) {
      await this.tenantLimiter.acquire(tenant);
      await this.conversationLimiter.acquire(reference.conversation.id);
      try {
        // The adapter's onTurnError would swallow a failed send (and the SDK would report success), so
        // the error is caught inside the turn and rethrown here, where it is classified and retried.
        let failure: unknown;
        const sending = this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
          try {
            await context.sendActivity(activity);
          } catch (error) {
            failure = error;
          }
        });
        if ((await withTimeout(sending, this.pacing.sendTimeoutMs)) === 'timed out') {
          this.logger.warn({ timeoutMs: this.pacing.sendTimeoutMs }, 'proactive send timed out');
          return { status: 'failed', detail: 'timeout' };
        }
        if (failure !== undefined) throw failure;
        return { status: 'sent' };
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 404) {
          // Uninstalled, blocked, or the chat is gone: retrying will not help.
          return { status: 'unreachable', detail: `http-${status}` };
        }
        if (!isRetryable(error) || attempt + 1 >= this.pacing.retry.attempts) {
          this.logger.warn({ status, attempt: attempt + 1 }, 'proactive send failed');
          return {
            status: 'failed',
            detail: status ? `http-${status}` : ((error as { code?: string }).code ?? 'error'),
          };
        }
        await this.sleep(backoffMs(attempt, this.pacing.retry, error, Math.random, Date.now()));
      }
    }
  }
}

/** Teams in the registry: someone is reachable once they have a personal chat with the bot. */
export const TEAMS_WORDS: ChannelWords = { label: 'Teams', where: 'in Teams' };

const TEAMS = channelKind(TEAMS_WORDS, teamsAddress);
/** The Teams channel over a notifier. */
export const teamsChannel: (notifier: MessageSender<TeamsUser>) => RegisteredChannel = TEAMS.over;
/** Teams' answer for a person without a notifier (the CLI's `owners` starts no sender). */
export const teamsReacher: Reacher = TEAMS.reacher;

function teamsAddress(to: Recipient): { address: TeamsUser } | Extract<Reach, { reachable: false }> {
  if (to.teams?.conversationReference) return { address: to.teams };
  const since = to.teams?.unreachableSince;
  return since
    ? { reachable: false, reason: 'removed', since }
    : { reachable: false, reason: 'not-installed' };
}

/**
 * 'done' when `work` settles in time (its rejection, if any, is the caller's to see), else 'timed out'.
 * A rejection after the time is up is absorbed by the race, so it is never an unhandled rejection.
 */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<'done' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
