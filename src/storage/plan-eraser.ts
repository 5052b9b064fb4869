/**
 * Erases everything kept about one plan, for the retention purge: its items, history, rounds, measures, ledger,
 * digests, audit partition, reminder pointers and owner pointers, then the plan itself (last, so an
 * interrupted purge can be run again and finishes). Deletes are batched per partition, 100 at a time.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { EraseCounts } from '../usecases/ports/index';
import { encodeKey, odataString } from './keys';
import { isNotFound } from './storage-errors';
import type { TableClients, TableName } from './table-clients';

const TRANSACTION_LIMIT = 100;

type Keys = { partitionKey: string; rowKey: string };

export async function erasePlan(tables: TableClients, planId: string): Promise<EraseCounts> {
  const counts: EraseCounts = {};
  const partition = async (name: TableName, partitionKey: string) => {
    const table = tables.get(name);
    const rows = await collect(table, `PartitionKey eq ${odataString(partitionKey)}`);
    counts[name] = (counts[name] ?? 0) + (await deleteAll(table, rows));
  };

  // Owner pointers live under each owner's address: find the owners from the plan's actions first.
  const items = tables.get('PlanItems');
  const owners = new Set<string>();
  for await (const entity of items.listEntities<{ ownersJson?: string }>({
    queryOptions: { filter: `PartitionKey eq ${odataString(planId)}`, select: ['ownersJson'] },
  })) {
    for (const owner of parseOwners(entity.ownersJson)) owners.add(owner);
  }
  const pointers = tables.get('ActionOwners');
  let pointerCount = 0;
  for (const email of owners) {
    const rows = await collect(
      pointers,
      `PartitionKey eq ${odataString(encodeKey(email))} and RowKey ge ${odataString(`${planId}|`)} and RowKey lt ${odataString(`${planId}|\uffff`)}`,
    );
    pointerCount += await deleteAll(pointers, rows);
  }
  counts.ActionOwners = pointerCount;

  // Reminder pointers are partitioned by date; this plan's are found by the planId column.
  const reminders = tables.get('ReminderIndex');
  counts.ReminderIndex = await deleteAll(
    reminders,
    await collect(reminders, `planId eq ${odataString(planId)}`),
  );

  await partition('PlanItems', planId);
  await partition('History', planId);
  await partition('Rounds', planId);
  await partition('Measures', planId);
  await partition('NudgeLedger', encodeKey(planId));
  await partition('Digests', planId);
  await partition('AuditLog', planId);

  try {
    await tables.get('Plans').deleteEntity('plan', planId);
    counts.Plans = 1;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    counts.Plans = 0;
  }
  return counts;
}

function parseOwners(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const owners = JSON.parse(json) as { email?: unknown }[];
    return owners.flatMap((o) => (typeof o.email === 'string' ? [o.email] : []));
  } catch {
    return [];
  }
}

async function collect(table: TableClient, filter: string): Promise<Keys[]> {
  const rows: Keys[] = [];
  for await (const entity of table.listEntities<Keys>({
    queryOptions: { filter, select: ['PartitionKey', 'RowKey'] },
  })) {
    rows.push({ partitionKey: entity.partitionKey!, rowKey: entity.rowKey! });
  }
  return rows;
}

async function deleteAll(table: TableClient, rows: readonly Keys[]): Promise<number> {
  const byPartition = new Map<string, Keys[]>();
  for (const row of rows) {
    const list = byPartition.get(row.partitionKey);
    if (list) list.push(row);
    else byPartition.set(row.partitionKey, [row]);
  }
  for (const list of byPartition.values()) {
    for (let start = 0; start < list.length; start += TRANSACTION_LIMIT) {
      const batch: TransactionAction[] = list
        .slice(start, start + TRANSACTION_LIMIT)
        .map((row) => ['delete', { partitionKey: row.partitionKey, rowKey: row.rowKey }]);
      await table.submitTransaction(batch);
    }
  }
  return rows.length;
}
