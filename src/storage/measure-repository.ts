import type { TableEntityResult } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import { latestValues, type Measure, type MeasureValue } from '../domain/measures';
import type { MeasureStore, MeasureWithLatest, Versioned } from '../usecases/ports/index';
import { encodeKey, odataString, prefixEnd } from './keys';
import { isAlreadyExists, isNotFound, translateStorageError, translating } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * PK = plan id. A measure is one row (`def|M1`); each reported value is its own row
 * (`val|M1|2026-11|<reportedAt>|<n>`), inserted and never replaced, so a correction adds a row and the
 * plan's whole record of a measure reads back in one partition query, in the order it was reported.
 *
 * The definition row also keeps `latest`: the values that count for the measure's newest two periods,
 * rewritten in the same transaction as each value row is inserted (with the row's ETag, so two values at
 * once cannot lose each other). A list of measures with their status reads 500 rows, not 12,000; a row
 * written before `latest` was kept has none, and its values are read instead.
 */
type JsonEntity = { partitionKey: string; rowKey: string; json: string };
type DefinitionEntity = JsonEntity & { latest?: string };

/**
 * Values at once for one measure (a round's answers, an import beside a reporter): each that loses the
 * ETag race reads the row again and retries after a short random pause, so a dozen at once all land.
 */
const APPEND_ATTEMPTS = 16;
const RETRY_PAUSE_MS = 10;

export class MeasureRepository implements MeasureStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Measures');
  }

  async list(planId: string): Promise<Versioned<Measure>[]> {
    const measures: Versioned<Measure>[] = [];
    for await (const entity of this.table.listEntities<JsonEntity>({
      queryOptions: { filter: rangeFilter(planId, 'def|') },
    })) {
      measures.push({ value: readJson<Measure>(entity), etag: entity.etag });
    }
    return measures.sort((a, b) => a.value.id.localeCompare(b.value.id, 'en-GB', { numeric: true }));
  }

  async listWithLatest(planId: string): Promise<MeasureWithLatest[]> {
    const measures: MeasureWithLatest[] = [];
    for await (const entity of this.table.listEntities<DefinitionEntity>({
      // The two columns the list needs: no keys, timestamps or ETags to read for 500 rows.
      queryOptions: { filter: rangeFilter(planId, 'def|'), select: ['json', 'latest'] },
    })) {
      measures.push({
        measure: readJson<Measure>(entity),
        latest: entity.latest === undefined ? undefined : (JSON.parse(entity.latest) as MeasureValue[]),
      });
    }
    return measures.sort((a, b) => a.measure.id.localeCompare(b.measure.id, 'en-GB', { numeric: true }));
  }

  async get(planId: string, measureId: string): Promise<Versioned<Measure> | undefined> {
    try {
      const entity = await this.table.getEntity<JsonEntity>(planId, definitionKey(measureId));
      return { value: readJson<Measure>(entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async create(planId: string, measure: Measure): Promise<void> {
    try {
      await this.table.createEntity(definitionEntity(planId, measure, []));
    } catch (error) {
      if (isAlreadyExists(error)) throw new ConflictError(`Measure ${measure.id}`);
      throw translateStorageError(error, `Measure ${measure.id}`);
    }
  }

  async update(planId: string, measure: Measure, etag: string): Promise<void> {
    await translating(`Measure ${measure.id}`, () =>
      // Merge: the definition changes, the latest values kept beside it stay.
      this.table.updateEntity(entity(planId, definitionKey(measure.id), measure), 'Merge', { etag }),
    );
  }

  async appendValue(planId: string, value: MeasureValue): Promise<void> {
    // The instant and a random tail make the key unique, so two corrections in one millisecond both stay.
    const key = `${valuePrefix(value.measureId)}${value.period}|${value.reportedAt}|${Math.random().toString(36).slice(2, 10)}`;
    const row = entity(planId, key, value);
    const what = `A value of measure ${value.measureId}`;
    for (let attempt = 1; ; attempt++) {
      const definition = await this.definitionRow(planId, value.measureId);
      try {
        if (definition?.latest === undefined) {
          // No definition, or one from before `latest` was kept: the value alone, read back in full.
          await this.table.createEntity(row);
          return;
        }
        const latest = latestValues([...(JSON.parse(definition.latest) as MeasureValue[]), value]);
        await this.table.submitTransaction([
          ['create', row],
          [
            'update',
            { partitionKey: planId, rowKey: definition.rowKey, latest: JSON.stringify(latest) },
            'Merge',
            { etag: definition.etag },
          ],
        ]);
        return;
      } catch (error) {
        const translated = translateStorageError(error, what);
        if (!(translated instanceof ConflictError) || attempt >= APPEND_ATTEMPTS) throw translated;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_PAUSE_MS * attempt));
      }
    }
  }

  private async definitionRow(
    planId: string,
    measureId: string,
  ): Promise<TableEntityResult<DefinitionEntity> | undefined> {
    try {
      return await this.table.getEntity<DefinitionEntity>(planId, definitionKey(measureId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw translateStorageError(error, `Measure ${measureId}`);
    }
  }

  async listValues(planId: string, measureId?: string): Promise<MeasureValue[]> {
    const values: MeasureValue[] = [];
    for await (const row of this.table.listEntities<JsonEntity>({
      // Only the value itself: 12,000 rows without their keys and timestamps are a third less to read.
      queryOptions: {
        filter: rangeFilter(planId, measureId ? valuePrefix(measureId) : 'val|'),
        select: ['json'],
      },
    })) {
      values.push(readJson<MeasureValue>(row));
    }
    return values.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  }
}

/**
 * The rows the repository writes for a measure and its values: for seeding a store in bulk (the bench)
 * in exactly the shape `create` and `appendValue` leave, `latest` included.
 */
export function measureRows(planId: string, measure: Measure, values: readonly MeasureValue[]): JsonEntity[] {
  return [
    definitionEntity(planId, measure, latestValues(values)),
    ...values.map((value, n) =>
      entity(
        planId,
        `${valuePrefix(value.measureId)}${value.period}|${value.reportedAt}|${String(n).padStart(8, '0')}`,
        value,
      ),
    ),
  ];
}

function definitionEntity(
  planId: string,
  measure: Measure,
  latest: readonly MeasureValue[],
): DefinitionEntity {
  return { ...entity(planId, definitionKey(measure.id), measure), latest: JSON.stringify(latest) };
}

function definitionKey(measureId: string): string {
  return `def|${encodeKey(measureId)}`;
}

function valuePrefix(measureId: string): string {
  return `val|${encodeKey(measureId)}|`;
}

function entity(planId: string, rowKey: string, value: unknown): JsonEntity {
  return { partitionKey: planId, rowKey, json: JSON.stringify(value) };
}

function rangeFilter(planId: string, prefix: string): string {
  return `PartitionKey eq ${odataString(planId)} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(prefixEnd(prefix))}`;
}

function readJson<T>(entity: TableEntityResult<JsonEntity>): T {
  return JSON.parse(entity.json) as T;
}
