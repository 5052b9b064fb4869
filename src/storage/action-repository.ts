import type { TransactionAction } from '@azure/data-tables';
import type { Action } from '../domain/action';
import type { Area } from '../domain/area';
import type { IsoDate } from '../domain/dates';
import { emailAddress } from '../domain/email-address';
import { assertNever } from '../domain/never';
import {
  type ActionStore,
  PartialWriteError,
  type PlanContents,
  type PlanItemWrite,
  type Versioned,
} from '../usecases/ports/index';
import { forEachConcurrently } from '../usecases/shared/concurrently';
import { IndexWrites } from './index-writes';
import { encodeKey, odataString, prefixEnd } from './keys';
import {
  ACTION_PREFIX,
  type ActionEntity,
  AREA_PREFIX,
  type AreaEntity,
  actionFromEntity,
  actionToEntity,
  areaFromEntity,
  areaToEntity,
} from './plan-item-entities';
import { isNotFound, translating } from './storage-errors';
import type { TableClients } from './table-clients';

/** Azure Tables' limit on operations in one entity-group transaction. */
const TRANSACTION_LIMIT = 100;

type OwnerIndexEntity = {
  partitionKey: string;
  rowKey: string;
  planId: string;
  actionId: string;
};

/**
 * Areas and actions of a plan share one partition (PK = plan id), so a whole plan reads in one
 * query and imports write in 100-entity transactions. "Mine" is served by an owner index table.
 */
export class ActionRepository implements ActionStore {
  /**
   * Whole-plan reads already under way, shared by callers who ask meanwhile: ten coordinators asking for
   * the summary at once cost one partition scan, not ten. A write here drops the shared read, so nobody
   * is handed a read that started before their own write finished.
   */
  private readonly planReads = new Map<string, Promise<PlanContents>>();
  /** The same for one owner's actions ("mine"); any write drops them all, as it may change any owner's. */
  private readonly ownerReads = new Map<string, Promise<Action[]>>();

  constructor(private readonly tables: TableClients) {}

  private get items() {
    return this.tables.get('PlanItems');
  }

  private get owners() {
    return this.tables.get('ActionOwners');
  }

  private get reminders() {
    return this.tables.get('ReminderIndex');
  }

  readPlan(planId: string): Promise<PlanContents> {
    const shared = this.planReads.get(planId);
    if (shared) return shared.then(copyContents);
    const read = this.scanPlan(planId).finally(() => {
      if (this.planReads.get(planId) === read) this.planReads.delete(planId);
    });
    this.planReads.set(planId, read);
    return read.then(copyContents);
  }

  private async scanPlan(planId: string): Promise<PlanContents> {
    const areas: Area[] = [];
    const actions: Versioned<Action>[] = [];
    const query = this.items.listEntities<AreaEntity & ActionEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(planId)}` },
    });
    for await (const entity of query) {
      if (entity.rowKey.startsWith(AREA_PREFIX)) areas.push(areaFromEntity(entity));
      else if (entity.rowKey.startsWith(ACTION_PREFIX)) {
        actions.push({ value: actionFromEntity(entity), etag: entity.etag });
      }
    }
    areas.sort((a, b) => a.order - b.order);
    return { areas, actions };
  }

  async get(planId: string, actionId: string): Promise<Versioned<Action> | undefined> {
    try {
      const entity = await this.items.getEntity<ActionEntity>(planId, ACTION_PREFIX + actionId);
      return { value: actionFromEntity(entity), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async update(action: Action, etag: string, previous: Action): Promise<void> {
    this.planReads.delete(action.planId);
    this.ownerReads.clear();
    await translating(`Action ${action.id}`, () =>
      this.items.updateEntity(actionToEntity(action), 'Replace', { etag }),
    );
    this.planReads.delete(action.planId);
    this.ownerReads.clear();
    await this.reindex([{ action, previous }]);
  }

  async writeMany(planId: string, writes: readonly PlanItemWrite[]): Promise<void> {
    this.planReads.delete(planId);
    this.ownerReads.clear();
    const operations: TransactionAction[] = writes.map((write) => {
      switch (write.kind) {
        case 'create-area':
          return ['create', areaToEntity(write.area)];
        case 'update-area':
          // Area text is only ever set by import or by a coordinator; last writer wins by design.
          return ['upsert', areaToEntity(write.area), 'Replace'];
        case 'create-action':
          return ['create', actionToEntity(write.action)];
        case 'update-action':
          return ['update', actionToEntity(write.action), 'Replace', { etag: write.etag }];
        default:
          return assertNever(write);
      }
    });
    let committed = 0;
    try {
      for (let start = 0; start < operations.length; start += TRANSACTION_LIMIT) {
        const batch = operations.slice(start, start + TRANSACTION_LIMIT);
        await translating(`Plan ${planId}`, () => this.items.submitTransaction(batch));
        committed = start + batch.length;
      }
    } catch (error) {
      // Transactions are per 100 entities: the batches before this one stand, so index them now and say
      // which writes stand, rather than leave committed actions out of "mine" and the reminder sweep.
      this.planReads.delete(planId);
      this.ownerReads.clear();
      if (committed === 0) throw error;
      const done = writes.slice(0, committed);
      await this.reindex(indexChangesOf(done));
      throw new PartialWriteError(done, error);
    }
    this.planReads.delete(planId);
    this.ownerReads.clear();
    await this.reindex(indexChangesOf(writes));
  }

  /**
   * Indexes are written after the action, so they can briefly lag; readers re-check on the action itself
   * (its owners, its next reminder date), which keeps a stale index entry harmless.
   */
  private async reindex(changes: { action: Action; previous?: Action }[]): Promise<void> {
    const owners = new IndexWrites();
    const reminders = new IndexWrites();
    for (const { action, previous } of changes) {
      const before = new Set(previous?.owners.map((o) => o.email) ?? []);
      const after = new Set(action.owners.map((o) => o.email));
      for (const email of after) if (!before.has(email)) owners.upsert(ownerIndexEntity(email, action));
      for (const email of before)
        if (!after.has(email)) owners.delete(encodeKey(email), `${action.planId}|${action.id}`);

      const wasOn = previous?.nextReminderOn;
      const nowOn = action.nextReminderOn;
      if (nowOn && nowOn !== wasOn) reminders.upsert(reminderIndexEntity(nowOn, action));
      if (wasOn && wasOn !== nowOn) reminders.delete(wasOn, `${action.planId}|${action.id}`);
    }
    await owners.apply(this.owners);
    await reminders.apply(this.reminders);
  }

  /** The actions filed under `date` in the reminder index (pointers: callers re-read the action). */
  async listReminderIndex(date: IsoDate): Promise<{ planId: string; actionId: string }[]> {
    return (await this.listReminderIndexBetween(date, date)).map(({ planId, actionId }) => ({
      planId,
      actionId,
    }));
  }

  /**
   * Every pointer filed from `from` to `to` inclusive, in one partition-range query: the index is keyed
   * by date, so the range reads only those days' partitions, in key order.
   */
  async listReminderIndexBetween(
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ date: IsoDate; planId: string; actionId: string }[]> {
    const found: { date: IsoDate; planId: string; actionId: string }[] = [];
    const query = this.reminders.listEntities<ReminderIndexEntity>({
      queryOptions: {
        filter: `PartitionKey ge ${odataString(from)} and PartitionKey le ${odataString(to)}`,
        select: ['PartitionKey', 'planId', 'actionId'],
      },
    });
    for await (const entry of query) {
      found.push({ date: entry.partitionKey, planId: entry.planId, actionId: entry.actionId });
    }
    return found;
  }

  async removeReminderIndex(date: IsoDate, planId: string, actionId: string): Promise<void> {
    const writes = new IndexWrites();
    writes.delete(date, `${planId}|${actionId}`);
    await writes.apply(this.reminders);
  }

  async listAreas(planId: string): Promise<Area[]> {
    const areas: Area[] = [];
    const query = this.items.listEntities<AreaEntity>({
      queryOptions: {
        filter: `PartitionKey eq ${odataString(planId)} and RowKey ge '${AREA_PREFIX}' and RowKey lt ${odataString(prefixEnd(AREA_PREFIX))}`,
      },
    });
    for await (const entity of query) areas.push(areaFromEntity(entity));
    return areas.sort((a, b) => a.order - b.order);
  }

  async getArea(planId: string, areaId: string): Promise<Area | undefined> {
    try {
      return areaFromEntity(await this.items.getEntity<AreaEntity>(planId, AREA_PREFIX + areaId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * An owner's actions: their index partition, then the actions themselves, a plan at a time in
   * queries of up to 14 row keys (Azure allows 15 comparisons in a filter, one of them the plan), a few
   * at once. One point read per action, one after another, made "mine" take seconds for a busy owner.
   */
  listByOwner(email: string): Promise<Action[]> {
    const address = emailAddress(email);
    const shared = this.ownerReads.get(address);
    if (shared) return shared.then((actions) => [...actions]);
    const read = this.readOwned(address).finally(() => {
      if (this.ownerReads.get(address) === read) this.ownerReads.delete(address);
    });
    this.ownerReads.set(address, read);
    return read.then((actions) => [...actions]);
  }

  private async readOwned(address: string): Promise<Action[]> {
    const pointers: { planId: string; actionId: string }[] = [];
    const query = this.owners.listEntities<OwnerIndexEntity>({
      queryOptions: {
        filter: `PartitionKey eq ${odataString(encodeKey(address))}`,
        select: ['planId', 'actionId'],
      },
    });
    for await (const pointer of query) pointers.push({ planId: pointer.planId, actionId: pointer.actionId });
    const batches: { planId: string; actionIds: string[] }[] = [];
    for (const [planId, actionIds] of groupByPlan(pointers)) {
      for (let start = 0; start < actionIds.length; start += ROW_KEYS_PER_QUERY) {
        batches.push({ planId, actionIds: actionIds.slice(start, start + ROW_KEYS_PER_QUERY) });
      }
    }
    const found = new Map<string, Action>();
    await forEachConcurrently(batches, CONCURRENT_QUERIES, async ({ planId, actionIds }) => {
      for (const action of await this.readActions(planId, actionIds)) {
        // The index may lag the action (it is written after it): the action's own owners decide.
        if (action.owners.some((o) => o.email === address)) found.set(`${planId}|${action.id}`, action);
      }
    });
    return pointers.flatMap((p) => found.get(`${p.planId}|${p.actionId}`) ?? []);
  }

  /** Some of one plan's actions in one query; absent ones are simply not returned. */
  private async readActions(planId: string, actionIds: readonly string[]): Promise<Action[]> {
    const rowKeys = actionIds.map((id) => `RowKey eq ${odataString(ACTION_PREFIX + id)}`).join(' or ');
    const actions: Action[] = [];
    const query = this.items.listEntities<ActionEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(planId)} and (${rowKeys})` },
    });
    for await (const entity of query) actions.push(actionFromEntity(entity));
    return actions;
  }
}

/** Azure Tables allows 15 comparisons in one filter: the partition key and 14 row keys. */
const ROW_KEYS_PER_QUERY = 14;
/** Queries in flight at once for one owner's actions. */
const CONCURRENT_QUERIES = 4;

function groupByPlan(pointers: readonly { planId: string; actionId: string }[]): Map<string, string[]> {
  const byPlan = new Map<string, string[]>();
  for (const { planId, actionId } of pointers) {
    const ids = byPlan.get(planId) ?? [];
    ids.push(actionId);
    byPlan.set(planId, ids);
  }
  return byPlan;
}

/** Each caller gets its own arrays, so one caller sorting or filtering cannot disturb another. */
function copyContents(contents: PlanContents): PlanContents {
  return { areas: [...contents.areas], actions: [...contents.actions] };
}

function indexChangesOf(writes: readonly PlanItemWrite[]): { action: Action; previous?: Action }[] {
  return writes.flatMap((write) => {
    if (write.kind === 'create-action') return [{ action: write.action }];
    if (write.kind === 'update-action') return [{ action: write.action, previous: write.previous }];
    return [];
  });
}

type ReminderIndexEntity = { partitionKey: string; rowKey: string; planId: string; actionId: string };

/** PK = the date of the action's next reminder step, so a sweep reads only what falls due. */
function reminderIndexEntity(date: IsoDate, action: Action): ReminderIndexEntity {
  return {
    partitionKey: date,
    rowKey: `${action.planId}|${action.id}`,
    planId: action.planId,
    actionId: action.id,
  };
}

function ownerIndexEntity(email: string, action: Action): OwnerIndexEntity {
  return {
    partitionKey: encodeKey(email),
    rowKey: `${action.planId}|${action.id}`,
    planId: action.planId,
    actionId: action.id,
  };
}
