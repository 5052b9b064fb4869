/**
 * The table under a plan sheet's header, as people lay it out: an area for improvement written once
 * (often in a merged cell) above the actions that belong to it, then blank; a key ("G = on track…") or
 * footnotes under the table. The import reads what a person sees: the area filled down to every action
 * below it, and the key and footnotes left out.
 */
import type { Column } from './spreadsheet-columns';

/** Columns that hold the area, which people write once per group of actions. */
const FILLED_DOWN: readonly Column[] = ['area_id', 'area'];

const NOTE_START = /^(key|note|notes|source|footnote|\*|†|nb\b|n\.b\.|rag key|rating key|g\s*=|r\s*=|a\s*=)/i;

export interface TableRow {
  /** 1-based row number in the sheet, for messages. */
  sheetRow: number;
  cells: string[];
}

/**
 * The data rows below `headerIndex`, with area cells filled down and blank, key and footnote rows
 * dropped. `columnAt` says which column each cell position holds.
 */
export function tableRows(
  rows: readonly (readonly string[])[],
  headerIndex: number,
  columnAt: readonly (Column | undefined)[],
): TableRow[] {
  const fillPositions = columnAt.flatMap((column, index) =>
    column && FILLED_DOWN.includes(column) ? [index] : [],
  );
  const actionPosition = columnAt.indexOf('action');
  const last = new Map<number, string>();
  const out: TableRow[] = [];
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const cells = [...(rows[index] ?? [])].map((cell) => cell ?? '');
    const filledAt = cells.flatMap((cell, position) => (cell.trim() !== '' ? [position] : []));
    if (filledAt.length === 0) continue;
    if (filledAt.length === 1 && NOTE_START.test(cells[filledAt[0]!]!.trim())) continue;
    for (const position of fillPositions) {
      if ((cells[position] ?? '').trim() !== '') last.set(position, cells[position]!);
    }
    const hasAction = actionPosition >= 0 && (cells[actionPosition] ?? '').trim() !== '';
    if (!hasAction) {
      // An area written on a row of its own heads the actions below it; a lone line is a footnote.
      const onlyArea = filledAt.every((position) => fillPositions.includes(position));
      if (onlyArea || filledAt.length === 1) continue;
    }
    for (const position of fillPositions) {
      if ((cells[position] ?? '').trim() === '' && last.has(position)) cells[position] = last.get(position)!;
    }
    out.push({ sheetRow: index + 1, cells });
  }
  return out;
}
