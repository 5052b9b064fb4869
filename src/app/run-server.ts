/**
 * Composition root (started by main.ts, after telemetry): config → storage → (demo plan) → HTTP. Shuts down cleanly on SIGINT/SIGTERM.
 */

import { randomBytes } from 'node:crypto';
import { createBot } from '../bot';
import { UkHolidayCalendar } from '../calendar/uk-holidays';
import { tabApiRouter } from '../http/dashboard-api/tab-api';
import { TokenValidator } from '../http/dashboard-api/tab-auth';
import { tabStaticRouter } from '../http/dashboard-api/tab-static';
import { appLinks, reportRouter } from '../http/report-links';
import { createApp, listen } from '../http/server';
import { openStores } from '../storage/open-stores';
import { BackgroundWork } from '../support/background-work';
import { instanceId } from '../support/instance-id';
import { createLogger } from '../support/logger';
import { sendDigests } from '../usecases/digests/send-digests';
import { seedDemoPlan } from '../usecases/plans/seed-demo-plan';
import { runSweep } from '../usecases/reminders/run-sweep';
import { sweepSummary } from '../usecases/reminders/sweep-summary';
import { runRoundSends } from '../usecases/rounds/round-requests';
import { announce } from '../usecases/updates/announce';
import { allowedTenantsOf, ConfigError, loadConfig, loadDotEnv, publicBaseUrl } from './config';
import { type ScheduledJob, scheduleSweep } from './scheduler/sweep-job';
import { clockStartingAt, systemClock as wallClock } from './system-clock';
import { stopTelemetry } from './telemetry';

/** App Service waits 30 s after SIGTERM before killing; requests in flight get a third of it. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const systemClock = config.CLOCK_START ? clockStartingAt(new Date(config.CLOCK_START)) : wallClock;
  if (config.CLOCK_START)
    logger.warn({ clockStart: config.CLOCK_START }, 'CLOCK_START set: the clock is not real time');
  const opened = await openStores(config);
  const calendar = new UkHolidayCalendar();
  logger.info({ storage: opened.describe }, 'storage ready');

  if (opened.embedded && config.DEMO_PLAN === 'auto') {
    const seeded = await seedDemoPlan({
      stores: opened.stores,
      clock: systemClock,
      random: Math.random,
      calendar,
    });
    if (seeded) logger.info('demo plan loaded into the empty embedded store');
  }

  if (!config.MicrosoftAppId) {
    logger.warn(
      'NO MicrosoftAppId: the bot runs UNAUTHENTICATED for local use only and listens on loopback. Never deploy like this.',
    );
  }
  // A configured secret keeps report links working across restarts and instances; otherwise they last
  // until this process stops.
  const linkSecret = config.LINK_SIGNING_SECRET ? Buffer.from(config.LINK_SIGNING_SECRET) : randomBytes(32);
  // The tab's API checks Entra ID tokens when the app has an identity; without one it runs in local mode,
  // which the config allows only on loopback.
  const tokens = config.MicrosoftAppId
    ? new TokenValidator(
        {
          appId: config.MicrosoftAppId,
          resource: `api://${config.PUBLIC_HOSTNAME}/${config.MicrosoftAppId}`,
          allowedTenants: allowedTenantsOf(config) ?? [],
        },
        systemClock,
      )
    : undefined;
  const bot = createBot(config, {
    stores: opened.stores,
    clock: systemClock,
    logger,
    calendar,
    appLinks: appLinks({
      secret: linkSecret,
      baseUrl: publicBaseUrl(config),
      clock: systemClock,
      ...(config.MicrosoftAppId ? { appId: config.MicrosoftAppId } : {}),
    }),
  });
  const afterTabUpdates = new BackgroundWork(logger);
  let stopping = false;
  let sweeps: ScheduledJob | undefined;
  const app = createApp({
    stores: opened.stores,
    logger,
    localMode: !config.MicrosoftAppId,
    production: Boolean(config.MicrosoftAppId),
    readiness: {
      stopping: () => stopping,
      scheduler: () =>
        config.SCHEDULER === 'off' ? { state: 'off' } : (sweeps?.state() ?? { state: 'stopped' }),
    },
    routers: [
      bot.router,
      reportRouter({ stores: opened.stores, clock: systemClock, logger, secret: linkSecret }),
      tabApiRouter({
        stores: opened.stores,
        clock: systemClock,
        calendar,
        logger,
        ...(tokens ? { tokens } : {}),
        afterResponse: (result) => {
          for (const announcement of result.announcements) {
            afterTabUpdates.run(
              'announcement',
              announce(
                { stores: opened.stores, notifier: bot.notifier, clock: systemClock, claimant: instanceId() },
                result.view.plan,
                result.view.action,
                announcement,
              ),
            );
          }
        },
      }),
      tabStaticRouter(),
    ],
  });
  const { server, url } = await listen(app, config.PORT, config.HOST);
  logger.info(
    { url },
    `Action Tracker listening on ${url} (dashboard: ${url}/tab, health: ${url}/healthz, readiness: ${url}/readyz)`,
  );

  // What each scheduled run works with; `stopping` lets a run stop taking new work during shutdown.
  const scheduled = {
    stores: opened.stores,
    notifier: bot.notifier,
    calendar,
    clock: systemClock,
    claimant: instanceId(),
    stopping: () => stopping,
  };
  sweeps =
    config.SCHEDULER === 'on'
      ? scheduleSweep(
          config.SWEEP_SCHEDULE,
          async () => {
            const report = await runSweep(scheduled, { dryRun: false });
            if (report.rows.length > 0) logger.info(sweepSummary(report), 'reminder sweep');
            if (stopping) return;
            const rounds = await runRoundSends(scheduled);
            if (rounds.length > 0)
              logger.info({ cards: rounds.length }, 'monitoring round requests and chases');
            if (stopping) return;
            const digests = await sendDigests(scheduled, { dryRun: false });
            if (digests.length > 0) logger.info({ digests: digests.length }, 'weekly digests');
          },
          logger,
        )
      : undefined;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work; finishing requests and sends in flight');
    // Stop accepting; requests being answered (a card press, a chat turn), the sweep in progress (which
    // takes no new work) and announcements under way get a few seconds between them, and no more: a send
    // Teams never answers must not keep the process alive. What is cut off keeps its ledger claim, which
    // goes stale and is sent by the next instance.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const finished = Promise.all([drained, sweeps?.stop(), bot.whenIdle(), afterTabUpdates.whenIdle()]);
    const cutOff = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), SHUTDOWN_GRACE_MS).unref()),
    ]);
    if (cutOff) logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown: work still running was cut off');
    server.closeAllConnections();
    await opened.close();
    await stopTelemetry().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration mistake is one readable line; anything else keeps its stack for the operator.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
