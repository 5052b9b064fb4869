/** The bot adapter's one entry point: everything botbuilder stays inside src/bot. */
import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock, Stores } from '../usecases/ports';
import { ActionTrackerBot } from './action-tracker-bot';
import { createAdapter } from './adapter';
import { messagesRouter } from './messages-route';

export function createBot(
  config: Pick<
    Config,
    | 'MicrosoftAppId'
    | 'MicrosoftAppPassword'
    | 'MicrosoftAppType'
    | 'MicrosoftAppTenantId'
    | 'ALLOWED_TENANTS'
  >,
  deps: { stores: Stores; clock: Clock; logger: Logger },
): { router: Router } {
  const adapter = createAdapter(config, deps.logger);
  const bot = new ActionTrackerBot({
    ...deps,
    ...(config.ALLOWED_TENANTS ? { allowedTenants: config.ALLOWED_TENANTS } : {}),
  });
  return { router: messagesRouter(adapter, bot, deps.logger) };
}
