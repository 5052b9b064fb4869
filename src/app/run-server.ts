/**
 * Composition root (started by main.ts, after telemetry): config → storage → (demo plan) → e-mail → bot →
 * HTTP → scheduled jobs (run by whichever instance holds the sweeper lease) → graceful shutdown.
 */
import { listen } from '../http/server';
import { BackgroundWork } from '../support/background-work';
import { instanceId } from '../support/instance-id';
import { createLogger } from '../support/logger';
import { seedDemoMeasures, seedDemoPlan } from '../usecases/plans/seed-demo-plan';
import {
  appLinksFor,
  botFor,
  clockFor,
  emailFor,
  linkSecretFor,
  openCore,
  sweeperLeaseFor,
  tokenValidatorFor,
} from './compose';
import { httpApp } from './compose-http';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { type Scheduler, schedulerNotStarted, schedulerOff, startScheduler } from './scheduler/scheduler';
import { shutDownOnSignals } from './shutdown';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const core = await openCore(config, clockFor(config, logger));
  logger.info({ storage: core.opened.describe }, 'storage ready');

  if (core.opened.embedded && config.DEMO_PLAN === 'auto') {
    if (await seedDemoPlan({ ...core, random: Math.random })) {
      await seedDemoMeasures({ ...core, random: Math.random });
      logger.info('demo plan and its measures loaded into the empty embedded store');
    }
  }
  if (!config.MicrosoftAppId) {
    logger.warn(
      'NO MicrosoftAppId: the bot runs UNAUTHENTICATED for local use only and listens on loopback. Never deploy like this.',
    );
  }

  const linkSecret = linkSecretFor(config);
  const links = appLinksFor(config, linkSecret, core.clock);
  const email = await emailFor(config, core, linkSecret, links);
  logger.info({ email: email.describe }, `e-mail: ${email.describe}`);
  const bot = botFor(config, core, logger, links, email);
  const afterResponse = new BackgroundWork(logger);
  let stopping = false;
  // Until it starts (after listening), /readyz reports the scheduler stopped and the instance not ready.
  let scheduler: Scheduler = config.SCHEDULER === 'on' ? schedulerNotStarted : schedulerOff;
  const app = httpApp({
    config,
    core,
    bot,
    logger,
    linkSecret,
    tokens: tokenValidatorFor(config, core.clock),
    afterResponse,
    email,
    readiness: {
      stopping: () => stopping,
      scheduler: () => scheduler.state(),
    },
  });
  const { server, url } = await listen(app, config.PORT, config.HOST);
  logger.info(
    { url },
    `Action Tracker listening on ${url} (dashboard: ${url}/tab, health: ${url}/healthz, readiness: ${url}/readyz)`,
  );

  if (config.SCHEDULER === 'on') {
    scheduler = startScheduler(
      config.SWEEP_SCHEDULE,
      { ...core, channel: bot.channel, claimant: instanceId(), stopping: () => stopping },
      sweeperLeaseFor(config, core.opened),
      logger,
    );
  }

  shutDownOnSignals({
    server,
    logger,
    begin: () => {
      stopping = true;
    },
    // The scheduled run stops taking new work, then the lease is released for a standby to take at once.
    inFlight: () => [scheduler.stop(), bot.whenIdle(), afterResponse.whenIdle()],
    close: async () => {
      await email.stop();
      await core.opened.close();
    },
  });
}

main().catch((error: unknown) => {
  // A configuration mistake is one readable line; anything else keeps its stack for the operator.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
