import { type Action, compareActionIds } from './action';
import { FIELD_COLUMNS } from './action-field-rules';
import type { Area } from './area';
import { EXPORT_COLUMNS } from './spreadsheet-columns';

/** One row per action, in the canonical column order, in plan numbering order. */
export function planToRows(areas: readonly Area[], actions: readonly Action[]): string[][] {
  const areaText = new Map(areas.map((a) => [a.id, a.text]));
  const areaOrder = new Map(areas.map((a) => [a.id, a.order]));
  const sorted = [...actions].sort(
    (a, b) =>
      (areaOrder.get(a.areaId) ?? Number.MAX_SAFE_INTEGER) -
        (areaOrder.get(b.areaId) ?? Number.MAX_SAFE_INTEGER) || compareActionIds(a.id, b.id),
  );
  const header = [...EXPORT_COLUMNS];
  return [header, ...sorted.map((action) => exportRow(action, areaText.get(action.areaId) ?? ''))];
}

const CELLS = new Map(FIELD_COLUMNS.map((c) => [c.name, c.cell]));

/** The export's row for one action: each column's cell as its field defines it (action-fields.ts). */
export function exportRow(action: Action, areaText: string): string[] {
  return EXPORT_COLUMNS.map((column) => CELLS.get(column)?.(action, areaText) ?? '');
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR) as a formula.
 * Prefixing an apostrophe shows the text as typed and runs nothing (OWASP's advice for CSV injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
