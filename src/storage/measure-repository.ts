import type { TableEntityResult } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { Measure, MeasureValue } from '../domain/measures';
import type { MeasureStore, Versioned } from '../usecases/ports/index';
import { encodeKey, odataString, prefixEnd } from './keys';
import { isAlreadyExists, isNotFound, translateStorageError, translating } from './storage-errors';
import type { TableClients } from './table-clients';

/**
 * PK = plan id. A measure is one row (`def|M1`); each reported value is its own row
 * (`val|M1|2026-11|<reportedAt>|<n>`), inserted and never replaced, so a correction adds a row and the
 * plan's whole record of a measure reads back in one partition query, in the order it was reported.
 */
type JsonEntity = { partitionKey: string; rowKey: string; json: string };

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
      await this.table.createEntity(entity(planId, definitionKey(measure.id), measure));
    } catch (error) {
      if (isAlreadyExists(error)) throw new ConflictError(`Measure ${measure.id}`);
      throw translateStorageError(error, `Measure ${measure.id}`);
    }
  }

  async update(planId: string, measure: Measure, etag: string): Promise<void> {
    await translating(`Measure ${measure.id}`, () =>
      this.table.updateEntity(entity(planId, definitionKey(measure.id), measure), 'Replace', { etag }),
    );
  }

  async appendValue(planId: string, value: MeasureValue): Promise<void> {
    // The instant and a random tail make the key unique, so two corrections in one millisecond both stay.
    const key = `${valuePrefix(value.measureId)}${value.period}|${value.reportedAt}|${Math.random().toString(36).slice(2, 10)}`;
    try {
      await this.table.createEntity(entity(planId, key, value));
    } catch (error) {
      throw translateStorageError(error, `A value of measure ${value.measureId}`);
    }
  }

  async listValues(planId: string, measureId?: string): Promise<MeasureValue[]> {
    const values: MeasureValue[] = [];
    for await (const row of this.table.listEntities<JsonEntity>({
      queryOptions: { filter: rangeFilter(planId, measureId ? valuePrefix(measureId) : 'val|') },
    })) {
      values.push(readJson<MeasureValue>(row));
    }
    return values.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  }
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
