/**
 * A re-import respects the app (issue 20, point 5): the preview names each change by its label with the
 * old and new value in words, a value edited in Action Tracker since the file last set it is flagged and
 * kept unless the person takes the file's value, and the history says which way each went.
 */
import type { Action } from '../../src/domain/action';
import type { ActionFieldName } from '../../src/domain/action-fields';
import { describeHistoryChange } from '../../src/domain/history-summary';
import {
  appEditsSinceImport,
  editedInAppWords,
  importedFieldNamed,
  importHistoryEntry,
  planImportChanges,
  type RespectedEdits,
} from '../../src/domain/import-changes';
import type { ImportedPlan } from '../../src/domain/plan-import';
import type { ImportedAction } from '../../src/domain/plan-import-row';
import type { StatusUpdate } from '../../src/domain/status-update';

const STORED: Action = {
  planId: 'p',
  id: '2.1',
  areaId: 'A2',
  description: 'Run the panel',
  leadAgency: 'Police',
  owners: [{ name: 'Sam Green', email: 'sam.green@police.uk' }],
  contributingAgencies: [],
  startDate: '2026-09-01',
  baselineDueDate: '2027-01-13',
  currentDueDate: '2027-01-13',
  lifecycle: 'in_progress',
  successMeasure: 'Panel meets monthly',
  evidenceLinks: [],
};

const GROUPS = [{ id: 'board', name: 'Partnership board' }];

/** The file's row for the stored action, with some cells changed. */
function row(changed: Partial<ImportedAction> = {}): ImportedAction {
  return {
    row: 2,
    id: STORED.id,
    areaId: STORED.areaId,
    description: STORED.description,
    leadAgency: STORED.leadAgency,
    owners: STORED.owners,
    startDate: STORED.startDate,
    baselineDueDate: STORED.baselineDueDate,
    successMeasure: STORED.successMeasure,
    ...changed,
  } as ImportedAction;
}

function reimport(file: ImportedAction, stored: Action = STORED, respected?: RespectedEdits) {
  return planImportChanges(
    'p',
    { areas: [], actions: [file] } as unknown as ImportedPlan,
    [],
    [stored],
    GROUPS,
    respected,
  );
}

function entry(over: Partial<StatusUpdate>): StatusUpdate {
  return {
    planId: 'p',
    actionId: '2.1',
    id: over.at ?? 'x',
    at: '2026-11-01T09:00:00.000Z',
    author: { name: 'Import of plan.xlsx' },
    source: 'import',
    ...over,
  };
}

const IMPORTED = entry({ at: '2026-11-01T09:00:00.000Z', changedFields: ['created'] });
const OWNER_EDIT = entry({
  at: '2026-12-03T10:15:00.000Z',
  author: { name: 'Jo Bloggs' },
  source: 'tab',
  changedFields: ['owners', 'successMeasure'],
});

describe('a re-import preview: each change by label, old value → new value', () => {
  test.each<[string, Partial<ImportedAction>, string]>([
    [
      'owners, by name and address',
      { owners: [{ name: 'Jo Bloggs', email: 'jo.bloggs@police.uk' }] },
      'Owners: Sam Green <sam.green@police.uk> → Jo Bloggs <jo.bloggs@police.uk>',
    ],
    [
      'a success measure',
      { successMeasure: 'Panel meets fortnightly' },
      'Success measure: Panel meets monthly → Panel meets fortnightly',
    ],
    [
      'a monitoring group, by name',
      { monitoringGroupId: 'board' },
      'Monitoring group: none → Partnership board',
    ],
    ['a start date, as a UK date', { startDate: '2026-10-05' }, 'Start date: 1 Sep 2026 → 5 Oct 2026'],
    [
      'contributing agencies',
      { contributingAgencies: ['Health', 'Education'] },
      'Contributing agencies: none → Health; Education',
    ],
    ['the lead agency', { leadAgency: 'Health' }, 'Lead agency: Police → Health'],
  ])('when the file changes %s, then the preview names it by label, old → new', (_what, changed, words) => {
    const [change] = reimport(row(changed)).updatedActions;
    expect(change!.described).toEqual([words]);
    // Never the code name.
    expect(change!.described.join(' ')).not.toMatch(/monitoringGroupId|successMeasure|startDate/);
  });

  test('when the due date moves, then both dates are named as UK dates', () => {
    const [change] = reimport(row({ baselineDueDate: '2027-02-26' })).updatedActions;
    expect(change!.described).toEqual([
      'Baseline due date: 13 Jan 2027 → 26 Feb 2027',
      'Current due date: 13 Jan 2027 → 26 Feb 2027',
    ]);
  });
});

describe('what was edited in Action Tracker since the last import', () => {
  test.each<[string, StatusUpdate[], Partial<Record<ActionFieldName, string>>]>([
    ['an import and nothing since', [IMPORTED], {}],
    [
      'a dashboard edit of owner and success measure',
      [OWNER_EDIT, IMPORTED],
      { owners: 'Jo Bloggs', successMeasure: 'Jo Bloggs' },
    ],
    [
      'a dashboard edit, then an import that took the file’s owners',
      [entry({ at: '2026-12-05T09:00:00.000Z', changedFields: ['owners'] }), OWNER_EDIT, IMPORTED],
      { successMeasure: 'Jo Bloggs' },
    ],
    [
      'a dashboard edit, then an import that kept it',
      [
        entry({
          at: '2026-12-05T09:00:00.000Z',
          changedFields: ['monitoringGroupId'],
          importChoices: [{ field: 'owners', took: 'app', editedAt: OWNER_EDIT.at, editedBy: 'Jo Bloggs' }],
        }),
        OWNER_EDIT,
        IMPORTED,
      ],
      { owners: 'Jo Bloggs', successMeasure: 'Jo Bloggs' },
    ],
    [
      'an owner’s rating by card and a note that moved nothing',
      [
        entry({
          at: '2026-12-04T09:00:00.000Z',
          source: 'email',
          author: { name: 'Sam' },
          oldRating: 'green',
          newRating: 'green',
          note: 'On track',
        }),
        entry({
          at: '2026-12-02T09:00:00.000Z',
          source: 'card',
          author: { name: 'Sam' },
          oldRating: 'green',
          newRating: 'amber',
        }),
        IMPORTED,
      ],
      { rating: 'Sam' },
    ],
    [
      'an approved new due date',
      [
        entry({
          at: '2026-12-02T09:00:00.000Z',
          source: 'card',
          author: { name: 'Lead' },
          dateDecision: 'approved',
        }),
        IMPORTED,
      ],
      { currentDueDate: 'Lead' },
    ],
    [
      'a group set from the command line (entries given oldest first)',
      [
        IMPORTED,
        entry({
          at: '2026-12-02T09:00:00.000Z',
          source: 'command',
          author: { name: 'cli' },
          changedFields: ['monitoringGroupId'],
        }),
      ],
      { monitoringGroupId: 'cli' },
    ],
  ])('when the history holds %s, then the edits are %j', (_what, history, expected) => {
    const edits = appEditsSinceImport(history).get('2.1') ?? new Map();
    expect(Object.fromEntries([...edits].map(([field, edit]) => [field, edit.by]))).toEqual(expected);
  });

  test('when an edit is worded, then it says the day in the plan’s time zone and who', () => {
    expect(editedInAppWords({ at: '2026-12-03T10:15:00.000Z', by: 'Jo Bloggs', source: 'tab' })).toBe(
      'edited in Action Tracker on 3 Dec 2026 by Jo Bloggs',
    );
    // 23:30 on 2 Dec in London is already 3 Dec in Sydney.
    expect(
      editedInAppWords({ at: '2026-12-02T23:30:00.000Z', by: 'Jo', source: 'tab' }, 'Australia/Sydney'),
    ).toBe('edited in Action Tracker on 3 Dec 2026 by Jo');
  });

  test.each([
    ['owners', 'owners'],
    ['success measure', 'successMeasure'],
    ['Success-Measure', 'successMeasure'],
    ['monitoringGroupId', 'monitoringGroupId'],
    ['monitoring group', 'monitoringGroupId'],
    ['nonsense', undefined],
  ])('when a person names the field "%s", then it is %s', (text, field) => {
    expect(importedFieldNamed(text)).toBe(field);
  });
});

describe('a re-import over values edited in Action Tracker', () => {
  // The app's values: owner and success measure corrected in the dashboard on 3 Dec.
  const corrected: Action = {
    ...STORED,
    owners: [{ name: 'Jo Bloggs', email: 'jo.bloggs@police.uk' }],
    successMeasure: 'Panel meets fortnightly',
  };
  // The workbook still has the old values, and a new Monitoring group column.
  const file = row({ monitoringGroupId: 'board' });
  const edits = appEditsSinceImport([OWNER_EDIT, IMPORTED]);

  test('when nothing is chosen, then both edits are flagged and kept and the group is set', () => {
    const changes = reimport(file, corrected, { edits });
    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['monitoringGroupId']);
    expect(change!.after).toEqual({ ...corrected, monitoringGroupId: 'board' });
    expect(change!.described).toEqual(['Monitoring group: none → Partnership board']);
    expect(change!.fields.map((f) => [f.label, f.from, f.to, f.editedInApp?.by, f.took])).toEqual([
      ['Owners', 'Jo Bloggs <jo.bloggs@police.uk>', 'Sam Green <sam.green@police.uk>', 'Jo Bloggs', 'app'],
      ['Success measure', 'Panel meets fortnightly', 'Panel meets monthly', 'Jo Bloggs', 'app'],
      ['Monitoring group', 'none', 'Partnership board', undefined, 'file'],
    ]);

    const history = importHistoryEntry(change!, '2026-12-06T09:00:00.000Z', 'h9', 'coordinator@example.org');
    expect(history.changedFields).toEqual(['monitoringGroupId']);
    expect(history.importChoices).toEqual([
      { field: 'owners', took: 'app', editedAt: OWNER_EDIT.at, editedBy: 'Jo Bloggs' },
      { field: 'successMeasure', took: 'app', editedAt: OWNER_EDIT.at, editedBy: 'Jo Bloggs' },
    ]);
    expect(describeHistoryChange(history)).toBe(
      'Changed: monitoring group; Kept the value edited in Action Tracker: owners, success measure',
    );
  });

  test('when the file’s owners are chosen, then they are taken and the success measure is still kept', () => {
    const changes = reimport(file, corrected, { edits, takeFile: [{ actionId: '2.1', field: 'owners' }] });
    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['owners', 'monitoringGroupId']);
    expect(change!.after.owners).toEqual(STORED.owners);
    expect(change!.after.successMeasure).toBe('Panel meets fortnightly');
    const history = importHistoryEntry(change!, '2026-12-06T09:00:00.000Z', 'h9', 'coordinator@example.org');
    expect(describeHistoryChange(history)).toBe(
      "Changed: owners, monitoring group; Kept the value edited in Action Tracker: success measure; Took the file's value over the edit in Action Tracker: owners",
    );
  });

  test('when every file value is chosen, then the file wins everywhere', () => {
    const [change] = reimport(file, corrected, { edits, takeFile: 'all' }).updatedActions;
    expect(change!.after).toEqual({ ...STORED, monitoringGroupId: 'board' });
    expect(change!.fields.every((f) => f.took === 'file')).toBe(true);
  });

  test('when the file differs only in the edited values, then nothing is written and the action is listed as kept', () => {
    const changes = reimport(row(), corrected, { edits });
    expect(changes.updatedActions).toEqual([]);
    expect(changes.keptActions).toHaveLength(1);
    expect(changes.keptActions[0]!.after).toBe(corrected);
    expect(importHistoryEntry(changes.keptActions[0]!, 'now', 'h', 'c').changedFields).toEqual([]);
  });

  test('when nothing was edited in the app, then the file’s values are taken as before', () => {
    const [change] = reimport(file, corrected, { edits: new Map() }).updatedActions;
    expect(change!.after).toEqual({ ...STORED, monitoringGroupId: 'board' });
    expect(importHistoryEntry(change!, 'now', 'h', 'c')).not.toHaveProperty('importChoices');
  });
});
