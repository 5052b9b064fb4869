import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config';
import { UnavailableError } from '../domain/errors';
import type { Logger } from '../logger';

export type BotAuthConfig = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'
>;

/**
 * Bot Framework authentication from the standard variables. With no app id the SDK neither checks
 * incoming tokens nor sends any: local use only, which config enforces by refusing a non-loopback HOST.
 */
export function createAdapter(config: BotAuthConfig, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.MicrosoftAppId
    ? {
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        ...(config.MicrosoftAppPassword ? { MicrosoftAppPassword: config.MicrosoftAppPassword } : {}),
      }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = async (context, error) => {
    // Activity text and notes are never logged: only what identifies the failing turn.
    logger.error(
      {
        err: { name: (error as Error).name, message: (error as Error).message },
        activityType: context.activity.type,
      },
      'unhandled error in a bot turn',
    );
    if (context.activity.type === 'message') {
      await context
        .sendActivity(
          error instanceof UnavailableError
            ? 'Action Tracker cannot reach its storage just now (temporarily unavailable), so nothing was changed. Please try again in a few minutes.'
            : 'Sorry, something went wrong on my side. Please try again in a minute.',
        )
        .catch(() => undefined);
    }
  };
  return adapter;
}
