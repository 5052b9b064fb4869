import type { AuditEvent, AuditLog } from '../usecases/ports/index';
import { odataString } from './keys';
import type { TableClients } from './table-clients';

const SYSTEM_PARTITION = '_system';

type AuditEntity = {
  partitionKey: string;
  rowKey: string;
  json: string;
};

/** Append-only: PK = plan id (or "_system"), RK = a newest-first id. */
export class AuditLogRepository implements AuditLog {
  constructor(
    private readonly tables: TableClients,
    private readonly newId: (at: Date) => string,
  ) {}

  private get table() {
    return this.tables.get('AuditLog');
  }

  async record(event: AuditEvent): Promise<void> {
    await this.table.createEntity<AuditEntity>({
      partitionKey: event.planId ?? SYSTEM_PARTITION,
      rowKey: this.newId(new Date(event.at)),
      json: JSON.stringify(event),
    });
  }

  async list(planId: string | undefined, limit = 200): Promise<AuditEvent[]> {
    const query = this.table.listEntities<AuditEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(planId ?? SYSTEM_PARTITION)}` },
    });
    const events: AuditEvent[] = [];
    for await (const entity of query) {
      events.push(JSON.parse(entity.json) as AuditEvent);
      if (events.length >= limit) break;
    }
    return events;
  }
}
