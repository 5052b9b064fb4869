import type { DeliveryLedger, DeliveryRecord, QueuedDelivery } from '../usecases/ports/index';
import { decodeKey, encodeKey, odataString, prefixEnd } from './keys';
import { isAlreadyExists, isNotFound } from './storage-errors';
import type { TableClients } from './table-clients';

/** A claim older than this is taken to belong to a sender that died, and is taken over. */
export const DEFAULT_STALE_CLAIM_MS = 10 * 60 * 1000;
/** Transient failures are retried on later sweeps up to this many attempts in all. */
export const MAX_ATTEMPTS = 5;

type LedgerEntity = DeliveryRecord & { partitionKey: string; rowKey: string };
type QueuedEntity = QueuedDelivery & { partitionKey: string; rowKey: string };

/**
 * The outbox's one partition in the ledger table: plan ids are `[a-z0-9-]`, so it can never be a plan's.
 * One partition lets a sweep read everything pending in one query, whatever the number of plans.
 */
export const OUTBOX_PARTITION = '_outbox';
/** Row keys in the outbox: the plan id, a space (never in a plan id), the delivery key. */
const outboxRowKey = (scope: string, key: string) => encodeKey(`${scope} ${key}`);

/**
 * PK = scope (a plan id), RK = the delivery key. Inserts claim; ETag-conditional updates take over.
 * The outbox lives in the same table under OUTBOX_PARTITION, and rows leave it once settled.
 */
export class DeliveryLedgerRepository implements DeliveryLedger {
  constructor(
    private readonly tables: TableClients,
    private readonly staleClaimMs = DEFAULT_STALE_CLAIM_MS,
  ) {}

  private get table() {
    return this.tables.get('NudgeLedger');
  }

  async claim(scope: string, key: string, claimant: string, now: Date): Promise<'claimed' | 'done' | 'busy'> {
    const partitionKey = encodeKey(scope);
    const rowKey = encodeKey(key);
    const at = now.toISOString();
    try {
      await this.table.createEntity<LedgerEntity>({
        partitionKey,
        rowKey,
        state: 'claimed',
        claimedBy: claimant,
        claimedAt: at,
        attempts: 1,
        updatedAt: at,
      });
      return 'claimed';
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    const existing = await this.table.getEntity<LedgerEntity>(partitionKey, rowKey);
    const staleClaim =
      existing.state === 'claimed' && now.getTime() - Date.parse(existing.claimedAt) > this.staleClaimMs;
    const retryable = existing.state === 'failed' && existing.attempts < MAX_ATTEMPTS;
    if (existing.state === 'claimed' && !staleClaim) return 'busy';
    if (!staleClaim && !retryable) return 'done';
    try {
      await this.table.updateEntity<LedgerEntity>(
        {
          partitionKey,
          rowKey,
          state: 'claimed',
          claimedBy: claimant,
          claimedAt: at,
          attempts: existing.attempts + 1,
          updatedAt: at,
        },
        'Replace',
        { etag: existing.etag },
      );
      return 'claimed';
    } catch (error) {
      // Another sender took it over first.
      if ((error as { statusCode?: number }).statusCode === 412) return 'busy';
      throw error;
    }
  }

  async complete(
    scope: string,
    key: string,
    state: 'sent' | 'skipped' | 'failed',
    outcome: string,
    now: Date,
  ) {
    await this.table.updateEntity(
      {
        partitionKey: encodeKey(scope),
        rowKey: encodeKey(key),
        state,
        outcome,
        updatedAt: now.toISOString(),
      },
      'Merge',
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.table.deleteEntity(encodeKey(scope), encodeKey(key)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  async listByPrefix(scope: string, prefix: string): Promise<(DeliveryRecord & { key: string })[]> {
    const start = encodeKey(prefix);
    const query = this.table.listEntities<LedgerEntity>({
      queryOptions: {
        filter: `PartitionKey eq ${odataString(encodeKey(scope))} and RowKey ge ${odataString(start)} and RowKey lt ${odataString(prefixEnd(start))}`,
      },
    });
    const found: (DeliveryRecord & { key: string })[] = [];
    for await (const entity of query) {
      found.push({
        key: decodeKey(entity.rowKey),
        state: entity.state,
        claimedBy: entity.claimedBy,
        claimedAt: entity.claimedAt,
        attempts: entity.attempts,
        ...(entity.outcome ? { outcome: entity.outcome } : {}),
        updatedAt: entity.updatedAt,
      });
    }
    return found;
  }

  async get(scope: string, key: string): Promise<DeliveryRecord | undefined> {
    try {
      const {
        partitionKey: _p,
        rowKey: _r,
        ...record
      } = await this.table.getEntity<LedgerEntity>(encodeKey(scope), encodeKey(key));
      return {
        state: record.state,
        claimedBy: record.claimedBy,
        claimedAt: record.claimedAt,
        attempts: record.attempts,
        ...(record.outcome ? { outcome: record.outcome } : {}),
        updatedAt: record.updatedAt,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async queue(entries: readonly QueuedDelivery[]): Promise<void> {
    for (const entry of entries) {
      await this.table.upsertEntity<QueuedEntity>(
        { partitionKey: OUTBOX_PARTITION, rowKey: outboxRowKey(entry.scope, entry.key), ...entry },
        'Replace',
      );
    }
  }

  async listQueued(): Promise<QueuedDelivery[]> {
    const query = this.table.listEntities<QueuedEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(OUTBOX_PARTITION)}` },
    });
    const found: QueuedDelivery[] = [];
    for await (const entity of query) {
      found.push({
        scope: entity.scope,
        key: entity.key,
        payload: entity.payload,
        queuedAt: entity.queuedAt,
      });
    }
    return found.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
  }

  async unqueue(scope: string, key: string): Promise<void> {
    await this.table.deleteEntity(OUTBOX_PARTITION, outboxRowKey(scope, key)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}
