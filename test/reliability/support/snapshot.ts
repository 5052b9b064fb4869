/**
 * Everything that makes up the plans, read raw from the tables (ETags included, so even a rewrite of the
 * same values shows): plans, areas and actions, owner and reminder indexes, history, monitoring rounds.
 * Users, the delivery ledger and the audit log are left out on purpose: talking to the bot updates a
 * person's conversation reference, and reading a report is audited; neither changes a plan.
 */
import { TableClient } from '@azure/data-tables';

export const PLAN_TABLES = [
  'Plans',
  'PlanItems',
  'ActionOwners',
  'ReminderIndex',
  'History',
  'Rounds',
] as const;

export type Snapshot = Map<string, string>;

export async function snapshot(storage: string, prefix: string): Promise<Snapshot> {
  const rows: Snapshot = new Map();
  for (const table of PLAN_TABLES) {
    const client = TableClient.fromConnectionString(storage, `${prefix}${table}`, {
      allowInsecureConnection: true,
    });
    for await (const entity of client.listEntities<Record<string, unknown>>()) {
      rows.set(`${table} ${entity.partitionKey} ${entity.rowKey}`, JSON.stringify(entity));
    }
  }
  return rows;
}

/** What differs between two snapshots, one line per row: added, removed or changed. */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const lines: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) lines.push(`added ${key}`);
    else if (before.get(key) !== value) lines.push(`changed ${key}`);
  }
  for (const key of before.keys()) if (!after.has(key)) lines.push(`removed ${key}`);
  return lines;
}
