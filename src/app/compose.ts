/**
 * The wiring the server and the CLI share: one small factory per part (clock, storage, calendar, the
 * channel registry and its routing, the bot, report links, token checks, the sweeper's lease), so both
 * build each part the same way. The CLI sends through `sendingFor` without building the bot.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { createBot, createTeams, type TeamsSettings, teamsReacher } from '../bot';
import { UkHolidayCalendar } from '../calendar/uk-holidays';
import type { HolidayCalendar } from '../domain/working-days';
import { emailChannel, emailOff, emailReacher } from '../email/email-notifier';
import { type EmailSettings, emailSetupOf } from '../email/email-setup';
import { type RunningEmail, startEmail } from '../email/start-email';
import { TokenValidator } from '../http/dashboard-api/tab-auth';
import { perTeamsSender } from '../http/rate-limits';
import { appLinks } from '../http/report-links';
import { measureLinkMaker } from '../http/update-page/measure-link';
import { updatePageKeys } from '../http/update-page/update-link';
import { updateLinkMaker } from '../http/update-page/update-links';
import { BlobLease, type BlobTarget } from '../storage/blob-lease';
import { type OpenedStores, openStores } from '../storage/open-stores';
import type { Logger } from '../support/logger';
import type {
  Channel,
  ChannelRegistry,
  ReachRegistry,
  RegisteredChannel,
} from '../usecases/delivery/channel';
import { forgetTeamsChat, markUndeliverable } from '../usecases/delivery/forget';
import { routingChannel } from '../usecases/delivery/routing-channel';
import type { AppLinks, Clock, PlanDeps, Stores } from '../usecases/ports/index';
import { allowedTenantsOf, blobUrlOf, type Config, publicBaseUrl } from './config';
import { dataDirLinkSecret } from './link-secret';
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
 * The channel registry: every channel by name, each bound to what its "never" changes in storage. A new
 * channel is one more line here (and its name in CHANNEL_NAMES). E-mail not set up is a channel that
 * reaches nobody, so everyone's only way is Teams, as before e-mail existed.
 */
export function channelsFor(
  core: Pick<Core, 'stores' | 'clock'>,
  teams: RegisteredChannel,
  email: RegisteredChannel | undefined,
): ChannelRegistry {
  return {
    teams: { ...teams, forget: forgetTeamsChat(core) },
    email: email ? { ...email, forget: markUndeliverable(core) } : emailOff,
  };
}

/**
 * What reachability asks of each channel, without starting a sender (the CLI's `owners` and `contact`):
 * the same answers the registry gives.
 */
export function reachersFor(config: Config): ReachRegistry {
  const off = emailSetupOf(emailSettingsOf(config)).kind === 'off';
  return { teams: teamsReacher, email: off ? emailOff : emailReacher };
}

/** The one channel every proactive send goes by: routing each person by their order over the registry. */
export function routingFor(core: Pick<Core, 'stores'>, channels: ChannelRegistry): Channel {
  return routingChannel({ channels, stores: core.stores });
}

/**
 * The channel the CLI sends by: the same registry and routing as the server (Teams' pacing and retries,
 * e-mail as the settings say), without building the bot.
 */
export function sendingFor(
  config: Config,
  core: Pick<Core, 'stores' | 'clock'>,
  logger: Logger,
  links: AppLinks,
  email: RunningEmail,
): Channel {
  const teams = createTeams(teamsSettingsOf(config), logger, links);
  return routingFor(core, channelsFor(core, teams.channel, emailOf(email)));
}

/** The bot as the settings say: its /api/messages router, and the routing channel it sends by. */
export function botFor(
  config: Config,
  core: Pick<Core, 'stores' | 'clock' | 'calendar'>,
  logger: Logger,
  links?: AppLinks,
  email?: RunningEmail,
): AssembledBot {
  const channel = emailOf(email);
  return assembleBot(teamsSettingsOf(config), {
    stores: core.stores,
    clock: core.clock,
    calendar: core.calendar,
    logger,
    ...(links ? { appLinks: links } : {}),
    ...(channel ? { email: channel } : {}),
    afterParse: perTeamsSender(rateLimitsOf(config)),
  });
}

export interface AssembledBot {
  router: Router;
  /** Every proactive message goes by it. */
  channel: Channel;
  /** The registry it routes over (reachability for `owners` asks the same channels). */
  channels: ChannelRegistry;
  whenIdle: () => Promise<void>;
}

/**
 * The bot over the channel registry, from parts already made (botFor's, and tests' and benches' with a
 * mail catcher of their own). Without `email`, e-mail reaches nobody and Teams is everyone's channel.
 */
export function assembleBot(
  settings: TeamsSettings,
  deps: PlanDeps & {
    logger: Logger;
    appLinks?: AppLinks;
    afterParse?: RequestHandler;
    email?: RegisteredChannel;
  },
): AssembledBot {
  const { email, ...botDeps } = deps;
  const teams = createTeams(settings, deps.logger, deps.appLinks);
  const channels = channelsFor(deps, teams.channel, email);
  const channel = routingFor(deps, channels);
  const bot = createBot(teams, settings, { ...botDeps, channel, channels, emailOn: email !== undefined });
  return { ...bot, channel, channels };
}

function emailOf(email: RunningEmail | undefined): RegisteredChannel | undefined {
  return email?.channel ? emailChannel(email.channel) : undefined;
}

/** The slice of the settings Teams is set up from. */
export function teamsSettingsOf(config: Config): TeamsSettings {
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    ALLOWED_TENANTS: config.ALLOWED_TENANTS,
  };
}

/**
 * E-mail as the settings say (a relay, the local catcher, or off), its buttons opening the signed update
 * page on PUBLIC_HOSTNAME and the dashboard as the cards link it.
 */
export function emailFor(
  config: Config,
  core: Pick<Core, 'clock' | 'stores'>,
  secret: Buffer,
  links: AppLinks,
): Promise<RunningEmail> {
  return startEmail({
    setup: emailSetupOf(emailSettingsOf(config)),
    dataDir: config.DATA_DIR,
    clock: core.clock,
    appId: config.MicrosoftAppId,
    links: {
      updateUrl: updateLinkMaker({
        keys: updatePageKeys(secret),
        baseUrl: publicBaseUrl(config),
        clock: core.clock,
        contacts: core.stores.contacts,
      }),
      dashboardUrl: (planId) => links.dashboardUrl(planId),
      measureUrl: measureLinkMaker({
        keys: updatePageKeys(secret),
        baseUrl: publicBaseUrl(config),
        clock: core.clock,
        contacts: core.stores.contacts,
      }),
    },
  });
}

/** The slice of the settings e-mail is set up from. */
export function emailSettingsOf(config: Config): EmailSettings {
  return {
    SMTP_URL: config.SMTP_URL,
    SMTP_USER: config.SMTP_USER,
    SMTP_PASSWORD: config.SMTP_PASSWORD,
    MAIL_FROM: config.MAIL_FROM,
    SMTP_MAX_PER_SECOND: config.SMTP_MAX_PER_SECOND,
    MicrosoftAppId: config.MicrosoftAppId,
  };
}

/**
 * The key that signs report links and e-mail update links. A configured secret keeps links working across
 * restarts and instances. Locally (no app id) without one, the secret kept in DATA_DIR, made on first
 * use, so the CLI's links open on the running server. With an app id the configuration requires one (a
 * deployment sets LINK_SIGNING_SECRET from Key Vault).
 */
export function linkSecretFor(
  config: Pick<Config, 'LINK_SIGNING_SECRET' | 'MicrosoftAppId' | 'DATA_DIR'>,
): Buffer {
  if (config.LINK_SIGNING_SECRET) return Buffer.from(config.LINK_SIGNING_SECRET);
  if (config.MicrosoftAppId) throw new Error('LINK_SIGNING_SECRET is required when MicrosoftAppId is set');
  return dataDirLinkSecret(config.DATA_DIR);
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
