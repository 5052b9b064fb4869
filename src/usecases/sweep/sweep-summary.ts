import type { SweepReport } from './sweep-report';

/** Counts by outcome, for the log line after a sweep (no names, no text). */
export function sweepSummary(report: SweepReport): Record<string, number> {
  const counts: Record<string, number> = { indexEntriesRead: report.indexEntriesRead };
  for (const row of report.rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return counts;
}
