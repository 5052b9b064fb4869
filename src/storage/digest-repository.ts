import type { IsoDate } from '../domain/dates';
import type { DigestFigures } from '../domain/digest';
import type { DigestStore } from '../usecases/ports/index';
import { odataString } from './keys';
import type { TableClients } from './table-clients';

type DigestEntity = { partitionKey: string; rowKey: string; json: string };

/** PK = plan id, RK = the week's Monday; a year of weekly digests is 52 small rows per plan. */
export class DigestRepository implements DigestStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Digests');
  }

  async latestBefore(planId: string, weekStart: IsoDate): Promise<DigestFigures | undefined> {
    let latest: DigestEntity | undefined;
    const query = this.table.listEntities<DigestEntity>({
      queryOptions: {
        filter: `PartitionKey eq ${odataString(planId)} and RowKey lt ${odataString(weekStart)}`,
      },
    });
    for await (const entity of query) if (!latest || entity.rowKey > latest.rowKey) latest = entity;
    return latest ? (JSON.parse(latest.json) as DigestFigures) : undefined;
  }

  async save(planId: string, figures: DigestFigures): Promise<void> {
    await this.table.upsertEntity<DigestEntity>(
      { partitionKey: planId, rowKey: figures.weekStart, json: JSON.stringify(figures) },
      'Replace',
    );
  }
}
