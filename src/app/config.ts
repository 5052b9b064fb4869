/**
 * Every setting the app reads, in one schema, validated once at start-up. A bad value stops the
 * process with one readable line naming the variable, not a stack trace an hour later.
 */
import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { parsePlanCreators } from '../domain/plan-creators';
import { DEFAULT_RETENTION_DAYS } from '../domain/retention';

const port = z.coerce.number().int().min(0).max(65535);

const settings = z.object({
  PORT: port.default(3978).describe('HTTP port for the bot endpoint, the tab and /healthz'),
  HOST: z
    .string()
    .min(1)
    .optional()
    .describe('Interface to listen on; default 127.0.0.1, or 0.0.0.0 with an app id'),
  STORAGE_CONNECTION_STRING: z.string().min(1).optional().describe('Azure Storage connection string'),
  STORAGE_ACCOUNT_URL: z
    .string()
    .url()
    .refine((value) => value.startsWith('https://'), 'must be an https:// URL')
    .optional()
    .describe('Table endpoint used with managed identity (DefaultAzureCredential)'),
  STORAGE_BLOB_URL: z
    .string()
    .url()
    .refine((value) => value.startsWith('https://'), 'must be an https:// URL')
    .optional()
    .describe("Blob endpoint for the sweeper's lease; default STORAGE_ACCOUNT_URL with .table. as .blob."),
  TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$|^$/, 'must be letters and digits, starting with a letter')
    .default('')
    .describe('Prefix for table names, so deployments can share an account'),
  DATA_DIR: z.string().min(1).default('.data').describe('Where the embedded Azurite keeps its data'),
  DEMO_PLAN: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe('Load the demo plan into an empty embedded store'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: z.string().uuid().optional().describe("The bot's Entra ID app (client) id"),
  MicrosoftAppPassword: z
    .string()
    .min(1)
    .optional()
    .describe('Client secret, for MicrosoftAppType=SingleTenant'),
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().uuid().optional().describe("The bot's home tenant id"),
  ALLOWED_TENANTS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== ''),
    )
    .pipe(z.array(z.string().uuid({ message: 'must be a comma-separated list of tenant ids' })))
    .optional()
    .describe("Comma-separated tenant ids allowed to use the bot and the tab; unset, the app's own tenant"),
  SWEEP_SCHEDULE: z
    .string()
    .default('*/5 * * * *')
    .refine((value) => cron.validate(value), 'must be a cron expression such as */5 * * * *')
    .describe('When the reminder sweep runs (cron, server time)'),
  SCHEDULER: z.enum(['on', 'off']).default('on').describe('off stops this instance running sweeps'),
  PUBLIC_HOSTNAME: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as action-tracker.azurewebsites.net')
    .optional()
    .describe(
      'Public host name of the app, used in the Teams manifest and in links; default localhost:<PORT>',
    ),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100000)
    .optional()
    .describe(
      'Requests a minute one person may make to the bot, the tab API or a report link; default 120 with an app id, 6000 locally',
    ),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000000)
    .optional()
    .describe(
      'Requests a minute one client address may make to each of those surfaces; default 600 with an app id, 30000 locally',
    ),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(30)
    .max(3650)
    .default(DEFAULT_RETENTION_DAYS)
    .describe('Days a closed plan is kept before it may be purged (exported, then erased)'),
  CLOCK_START: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO date-time such as 2025-03-03T09:30:00Z' })
    .optional()
    .describe('Local use only: the clock starts at this instant and runs on from there'),
  LINK_SIGNING_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
    .optional()
    .describe(
      'Signs report download links and e-mail update links; required with MicrosoftAppId; unset locally, one kept in DATA_DIR',
    ),
  AZURE_CLIENT_ID: z
    .string()
    .uuid()
    .optional()
    .describe('Client id of the user-assigned managed identity that reads and writes storage'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .min(1)
    .optional()
    .describe('Send logs and request telemetry to Application Insights when set'),
  PLAN_CREATORS: z
    .string()
    .transform((value, ctx) => {
      const read = parsePlanCreators(value);
      if (read.ok) return read.creators;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be e-mail addresses and/or Entra ID group object ids, comma-separated; not ${read.invalid
          .map((entry) => `"${entry.slice(0, 60)}"`)
          .join(', ')}`,
      });
      return z.NEVER;
    })
    .optional()
    .describe(
      'Who may create plans from the dashboard: e-mail addresses and/or Entra ID group ids (from the token’s groups claim); unset, nobody (the CLI still can)',
    ),
  // E-mail, for people the bot cannot reach in Teams. Unset SMTP_URL: locally an in-process catcher
  // keeps the messages under DATA_DIR; with an app id, no e-mail is sent.
  SMTP_URL: z
    .string()
    .url('must be a URL such as smtp://smtp.office365.com:587 or smtps://relay.example:465')
    .refine(
      (value) => /^smtps?:\/\/[^/?#]+(:\d+)?\/?$/i.test(value),
      'must be smtp://host:port or smtps://host:port',
    )
    .optional()
    .describe('SMTP relay for e-mail: smtp:// (STARTTLS) or smtps:// (TLS); credentials may be in the URL'),
  SMTP_USER: z.string().min(1).optional().describe('SMTP user name, if not in SMTP_URL'),
  SMTP_PASSWORD: z.string().min(1).optional().describe('SMTP password, if not in SMTP_URL'),
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an address, e.g. Action Tracker <action-tracker@council.gov.uk>',
    )
    .optional()
    .describe('From address of the e-mails; required with SMTP_URL'),
  SMTP_MAX_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(1000)
    .default(10)
    .describe('At most this many e-mails a second are handed to the relay'),
});

/** Every variable the app reads; the infrastructure test checks the Bicep sets no others. */
export const SETTING_NAMES: readonly string[] = Object.keys(settings.shape);

const schema = settings
  .refine((env) => !(env.STORAGE_CONNECTION_STRING && env.STORAGE_ACCOUNT_URL), {
    message: 'set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL, not both',
    path: ['STORAGE_ACCOUNT_URL'],
  })
  .refine((env) => !env.STORAGE_BLOB_URL || env.STORAGE_ACCOUNT_URL, {
    message: 'is used only with STORAGE_ACCOUNT_URL (a connection string names its own blob endpoint)',
    path: ['STORAGE_BLOB_URL'],
  })
  // The sweeper's lease lives in the same account's blob service: without one, no instance would sweep.
  .refine((env) => env.SCHEDULER === 'off' || !env.STORAGE_ACCOUNT_URL || blobUrlOf(env), {
    message: 'is required when STORAGE_ACCOUNT_URL is not a *.table.* endpoint (the sweeper lease is a blob)',
    path: ['STORAGE_BLOB_URL'],
  })
  .refine(
    (env) =>
      env.SCHEDULER === 'off' ||
      !env.STORAGE_CONNECTION_STRING ||
      !/(^|;)\s*TableEndpoint=/i.test(env.STORAGE_CONNECTION_STRING) ||
      /(^|;)\s*BlobEndpoint=/i.test(env.STORAGE_CONNECTION_STRING),
    {
      message:
        'names a TableEndpoint but no BlobEndpoint: the sweeper lease is a blob in the same account (or set SCHEDULER=off)',
      path: ['STORAGE_CONNECTION_STRING'],
    },
  )
  .refine((env) => !env.MicrosoftAppId || env.MicrosoftAppTenantId, {
    message: 'is required when MicrosoftAppId is set',
    path: ['MicrosoftAppTenantId'],
  })
  .refine(
    (env) => !(env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant') || env.MicrosoftAppPassword,
    {
      message: 'is required when MicrosoftAppType is SingleTenant',
      path: ['MicrosoftAppPassword'],
    },
  )
  // A per-process secret would make every link die on a restart or on another instance: mid-round,
  // owners' links would stop opening before the round's response date.
  .refine((env) => !env.MicrosoftAppId || env.LINK_SIGNING_SECRET, {
    message: 'is required when MicrosoftAppId is set (each instance must open the links the others sent)',
    path: ['LINK_SIGNING_SECRET'],
  })
  .refine((env) => !(env.CLOCK_START && env.MicrosoftAppId), {
    message: 'is for local use only and cannot be set with MicrosoftAppId',
    path: ['CLOCK_START'],
  })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM, {
    message: 'is required when SMTP_URL is set',
    path: ['MAIL_FROM'],
  })
  // Without an app id nobody's token is checked, so the bot must not be reachable from other machines.
  .refine((env) => env.MicrosoftAppId || !env.HOST || isLoopback(env.HOST), {
    message: 'must be a loopback address (127.0.0.1, ::1 or localhost) when MicrosoftAppId is not set',
    path: ['HOST'],
  })
  .transform((env) => ({
    ...env,
    HOST: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    // Links must reach the port the server listens on (issue 20: they said 3978 whatever PORT was). Port 0
    // (any free port, in tests) is known only once listening, so such links keep the usual port.
    PUBLIC_HOSTNAME: env.PUBLIC_HOSTNAME ?? `localhost:${env.PORT === 0 ? 3978 : env.PORT}`,
  }));

/** Where people's browsers reach the app: https in Azure, http on a developer's machine. */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_HOSTNAME'>): string {
  const host = config.PUBLIC_HOSTNAME;
  const local = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/i.test(host);
  return `${local ? 'http' : 'https'}://${host}`;
}

/**
 * The blob endpoint beside STORAGE_ACCOUNT_URL's tables, where the sweeper's lease is kept:
 * STORAGE_BLOB_URL, or the table endpoint with `.table.` read as `.blob.` (as every Azure cloud names them).
 */
export function blobUrlOf(config: {
  STORAGE_ACCOUNT_URL?: string;
  STORAGE_BLOB_URL?: string;
}): string | undefined {
  if (config.STORAGE_BLOB_URL) return config.STORAGE_BLOB_URL;
  if (!config.STORAGE_ACCOUNT_URL) return undefined;
  const url = new URL(config.STORAGE_ACCOUNT_URL);
  if (!url.hostname.includes('.table.')) return undefined;
  url.hostname = url.hostname.replace('.table.', '.blob.');
  return url.toString().replace(/\/$/, '');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Kept here too, where the settings are read: see domain/tenant-policy.ts. */
export { allowedTenantsOf } from '../domain/tenant-policy';

export type Config = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty strings count as unset, as they do in most .env files and App Service settings. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  // App Service passes an unresolved Key Vault reference on as its own text: never a usable secret.
  const unresolved = Object.entries(present)
    .filter(([, value]) => value?.startsWith('@Microsoft.KeyVault('))
    .map(
      ([name]) =>
        `${name}: is a Key Vault reference that App Service could not resolve (can the app's identity read the vault, from its subnet?)`,
    );
  const result = schema.safeParse(present);
  if (!result.success || unresolved.length > 0) {
    const problems = [
      ...unresolved,
      ...(result.error?.issues ?? []).map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`),
    ];
    throw new ConfigError(`Configuration is not valid: ${problems.join('; ')}`);
  }
  return Object.freeze(result.data);
}

/** Reads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
