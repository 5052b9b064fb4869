import type { Action } from '../../src/domain/action';
import type { Area } from '../../src/domain/area';
import { importHistoryEntry, planImportChanges } from '../../src/domain/import-changes';
import { type ImportedPlan, readPlanRows } from '../../src/domain/plan-import';

const PLAN = 'leeds-2024';

const HEADER = [
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
];

const BASE_ROWS: string[][] = [
  [
    'AFI1',
    'Sharing of PPNs',
    '1.1',
    'Refresh PPN guidance',
    'Police',
    'PPN Lead',
    'ppn.lead@example.org',
    '2024-09-01',
    '2024-12-31',
    'green',
    'Dip sample shows 90%',
  ],
  [
    'AFI1',
    'Sharing of PPNs',
    '1.2',
    'Quarterly dip sample',
    'Police',
    'Audit Sergeant',
    'audit@example.org',
    '',
    '2025-09-30',
    '',
    'Four audits reported',
  ],
  [
    'AFI2',
    'CAMHS waiting times',
    '2.1',
    'Publish a waiting list trajectory',
    'Integrated Care Board',
    'CAMHS Commissioner',
    'camhs@example.org',
    '2024-09-01',
    '2024-11-30',
    'amber',
    'Trajectory published',
  ],
];

function imported(rows: string[][] = BASE_ROWS, header: string[] = HEADER): ImportedPlan {
  return readPlanRows([header, ...rows], 'quadrant');
}

/** BASE_ROWS with one cell of one action replaced. */
function withCell(actionId: string, column: string, value: string, rows = BASE_ROWS): string[][] {
  const at = HEADER.indexOf(column);
  if (at < 0) throw new Error(`no column ${column}`);
  return rows.map((r) => (r[2] === actionId ? r.map((cell, i) => (i === at ? value : cell)) : [...r]));
}

/** What the store holds after the file was imported into an empty plan. */
function stored(rows: string[][] = BASE_ROWS): { areas: Area[]; actions: Action[] } {
  const first = planImportChanges(PLAN, imported(rows), [], []);
  return { areas: first.createdAreas, actions: first.createdActions };
}

function byId(actions: readonly Action[], id: string): Action {
  const found = actions.find((a) => a.id === id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

describe('planImportChanges: a new plan', () => {
  test('when the plan is empty, then every area and action is created and nothing else is reported', () => {
    const changes = planImportChanges(PLAN, imported(), [], []);

    expect(changes.createdAreas).toEqual([
      { planId: PLAN, id: 'AFI1', text: 'Sharing of PPNs', order: 1 },
      { planId: PLAN, id: 'AFI2', text: 'CAMHS waiting times', order: 2 },
    ]);
    expect(changes.createdActions.map((a) => a.id)).toEqual(['1.1', '1.2', '2.1']);
    expect(changes.updatedAreas).toEqual([]);
    expect(changes.updatedActions).toEqual([]);
    expect(changes.unchangedActions).toEqual([]);
    expect(changes.missingFromFile).toEqual([]);
  });

  test('when an action is created, then it carries the plan id, has current due = baseline and empty lists', () => {
    const changes = planImportChanges(PLAN, imported(), [], []);

    expect(byId(changes.createdActions, '1.1')).toEqual({
      planId: PLAN,
      id: '1.1',
      areaId: 'AFI1',
      description: 'Refresh PPN guidance',
      leadAgency: 'Police',
      owners: [{ name: 'PPN Lead', email: 'ppn.lead@example.org' }],
      contributingAgencies: [],
      startDate: '2024-09-01',
      baselineDueDate: '2024-12-31',
      currentDueDate: '2024-12-31',
      lifecycle: 'in_progress',
      rating: 'green',
      successMeasure: 'Dip sample shows 90%',
      evidenceLinks: [],
    });
  });

  test('when a created action has no rating or lifecycle, then it is not started and has no rating or start date', () => {
    const changes = planImportChanges(PLAN, imported(), [], []);

    const action = byId(changes.createdActions, '1.2');
    expect(action.lifecycle).toBe('not_started');
    expect(action).not.toHaveProperty('rating');
    expect(action).not.toHaveProperty('startDate');
  });

  test('when a created action is rated, then it is in progress', () => {
    const changes = planImportChanges(PLAN, imported(), [], []);

    expect(byId(changes.createdActions, '2.1').lifecycle).toBe('in_progress');
  });

  test('when the file states a lifecycle and a current due date, then the created action takes them', () => {
    const header = [...HEADER, 'lifecycle', 'current_due_date', 'evidence_links', 'contributing_agencies'];
    const rows = BASE_ROWS.map((r) => [
      ...r,
      'complete',
      '2025-02-28',
      'https://example.org/e',
      'Education; Health',
    ]);

    const changes = planImportChanges(PLAN, imported(rows, header), [], []);

    expect(byId(changes.createdActions, '1.1')).toMatchObject({
      lifecycle: 'complete',
      baselineDueDate: '2024-12-31',
      currentDueDate: '2025-02-28',
      evidenceLinks: ['https://example.org/e'],
      contributingAgencies: ['Education', 'Health'],
    });
  });

  test('when an action is created, then the spreadsheet row number is not part of it', () => {
    const changes = planImportChanges(PLAN, imported(), [], []);

    expect(byId(changes.createdActions, '1.1')).not.toHaveProperty('row');
  });
});

describe('planImportChanges: re-importing', () => {
  test('when the same file is imported again, then every action is unchanged and nothing is created or updated', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(PLAN, imported(), areas, actions);

    expect(changes.unchangedActions).toEqual(actions);
    expect(changes.createdAreas).toEqual([]);
    expect(changes.updatedAreas).toEqual([]);
    expect(changes.createdActions).toEqual([]);
    expect(changes.updatedActions).toEqual([]);
    expect(changes.missingFromFile).toEqual([]);
  });

  test('when stored actions carry a last-updated time, then the same file is still reported unchanged', () => {
    const { areas, actions } = stored();
    const touched = actions.map((a) => ({ ...a, lastUpdatedAt: '2024-10-01T09:00:00.000Z' }));

    const changes = planImportChanges(PLAN, imported(), areas, touched);

    expect(changes.updatedActions).toEqual([]);
    expect(changes.unchangedActions).toHaveLength(3);
  });

  test('when the description of one action changes, then only that action is updated with changedFields ["description"]', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(
      PLAN,
      imported(withCell('1.2', 'action', 'Monthly dip sample')),
      areas,
      actions,
    );

    expect(changes.updatedActions).toHaveLength(1);
    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['description']);
    expect(change!.before).toBe(byId(actions, '1.2'));
    expect(change!.after).toEqual({ ...byId(actions, '1.2'), description: 'Monthly dip sample' });
    expect(changes.unchangedActions.map((a) => a.id)).toEqual(['1.1', '2.1']);
  });

  test('when the owner and lead agency change, then exactly those fields are reported', () => {
    const { areas, actions } = stored();
    let rows = withCell('2.1', 'owner_name', 'New Commissioner');
    rows = withCell('2.1', 'owner_email', 'new.commissioner@example.org', rows);
    rows = withCell('2.1', 'lead_agency', 'NHS Trust', rows);

    const changes = planImportChanges(PLAN, imported(rows), areas, actions);

    expect(changes.updatedActions.map((c) => [c.after.id, c.changedFields])).toEqual([
      ['2.1', ['leadAgency', 'owners']],
    ]);
    expect(changes.updatedActions[0]!.after.owners).toEqual([
      { name: 'New Commissioner', email: 'new.commissioner@example.org' },
    ]);
  });

  test('when only the case of an owner e-mail changes, then the action is unchanged', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(
      PLAN,
      imported(withCell('1.1', 'owner_email', 'PPN.Lead@Example.org')),
      areas,
      actions,
    );

    expect(changes.updatedActions).toEqual([]);
  });

  test('when the file changes the rating, then the rating is updated', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(PLAN, imported(withCell('1.1', 'rating', 'Red')), areas, actions);

    expect(changes.updatedActions.map((c) => [c.after.id, c.changedFields, c.after.rating])).toEqual([
      ['1.1', ['rating'], 'red'],
    ]);
  });

  test('when the file leaves a rating blank, then the existing rating is kept and the action is unchanged', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(PLAN, imported(withCell('2.1', 'rating', '')), areas, actions);

    expect(changes.updatedActions).toEqual([]);
    expect(byId(changes.unchangedActions, '2.1').rating).toBe('amber');
  });

  test('when the file leaves a rating blank but changes another field, then the rating is kept in the result', () => {
    const { areas, actions } = stored();
    const rows = withCell('2.1', 'success_measure', 'Trajectory met', withCell('2.1', 'rating', ''));

    const changes = planImportChanges(PLAN, imported(rows), areas, actions);

    expect(changes.updatedActions[0]!.changedFields).toEqual(['successMeasure']);
    expect(changes.updatedActions[0]!.after.rating).toBe('amber');
  });

  test('when the action was rated in the app since the last import, then a blank file rating keeps the app rating', () => {
    const { areas, actions } = stored();
    const rated = actions.map((a) => (a.id === '1.2' ? { ...a, rating: 'yellow' as const } : a));

    const changes = planImportChanges(PLAN, imported(), areas, rated);

    expect(byId(changes.unchangedActions, '1.2').rating).toBe('yellow');
  });

  test('when the lifecycle was moved on in the app and the file has no lifecycle, then it is kept', () => {
    const { areas, actions } = stored();
    const completed = actions.map((a) => (a.id === '1.1' ? { ...a, lifecycle: 'complete' as const } : a));

    const changes = planImportChanges(PLAN, imported(), areas, completed);

    expect(changes.updatedActions).toEqual([]);
    expect(byId(changes.unchangedActions, '1.1').lifecycle).toBe('complete');
  });

  test('when evidence and agencies were added in the app and the file has no such columns, then they are kept', () => {
    const { areas, actions } = stored();
    const enriched = actions.map((a) =>
      a.id === '1.1'
        ? { ...a, evidenceLinks: ['https://example.org/e'], contributingAgencies: ['Health'] }
        : a,
    );

    const changes = planImportChanges(PLAN, imported(), areas, enriched);

    expect(changes.updatedActions).toEqual([]);
  });

  test('when the due date was not revised and the file moves it, then both baseline and current follow the file', () => {
    const { areas, actions } = stored();

    const changes = planImportChanges(
      PLAN,
      imported(withCell('1.1', 'due_date', '31/01/2025')),
      areas,
      actions,
    );

    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['baselineDueDate', 'currentDueDate']);
    expect(change!.after).toMatchObject({ baselineDueDate: '2025-01-31', currentDueDate: '2025-01-31' });
  });

  test('when the current due date was revised and the file changes only the baseline, then the revision is kept', () => {
    const { areas, actions } = stored();
    const revised = actions.map((a) => (a.id === '1.1' ? { ...a, currentDueDate: '2025-03-31' } : a));

    const changes = planImportChanges(
      PLAN,
      imported(withCell('1.1', 'due_date', '31/01/2025')),
      areas,
      revised,
    );

    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['baselineDueDate']);
    expect(change!.after).toMatchObject({ baselineDueDate: '2025-01-31', currentDueDate: '2025-03-31' });
  });

  test('when the current due date was revised and the same file is imported again, then the revision survives', () => {
    const { areas, actions } = stored();
    const revised = actions.map((a) => (a.id === '1.1' ? { ...a, currentDueDate: '2025-03-31' } : a));

    const changes = planImportChanges(PLAN, imported(), areas, revised);

    expect(changes.updatedActions).toEqual([]);
    expect(byId(changes.unchangedActions, '1.1').currentDueDate).toBe('2025-03-31');
  });

  test('when the current due date was revised and the file states a current due date, then the file wins', () => {
    const { areas, actions } = stored();
    const revised = actions.map((a) => (a.id === '1.1' ? { ...a, currentDueDate: '2025-03-31' } : a));
    const header = [...HEADER, 'current_due_date'];
    const rows = BASE_ROWS.map((r) => [...r, r[2] === '1.1' ? '30/04/2025' : '']);

    const changes = planImportChanges(PLAN, imported(rows, header), areas, revised);

    const [change] = changes.updatedActions;
    expect(change!.changedFields).toEqual(['currentDueDate']);
    expect(change!.after.currentDueDate).toBe('2025-04-30');
  });

  test('when an action moves to another area, then areaId is reported changed', () => {
    const { areas, actions } = stored();
    const rows = withCell('1.2', 'area', 'CAMHS waiting times', withCell('1.2', 'area_id', 'AFI2'));

    const changes = planImportChanges(PLAN, imported(rows), areas, actions);

    expect(changes.updatedActions.map((c) => [c.after.id, c.changedFields])).toEqual([['1.2', ['areaId']]]);
  });

  test('when actions in the store are missing from the file, then they are reported and not deleted or changed', () => {
    const { areas, actions } = stored();
    const rows = BASE_ROWS.filter((r) => r[2] !== '1.2');

    const changes = planImportChanges(PLAN, imported(rows), areas, actions);

    expect(changes.missingFromFile).toEqual([byId(actions, '1.2')]);
    expect(changes.unchangedActions.map((a) => a.id)).toEqual(['1.1', '2.1']);
    expect(changes.updatedActions).toEqual([]);
    expect(changes.createdActions).toEqual([]);
  });

  test('when the file adds an action to an existing plan, then only it is created', () => {
    const { areas, actions } = stored();
    const rows = [...BASE_ROWS, withCell('2.1', 'action_id', '2.2').find((r) => r[2] === '2.2')!];

    const changes = planImportChanges(PLAN, imported(rows), areas, actions);

    expect(changes.createdActions.map((a) => a.id)).toEqual(['2.2']);
    expect(changes.unchangedActions).toHaveLength(3);
  });
});

describe('planImportChanges: areas', () => {
  test('when the file adds an area, then it is created after the highest existing order', () => {
    const existing: Area[] = [
      { planId: PLAN, id: 'AFI1', text: 'Sharing of PPNs', order: 1 },
      { planId: PLAN, id: 'AFI2', text: 'CAMHS waiting times', order: 5 },
    ];
    const rows = [
      ...BASE_ROWS,
      [
        'AFI3',
        'Return home interviews',
        '3.1',
        'Audit RHIs',
        'Police',
        'RHI Lead',
        'rhi@example.org',
        '',
        '2025-06-30',
        '',
        '',
      ],
      [
        'AFI4',
        'Exploitation screening',
        '4.1',
        'Adopt a tool',
        'Police',
        'Ex Lead',
        'ex@example.org',
        '',
        '2025-06-30',
        '',
        '',
      ],
    ];

    const changes = planImportChanges(PLAN, imported(rows), existing, []);

    expect(changes.createdAreas).toEqual([
      { planId: PLAN, id: 'AFI3', text: 'Return home interviews', order: 6 },
      { planId: PLAN, id: 'AFI4', text: 'Exploitation screening', order: 7 },
    ]);
    expect(changes.updatedAreas).toEqual([]);
  });

  test('when an area text changes, then it is updated keeping its order and plan', () => {
    const existing: Area[] = [
      { planId: PLAN, id: 'AFI1', text: 'Sharing of PPNs', order: 1 },
      { planId: PLAN, id: 'AFI2', text: 'CAMHS waits', order: 2 },
    ];

    const changes = planImportChanges(PLAN, imported(), existing, []);

    expect(changes.updatedAreas).toEqual([
      { planId: PLAN, id: 'AFI2', text: 'CAMHS waiting times', order: 2 },
    ]);
    expect(changes.createdAreas).toEqual([]);
  });

  test('when the file lists areas in a different order, then existing areas keep their order', () => {
    const { areas, actions } = stored();
    const reordered = [BASE_ROWS[2]!, BASE_ROWS[0]!, BASE_ROWS[1]!];

    const changes = planImportChanges(PLAN, imported(reordered), areas, actions);

    expect(changes.createdAreas).toEqual([]);
    expect(changes.updatedAreas).toEqual([]);
  });
});

describe('importHistoryEntry', () => {
  test('when an action was created, then the entry records it as created with its new rating and lifecycle', () => {
    const [created] = planImportChanges(PLAN, imported(), [], []).createdActions;

    const entry = importHistoryEntry(
      { after: created! },
      '2024-10-01T09:00:00.000Z',
      'h-1',
      'Import of plan.csv',
    );

    expect(entry).toEqual({
      planId: PLAN,
      actionId: '1.1',
      id: 'h-1',
      at: '2024-10-01T09:00:00.000Z',
      author: { name: 'Import of plan.csv' },
      newRating: 'green',
      newLifecycle: 'in_progress',
      changedFields: ['created'],
      source: 'import',
    });
  });

  test('when an unrated action was created, then the entry has no rating at all', () => {
    const created = byId(planImportChanges(PLAN, imported(), [], []).createdActions, '1.2');

    const entry = importHistoryEntry({ after: created }, '2024-10-01T09:00:00.000Z', 'h-2', 'Coordinator');

    expect(entry).not.toHaveProperty('newRating');
    expect(entry).not.toHaveProperty('oldRating');
    expect(entry).not.toHaveProperty('oldLifecycle');
    expect(entry.newLifecycle).toBe('not_started');
  });

  test('when an action was updated, then the entry records old and new rating and lifecycle and the changed fields', () => {
    const { areas, actions } = stored();
    const [change] = planImportChanges(
      PLAN,
      imported(withCell('1.1', 'rating', 'red')),
      areas,
      actions,
    ).updatedActions;

    const entry = importHistoryEntry(change!, '2024-11-01T09:00:00.000Z', 'h-3', 'Coordinator');

    expect(entry).toEqual({
      planId: PLAN,
      actionId: '1.1',
      id: 'h-3',
      at: '2024-11-01T09:00:00.000Z',
      author: { name: 'Coordinator' },
      oldRating: 'green',
      newRating: 'red',
      oldLifecycle: 'in_progress',
      newLifecycle: 'in_progress',
      changedFields: ['rating'],
      source: 'import',
    });
  });
});

describe('planImportChanges: blank cells never clear', () => {
  test('when a re-import leaves the start date and success measure blank, then the stored ones are kept', () => {
    const before = stored();
    const blanked = withCell('1.1', 'success_measure', '', withCell('1.1', 'start_date', ''));
    const changes = planImportChanges(PLAN, imported(blanked), before.areas, before.actions);
    expect(changes.updatedActions).toEqual([]);
    expect(changes.unchangedActions.map((a) => a.id)).toContain('1.1');
  });

  test('when a re-import has no start or success columns at all, then nothing changes', () => {
    const before = stored();
    const drop = new Set([HEADER.indexOf('start_date'), HEADER.indexOf('success_measure')]);
    const header = HEADER.filter((_, i) => !drop.has(i));
    const rows = BASE_ROWS.map((r) => r.filter((_, i) => !drop.has(i)));
    const changes = planImportChanges(PLAN, imported(rows, header), before.areas, before.actions);
    expect(changes.updatedActions).toEqual([]);
  });
});
