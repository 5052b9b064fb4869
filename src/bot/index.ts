/** The bot adapter's one entry point: everything botbuilder stays inside src/bot. */
import type { RequestHandler, Router } from 'express';
import type { Config } from '../app/config';
import { allowedTenantsOf } from '../domain/tenant-policy';
import type { HolidayCalendar } from '../domain/working-days';
import { instanceId } from '../support/instance-id';
import type { Logger } from '../support/logger';
import type { Channel } from '../usecases/delivery/channel';
import { routingChannel } from '../usecases/delivery/routing-channel';
import type { AppLinks, Clock, Stores } from '../usecases/ports/index';
import { ActionTrackerBot } from './action-tracker-bot';
import { createAdapter } from './adapter';
import { messagesRouter } from './messages-route';
import { ProactiveNotifier, teamsChannel } from './proactive-notifier';

export function createBot(
  config: Pick<
    Config,
    | 'MicrosoftAppId'
    | 'MicrosoftAppPassword'
    | 'MicrosoftAppType'
    | 'MicrosoftAppTenantId'
    | 'ALLOWED_TENANTS'
  >,
  deps: {
    stores: Stores;
    clock: Clock;
    logger: Logger;
    calendar: HolidayCalendar;
    appLinks?: AppLinks;
    /** Run on each parsed activity before the bot answers it (the per-sender rate limit). */
    afterParse?: RequestHandler;
    /**
     * The e-mail channel, when e-mail is set up: every proactive message then goes by the person's
     * channel (./routing-channel). Without it, Teams only, exactly as before e-mail existed.
     */
    email?: Channel;
  },
): { router: Router; channel: Channel; whenIdle: () => Promise<void> } {
  const adapter = createAdapter(config, deps.logger);
  const allowed = allowedTenantsOf(config);
  const teams = teamsChannel(
    new ProactiveNotifier(adapter, config.MicrosoftAppId ?? '', deps.logger, deps.appLinks),
  );
  const { email, afterParse: _afterParse, ...botDeps } = deps;
  const channel = email ? routingChannel({ teams, email, stores: deps.stores, clock: deps.clock }) : teams;
  const bot = new ActionTrackerBot({
    ...botDeps,
    emailOn: email !== undefined,
    channel,
    claimant: instanceId(),
    ...(allowed ? { allowedTenants: allowed } : {}),
  });
  return {
    router: messagesRouter(adapter, bot, deps.logger, {
      localMode: !config.MicrosoftAppId,
      ...(deps.afterParse ? { afterParse: deps.afterParse } : {}),
    }),
    channel,
    whenIdle: () => bot.whenIdle(),
  };
}
