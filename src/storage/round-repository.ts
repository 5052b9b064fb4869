import type { TableEntityResult, TransactionAction } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { Round, SnapshotItem } from '../domain/monitoring-round';
import type { RoundStore, Versioned } from '../usecases/ports/index';
import { encodeKey, odataString, prefixEnd } from './keys';
import { isAlreadyExists, isNotFound, translateStorageError, translating } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * PK = plan id. A round is one row (`round|0003`); its snapshot is one row per action
 * (`snap|0003|2.3`), so a closed round of 200 actions reads back in a single partition query.
 */
type JsonEntity = { partitionKey: string; rowKey: string } & Record<string, string>;

/** A string property holds at most 64 KiB (32K UTF-16 characters); a round asking 500 owners needs more. */
const PART = 30_000;
const TRANSACTION_LIMIT = 100;

export class RoundRepository implements RoundStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Rounds');
  }

  async list(planId: string): Promise<Round[]> {
    const rounds: Round[] = [];
    for await (const entity of this.table.listEntities<JsonEntity>({
      queryOptions: { filter: rangeFilter(planId, 'round|') },
    })) {
      rounds.push(readJson<Round>(entity));
    }
    return rounds.sort((a, b) => a.number - b.number);
  }

  async get(planId: string, number: number): Promise<Versioned<Round> | undefined> {
    try {
      const entity = await this.table.getEntity<JsonEntity>(planId, roundKey(number));
      return { value: readJson<Round>(entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async create(round: Round): Promise<void> {
    try {
      await this.table.createEntity(toEntity(round));
    } catch (error) {
      // Two coordinators opened a round at the same moment: the first numbered it, the second must look again.
      if (isAlreadyExists(error)) throw new ConflictError(`Monitoring round ${round.number}`);
      throw translateStorageError(error, `Monitoring round ${round.number}`);
    }
  }

  async update(round: Round, etag: string): Promise<void> {
    await translating(`Monitoring round ${round.number}`, () =>
      this.table.updateEntity(toEntity(round), 'Replace', { etag }),
    );
  }

  async saveSnapshot(planId: string, number: number, items: readonly SnapshotItem[]): Promise<void> {
    const rows: TransactionAction[] = items.map((item) => [
      'upsert',
      { partitionKey: planId, rowKey: snapshotKey(number, item.actionId), ...jsonProperties(item) },
      'Replace',
    ]);
    for (let start = 0; start < rows.length; start += TRANSACTION_LIMIT) {
      await translating(`Snapshot of round ${number}`, () =>
        this.table.submitTransaction(rows.slice(start, start + TRANSACTION_LIMIT)),
      );
    }
  }

  async readSnapshot(planId: string, number: number): Promise<SnapshotItem[]> {
    const items: SnapshotItem[] = [];
    for await (const entity of this.table.listEntities<JsonEntity>({
      queryOptions: { filter: rangeFilter(planId, `snap|${pad(number)}|`) },
    })) {
      items.push(readJson<SnapshotItem>(entity));
    }
    return items;
  }
}

function pad(number: number): string {
  return String(number).padStart(4, '0');
}

function roundKey(number: number): string {
  return `round|${pad(number)}`;
}

function snapshotKey(number: number, actionId: string): string {
  return `snap|${pad(number)}|${encodeKey(actionId)}`;
}

function rangeFilter(planId: string, prefix: string): string {
  return `PartitionKey eq ${odataString(planId)} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(prefixEnd(prefix))}`;
}

function toEntity(round: Round): JsonEntity {
  return { partitionKey: round.planId, rowKey: roundKey(round.number), ...jsonProperties(round) };
}

/** JSON split across `json`, `json1`, `json2`… so no single property passes the 64 KiB limit. */
function jsonProperties(value: unknown): Record<string, string> {
  const json = JSON.stringify(value);
  const properties: Record<string, string> = {};
  for (let i = 0; i * PART < json.length || i === 0; i++) {
    properties[i === 0 ? 'json' : `json${i}`] = json.slice(i * PART, (i + 1) * PART);
  }
  return properties;
}

function readJson<T>(entity: TableEntityResult<JsonEntity>): T {
  let json = entity.json ?? '';
  for (let i = 1; typeof entity[`json${i}`] === 'string'; i++) json += entity[`json${i}`];
  return JSON.parse(json) as T;
}
