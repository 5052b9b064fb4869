import type { TableClient, TransactionAction } from '@azure/data-tables';
import { isNotFound } from './storage-errors';

const TRANSACTION_LIMIT = 100;

/** Collects index upserts and deletes per partition, then applies them in 100-entity transactions. */
export class IndexWrites {
  private readonly byPartition = new Map<string, TransactionAction[]>();

  upsert(entity: { partitionKey: string; rowKey: string } & Record<string, unknown>): void {
    this.add(entity.partitionKey, ['upsert', entity, 'Replace']);
  }

  delete(partitionKey: string, rowKey: string): void {
    this.add(partitionKey, ['delete', { partitionKey, rowKey }]);
  }

  private add(partitionKey: string, operation: TransactionAction): void {
    const list = this.byPartition.get(partitionKey) ?? [];
    list.push(operation);
    this.byPartition.set(partitionKey, list);
  }

  async apply(table: TableClient): Promise<void> {
    for (const operations of this.byPartition.values()) {
      for (let start = 0; start < operations.length; start += TRANSACTION_LIMIT) {
        const batch = operations.slice(start, start + TRANSACTION_LIMIT);
        try {
          await table.submitTransaction(batch);
        } catch (error) {
          // Deleting an index entry that is already gone is fine; anything else is not.
          if (!isNotFound(error)) throw error;
          await applyOneByOne(table, batch);
        }
      }
    }
  }
}

async function applyOneByOne(table: TableClient, batch: TransactionAction[]): Promise<void> {
  for (const [kind, entity] of batch) {
    if (kind === 'delete') {
      await table.deleteEntity(entity.partitionKey!, entity.rowKey!).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    } else await table.upsertEntity(entity, 'Replace');
  }
}
