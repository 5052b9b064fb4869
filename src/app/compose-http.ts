/**
 * The HTTP app the server listens with: health, the bot, report links, the e-mail update page (and the
 * local catcher's /dev/mail), the dashboard's API and page.
 */
import { type Express, Router } from 'express';
import type { Action } from '../domain/action';
import type { Plan } from '../domain/plan';
import { planCreatorsFor } from '../domain/plan-creators';
import type { EmailChannel } from '../email/email-notifier';
import type { RunningEmail } from '../email/start-email';
import { tabApiRouter } from '../http/dashboard-api/tab-api';
import type { TokenValidator } from '../http/dashboard-api/tab-auth';
import { tabStaticRouter } from '../http/dashboard-api/tab-static';
import type { Readiness } from '../http/health';
import { messagesLimits, perAddress, refuseAsJson, refuseAsPage } from '../http/rate-limits';
import { reportRouter } from '../http/report-links';
import { createApp } from '../http/server';
import type { CodeSender } from '../http/update-page/link-code';
import { updatePageKeys } from '../http/update-page/update-link';
import type { FreshLinkSender } from '../http/update-page/update-page-router';
import { updatePageRouter } from '../http/update-page/update-page-router';
import type { BackgroundWork } from '../support/background-work';
import { instanceId } from '../support/instance-id';
import type { Logger } from '../support/logger';
import { announce } from '../usecases/updates/announce';
import type { Announcement } from '../usecases/updates/announcements';
import type { botFor, Core } from './compose';
import { type Config, publicBaseUrl } from './config';
import { rateLimitsOf } from './rate-limits';

export interface HttpParts {
  config: Config;
  core: Core;
  bot: ReturnType<typeof botFor>;
  logger: Logger;
  linkSecret: Buffer;
  tokens: TokenValidator | undefined;
  readiness: Readiness;
  /** Announcements a dashboard or update-page save makes go out after the answer; shutdown waits. */
  afterResponse: BackgroundWork;
  /** Its routers (/dev/mail when the local catcher runs); none when e-mail is off. */
  email?: RunningEmail;
}

export function httpApp({
  config,
  core,
  bot,
  logger,
  linkSecret,
  tokens,
  readiness,
  afterResponse,
  email,
}: HttpParts): Express {
  const { stores, clock, calendar } = core;
  const limits = rateLimitsOf(config);
  const tabAddressLimit = Router().use('/api/tab', perAddress(limits, refuseAsJson));
  // The page a report link opens in Teams is limited like the links themselves.
  const reportPageLimit = Router().use('/tab/report', perAddress(limits, refuseAsPage));
  /** What a save asks to announce goes out after the answer, as a card press's does. */
  const announceAfter = (
    view: { plan: Plan; action: Action },
    announcements: readonly Announcement[],
  ): void => {
    for (const announcement of announcements) {
      afterResponse.run(
        'announcement',
        announce(
          { stores, channel: bot.channel, clock, claimant: instanceId() },
          view.plan,
          view.action,
          announcement,
        ),
      );
    }
  };
  return createApp({
    stores,
    logger,
    // Without an app id nothing is authenticated: only this machine may reach it (Host checked).
    localMode: !config.MicrosoftAppId,
    production: Boolean(config.MicrosoftAppId),
    readiness,
    routers: [
      messagesLimits(limits),
      bot.router,
      reportRouter({
        stores,
        clock,
        logger,
        secret: linkSecret,
        limits,
        teamsSignIn: Boolean(config.MicrosoftAppId),
      }),
      tabAddressLimit,
      reportPageLimit,
      tabApiRouter({
        perPersonPerMinute: limits.perPersonPerMinute,
        reportLinkSecret: linkSecret,
        stores,
        clock,
        calendar,
        logger,
        channels: bot.channels,
        channel: bot.channel,
        ...(tokens ? { tokens } : {}),
        planCreators: planCreatorsFor(config.PLAN_CREATORS, !tokens),
        afterResponse: (result) => announceAfter(result.view, result.announcements),
      }),
      ...(email?.routers ?? []),
      updatePageRouter({
        stores,
        clock,
        calendar,
        random: Math.random,
        logger,
        keys: updatePageKeys(linkSecret),
        // Secure cookies wherever the page is served over https (every deployment).
        secureCookies: publicBaseUrl(config).startsWith('https:'),
        perAddressPerMinute: limits.perAddressPerMinute,
        afterSave: (_planId, outcome) => announceAfter(outcome.view, outcome.announcements),
        ...(email?.channel
          ? { sendCode: linkCodeSender(email.channel), sendFreshLink: freshLinkSender(email.channel) }
          : {}),
      }),
      tabStaticRouter(),
    ],
  });
}

/** The update page's one-time codes go by e-mail, to the link's own address only. */
function linkCodeSender(channel: EmailChannel): CodeSender {
  return async (email, input) => (await channel.sendLinkCode({ email, name: '' }, input)).status === 'sent';
}

/** An expired link's fresh one goes by e-mail, to the expired link's own address only. */
export function freshLinkSender(channel: EmailChannel): FreshLinkSender {
  return async (email, found) => (await channel.sendFreshLink({ email, name: '' }, found)).status === 'sent';
}
