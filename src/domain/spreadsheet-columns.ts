/**
 * The canonical spreadsheet columns, and the header variants councils' own spreadsheets use for them.
 * Each column, its label and its variants are defined with the action field it holds (action-fields.ts);
 * this file puts them in the file's order and adds the one column that is not a field (the note).
 */
import { FIELD_COLUMNS } from './action-field-rules';
import type { FieldColumnName } from './action-fields';

export const REQUIRED_COLUMNS = [
  'area_id',
  'area',
  'action_id',
  'action',
  'lead_agency',
  'owner_name',
  'owner_email',
  'due_date',
] as const;

function columnsIn<Role extends 'canonical' | 'extra' | 'import-only'>(role: Role) {
  return FIELD_COLUMNS.filter((c) => c.role === role).map((c) => c.name) as readonly FieldColumnName[];
}

/** The plan template's columns, in order; read from the action's fields (action-fields.ts). */
export const CANONICAL_COLUMNS = columnsIn('canonical') as readonly CanonicalColumn[];

/** Written by export so that a round trip loses nothing; optional on import. */
export const EXTRA_COLUMNS = columnsIn('extra') as readonly ExtraColumn[];

/**
 * Read on import only: a re-import of an export (which has no such columns) leaves them as they are,
 * as a blank optional cell does.
 */
export const GROUP_COLUMNS = columnsIn('import-only') as readonly GroupColumn[];

export const EXPORT_COLUMNS: readonly ExportColumn[] = [...CANONICAL_COLUMNS, ...EXTRA_COLUMNS];

/**
 * Read on import, never written: the latest progress note ("Latest update", "Commentary"), which goes
 * into the action's history; the history, not a column, is where notes live.
 */
export const IMPORT_ONLY_COLUMNS = ['note'] as const;

type NoteColumn = (typeof IMPORT_ONLY_COLUMNS)[number];
type CanonicalColumn = FieldColumnName<'canonical'>;
type ExtraColumn = FieldColumnName<'extra'>;
type GroupColumn = FieldColumnName<'import-only'>;
export type ExportColumn = CanonicalColumn | ExtraColumn;
export type Column = FieldColumnName | NoteColumn;

export const IMPORT_COLUMNS: readonly Column[] = [
  ...EXPORT_COLUMNS,
  ...GROUP_COLUMNS,
  ...IMPORT_ONLY_COLUMNS,
];

const NOTE = {
  label: 'Latest update (a note)',
  headers: [
    'latest update',
    'progress update',
    'progress',
    'commentary',
    'update',
    'progress to date',
    'latest progress',
    'progress commentary',
  ],
};

/** What each column holds, in words, for the mapping a person confirms. */
export const COLUMN_LABELS = Object.fromEntries([
  ...FIELD_COLUMNS.map((c) => [c.name, c.label]),
  ['note', NOTE.label],
]) as Record<Column, string>;

export function isColumn(text: string): text is Column {
  return (IMPORT_COLUMNS as readonly string[]).includes(text);
}

const VARIANTS = Object.fromEntries([
  ...FIELD_COLUMNS.map((c) => [c.name, c.headers]),
  ['note', NOTE.headers],
]) as Record<Column, readonly string[]>;

export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, Column>();
for (const column of IMPORT_COLUMNS) {
  LOOKUP.set(normaliseHeader(column), column);
  for (const variant of VARIANTS[column]) LOOKUP.set(normaliseHeader(variant), column);
}

export function columnForHeader(header: string): Column | undefined {
  return LOOKUP.get(normaliseHeader(header));
}
