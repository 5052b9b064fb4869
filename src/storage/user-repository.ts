import { emailAddress } from '../domain/email-address';
import type { TeamsUser, UserStore, Versioned } from '../usecases/ports/index';
import { encodeKey } from './keys';
import { isNotFound } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * PK = "user", RK = Entra ID object id: the person. PK = "email", RK = their e-mail: a pointer to the
 * person, so owners (known by e-mail) are found with point reads rather than a scan.
 */
const PARTITION = 'user';
const EMAIL_PARTITION = 'email';

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
    if (user.email) {
      await this.table.upsertEntity(
        { partitionKey: EMAIL_PARTITION, rowKey: encodeKey(user.email), aadObjectId: user.aadObjectId },
        'Replace',
      );
    }
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
    const wanted = [...new Set(emails.map(emailAddress))];
    const found = await Promise.all(
      wanted.map(async (email) => {
        const pointer = await this.table
          .getEntity<{ aadObjectId: string }>(EMAIL_PARTITION, encodeKey(email))
          .catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
          });
        const user = pointer ? await this.get(pointer.aadObjectId) : undefined;
        // The pointer may be stale if the person's e-mail changed; the person's own row decides.
        return user?.value.email === email ? user.value : undefined;
      }),
    );
    return found.filter((u): u is TeamsUser => u !== undefined);
  }
}
