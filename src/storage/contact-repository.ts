import { emailAddress } from '../domain/email-address';
import type { Contact, ContactStore } from '../usecases/ports/contacts';
import { encodeKey } from './keys';
import { isNotFound } from './storage-errors';
import type { TableClients } from './table-clients';

/** In the Users table, PK = "contact", RK = the encoded e-mail address: one point read per person. */
const PARTITION = 'contact';

type ContactEntity = { partitionKey: string; rowKey: string; json: string };

export class ContactRepository implements ContactStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Users');
  }

  async get(email: string): Promise<Contact | undefined> {
    try {
      const entity = await this.table.getEntity<ContactEntity>(PARTITION, encodeKey(emailAddress(email)));
      return JSON.parse(entity.json) as Contact;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getMany(emails: readonly string[]): Promise<Contact[]> {
    const found = await Promise.all([...new Set(emails.map(emailAddress))].map((e) => this.get(e)));
    return found.filter((c): c is Contact => c !== undefined);
  }

  async put(contact: Contact): Promise<void> {
    const email = emailAddress(contact.email);
    await this.table.upsertEntity<ContactEntity>(
      { partitionKey: PARTITION, rowKey: encodeKey(email), json: JSON.stringify({ ...contact, email }) },
      'Replace',
    );
  }
}
