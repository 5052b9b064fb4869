/**
 * The bot adapter's entry points: everything botbuilder stays inside src/bot. `createTeams` is the Teams
 * channel (the adapter and its proactive sender), enough for the CLI to send; `createBot` answers
 * /api/messages over the same adapter, with the channel the composition routes every message by.
 */
import type { CloudAdapter } from 'botbuilder';
import type { RequestHandler, Router } from 'express';
import { allowedTenantsOf } from '../domain/tenant-policy';
import { instanceId } from '../support/instance-id';
import type { Logger } from '../support/logger';
import type { Channel, ReachRegistry, RegisteredChannel } from '../usecases/delivery/channel';
import type { AppLinks, PlanDeps } from '../usecases/ports/index';
import { ActionTrackerBot } from './action-tracker-bot';
import { type BotAuthConfig, createAdapter } from './adapter';
import { messagesRouter } from './messages-route';
import { ProactiveNotifier, teamsChannel } from './proactive-notifier';

export { teamsReacher } from './proactive-notifier';

/** The settings the bot needs, as the composition passes them. */
export type TeamsSettings = BotAuthConfig & { ALLOWED_TENANTS?: readonly string[] | undefined };

/** Teams as a channel, and the adapter the bot answers over (opaque outside src/bot). */
export interface Teams {
  channel: RegisteredChannel;
  readonly adapter: CloudAdapter;
}

export function createTeams(settings: TeamsSettings, logger: Logger, links?: AppLinks): Teams {
  const adapter = createAdapter(settings, logger);
  const notifier = new ProactiveNotifier(adapter, settings.MicrosoftAppId ?? '', logger, links);
  return { adapter, channel: teamsChannel(notifier) };
}

export function createBot(
  teams: Teams,
  settings: TeamsSettings,
  deps: PlanDeps & {
    logger: Logger;
    appLinks?: AppLinks;
    /** Run on each parsed activity before the bot answers it (the per-sender rate limit). */
    afterParse?: RequestHandler;
    /** Every proactive message goes by it: the composition's routing over the channel registry. */
    channel: Channel;
    /** The registry that channel routes over: `owners` asks the same channels. */
    channels: ReachRegistry;
    /** E-mail is set up: `owners` and `notify me by …` say so. */
    emailOn: boolean;
  },
): { router: Router; whenIdle: () => Promise<void> } {
  const allowed = allowedTenantsOf(settings);
  const { afterParse: _afterParse, ...botDeps } = deps;
  const bot = new ActionTrackerBot({
    ...botDeps,
    claimant: instanceId(),
    ...(allowed ? { allowedTenants: allowed } : {}),
  });
  return {
    router: messagesRouter(teams.adapter, bot, deps.logger, {
      localMode: !settings.MicrosoftAppId,
      ...(deps.afterParse ? { afterParse: deps.afterParse } : {}),
    }),
    whenIdle: () => bot.whenIdle(),
  };
}
