import { type Action, compareActionIds } from './action';
import type { Area } from './area';
import { EXPORT_COLUMNS, type ExportColumn } from './spreadsheet-columns';

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
  return [header, ...sorted.map((action) => EXPORT_COLUMNS.map((c) => cellFor(c, action, areaText)))];
}

function cellFor(column: ExportColumn, action: Action, areaText: Map<string, string>): string {
  switch (column) {
    case 'area_id':
      return action.areaId;
    case 'area':
      return areaText.get(action.areaId) ?? '';
    case 'action_id':
      return action.id;
    case 'action':
      return action.description;
    case 'lead_agency':
      return action.leadAgency;
    case 'owner_name':
      return action.owners.map((o) => o.name).join('; ');
    case 'owner_email':
      return action.owners.map((o) => o.email).join('; ');
    case 'start_date':
      return action.startDate ?? '';
    case 'due_date':
      // Read back by the import as "no deadline", so export → import loses nothing.
      return action.baselineDueDate ?? 'Ongoing';
    case 'rating':
      return action.rating ?? '';
    case 'success_measure':
      return action.successMeasure;
    case 'current_due_date':
      return action.currentDueDate ?? '';
    case 'lifecycle':
      return action.lifecycle;
    case 'contributing_agencies':
      return action.contributingAgencies.join('; ');
    case 'evidence_links':
      return action.evidenceLinks.join('; ');
  }
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR) as a formula.
 * Prefixing an apostrophe shows the text as typed and runs nothing (OWASP's advice for CSV injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
