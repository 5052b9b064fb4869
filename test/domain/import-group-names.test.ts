/** An import's preview names a monitoring group as people know it, by its name, not by the id stored. */
import type { Action } from '../../src/domain/action';
import { importHistoryEntry, planImportChanges } from '../../src/domain/import-changes';

const ACTION: Action = {
  planId: 'p',
  id: '2.1',
  areaId: 'A2',
  description: 'Run the panel',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo@police.uk' }],
  contributingAgencies: [],
  baselineDueDate: '2025-03-31',
  currentDueDate: '2025-03-31',
  lifecycle: 'in_progress',
  successMeasure: '',
  evidenceLinks: [],
};

const GROUPS = [
  { id: 'board', name: 'Partnership board' },
  { id: 'panel', name: 'Missing children panel' },
];

function reimport(before: Action, monitoringGroupId: string | undefined) {
  return planImportChanges(
    'p',
    {
      areas: [],
      actions: [
        {
          row: 2,
          id: before.id,
          areaId: before.areaId,
          description: before.description,
          leadAgency: before.leadAgency,
          owners: before.owners,
          baselineDueDate: before.baselineDueDate,
          ...(monitoringGroupId ? { monitoringGroupId } : {}),
        },
      ],
    } as never,
    [],
    [before],
    GROUPS,
  ).updatedActions[0]!;
}

describe('an import preview’s monitoring group', () => {
  test('when an action is put in a group, then the preview names the group: "Monitoring group: none → Partnership board"', () => {
    expect(reimport(ACTION, 'board').described).toEqual(['Monitoring group: none → Partnership board']);
  });

  test('when an action moves between groups, then both are named', () => {
    const change = reimport({ ...ACTION, monitoringGroupId: 'board' }, 'panel');
    expect(change.described).toEqual(['Monitoring group: Partnership board → Missing children panel']);
    // What is stored is still the id, and the history records the field's code name as before.
    expect(change.after.monitoringGroupId).toBe('panel');
    expect(importHistoryEntry(change, '2025-01-15T10:00:00Z', 'h1', 'Chris').changedFields).toEqual([
      'monitoringGroupId',
    ]);
  });

  test('when a group is not among the plan’s, then its id is shown', () => {
    expect(reimport({ ...ACTION, monitoringGroupId: 'gone' }, 'board').described).toEqual([
      'Monitoring group: gone → Partnership board',
    ]);
  });
});
