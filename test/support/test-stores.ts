import { randomBytes } from 'node:crypto';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import type { Clock, Stores } from '../../src/usecases/ports/index';

export function testConnectionString(): string {
  const value = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!value) throw new Error('TEST_STORAGE_CONNECTION_STRING is not set: run the tests with `npm test`');
  return value;
}

/** Fresh, empty tables on the shared test Azurite, under a prefix no other test uses. */
export async function freshStores(): Promise<{ stores: Stores; tables: TableClients; prefix: string }> {
  const prefix = `T${randomBytes(5).toString('hex')}`;
  const tables = new TableClients({ connectionString: testConnectionString() }, prefix);
  await tables.ensureTables();
  return { stores: createStores(tables), tables, prefix };
}

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

/** Deterministic stand-in for Math.random, so ids in tests repeat run to run. */
export function seededRandom(seed = 1): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
