/**
 * Every field of an action, defined once: its name in code, its label in words (previews, history,
 * papers), how it is stored (its PlanItems column and encoding), and the spreadsheet columns it is
 * imported from and exported to. The spreadsheet columns, the export, the import's comparison and
 * preview, the history's words and the storage mapping are all read from this list (through
 * action-field-rules.ts, which holds what is worked out from it), so a new field is
 * one entry here (plus its type in action.ts), not an edit in each of them.
 *
 * Stored column names and spreadsheet headers are fixed by data and files already out there: they are
 * written here exactly as they have always been, and a test pins them.
 */
import type { Action } from './action';
import { dueDateCell, formatDueDate, noDeadlineOf } from './deadline';
import { lifecycleLabel } from './lifecycle';
import { ratingName } from './rating';
import { LIMITS } from './validation';

/** Every field of an action but the plan it belongs to (the partition it is stored in). */
export type ActionFieldName = Exclude<keyof Action, 'planId'>;

/**
 * How a field sits in its PlanItems column. `text` is always written; `optional` only when set (so
 * nothing is written for an empty value, and a replace drops it); `blankable` writes '' for absent, so a
 * replace clears an earlier value; `json` and `optional-json` hold lists and records as JSON (well under
 * the 64 KiB property limit); `row-key` is the entity's key, which the storage adapter composes.
 */
export type StoredAs = 'text' | 'optional' | 'blankable' | 'json' | 'optional-json' | 'row-key';

/**
 * A spreadsheet column. `canonical` columns are the plan template's and are exported; `extra` are
 * exported so that a round trip loses nothing and are optional on import; `import-only` are read and
 * never written (a re-import of an export, which lacks them, leaves them as they are).
 */
export interface SheetColumnDefinition {
  /** The header export writes and import knows first; never change it (files out there use it). */
  readonly name: string;
  /** What the column holds, in words, for the mapping a person confirms. */
  readonly label: string;
  /** Other headers councils' own spreadsheets use for it (compared after `normaliseHeader`). */
  readonly headers: readonly string[];
  readonly role: 'canonical' | 'extra' | 'import-only';
  /** Place in the file, left to right (gaps leave room for new columns). */
  readonly position: number;
  /** The export's cell; `areaText` is the action's area as the plan words it. */
  readonly cell?: (action: Action, areaText: string) => string;
}

export interface ActionFieldDefinition {
  readonly name: ActionFieldName;
  /** In words, capitalised: "Monitoring group". Previews, history and papers use it, never `name`. */
  readonly label: string;
  readonly stored: { readonly column: string; readonly as: StoredAs };
  /**
   * The plan's file states it: a re-import compares it and its preview names it. The order of this list
   * is the order changes are named in.
   */
  readonly imported?: boolean;
  /** The value in words, for "Label: old → new" in previews; without it, a change is named by label only. */
  readonly words?: (action: Action) => string;
  /** Shown among an action's facts (e-mail, update page, tab detail) as its label and text. */
  readonly fact?: (action: Action) => string;
  /**
   * Free text read from its one column, at most `limit` characters: the import reads it, a blank cell
   * leaves it as it was on re-import, and a new action starts with ''.
   */
  readonly text?: { readonly limit: number };
  readonly columns?: readonly SheetColumnDefinition[];
}

const list = (values: readonly string[]) => values.join('; ');
const none = (text: string | undefined) => (text === undefined || text === '' ? 'none' : text);

export const ACTION_FIELDS = [
  {
    name: 'areaId',
    label: 'Area',
    stored: { column: 'areaId', as: 'text' },
    imported: true,
    words: (a) => a.areaId,
    columns: [
      {
        name: 'area_id',
        label: 'Area number',
        headers: [
          'area id',
          'afi',
          'afi id',
          'afi no',
          'area no',
          'area number',
          'area ref',
          'area reference',
        ],
        role: 'canonical',
        position: 10,
        cell: (a) => a.areaId,
      },
      {
        name: 'area',
        label: 'Area for improvement',
        headers: [
          'area',
          'area for improvement',
          'areas for improvement',
          'area of improvement',
          'what needs to improve',
          'improvement area',
          'area text',
          'afi text',
        ],
        role: 'canonical',
        position: 20,
        cell: (_a, areaText) => areaText,
      },
    ],
  },
  {
    name: 'description',
    label: 'Description',
    stored: { column: 'description', as: 'text' },
    imported: true,
    columns: [
      {
        name: 'action',
        label: 'Action',
        headers: ['action', 'actions', 'action description', 'description', 'what we will do', 'action text'],
        role: 'canonical',
        position: 40,
        cell: (a) => a.description,
      },
    ],
  },
  {
    name: 'leadAgency',
    label: 'Lead agency',
    stored: { column: 'leadAgency', as: 'text' },
    imported: true,
    words: (a) => a.leadAgency,
    columns: [
      {
        name: 'lead_agency',
        label: 'Lead agency',
        headers: [
          'lead agency',
          'agency',
          'lead organisation',
          'lead organization',
          'organisation',
          'lead partner',
          'partner agency',
          'lead agency organisation',
          'responsible agency',
        ],
        role: 'canonical',
        position: 50,
        cell: (a) => a.leadAgency,
      },
    ],
  },
  {
    name: 'owners',
    label: 'Owners',
    stored: { column: 'ownersJson', as: 'json' },
    imported: true,
    columns: [
      {
        name: 'owner_name',
        label: 'Owner (lead officer)',
        headers: [
          'owner name',
          'owner',
          'action owner',
          'lead officer',
          'responsible officer',
          'lead',
          'named lead',
          'officer',
          'responsible',
          'responsible person',
          'lead person',
        ],
        role: 'canonical',
        position: 60,
        cell: (a) => list(a.owners.map((o) => o.name)),
      },
      {
        name: 'owner_email',
        label: 'Owner e-mail',
        headers: [
          'owner email',
          'owner e mail',
          'email',
          'e mail',
          'lead officer email',
          'lead officer e mail',
          'owner email address',
          'email address',
        ],
        role: 'canonical',
        position: 70,
        cell: (a) => list(a.owners.map((o) => o.email)),
      },
    ],
  },
  {
    name: 'contributingAgencies',
    label: 'Contributing agencies',
    stored: { column: 'contributingAgenciesJson', as: 'json' },
    imported: true,
    columns: [
      {
        name: 'contributing_agencies',
        label: 'Supporting agencies',
        headers: [
          'contributing agencies',
          'contributing partners',
          'partners',
          'supporting agencies',
          // "Supported by" is read as contributing contacts, which takes agencies alone as well as people.
          'support from',
        ],
        role: 'extra',
        position: 140,
        cell: (a) => list(a.contributingAgencies),
      },
    ],
  },
  {
    name: 'startDate',
    label: 'Start date',
    stored: { column: 'startDate', as: 'optional' },
    imported: true,
    words: (a) => none(a.startDate),
    columns: [
      {
        name: 'start_date',
        label: 'Start date',
        headers: ['start date', 'start', 'date started', 'from'],
        role: 'canonical',
        position: 80,
        cell: (a) => a.startDate ?? '',
      },
    ],
  },
  {
    name: 'baselineDueDate',
    label: 'Baseline due date',
    stored: { column: 'baselineDueDate', as: 'blankable' },
    imported: true,
    words: (a) => formatDueDate(a.baselineDueDate, noDeadlineOf(a)),
    columns: [
      {
        name: 'due_date',
        label: 'Timescale (due date)',
        headers: [
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
          'timescales',
          'timeframe',
          'date due',
        ],
        role: 'canonical',
        position: 90,
        // "Ongoing" or "TBC", each read back by the import as it was, so export → import loses nothing.
        cell: (a) => dueDateCell(a.baselineDueDate, noDeadlineOf(a)),
      },
    ],
  },
  {
    name: 'currentDueDate',
    label: 'Current due date',
    stored: { column: 'currentDueDate', as: 'blankable' },
    imported: true,
    words: (a) => formatDueDate(a.currentDueDate, noDeadlineOf(a)),
    columns: [
      {
        name: 'current_due_date',
        label: 'Revised due date',
        headers: ['current due date', 'revised due date', 'revised date', 'revised target date'],
        role: 'extra',
        position: 120,
        cell: (a) => a.currentDueDate ?? '',
      },
    ],
  },
  {
    name: 'lifecycle',
    label: 'Status',
    stored: { column: 'lifecycle', as: 'text' },
    imported: true,
    words: (a) => lifecycleLabel(a.lifecycle),
    columns: [
      {
        name: 'lifecycle',
        label: 'Status',
        headers: ['lifecycle', 'status', 'action status'],
        role: 'extra',
        position: 130,
        cell: (a) => a.lifecycle,
      },
    ],
  },
  {
    name: 'rating',
    label: 'Rating',
    stored: { column: 'rating', as: 'optional' },
    imported: true,
    words: (a) => (a.rating ? ratingName(a.rating) : 'none'),
    columns: [
      {
        name: 'rating',
        label: 'Rating (RAG)',
        // Not "Progress": people write their progress note there, not a rating.
        headers: [
          'rating',
          'rag',
          'rag rating',
          'rag status',
          'progress rating',
          'quadrant',
          'rag rating status',
        ],
        role: 'canonical',
        position: 100,
        cell: (a) => a.rating ?? '',
      },
    ],
  },
  {
    name: 'successMeasure',
    label: 'Success measure',
    stored: { column: 'successMeasure', as: 'text' },
    imported: true,
    fact: (a) => a.successMeasure,
    text: { limit: LIMITS.successMeasure },
    columns: [
      {
        name: 'success_measure',
        label: 'Measure of success',
        headers: [
          'success measure',
          'success measures',
          'measure of success',
          'measures of success',
          'success criteria',
          'outcome',
          'outcome measure',
          'impact measure',
          'how will we know',
          'impact',
          'intended impact',
          'outcomes',
        ],
        role: 'canonical',
        position: 110,
        cell: (a) => a.successMeasure,
      },
    ],
  },
  {
    name: 'evidenceLinks',
    label: 'Evidence',
    stored: { column: 'evidenceLinksJson', as: 'json' },
    imported: true,
    columns: [
      {
        name: 'evidence_links',
        label: 'Evidence links',
        headers: ['evidence links', 'evidence', 'evidence link'],
        role: 'extra',
        position: 150,
        cell: (a) => list(a.evidenceLinks),
      },
    ],
  },
  {
    name: 'monitoringGroupId',
    label: 'Monitoring group',
    stored: { column: 'monitoringGroupId', as: 'optional' },
    imported: true,
    words: (a) => none(a.monitoringGroupId),
    columns: [
      {
        name: 'monitoring_group',
        label: 'Monitoring group',
        headers: ['monitoring group', 'group', 'monitored by', 'monitoring body'],
        role: 'import-only',
        position: 160,
      },
    ],
  },
  {
    name: 'contributingContacts',
    label: 'Contributing contacts',
    stored: { column: 'contributingContactsJson', as: 'optional-json' },
    imported: true,
    columns: [
      {
        name: 'contributing_contacts',
        label: 'Contributing contacts (Agency: Name <e-mail>)',
        // "Supported by" often lists agencies only; the import reads people (Agency: Name <e-mail>) where there are.
        headers: ['contributing contacts', 'supported by', 'supporting officers', 'contributing officers'],
        role: 'import-only',
        position: 170,
      },
    ],
  },
  {
    // Read from the due date's own column ("TBC" there), so it has no column of its own. Last of the
    // imported fields, so the order history has always named changes in stays as it was.
    name: 'dateToBeConfirmed',
    label: 'Date to be confirmed',
    stored: { column: 'dateToBeConfirmed', as: 'optional' },
    imported: true,
    words: (a) => (a.dateToBeConfirmed ? 'yes' : 'no'),
  },
  {
    name: 'id',
    label: 'Action number',
    stored: { column: 'rowKey', as: 'row-key' },
    columns: [
      {
        name: 'action_id',
        label: 'Action number (Ref)',
        headers: [
          'action id',
          'action no',
          'action number',
          'action ref',
          'action reference',
          'ref',
          'reference',
          'no',
          'number',
          'id',
          'ref no',
        ],
        role: 'canonical',
        position: 30,
        cell: (a) => a.id,
      },
    ],
  },
  { name: 'agreed', label: 'Agreed rating', stored: { column: 'agreedJson', as: 'optional-json' } },
  { name: 'lastUpdatedAt', label: 'Last updated', stored: { column: 'lastUpdatedAt', as: 'optional' } },
  { name: 'revision', label: 'Revision', stored: { column: 'revision', as: 'optional' } },
  {
    name: 'reminderDaysBefore',
    label: 'Reminder days',
    stored: { column: 'reminderDaysBeforeJson', as: 'optional-json' },
  },
  { name: 'snoozedUntil', label: 'Snoozed until', stored: { column: 'snoozedUntil', as: 'optional' } },
  { name: 'nextReminderOn', label: 'Next reminder', stored: { column: 'nextReminderOn', as: 'optional' } },
  {
    name: 'pendingDateRequest',
    label: 'New date requested',
    stored: { column: 'pendingDateRequestJson', as: 'optional-json' },
  },
] as const satisfies readonly ActionFieldDefinition[];

type Defined = (typeof ACTION_FIELDS)[number];

/** Every field of `Action` has an entry above: a new field that has none breaks the build here. */
type Undefined = Exclude<ActionFieldName, Defined['name']>;
const everyFieldDefined: [Undefined] extends [never] ? true : Undefined = true;
void everyFieldDefined;

type DefinedColumn = Defined extends infer F
  ? F extends { columns: readonly (infer C)[] }
    ? C
    : never
  : never;

/** The names of the spreadsheet columns the fields define ('area_id' | 'action' | …), by role if asked. */
export type FieldColumnName<Role extends SheetColumnDefinition['role'] = SheetColumnDefinition['role']> =
  Extract<DefinedColumn, { role: Role }>['name'];

/** The free-text fields a plan's file states (success measure, …), each read from its one column. */
export type TextFieldName = Extract<Defined, { text: object }>['name'];
