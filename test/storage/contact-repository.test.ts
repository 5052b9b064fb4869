import { ContactRepository } from '../../src/storage/contact-repository';
import { TableClients } from '../../src/storage/table-clients';

describe('contact repository (Azurite)', () => {
  let contacts: ContactRepository;

  beforeAll(async () => {
    const tables = new TableClients(
      { connectionString: process.env.TEST_STORAGE_CONNECTION_STRING! },
      `contacts${Date.now().toString(36)}`,
    );
    await tables.ensureTables();
    contacts = new ContactRepository(tables);
  });

  test('when a preference is saved, then it is read back by address, whatever its case', async () => {
    await contacts.put({
      email: 'Jo.Bloggs@Police.UK',
      preference: 'email',
      updatedAt: '2027-01-01T00:00:00Z',
    });
    expect(await contacts.get('jo.bloggs@police.uk ')).toEqual({
      email: 'jo.bloggs@police.uk',
      preference: 'email',
      updatedAt: '2027-01-01T00:00:00Z',
    });
  });

  test('when an address is refused, then the latest fact replaces the earlier one', async () => {
    await contacts.put({ email: 'x@nhs.net', preference: 'auto', updatedAt: '2027-01-01T00:00:00Z' });
    await contacts.put({
      email: 'x@nhs.net',
      preference: 'auto',
      undeliverableSince: '2027-01-02T00:00:00Z',
      undeliverableCode: '550',
      updatedAt: '2027-01-02T00:00:00Z',
    });
    expect((await contacts.get('x@nhs.net'))?.undeliverableCode).toBe('550');
  });

  test('when several are asked for, then only those with a record come back', async () => {
    const found = await contacts.getMany(['jo.bloggs@police.uk', 'nobody@school.org', 'X@nhs.net']);
    expect(found.map((c) => c.email).sort()).toEqual(['jo.bloggs@police.uk', 'x@nhs.net']);
  });

  test('when an address holds characters table keys refuse, then it is still stored', async () => {
    await contacts.put({
      email: 'odd/#?name@example.org',
      preference: 'teams',
      updatedAt: '2027-01-01T00:00:00Z',
    });
    expect((await contacts.get('odd/#?name@example.org'))?.preference).toBe('teams');
  });

  test('when links are withdrawn, then the version moves on, a preference saved later keeps it, and a row made only by it reads as no contact', async () => {
    expect(await contacts.linkState('new@example.org')).toEqual({ version: 0 });
    const bump = (current: { version: number }) => ({ version: current.version + 1 });
    expect(await contacts.changeLinkState('New@Example.org', bump)).toEqual({ version: 1 });
    expect(await contacts.get('new@example.org')).toBeUndefined();
    expect(await contacts.getMany(['new@example.org'])).toEqual([]);
    await contacts.put({ email: 'new@example.org', preference: 'email', updatedAt: '2027-01-03T00:00:00Z' });
    expect(await contacts.linkState('new@example.org')).toEqual({ version: 1 });
    // Concurrent withdrawals are each counted (ETag-checked and retried).
    await Promise.all([1, 2, 3].map(() => contacts.changeLinkState('new@example.org', bump)));
    expect((await contacts.linkState('new@example.org')).version).toBe(4);
    expect((await contacts.get('new@example.org'))?.preference).toBe('email');
  });
});
