import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
} from 'botbuilder';
import { cardForReply } from '../cards/reply-card';
import { UnavailableError } from '../domain/errors';
import type { Logger } from '../support/logger';

/**
 * The part of the configuration the Bot Framework authentication needs, declared here so this adapter
 * does not import the composition root (src/app passes its validated config, which has these and more).
 */
export interface BotAuthConfig {
  /** The bot's Entra ID app id; absent for local use, when no token is checked or sent. */
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppType: 'SingleTenant' | 'UserAssignedMSI';
  MicrosoftAppTenantId?: string | undefined;
}

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
    const unavailable = error instanceof UnavailableError;
    const card = CardFactory.adaptiveCard(
      cardForReply({
        kind: 'notice',
        tone: 'warning',
        title: unavailable ? 'Temporarily unavailable' : 'Sorry, something went wrong',
        text: unavailable
          ? 'Action Tracker cannot reach its storage just now, so nothing was changed. Please try again in a few minutes.'
          : 'Something went wrong on my side, and nothing was changed. Please try again in a minute.',
      }),
    );
    const { type, name } = context.activity;
    if (type === 'message') {
      await context.sendActivity(MessageFactory.attachment(card)).catch(() => undefined);
    } else if (type === 'invoke' && name === 'adaptiveCard/action') {
      // A card press must be answered with a card, or Teams shows a bare error on the card.
      await context
        .sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: card.contentType, value: card.content } },
        })
        .catch(() => undefined);
    }
  };
  return adapter;
}
