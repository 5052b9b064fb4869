import type { TransactionAction } from '@azure/data-tables';
import type { StatusUpdate } from '../domain/status-update';
import type { HistoryStore } from '../usecases/ports/index';
import { odataString, prefixEnd } from './keys';
import { isAlreadyExists } from './storage-errors';
import type { TableClients } from './table-clients';

const TRANSACTION_LIMIT = 100;

type HistoryEntity = {
  partitionKey: string;
  rowKey: string;
  json: string;
};

/**
 * PK = plan id, RK = "<action id>|<entry id>". Entry ids start with an inverted timestamp, so an
 * action's history reads newest first with one range query, and a plan's imports batch 100 at a time.
 * Entries are only ever created: there is no update or delete path in this class.
 */
export class HistoryRepository implements HistoryStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('History');
  }

  async append(entries: readonly StatusUpdate[]): Promise<void> {
    const byPlan = new Map<string, TransactionAction[]>();
    for (const entry of entries) {
      const list = byPlan.get(entry.planId) ?? [];
      list.push(['create', toEntity(entry)]);
      byPlan.set(entry.planId, list);
    }
    for (const operations of byPlan.values()) {
      for (let start = 0; start < operations.length; start += TRANSACTION_LIMIT) {
        const batch = operations.slice(start, start + TRANSACTION_LIMIT);
        try {
          await this.table.submitTransaction(batch);
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
          // Some entries were recorded by an earlier attempt: add the rest one by one.
          for (const [, entity] of batch) {
            await this.table.createEntity(entity).catch((inner: unknown) => {
              if (!isAlreadyExists(inner)) throw inner;
            });
          }
        }
      }
    }
  }

  async listForAction(planId: string, actionId: string, limit = 500): Promise<StatusUpdate[]> {
    const prefix = `${actionId}|`;
    const query = this.table.listEntities<HistoryEntity>({
      queryOptions: {
        filter: `PartitionKey eq ${odataString(planId)} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(prefixEnd(prefix))}`,
      },
    });
    const entries: StatusUpdate[] = [];
    for await (const entity of query) {
      entries.push(JSON.parse(entity.json) as StatusUpdate);
      if (entries.length >= limit) break;
    }
    return entries;
  }

  async listForPlan(planId: string): Promise<StatusUpdate[]> {
    const entries: StatusUpdate[] = [];
    for await (const entity of this.table.listEntities<HistoryEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(planId)}` },
    })) {
      entries.push(JSON.parse(entity.json) as StatusUpdate);
    }
    return entries;
  }
}

function toEntity(entry: StatusUpdate): HistoryEntity {
  return { partitionKey: entry.planId, rowKey: `${entry.actionId}|${entry.id}`, json: JSON.stringify(entry) };
}
