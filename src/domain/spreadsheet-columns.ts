/**
 * The canonical spreadsheet columns, and the header variants councils' own spreadsheets use for them.
 */

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

export const CANONICAL_COLUMNS = [
  'area_id',
  'area',
  'action_id',
  'action',
  'lead_agency',
  'owner_name',
  'owner_email',
  'start_date',
  'due_date',
  'rating',
  'success_measure',
] as const;

/** Written by export so that a round trip loses nothing; optional on import. */
export const EXTRA_COLUMNS = [
  'current_due_date',
  'lifecycle',
  'contributing_agencies',
  'evidence_links',
] as const;

/**
 * Read on import only: a re-import of an export (which has no such columns) leaves them as they are,
 * as a blank optional cell does.
 */
export const GROUP_COLUMNS = ['monitoring_group', 'contributing_contacts'] as const;

export const EXPORT_COLUMNS = [...CANONICAL_COLUMNS, ...EXTRA_COLUMNS] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type Column = ExportColumn | (typeof GROUP_COLUMNS)[number];

const VARIANTS: Record<Column, string[]> = {
  area_id: ['area id', 'afi', 'afi id', 'afi no', 'area no', 'area number', 'area ref', 'area reference'],
  area: [
    'area',
    'area for improvement',
    'areas for improvement',
    'area of improvement',
    'what needs to improve',
    'improvement area',
    'area text',
    'afi text',
  ],
  action_id: [
    'action id',
    'action no',
    'action number',
    'action ref',
    'action reference',
    'ref',
    'reference',
    'no',
    'number',
  ],
  action: ['action', 'actions', 'action description', 'description', 'what we will do', 'action text'],
  lead_agency: [
    'lead agency',
    'agency',
    'lead organisation',
    'lead organization',
    'organisation',
    'lead partner',
    'partner agency',
  ],
  owner_name: [
    'owner name',
    'owner',
    'action owner',
    'lead officer',
    'responsible officer',
    'lead',
    'named lead',
    'officer',
  ],
  owner_email: [
    'owner email',
    'owner e mail',
    'email',
    'e mail',
    'lead officer email',
    'lead officer e mail',
    'owner email address',
    'email address',
  ],
  start_date: ['start date', 'start', 'date started', 'from'],
  due_date: [
    'due date',
    'due',
    'target date',
    'deadline',
    'completion date',
    'timescale',
    'by when',
    'target',
    'baseline due date',
    'original due date',
  ],
  rating: ['rating', 'rag', 'rag rating', 'rag status', 'progress rating', 'progress', 'quadrant'],
  success_measure: [
    'success measure',
    'success measures',
    'measure of success',
    'measures of success',
    'success criteria',
    'outcome',
    'outcome measure',
    'impact measure',
    'how will we know',
  ],
  current_due_date: ['current due date', 'revised due date', 'revised date', 'revised target date'],
  lifecycle: ['lifecycle', 'status', 'action status'],
  contributing_agencies: [
    'contributing agencies',
    'contributing partners',
    'partners',
    'supporting agencies',
  ],
  evidence_links: ['evidence links', 'evidence', 'evidence link'],
  monitoring_group: ['monitoring group', 'group', 'monitored by', 'monitoring body'],
  // "Supported by" often lists agencies only; the import reads people (Agency: Name <e-mail>) where there are.
  contributing_contacts: [
    'contributing contacts',
    'supported by',
    'supporting officers',
    'contributing officers',
  ],
};

export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, Column>();
for (const column of [...EXPORT_COLUMNS, ...GROUP_COLUMNS]) {
  LOOKUP.set(normaliseHeader(column), column);
  for (const variant of VARIANTS[column]) LOOKUP.set(normaliseHeader(variant), column);
}

export function columnForHeader(header: string): Column | undefined {
  return LOOKUP.get(normaliseHeader(header));
}
