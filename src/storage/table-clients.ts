import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';

/** Either a connection string (Azurite, or a key-based account) or an account URL used with Entra ID. */
export type StorageTarget = { connectionString: string } | { accountUrl: string };

export const TABLE_NAMES = [
  'Plans',
  'PlanItems',
  'ActionOwners',
  'History',
  'AuditLog',
  'Users',
  'ReminderIndex',
  'NudgeLedger',
  'Digests',
  'Rounds',
  'Measures',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/**
 * Bounded retries: a chat turn or a card press waits on storage, and Teams gives a card press only
 * seconds. Three quick retries ride out a blip; an outage is reported as unavailable instead of hanging.
 */
const CLIENT_OPTIONS = {
  retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
} as const;

export class TableClients {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly credential;

  constructor(
    private readonly target: StorageTarget,
    /** Lets several deployments or test suites share one account without sharing data. */
    private readonly prefix = '',
  ) {
    // Managed identity in Azure, developer sign-in locally: no keys in configuration.
    this.credential = 'accountUrl' in target ? new DefaultAzureCredential() : undefined;
  }

  tableName(name: TableName): string {
    return `${this.prefix}${name}`;
  }

  get(name: TableName): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      client = this.create(this.tableName(name));
      this.clients.set(name, client);
    }
    return client;
  }

  service(): TableServiceClient {
    if ('connectionString' in this.target) {
      return TableServiceClient.fromConnectionString(this.target.connectionString, {
        ...CLIENT_OPTIONS,
        allowInsecureConnection: true,
      });
    }
    return new TableServiceClient(this.target.accountUrl, this.credential!, CLIENT_OPTIONS);
  }

  private create(tableName: string): TableClient {
    if ('connectionString' in this.target) {
      // Insecure (http) connections are only ever Azurite on loopback; Azure accounts are https.
      return TableClient.fromConnectionString(this.target.connectionString, tableName, {
        ...CLIENT_OPTIONS,
        allowInsecureConnection: true,
      });
    }
    return new TableClient(this.target.accountUrl, tableName, this.credential!, CLIENT_OPTIONS);
  }

  async ensureTables(): Promise<void> {
    await Promise.all(TABLE_NAMES.map((name) => this.get(name).createTable()));
  }
}
