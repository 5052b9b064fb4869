import { emailAddress } from '../domain/email-address';
import { ConflictError } from '../domain/errors';
import type { Contact, ContactStore, LinkCode, LinkState } from '../usecases/ports/contacts';
import { encodeKey } from './keys';
import { isAlreadyExists, isNotFound } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * In the Users table, PK = "contact", RK = the encoded e-mail address: one point read per person. The
 * row's `json` is the contact record; `linkVersion` and `linkCodeJson` are the person's e-mail update
 * links' state, in columns of their own so that saving a preference (a Merge of `json` only) never undoes
 * a revocation, and a row made only by a revocation still reads as "no contact record" (the defaults).
 */
const PARTITION = 'contact';

type ContactEntity = {
  partitionKey: string;
  rowKey: string;
  json?: string;
  linkVersion?: number;
  linkCodeJson?: string;
};

/** A link-state change that keeps meeting newer writes gives up after this many tries. */
const ATTEMPTS = 5;

export class ContactRepository implements ContactStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Users');
  }

  private async entity(email: string): Promise<(ContactEntity & { etag: string }) | undefined> {
    try {
      return await this.table.getEntity<ContactEntity>(PARTITION, encodeKey(emailAddress(email)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async get(email: string): Promise<Contact | undefined> {
    const entity = await this.entity(email);
    return entity?.json ? (JSON.parse(entity.json) as Contact) : undefined;
  }

  async getMany(emails: readonly string[]): Promise<Contact[]> {
    const found = await Promise.all([...new Set(emails.map(emailAddress))].map((e) => this.get(e)));
    return found.filter((c): c is Contact => c !== undefined);
  }

  async put(contact: Contact): Promise<void> {
    const email = emailAddress(contact.email);
    // Merge, not Replace: the link columns are not the contact record's to overwrite.
    await this.table.upsertEntity<ContactEntity>(
      { partitionKey: PARTITION, rowKey: encodeKey(email), json: JSON.stringify({ ...contact, email }) },
      'Merge',
    );
  }

  async linkState(email: string): Promise<LinkState> {
    return stateOf(await this.entity(email));
  }

  async changeLinkState(email: string, change: (current: LinkState) => LinkState): Promise<LinkState> {
    const rowKey = encodeKey(emailAddress(email));
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const entity = await this.entity(email);
      const next = change(stateOf(entity));
      const columns = {
        partitionKey: PARTITION,
        rowKey,
        linkVersion: next.version,
        linkCodeJson: next.code ? JSON.stringify(next.code) : '',
      };
      try {
        if (entity) await this.table.updateEntity(columns, 'Merge', { etag: entity.etag });
        else await this.table.createEntity(columns);
        return next;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== 412 && !isAlreadyExists(error)) throw error;
      }
    }
    throw new ConflictError(`Links of ${email}`);
  }
}

function stateOf(entity: ContactEntity | undefined): LinkState {
  const version = typeof entity?.linkVersion === 'number' ? entity.linkVersion : 0;
  const code = entity?.linkCodeJson ? (JSON.parse(entity.linkCodeJson) as LinkCode) : undefined;
  return code ? { version, code } : { version };
}
