/**
 * Every setting the app reads, in one schema, validated once at start-up. A bad value stops the
 * process with one readable line naming the variable, not a stack trace an hour later.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const schema = z
  .object({
    PORT: port.default(3978).describe('HTTP port for the bot endpoint, the tab and /healthz'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; 0.0.0.0 in Azure'),
    STORAGE_CONNECTION_STRING: z.string().min(1).optional().describe('Azure Storage connection string'),
    STORAGE_ACCOUNT_URL: z
      .string()
      .url()
      .refine((value) => value.startsWith('https://'), 'must be an https:// URL')
      .optional()
      .describe('Table endpoint used with managed identity (DefaultAzureCredential)'),
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
  })
  .refine((env) => !(env.STORAGE_CONNECTION_STRING && env.STORAGE_ACCOUNT_URL), {
    message: 'set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL, not both',
    path: ['STORAGE_ACCOUNT_URL'],
  });

export type Config = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty strings count as unset, as they do in most .env files and App Service settings. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
    );
    throw new ConfigError(`Configuration is not valid: ${problems.join('; ')}`);
  }
  return Object.freeze(result.data);
}

/** Reads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
