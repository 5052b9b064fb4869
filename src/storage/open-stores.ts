import { join } from 'node:path';
import { newestFirstId } from '../domain/ids';
import type { Stores } from '../usecases/ports/index';
import { ActionRepository } from './action-repository';
import { AuditLogRepository } from './audit-log-repository';
import { type RunningAzurite, startOrAttachAzurite } from './azurite';
import { ContactRepository } from './contact-repository';
import { DeliveryLedgerRepository } from './delivery-ledger';
import { DigestRepository } from './digest-repository';
import { HistoryRepository } from './history-repository';
import { MeasureRepository } from './measure-repository';
import { erasePlan } from './plan-eraser';
import { PlanRepository } from './plan-repository';
import { RoundRepository } from './round-repository';
import { translateStorageError } from './storage-errors';
import { type StorageTarget, TableClients } from './table-clients';
import { UserRepository } from './user-repository';

export interface OpenedStores {
  stores: Stores;
  /** Set when no storage was configured and an embedded Azurite was started. */
  embedded?: RunningAzurite;
  describe: string;
  close(): Promise<void>;
}

export function createStores(tables: TableClients): Stores {
  return translatingErrors({
    plans: new PlanRepository(tables),
    actions: new ActionRepository(tables),
    history: new HistoryRepository(tables),
    audit: new AuditLogRepository(tables, (at) => newestFirstId(at, Math.random)),
    users: new UserRepository(tables),
    ledger: new DeliveryLedgerRepository(tables),
    digests: new DigestRepository(tables),
    rounds: new RoundRepository(tables),
    measures: new MeasureRepository(tables),
    contacts: new ContactRepository(tables),
    erasePlan: (planId) => erasePlan(tables, planId),
    ping: async (signal) => {
      // Reading one entity proves both the network path and the credentials work.
      const query = tables.get('Plans').listEntities({
        queryOptions: { select: ['RowKey'] },
        ...(signal ? { abortSignal: signal } : {}),
      });
      await query.byPage({ maxPageSize: 1 }).next();
    },
  });
}

/**
 * Every store method, wrapped so a storage failure reaches the use cases as a domain error: a refused
 * connection or a 503 as UnavailableError ("temporarily unavailable"), a 412 as ConflictError. Done once
 * here, so no repository method can forget it.
 */
function translatingErrors(stores: Stores): Stores {
  const wrap = <T extends object>(target: T, name: string): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          try {
            const result = (value as (...a: unknown[]) => unknown).apply(object, args);
            return result instanceof Promise
              ? result.catch((error: unknown) => {
                  throw translateStorageError(error, name);
                })
              : result;
          } catch (error) {
            throw translateStorageError(error, name);
          }
        };
      },
    });
  return Object.fromEntries(
    Object.entries(stores).map(([key, store]) => [
      key,
      typeof store === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (store as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw translateStorageError(error, 'Storage');
            }
          }
        : wrap(store as object, 'Storage'),
    ]),
  ) as unknown as Stores;
}

/**
 * The part of the configuration storage needs, declared here so this adapter does not import the
 * composition root (src/app passes its validated config, which has these and more).
 */
export interface StorageConfig {
  /** A connection string (Azurite, or an account key): wins over the account URL. */
  STORAGE_CONNECTION_STRING?: string | undefined;
  /** The table endpoint, reached with managed identity. */
  STORAGE_ACCOUNT_URL?: string | undefined;
  /** Prefixed to every table name, so deployments can share an account. */
  TABLE_PREFIX: string;
  /** Where an embedded Azurite keeps its data, when neither of the above is set. */
  DATA_DIR: string;
}

export async function openStores(config: StorageConfig): Promise<OpenedStores> {
  let target: StorageTarget;
  let embedded: RunningAzurite | undefined;
  let describe: string;
  if (config.STORAGE_CONNECTION_STRING) {
    target = { connectionString: config.STORAGE_CONNECTION_STRING };
    describe = 'storage from STORAGE_CONNECTION_STRING';
  } else if (config.STORAGE_ACCOUNT_URL) {
    target = { accountUrl: config.STORAGE_ACCOUNT_URL };
    describe = `storage at ${config.STORAGE_ACCOUNT_URL} (managed identity)`;
  } else {
    const azurite = await startOrAttachAzurite(join(config.DATA_DIR, 'azurite'));
    embedded = azurite;
    target = { connectionString: azurite.connectionString };
    describe = `embedded Azurite on 127.0.0.1:${azurite.port}${azurite.attached ? ' (already running)' : ''}, data in ${config.DATA_DIR}`;
  }
  const tables = new TableClients(target, config.TABLE_PREFIX);
  try {
    await tables.ensureTables();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { stores: createStores(tables), embedded, describe, close: async () => embedded?.stop() };
}
