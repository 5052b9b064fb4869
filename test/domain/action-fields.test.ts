/**
 * The action's fields, defined once (src/domain/action-fields.ts): the headers files out there carry and
 * the previews' words are read from it, so these tests pin the headers byte for byte and check the words.
 */
import type { Action } from '../../src/domain/action';
import { applyActionText, newAction, readActionText } from '../../src/domain/action-edit';
import { actionFacts } from '../../src/domain/action-facts';
import {
  describeFieldChange,
  FACT_LABELS,
  FIELD_COLUMNS,
  fieldLabel,
  IMPORTED_FIELDS,
} from '../../src/domain/action-field-rules';
import { ACTION_FIELDS } from '../../src/domain/action-fields';
import { describeHistoryChange } from '../../src/domain/history-summary';
import { importHistoryEntry, planImportChanges } from '../../src/domain/import-changes';
import { exportRow } from '../../src/domain/plan-export';
import { printedTexts } from '../../src/domain/progress-report';
import {
  CANONICAL_COLUMNS,
  COLUMN_LABELS,
  columnForHeader,
  EXPORT_COLUMNS,
  IMPORT_COLUMNS,
} from '../../src/domain/spreadsheet-columns';

const ACTION: Action = {
  planId: 'p',
  id: '2.1',
  areaId: 'A2',
  description: 'Run the panel',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo@police.uk' }],
  contributingAgencies: ['Health'],
  monitoringGroupId: 'board',
  baselineDueDate: '2025-03-31',
  currentDueDate: '2025-03-31',
  lifecycle: 'in_progress',
  rating: 'amber',
  successMeasure: 'Fewer repeat missing episodes',
  evidenceLinks: ['https://example.org/a'],
};

describe('the spreadsheet columns read from the fields', () => {
  test('when a plan is exported, then its headers are byte for byte those files already carry', () => {
    expect([...EXPORT_COLUMNS]).toEqual([
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
      'current_due_date',
      'lifecycle',
      'contributing_agencies',
      'evidence_links',
    ]);
    expect([...CANONICAL_COLUMNS]).toHaveLength(11);
    expect([...IMPORT_COLUMNS].slice(EXPORT_COLUMNS.length)).toEqual([
      'monitoring_group',
      'contributing_contacts',
      'note',
    ]);
  });

  test('when a column is shown for mapping, then it has its label, and variants still find it', () => {
    expect(COLUMN_LABELS.success_measure).toBe('Measure of success');
    expect(COLUMN_LABELS.note).toBe('Latest update (a note)');
    expect(Object.keys(COLUMN_LABELS)).toEqual([...IMPORT_COLUMNS]);
    expect(columnForHeader('Outcome measure')).toBe('success_measure');
    expect(columnForHeader('Monitored by')).toBe('monitoring_group');
    expect(columnForHeader('Commentary')).toBe('note');
    expect(columnForHeader('Ref')).toBe('action_id');
  });

  test('when an action is exported, then each cell comes from its field, and no deadline reads back as "Ongoing"', () => {
    const row = exportRow(
      { ...ACTION, baselineDueDate: undefined, currentDueDate: undefined },
      'Missing children',
    );
    const cell = (name: string) => row[EXPORT_COLUMNS.indexOf(name as never)];
    expect(cell('area')).toBe('Missing children');
    expect(cell('owner_email')).toBe('jo@police.uk');
    expect(cell('due_date')).toBe('Ongoing');
    expect(cell('current_due_date')).toBe('');
    expect(cell('success_measure')).toBe('Fewer repeat missing episodes');
  });

  test('every column belongs to one field, and no header is claimed by two columns', () => {
    const names = FIELD_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const seen = new Map<string, string>();
    for (const column of FIELD_COLUMNS)
      for (const header of column.headers) {
        expect([header, seen.get(header) ?? column.name]).toEqual([header, column.name]);
        seen.set(header, column.name);
      }
  });
});

describe('labels, never code names', () => {
  test('every field has a label in words, not its code name', () => {
    for (const field of ACTION_FIELDS) {
      expect(field.label).not.toBe(field.name);
      expect(field.label).toMatch(/^[A-Z][a-z ]+$/);
    }
    expect(fieldLabel('monitoringGroupId')).toBe('Monitoring group');
  });

  test('when a re-import changes owners and the monitoring group, then the preview says each by label, old → new (issue 20)', () => {
    const changes = planImportChanges(
      'p',
      {
        areas: [],
        actions: [
          {
            row: 2,
            id: '2.1',
            areaId: 'A2',
            description: ACTION.description,
            leadAgency: 'Police',
            owners: [{ name: 'Sam Smith', email: 'sam@police.uk' }],
            baselineDueDate: '2025-03-31',
            monitoringGroupId: 'panel',
          },
        ],
      } as never,
      [],
      [ACTION],
    );
    const change = changes.updatedActions[0]!;
    expect(change.changedFields).toEqual(['owners', 'monitoringGroupId']);
    // Changed on purpose (issue 20): owners too are given old → new, by name and address.
    expect(change.described).toEqual([
      'Owners: Jo Bloggs <jo@police.uk> → Sam Smith <sam@police.uk>',
      'Monitoring group: board → panel',
    ]);
    const entry = importHistoryEntry(change, '2025-01-15T10:00:00Z', 'h1', 'Chris');
    expect(describeHistoryChange(entry)).toBe('Changed: owners, monitoring group');
  });

  test('when a due date goes from a date to none, then the preview says "no deadline"', () => {
    const after = { ...ACTION, baselineDueDate: undefined };
    expect(describeFieldChange('baselineDueDate', ACTION, after)).toBe(
      'Baseline due date: 31 Mar 2025 → no deadline',
    );
    expect(describeFieldChange('rating', ACTION, { ...ACTION, rating: undefined })).toBe(
      'Rating: Amber → none',
    );
  });

  test('every field a file states is compared on re-import, in the order history has always named them', () => {
    expect(IMPORTED_FIELDS).toEqual([
      'areaId',
      'description',
      'leadAgency',
      'owners',
      'contributingAgencies',
      'startDate',
      'baselineDueDate',
      'currentDueDate',
      'lifecycle',
      'rating',
      'successMeasure',
      'evidenceLinks',
      'monitoringGroupId',
      'contributingContacts',
      'dateToBeConfirmed',
    ]);
  });

  test('when an action is listed in a message, then the fields shown among its facts follow the rest', () => {
    const facts = actionFacts({
      plan: { ratingScale: 'rag', timeZone: 'Europe/London' },
      action: ACTION,
      today: '2025-03-01',
      areaText: 'Missing children',
    });
    expect(facts.map(([label]) => label)).toEqual([
      'Action',
      'Area for improvement',
      'Lead agency',
      'Owners',
      'Due',
      'Rating',
      'Status',
      'Success measure',
    ]);
    expect(facts[4]![1]).toBe('31 Mar 2025 (due in 30 days)');
  });
});

describe('papers print the fields shown among the facts', () => {
  test('when a row has the success measure and another field, then the first leads and the other carries its label', () => {
    expect(
      printedTexts({
        texts: [
          ['Success measure', 'Fewer episodes'],
          ['Impact measure', 'Repeat rate below 10%'],
          ['Other', ''],
        ],
      }),
    ).toEqual({ lead: 'Fewer episodes', more: ['Impact measure: Repeat rate below 10%'] });
    expect(printedTexts({ texts: [['Success measure', '']] })).toEqual({ lead: '', more: [] });
  });

  test('when a table lists the facts, then its headers are their labels, as the report always had', () => {
    expect(FACT_LABELS).toEqual(['Success measure']);
  });
});

describe('the edit form and the free-text fields', () => {
  const form = {
    description: 'Run the panel',
    areaId: 'A2',
    leadAgency: 'Police',
    owners: 'Jo Bloggs, jo@police.uk',
    contributingAgencies: 'Health',
  };
  const context = {
    at: '2025-01-15T10:00:00Z',
    author: { name: 'Chris' },
    source: 'tab' as const,
    entryId: 'e1',
  };

  test('when the form leaves a free-text field out, then the action keeps it; when it sends one, it changes by label', () => {
    expect(applyActionText(ACTION, readActionText(form, ['A2']), context)).toBeUndefined();
    const applied = applyActionText(
      ACTION,
      readActionText({ ...form, successMeasure: 'Fewer' }, ['A2']),
      context,
    )!;
    expect(applied.after.successMeasure).toBe('Fewer');
    expect(describeHistoryChange(applied.entry)).toBe('Changed: success measure');
  });

  test('when a new action is added without a success measure, then it starts blank', () => {
    const { after } = newAction(
      'p',
      { ...form, id: '9.1', dueDate: '31/03/2025' },
      {
        ...context,
        areaIds: ['A2'],
        takenIds: [],
        today: '2025-01-15',
      },
    );
    expect(after.successMeasure).toBe('');
  });
});
