import type { TeamsUser, UserStore, Versioned } from '../usecases/ports';
import { isNotFound } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * PK = "user", RK = Entra ID object id. One partition: a partnership has hundreds of users, and
 * "who of these owners is reachable" reads them all in one query.
 */
const PARTITION = 'user';

type UserEntity = {
  partitionKey: string;
  rowKey: string;
  email?: string;
  json: string;
};

export class UserRepository implements UserStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Users');
  }

  async get(aadObjectId: string): Promise<Versioned<TeamsUser> | undefined> {
    try {
      const entity = await this.table.getEntity<UserEntity>(PARTITION, aadObjectId);
      return { value: JSON.parse(entity.json) as TeamsUser, etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async put(user: TeamsUser): Promise<void> {
    await this.table.upsertEntity<UserEntity>(
      {
        partitionKey: PARTITION,
        rowKey: user.aadObjectId,
        ...(user.email ? { email: user.email } : {}),
        json: JSON.stringify(user),
      },
      'Replace',
    );
  }

  async findByEmails(emails: readonly string[]): Promise<TeamsUser[]> {
    const wanted = new Set(emails.map((e) => e.trim().toLowerCase()));
    const found: TeamsUser[] = [];
    const query = this.table.listEntities<UserEntity>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}'` },
    });
    for await (const entity of query) {
      if (entity.email && wanted.has(entity.email)) found.push(JSON.parse(entity.json) as TeamsUser);
    }
    return found;
  }
}
