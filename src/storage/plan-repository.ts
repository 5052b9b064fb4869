import type { TableEntityResult } from '@azure/data-tables';
import type { Plan } from '../domain/plan';
import type { PlanStore, Versioned } from '../usecases/ports/index';
import { isNotFound, translating } from './storage-errors';
import type { TableClients } from './table-clients';

/** Plans are few (one per inspection), so they share one partition and list in one query. */
const PARTITION = 'plan';

type PlanEntity = {
  partitionKey: string;
  rowKey: string;
  json: string;
};

export class PlanRepository implements PlanStore {
  constructor(private readonly tables: TableClients) {}

  private get table() {
    return this.tables.get('Plans');
  }

  async get(planId: string): Promise<Versioned<Plan> | undefined> {
    try {
      const entity = await this.table.getEntity<PlanEntity>(PARTITION, planId);
      return { value: fromEntity(entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(): Promise<Plan[]> {
    const plans: Plan[] = [];
    const query = this.table.listEntities<PlanEntity>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}'` },
    });
    for await (const entity of query) plans.push(fromEntity(entity));
    return plans.sort((a, b) => a.id.localeCompare(b.id));
  }

  async create(plan: Plan): Promise<void> {
    await translating(`Plan ${plan.id}`, () => this.table.createEntity(toEntity(plan)));
  }

  async update(plan: Plan, etag: string): Promise<void> {
    await translating(`Plan ${plan.id}`, () => this.table.updateEntity(toEntity(plan), 'Replace', { etag }));
  }
}

// A plan is small and read whole, so it is kept as one JSON property rather than a column per field.
function toEntity(plan: Plan): PlanEntity {
  return { partitionKey: PARTITION, rowKey: plan.id, json: JSON.stringify(plan) };
}

function fromEntity(entity: TableEntityResult<PlanEntity>): Plan {
  return JSON.parse(entity.json) as Plan;
}
