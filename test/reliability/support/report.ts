/**
 * The table of faults injected and what came of them. Each scenario file records its rows; jest gives
 * every file its own module registry, so rows go to a file per run (test-artifacts/reliability/), and
 * after each file the whole run's table so far is written to test-artifacts/reliability-report.txt and
 * printed: after the last file it is the complete table.
 */
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/processes';

export interface FaultRow {
  scenario: string;
  fault: string;
  checked: string;
  outcome: string;
  ok: boolean;
}

const ARTIFACTS = join(ROOT, 'test-artifacts');
const ROWS_DIR = join(ARTIFACTS, 'reliability');
export const REPORT_FILE = join(ARTIFACTS, 'reliability-report.txt');

/**
 * One jest run: the shared Azurite's port (global setup picks a free one per run) and the jest process
 * (this one when running in band, else the parent of this worker).
 */
function runKey(): string {
  const port = /:(\d+)\//.exec(process.env.TEST_STORAGE_CONNECTION_STRING ?? '')?.[1] ?? 'noport';
  return `${port}-${process.send ? process.ppid : process.pid}`;
}

function rowsFile(): string {
  return join(ROWS_DIR, `rows-${runKey()}.jsonl`);
}

export function recordRow(row: FaultRow): void {
  mkdirSync(ROWS_DIR, { recursive: true });
  appendFileSync(rowsFile(), `${JSON.stringify(row)}\n`);
}

/**
 * The checks of one test. Each records its row whatever happens, and a failing one does not stop the
 * rest (every fault gets its line in the table); `assertAll` then fails the test with every failure.
 */
export class Checks {
  private readonly failures: string[] = [];

  async run(row: Omit<FaultRow, 'outcome' | 'ok'>, check: () => Promise<string>): Promise<boolean> {
    try {
      recordRow({ ...row, outcome: await check(), ok: true });
      return true;
    } catch (error) {
      const message = String((error as Error).message ?? error);
      const first = message.split('\n').find((l) => l.trim() !== '') ?? '';
      recordRow({ ...row, outcome: `FAILED: ${first.slice(0, 240)}`, ok: false });
      this.failures.push(`[${row.fault} → ${row.checked}]\n${message}`);
      return false;
    }
  }

  assertAll(): void {
    if (this.failures.length > 0) throw new Error(this.failures.join('\n\n'));
  }
}

function table(rows: FaultRow[]): string {
  const headers = ['#', 'scenario', 'fault injected', 'checked', 'outcome', 'result'];
  const cells = rows.map((r, i) => [
    String(i + 1),
    r.scenario,
    r.fault,
    r.checked,
    r.outcome,
    r.ok ? 'PASS' : 'FAIL',
  ]);
  const widths = headers.map((h, c) =>
    Math.min(70, Math.max(h.length, ...cells.map((row) => row[c]!.length))),
  );
  const wrap = (text: string, width: number): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    lines.push(line);
    return lines;
  };
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const render = (row: string[]) => {
    const wrapped = row.map((cell, c) => wrap(cell, widths[c]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from(
      { length: height },
      (_, l) => `| ${wrapped.map((w, c) => (w[l] ?? '').padEnd(widths[c]!)).join(' | ')} |`,
    ).join('\n');
  };
  return [
    rule,
    render(headers),
    rule.replace(/-/g, '='),
    ...cells.flatMap((row) => [render(row), rule]),
  ].join('\n');
}

/** Writes and prints the run's table so far; old runs' row files (over a day) are tidied away. */
export function printReport(): void {
  mkdirSync(ROWS_DIR, { recursive: true });
  for (const name of readdirSync(ROWS_DIR)) {
    const path = join(ROWS_DIR, name);
    if (path !== rowsFile() && Date.now() - statSync(path).mtimeMs > 24 * 3600 * 1000)
      rmSync(path, { force: true });
  }
  let rows: FaultRow[] = [];
  try {
    rows = readFileSync(rowsFile(), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as FaultRow);
  } catch {
    // no rows recorded yet
  }
  const passed = rows.filter((r) => r.ok).length;
  const text = `Reliability suite: faults injected and outcomes (${passed}/${rows.length} passed)\n${table(rows)}\n`;
  writeFileSync(REPORT_FILE, text);
  // Straight to the terminal: jest's console wrapper would add a stack line to every table.
  process.stdout.write(`\n${text}(written to ${REPORT_FILE})\n`);
}
