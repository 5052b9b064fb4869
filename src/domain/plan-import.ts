/**
 * Turns spreadsheet rows into areas and actions, checking every row before anything is written:
 * an import is all-or-nothing, and its report names the row, column and reason of every problem.
 */
import type { ActionFields, Owner } from './action';
import { parseContributingContacts } from './contributing-contacts';
import { parseUkDate } from './dates';
import { ValidationError, type ValidationIssue } from './errors';
import { type Lifecycle, parseLifecycle } from './lifecycle';
import { parseRating, type Rating, type RatingScale, ratingsOf } from './rating';
import { type Column, columnForHeader, REQUIRED_COLUMNS } from './spreadsheet-columns';
import { Checker, LIMITS } from './validation';

export const MAX_IMPORT_ROWS = 20_000;

export interface ImportedArea {
  id: string;
  text: string;
  order: number;
}

/** An action as the file states it; blank optional cells are absent, so a re-import leaves them alone. */
export type ImportedAction = Omit<
  ActionFields,
  'lifecycle' | 'rating' | 'currentDueDate' | 'evidenceLinks' | 'contributingAgencies' | 'successMeasure'
> & {
  successMeasure?: string;
  lifecycle?: Lifecycle;
  rating?: Rating;
  currentDueDate?: string;
  evidenceLinks?: string[];
  contributingAgencies?: string[];
  /** The monitoring group as the file names it (its name or id); the import resolves it against the plan. */
  monitoringGroup?: string;
  row: number;
};

export interface ColumnMapping {
  header: string;
  column: Column;
}

export interface ImportedPlan {
  areas: ImportedArea[];
  actions: ImportedAction[];
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
}

export function mapHeaders(headers: readonly string[]): {
  mapping: ColumnMapping[];
  ignoredHeaders: string[];
  issues: ValidationIssue[];
} {
  const mapping: ColumnMapping[] = [];
  const ignoredHeaders: string[] = [];
  const issues: ValidationIssue[] = [];
  const seen = new Map<Column, string>();
  for (const header of headers) {
    if (header.trim() === '') continue;
    const column = columnForHeader(header);
    if (!column) {
      ignoredHeaders.push(header);
      continue;
    }
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      issues.push({ row: 1, field: header, reason: `maps to ${column}, as "${earlier}" does already` });
      continue;
    }
    seen.set(column, header);
    mapping.push({ header, column });
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) issues.push({ row: 1, field: column, reason: 'no column for this was found' });
  }
  return { mapping, ignoredHeaders, issues };
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** `rows[0]` is the header row; rows are numbered as a spreadsheet shows them (header = row 1). */
export function readPlanRows(rows: readonly (readonly string[])[], ratingScale: RatingScale): ImportedPlan {
  const [headers = [], ...body] = rows;
  const { mapping, ignoredHeaders, issues } = mapHeaders(headers);
  if (issues.length > 0) throw new ValidationError(issues);

  const index = new Map<Column, number>(mapping.map((m) => [m.column, headers.indexOf(m.header)]));
  const dataRows = body.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => !isBlankRow(cells));
  if (dataRows.length === 0) throw new ValidationError([{ row: 2, field: 'file', reason: 'has no actions' }]);
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw new ValidationError([
      { field: 'file', reason: `has ${dataRows.length} rows; the limit is ${MAX_IMPORT_ROWS}` },
    ]);
  }

  const areas = new Map<string, ImportedArea & { row: number }>();
  const actionRows = new Map<string, number>();
  const actions: ImportedAction[] = [];
  for (const { cells, row } of dataRows) {
    const cell = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const check = new Checker(row);
    const action = readAction(cell, check, ratingScale, row);

    const areaText = check.text('area', cell('area'), LIMITS.areaText, { required: true });
    const known = areas.get(action.areaId);
    if (!known) areas.set(action.areaId, { id: action.areaId, text: areaText, order: areas.size + 1, row });
    else if (known.text !== areaText) {
      check.add('area', `differs from the text given for area ${action.areaId} on row ${known.row}`);
    }
    const firstRow = actionRows.get(action.id);
    if (firstRow !== undefined)
      check.add('action_id', `action ${action.id} appears already on row ${firstRow}`);
    else if (action.id !== '') actionRows.set(action.id, row);

    issues.push(...check.issues);
    actions.push(action);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    areas: [...areas.values()].map(({ id, text, order }) => ({ id, text, order })),
    actions,
    mapping,
    ignoredHeaders,
  };
}

function readAction(
  cell: (c: Column) => string,
  check: Checker,
  scale: RatingScale,
  row: number,
): ImportedAction {
  const date = (column: Column, required: boolean): string | undefined => {
    const raw = cell(column);
    if (raw === '') {
      if (required) check.add(column, 'is required');
      return undefined;
    }
    const parsed = parseUkDate(raw);
    if (!parsed.ok) {
      check.add(column, parsed.reason);
      return undefined;
    }
    return parsed.value;
  };
  const startDate = date('start_date', false);
  const baselineDueDate = date('due_date', true) ?? '';
  const currentDueDate = date('current_due_date', false);
  if (startDate && baselineDueDate && baselineDueDate < startDate) {
    check.add('due_date', 'is before the start date');
  }

  const action: ImportedAction = {
    row,
    id: check.itemId('action_id', cell('action_id')),
    areaId: check.itemId('area_id', cell('area_id')),
    description: check.text('action', cell('action'), LIMITS.actionDescription, { required: true }),
    leadAgency: check.text('lead_agency', cell('lead_agency'), LIMITS.agency, { required: true }),
    owners: readOwners(cell('owner_name'), cell('owner_email'), check),
    ...(startDate ? { startDate } : {}),
    baselineDueDate,
    ...(currentDueDate ? { currentDueDate } : {}),
  };
  const successMeasure = check.text('success_measure', cell('success_measure'), LIMITS.successMeasure);
  if (successMeasure !== '') action.successMeasure = successMeasure;

  const ratingText = cell('rating');
  if (ratingText !== '') {
    const rating = parseRating(ratingText);
    if (!rating || !ratingsOf(scale).includes(rating)) {
      check.add(
        'rating',
        `"${ratingText}" is not a rating on this plan's scale (${ratingsOf(scale).join(', ')})`,
      );
    } else action.rating = rating;
  }
  const lifecycleText = cell('lifecycle');
  if (lifecycleText !== '') {
    const lifecycle = parseLifecycle(lifecycleText);
    if (!lifecycle) {
      check.add(
        'lifecycle',
        `"${lifecycleText}" is not one of not started, in progress, complete, impact evidenced, withdrawn`,
      );
    } else action.lifecycle = lifecycle;
  }
  const agencies = splitList(cell('contributing_agencies'));
  if (agencies.length > LIMITS.contributingAgencies) {
    check.add(
      'contributing_agencies',
      `lists ${agencies.length}; the limit is ${LIMITS.contributingAgencies}`,
    );
  }
  if (agencies.length > 0) {
    action.contributingAgencies = agencies.map((a) => check.text('contributing_agencies', a, LIMITS.agency));
  }
  readGroupColumns(action, cell, check);
  const links = splitList(cell('evidence_links'));
  if (links.length > LIMITS.evidenceLinks) {
    check.add('evidence_links', `lists ${links.length}; the limit is ${LIMITS.evidenceLinks}`);
  }
  if (links.length > 0) action.evidenceLinks = links.map((link) => check.httpsUrl('evidence_links', link));
  return action;
}

/**
 * "Monitoring group" names the action's group; "Contributing contacts" / "Supported by" names people
 * (`Health: Sam Smith <sam@nhs.uk>`) where it carries them, and otherwise agencies, which contribute.
 */
function readGroupColumns(action: ImportedAction, cell: (c: Column) => string, check: Checker): void {
  const group = check.text('monitoring_group', cell('monitoring_group'), LIMITS.agency);
  if (group !== '') action.monitoringGroup = group;
  const parts = splitList(cell('contributing_contacts'));
  const people = parts.filter((part) => part.includes('@'));
  const agencies = parts.filter((part) => !part.includes('@'));
  if (people.length > 0)
    action.contributingContacts = parseContributingContacts(people.join(';'), check, 'contributing_contacts');
  const named = [...(action.contributingAgencies ?? [])];
  for (const agency of [...agencies, ...(action.contributingContacts ?? []).map((c) => c.agency)]) {
    const text = check.text('contributing_contacts', agency, LIMITS.agency);
    if (!named.some((a) => a.toLowerCase() === text.toLowerCase())) named.push(text);
  }
  if (named.length > (action.contributingAgencies?.length ?? 0)) action.contributingAgencies = named;
}

/** Several owners share one cell, separated by semicolons, in the same order in both columns. */
function readOwners(names: string, emails: string, check: Checker): Owner[] {
  const nameList = splitList(names);
  const emailList = splitList(emails);
  if (nameList.length === 0) check.add('owner_name', 'is required');
  if (emailList.length === 0) {
    check.add('owner_email', 'is required');
    return [];
  }
  if (nameList.length > 0 && nameList.length !== emailList.length) {
    check.add('owner_email', `lists ${emailList.length} addresses for ${nameList.length} owner names`);
  }
  if (emailList.length > LIMITS.owners) check.add('owner_email', `lists more than ${LIMITS.owners} owners`);
  return emailList.map((email, i) => ({
    name: check.text('owner_name', nameList[i] ?? '', LIMITS.personName),
    email: check.email('owner_email', email),
  }));
}

export function splitList(cell: string): string[] {
  return cell
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
