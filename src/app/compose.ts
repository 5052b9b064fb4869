/**
 * The wiring the server and the CLI share: one small factory per part (clock, storage, calendar, bot and
 * its notifier, report links, token checks, the sweeper's lease), so both build each part the same way.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createBot } from '../bot';
import { UkHolidayCalendar } from '../calendar/uk-holidays';
import type { HolidayCalendar } from '../domain/working-days';
import { emailChannel } from '../email/email-notifier';
import { emailSetupOf } from '../email/email-setup';
import { type RunningEmail, startEmail } from '../email/start-email';
import { TokenValidator } from '../http/dashboard-api/tab-auth';
import { perTeamsSender } from '../http/rate-limits';
import { appLinks } from '../http/report-links';
import { updatePageKeys } from '../http/update-page/update-link';
import { updateLinkMaker } from '../http/update-page/update-links';
import { BlobLease, type BlobTarget } from '../storage/blob-lease';
import { type OpenedStores, openStores } from '../storage/open-stores';
import type { Logger } from '../support/logger';
import type { AppLinks, Clock, Stores } from '../usecases/ports/index';
import { allowedTenantsOf, blobUrlOf, type Config, publicBaseUrl } from './config';
import { rateLimitsOf } from './rate-limits';
import { clockStartingAt, systemClock } from './system-clock';

/**
 * Azure allows 15 to 60 seconds. The shortest, as Azure Functions' singleton lock uses, so a standby
 * takes over within about 20 seconds (the lease running out, plus one try) when the sweeper dies.
 */
export const SWEEPER_LEASE_SECONDS = 15;

/** What every entry point works with. */
export interface Core {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  /** The storage that was opened: its description, the embedded Azurite if any, and how to close it. */
  opened: OpenedStores;
}

/** The wall clock, or with CLOCK_START (local use only) one that starts there and runs on. */
export function clockFor(config: Pick<Config, 'CLOCK_START'>, logger: Logger): Clock {
  if (!config.CLOCK_START) return systemClock;
  logger.warn({ clockStart: config.CLOCK_START }, 'CLOCK_START set: the clock is not real time');
  return clockStartingAt(new Date(config.CLOCK_START));
}

/** Storage (configured, or an embedded Azurite), the holiday calendar and the clock. */
export async function openCore(config: Config, clock: Clock): Promise<Core> {
  const opened = await openStores(config);
  return { stores: opened.stores, clock, calendar: new UkHolidayCalendar(), opened };
}

/**
 * The bot (its /api/messages router and the channel every proactive send goes through). With `email`
 * running, that channel routes each person to Teams or e-mail; without, Teams only.
 */
export function botFor(
  config: Config,
  core: Pick<Core, 'stores' | 'clock' | 'calendar'>,
  logger: Logger,
  links?: AppLinks,
  email?: RunningEmail,
): ReturnType<typeof createBot> {
  return createBot(config, {
    stores: core.stores,
    clock: core.clock,
    calendar: core.calendar,
    logger,
    ...(links ? { appLinks: links } : {}),
    ...(email?.channel ? { email: emailChannel(email.channel) } : {}),
    afterParse: perTeamsSender(rateLimitsOf(config)),
  });
}

/**
 * E-mail as the settings say (a relay, the local catcher, or off), its buttons opening the signed update
 * page on PUBLIC_HOSTNAME and the dashboard as the cards link it.
 */
export function emailFor(
  config: Config,
  core: Pick<Core, 'clock'>,
  secret: Buffer,
  links: AppLinks,
): Promise<RunningEmail> {
  return startEmail({
    setup: emailSetupOf(config),
    dataDir: config.DATA_DIR,
    clock: core.clock,
    appId: config.MicrosoftAppId,
    links: {
      updateUrl: updateLinkMaker({
        keys: updatePageKeys(secret),
        baseUrl: publicBaseUrl(config),
        clock: core.clock,
      }),
      dashboardUrl: (planId) => links.dashboardUrl(planId),
    },
  });
}

/**
 * The key that signs report links. A configured secret keeps links working across restarts and
 * instances; otherwise they last until this process stops.
 */
export function linkSecretFor(config: Pick<Config, 'LINK_SIGNING_SECRET'>): Buffer {
  return config.LINK_SIGNING_SECRET ? Buffer.from(config.LINK_SIGNING_SECRET) : randomBytes(32);
}

/** The links cards carry: the dashboard, and signed report downloads. */
export function appLinksFor(config: Config, secret: Buffer, clock: Clock): AppLinks {
  return appLinks({
    secret,
    baseUrl: publicBaseUrl(config),
    clock,
    ...(config.MicrosoftAppId ? { appId: config.MicrosoftAppId } : {}),
  });
}

/**
 * The dashboard API checks Entra ID tokens when the app has an identity; without one it runs in local
 * mode, which the config allows only on loopback.
 */
export function tokenValidatorFor(config: Config, clock: Clock): TokenValidator | undefined {
  if (!config.MicrosoftAppId) return undefined;
  return new TokenValidator(
    {
      appId: config.MicrosoftAppId,
      resource: `api://${config.PUBLIC_HOSTNAME}/${config.MicrosoftAppId}`,
      allowedTenants: allowedTenantsOf(config) ?? [],
    },
    clock,
  );
}

/**
 * The lease that elects the one instance that sweeps: a blob in the same account as the tables, named
 * with the table prefix so deployments sharing an account elect separately.
 */
export function sweeperLeaseFor(config: Config, opened: OpenedStores): BlobLease {
  return new BlobLease(blobTargetOf(config, opened), {
    blobName: `${config.TABLE_PREFIX}sweeper`,
    // A lease id per process: a restarted process is a new contender, not the old holder.
    leaseId: randomUUID(),
    durationSeconds: SWEEPER_LEASE_SECONDS,
  });
}

function blobTargetOf(config: Config, opened: OpenedStores): BlobTarget {
  if (opened.embedded) return { connectionString: opened.embedded.connectionString };
  if (config.STORAGE_CONNECTION_STRING) return { connectionString: config.STORAGE_CONNECTION_STRING };
  // The config refuses a STORAGE_ACCOUNT_URL it cannot find the blob endpoint for.
  return { blobUrl: blobUrlOf(config)! };
}
