/** Counting what reached Teams against what was owed: every due nudge once, none twice, nothing else. */
import { TableClient } from '@azure/data-tables';
import type { FaultConnector } from './fault-connector';

export interface DeliveryTally {
  owed: number;
  deliveredOnce: number;
  /** `key ×n` for every nudge delivered more than once. */
  duplicates: string[];
  /** Owed and never delivered. */
  missing: string[];
  /** Delivered and not owed. */
  unexpected: string[];
}

export function tally(connector: FaultConnector, expected: string[]): DeliveryTally {
  const counts = connector.nudgeCounts();
  const owed = new Set(expected);
  return {
    owed: expected.length,
    deliveredOnce: expected.filter((k) => counts.get(k) === 1).length,
    duplicates: [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`),
    missing: expected.filter((k) => !counts.has(k)),
    unexpected: [...counts.keys()].filter((k) => !owed.has(k)),
  };
}

export function describeTally(t: DeliveryTally): string {
  return `${t.deliveredOnce}/${t.owed} nudges delivered once, ${t.duplicates.length} duplicated, ${t.missing.length} missing, ${t.unexpected.length} unexpected`;
}

/**
 * Throws unless every owed nudge arrived exactly once. The error's first line is the summary (it goes in
 * the report table); the lines after it name the nudges and carry `diagnosis`.
 */
export function assertExactlyOnce(t: DeliveryTally, diagnosis: string): void {
  if (t.duplicates.length === 0 && t.missing.length === 0 && t.unexpected.length === 0) return;
  throw new Error(
    [
      `${describeTally(t)}; ${diagnosis}`,
      ...t.duplicates.map((k) => `  duplicated: ${k}`),
      ...t.missing.map((k) => `  missing: ${k}`),
      ...t.unexpected.map((k) => `  unexpected: ${k}`),
    ].join('\n'),
  );
}

/** How often node-cron reported a sweep skipped because the previous one was still running. */
export function skippedSweeps(output: string): number {
  return (output.match(/new execution blocked by overlap prevention/g) ?? []).length;
}

/**
 * Waits until every owed nudge has arrived, then `settleMs` more (several sweeps) so a late duplicate
 * has its chance to show. Does not throw on timeout: the tally says what is missing.
 */
export async function awaitDeliveries(
  connector: FaultConnector,
  expected: string[],
  timeoutMs: number,
  settleMs: number,
): Promise<DeliveryTally> {
  const deadline = Date.now() + timeoutMs;
  while (tally(connector, expected).missing.length > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return tally(connector, expected);
}

/** The delivery ledger's rows for a table prefix, raw: state, who claimed them, attempts. */
export async function ledgerRows(
  storage: string,
  prefix: string,
): Promise<{ rowKey: string; state: string; claimedBy: string; attempts: number; outcome?: string }[]> {
  const client = TableClient.fromConnectionString(storage, `${prefix}NudgeLedger`, {
    allowInsecureConnection: true,
  });
  const rows: { rowKey: string; state: string; claimedBy: string; attempts: number; outcome?: string }[] = [];
  for await (const e of client.listEntities<Record<string, unknown>>()) {
    rows.push({
      rowKey: String(e.rowKey),
      state: String(e.state),
      claimedBy: String(e.claimedBy),
      attempts: Number(e.attempts),
      ...(typeof e.outcome === 'string' ? { outcome: e.outcome } : {}),
    });
  }
  return rows;
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
