import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { ConflictError } from '../../src/domain/errors';
import type { StatusUpdate } from '../../src/domain/status-update';
import { readSpreadsheet } from '../../src/spreadsheets/read-spreadsheet';
import { importPlan } from '../../src/usecases/plans/import-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { NORTHUMBERLAND_CSV } from '../support/plans';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const clock = fixedClock('2020-05-15T10:00:00Z');

async function withNorthumberland(): Promise<Stores> {
  const { stores } = await freshStores();
  await importPlan(
    { stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() },
    {
      planId: 'northumberland-2019',
      title: 'Northumberland JTAI 2019',
      rows: await readSpreadsheet(NORTHUMBERLAND_CSV),
      dryRun: false,
      actor: 'test',
      sourceName: 'northumberland-jtai-2019.csv',
    },
  );
  return stores;
}

describe('action repository on Azurite', () => {
  test('when a plan is read, then every area and action comes back with an etag', async () => {
    const stores = await withNorthumberland();
    const { areas, actions } = await stores.actions.readPlan('northumberland-2019');
    expect(areas.map((a) => a.id)).toEqual(['CE1', 'CE2', 'CE3', 'CE4', 'CE5', 'CE6']);
    expect(actions).toHaveLength(22);
    expect(actions.every((a) => a.etag.length > 0)).toBe(true);
  });

  test('when two people update the same version of an action, then exactly one wins and one gets a conflict', async () => {
    const stores = await withNorthumberland();
    const loaded = await stores.actions.get('northumberland-2019', '5.2');
    if (!loaded) throw new Error('action 5.2 missing');
    const results = await Promise.allSettled([
      stores.actions.update({ ...loaded.value, rating: 'amber' }, loaded.etag, loaded.value),
      stores.actions.update({ ...loaded.value, rating: 'green' }, loaded.etag, loaded.value),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect((rejected[0]!.reason as Error).message).toBe(
      'Action 5.2 has changed since you loaded it. Reload it and try again.',
    );
    const after = await stores.actions.get('northumberland-2019', '5.2');
    const winner = results[0]!.status === 'fulfilled' ? 'amber' : 'green';
    expect(after!.value.rating).toBe(winner);
  });

  test('when an owner changes, then "mine" follows: the new owner sees it and the old one does not', async () => {
    const stores = await withNorthumberland();
    expect((await stores.actions.listByOwner('MSET.Chair@example.org')).map((a) => a.id).sort()).toEqual([
      '2.2',
      '2.3',
      '5.2',
    ]);
    const loaded = (await stores.actions.get('northumberland-2019', '5.2'))!;
    await stores.actions.update(
      { ...loaded.value, owners: [{ name: 'New Lead', email: 'new.lead@example.org' }] },
      loaded.etag,
      loaded.value,
    );
    expect((await stores.actions.listByOwner('mset.chair@example.org')).map((a) => a.id).sort()).toEqual([
      '2.2',
      '2.3',
    ]);
    expect((await stores.actions.listByOwner('new.lead@example.org')).map((a) => a.id)).toEqual(['5.2']);
  });

  test('when a whole-plan read is under way and an action changes, then a read asked for after the write sees it', async () => {
    const stores = await withNorthumberland();
    const loaded = (await stores.actions.get('northumberland-2019', '5.2'))!;
    const early = stores.actions.readPlan('northumberland-2019');
    const shared = stores.actions.readPlan('northumberland-2019');
    await stores.actions.update({ ...loaded.value, rating: 'green' }, loaded.etag, loaded.value);
    const after = await stores.actions.readPlan('northumberland-2019');
    expect(after.actions.find((a) => a.value.id === '5.2')!.value.rating).toBe('green');
    // The two reads asked for together shared one scan but got arrays of their own.
    const [a, b] = await Promise.all([early, shared]);
    expect(a.actions).not.toBe(b.actions);
    expect(a.actions).toEqual(b.actions);
  });

  test('when an unknown action is asked for, then nothing is returned rather than an error', async () => {
    const stores = await withNorthumberland();
    expect(await stores.actions.get('northumberland-2019', '9.9')).toBeUndefined();
    expect(await stores.plans.get('no-such-plan')).toBeUndefined();
  });
});

describe('history on Azurite', () => {
  const entry = (id: string, at: string): StatusUpdate => ({
    planId: 'p1',
    actionId: '1.1',
    id,
    at,
    author: { name: 'Tester', aadObjectId: '00000000-0000-0000-0000-000000000001' },
    oldRating: 'amber',
    newRating: 'green',
    source: 'card',
  });

  test('when entries are appended, then they read back newest first and only for that action', async () => {
    const { stores } = await freshStores();
    await stores.history.append([
      entry('9998-a', '2024-01-02T00:00:00Z'),
      entry('9997-b', '2024-01-03T00:00:00Z'),
      { ...entry('9996-c', '2024-01-04T00:00:00Z'), actionId: '1.10' },
    ]);
    const history = await stores.history.listForAction('p1', '1.1');
    expect(history.map((h) => h.id)).toEqual(['9997-b', '9998-a']);
  });

  test('when the same entry is appended twice (a retry), then it is recorded once', async () => {
    const { stores } = await freshStores();
    await stores.history.append([entry('9998-a', '2024-01-02T00:00:00Z')]);
    await stores.history.append([
      entry('9998-a', '2024-01-02T00:00:00Z'),
      entry('9997-b', '2024-01-03T00:00:00Z'),
    ]);
    expect((await stores.history.listForAction('p1', '1.1')).map((h) => h.id)).toEqual(['9997-b', '9998-a']);
  });
});
