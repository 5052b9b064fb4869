/**
 * The HTTP app as run-server composes it with an app id (production): compose-http, real Azurite with
 * the demo plan, the bot's real links, and the tab's token checks against a stand-in for Entra ID
 * (./entra-tokens.ts), the only part faked.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appLinksFor, botFor, emailFor, openCore } from '../../src/app/compose';
import { httpApp } from '../../src/app/compose-http';
import { loadConfig } from '../../src/app/config';
import { schedulerOff } from '../../src/app/scheduler/scheduler';
import { TokenValidator } from '../../src/http/dashboard-api/tab-auth';
import { BackgroundWork } from '../../src/support/background-work';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { AppLinks, Clock, Stores } from '../../src/usecases/ports/index';
import { type SmtpSink, startSmtpSink } from '../email/smtp-sink';
import { FakeEntra } from './entra-tokens';
import { freshStores, seededRandom, testConnectionString } from './test-stores';

export const APP_ID = '8d2e6f4a-1c3b-4e5d-a7f9-0b1c2d3e4f5a';
export const TENANT = '5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f';
export const SECRET = 'a-report-link-test-secret-of-32-characters';

export interface ProductionApp {
  url: string;
  links: AppLinks;
  stores: Stores;
  /** Stops listening (and the e-mail transport, when there is one); await it to know it has. */
  close(): Promise<void>;
}

/** Entra ID, stood in for, issuing tokens for the app's API on `host`. */
export function fakeEntraFor(host: string, clock: Clock): FakeEntra {
  return new FakeEntra({ tenant: TENANT, audience: `api://${host}/${APP_ID}`, now: () => clock.now() });
}

/** Starts the app on loopback; `env` adds settings (such as low rate limits). */
export async function startProductionApp(options: {
  host: string;
  clock: Clock;
  entra: FakeEntra;
  /** When the demo plan's dates are measured from. */
  seededAt: Date;
  env?: Record<string, string>;
}): Promise<ProductionApp> {
  const { host, clock, entra } = options;
  const { prefix } = await freshStores();
  const config = loadConfig({
    MicrosoftAppId: APP_ID,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppPassword: 'not-a-secret-only-for-a-test',
    PUBLIC_HOSTNAME: host,
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
    LINK_SIGNING_SECRET: SECRET,
    SCHEDULER: 'off',
    ...options.env,
  });
  const logger = createLogger('silent');
  const core = await openCore(config, clock);
  await seedDemoPlan({ ...core, clock: { now: () => options.seededAt }, random: seededRandom() });
  const linkSecret = Buffer.from(SECRET);
  const links = appLinksFor(config, linkSecret, clock);
  // E-mail as run-server starts it, when the settings name a relay (SMTP_URL); otherwise none.
  const email = config.SMTP_URL ? await emailFor(config, core, linkSecret, links) : undefined;
  const app = httpApp({
    config,
    core,
    bot: botFor(config, core, logger, links, email),
    ...(email ? { email } : {}),
    logger,
    linkSecret,
    // As tokenValidatorFor makes it, with the stand-in's published keys.
    tokens: new TokenValidator(
      {
        appId: APP_ID,
        resource: `api://${host}/${APP_ID}`,
        allowedTenants: [TENANT],
        jwksUrl: entra.jwksUrl,
      },
      clock,
    ),
    readiness: { stopping: () => false, scheduler: schedulerOff.state },
    afterResponse: new BackgroundWork(logger),
  });
  const server: Server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    links,
    stores: core.stores,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await email?.stop();
    },
  };
}

/**
 * The app with e-mail to a real SMTP server on loopback (SMTP_URL, MAIL_FROM), Entra's stand-in started
 * first, the demo plan seeded a minute before the clock's time: what the Teams-mode journeys through the
 * dashboard share. `close` stops the app, the SMTP server and the stand-in.
 */
export async function startProductionAppWithMail(options: {
  host: string;
  clock: Clock;
  entra: FakeEntra;
  env?: Record<string, string>;
}): Promise<{ app: ProductionApp; sink: SmtpSink }> {
  const { clock, entra } = options;
  await entra.start();
  const sink = await startSmtpSink();
  const app = await startProductionApp({
    host: options.host,
    clock,
    entra,
    seededAt: new Date(clock.now().getTime() - 60_000),
    env: { SMTP_URL: sink.url, MAIL_FROM: 'Action Tracker <action-tracker@council.example>', ...options.env },
  });
  return {
    app: {
      ...app,
      close: async () => {
        await app.close();
        entra.stop();
        await sink.stop();
      },
    },
    sink,
  };
}
