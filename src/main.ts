/**
 * Composition root: config → storage → (demo plan) → HTTP. Shuts down cleanly on SIGINT/SIGTERM.
 */

import { randomBytes } from 'node:crypto';
import { createBot } from './bot';
import { UkHolidayCalendar } from './calendar/uk-holidays';
import { ConfigError, loadConfig, loadDotEnv, publicBaseUrl } from './config';
import { reportLinks, reportRouter } from './http/report-links';
import { createApp, listen } from './http/server';
import { instanceId } from './instance-id';
import { createLogger } from './logger';
import { scheduleSweep } from './scheduler/sweep-job';
import { openStores } from './storage/open-stores';
import { systemClock } from './system-clock';
import { sendDigests } from './usecases/digests/send-digests';
import { runSweep } from './usecases/reminders/run-sweep';
import { sweepSummary } from './usecases/reminders/sweep-summary';
import { runRoundSends } from './usecases/rounds/round-requests';
import { seedDemoPlan } from './usecases/seed-demo-plan';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
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
  const bot = createBot(config, {
    stores: opened.stores,
    clock: systemClock,
    logger,
    calendar,
    reportLinks: reportLinks({ secret: linkSecret, baseUrl: publicBaseUrl(config), clock: systemClock }),
  });
  const app = createApp({
    stores: opened.stores,
    logger,
    routers: [
      bot.router,
      reportRouter({ stores: opened.stores, clock: systemClock, logger, secret: linkSecret }),
    ],
  });
  const { server, url } = await listen(app, config.PORT, config.HOST);
  logger.info({ url }, `Action Tracker listening on ${url} (health: ${url}/healthz)`);

  let stopping = false;
  const sweeps =
    config.SCHEDULER === 'on'
      ? scheduleSweep(
          config.SWEEP_SCHEDULE,
          async () => {
            const report = await runSweep(
              {
                stores: opened.stores,
                notifier: bot.notifier,
                calendar,
                clock: systemClock,
                claimant: instanceId(),
                stopping: () => stopping,
              },
              { dryRun: false },
            );
            if (report.rows.length > 0) logger.info(sweepSummary(report), 'reminder sweep');
            if (stopping) return;
            const rounds = await runRoundSends({
              stores: opened.stores,
              notifier: bot.notifier,
              calendar,
              clock: systemClock,
              claimant: instanceId(),
              stopping: () => stopping,
            });
            if (rounds.length > 0)
              logger.info({ cards: rounds.length }, 'monitoring round requests and chases');
            if (stopping) return;
            const digests = await sendDigests(
              {
                stores: opened.stores,
                notifier: bot.notifier,
                calendar,
                clock: systemClock,
                claimant: instanceId(),
              },
              { dryRun: false },
            );
            if (digests.length > 0) logger.info({ digests: digests.length }, 'weekly digests');
          },
          logger,
        )
      : undefined;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work; finishing sends in flight');
    server.close();
    server.closeAllConnections();
    await sweeps?.stop();
    // Announcements already under way (escalations, date requests) finish before storage closes.
    await bot.whenIdle();
    await opened.close();
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
