import { type Action, compareActionIds } from '../../src/domain/action';
import type { Area } from '../../src/domain/area';
import { planImportChanges } from '../../src/domain/import-changes';
import { neutraliseFormula, planToRows } from '../../src/domain/plan-export';
import { readPlanRows } from '../../src/domain/plan-import';
import { EXPORT_COLUMNS } from '../../src/domain/spreadsheet-columns';

const PLAN = 'northumberland-2019';

function action(id: string, areaId: string, overrides: Partial<Action> = {}): Action {
  return {
    planId: PLAN,
    id,
    areaId,
    description: `Action ${id}`,
    leadAgency: 'Police',
    owners: [{ name: 'Jo Bloggs', email: 'jo@example.org' }],
    contributingAgencies: [],
    baselineDueDate: '2025-03-31',
    currentDueDate: '2025-03-31',
    lifecycle: 'not_started',
    successMeasure: '',
    evidenceLinks: [],
    ...overrides,
  };
}

const AREAS: Area[] = [
  { planId: PLAN, id: 'CE2', text: 'Strategy discussions', order: 2 },
  { planId: PLAN, id: 'CE1', text: 'Criminalisation of children', order: 1 },
  { planId: PLAN, id: 'CE10', text: 'Return home interviews', order: 3 },
];

function column(rows: string[][], name: (typeof EXPORT_COLUMNS)[number]): string[] {
  const at = rows[0]!.indexOf(name);
  if (at < 0) throw new Error(`no column ${name}`);
  return rows.slice(1).map((r) => r[at]!);
}

describe('planToRows', () => {
  test('when exporting, then the first row is the export columns in canonical order', () => {
    const rows = planToRows(AREAS, [action('1.1', 'CE1')]);

    expect(rows[0]).toEqual([
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
  });

  test('when a plan has no actions, then only the header row is written', () => {
    expect(planToRows(AREAS, [])).toEqual([[...EXPORT_COLUMNS]]);
  });

  test('when actions are in any order, then they come out by area order and then natural action order', () => {
    const actions = [
      action('2.10', 'CE2'),
      action('10.1', 'CE10'),
      action('1.10', 'CE1'),
      action('2.2', 'CE2'),
      action('1.2', 'CE1'),
      action('1.1', 'CE1'),
      action('2.9', 'CE2'),
    ];

    const rows = planToRows(AREAS, actions);

    expect(column(rows, 'action_id')).toEqual(['1.1', '1.2', '1.10', '2.2', '2.9', '2.10', '10.1']);
  });

  test('when area order disagrees with the action numbering, then area order wins', () => {
    const areas: Area[] = [
      { planId: PLAN, id: 'B', text: 'Second in the letter', order: 1 },
      { planId: PLAN, id: 'A', text: 'First in the letter', order: 2 },
    ];

    const rows = planToRows(areas, [action('1.1', 'A'), action('2.1', 'B')]);

    expect(column(rows, 'action_id')).toEqual(['2.1', '1.1']);
  });

  test('when an action belongs to an area the plan does not list, then it comes last with a blank area text', () => {
    const rows = planToRows(AREAS, [action('9.1', 'GONE'), action('3.1', 'CE10'), action('1.1', 'CE1')]);

    expect(column(rows, 'action_id')).toEqual(['1.1', '3.1', '9.1']);
    expect(column(rows, 'area')).toEqual(['Criminalisation of children', 'Return home interviews', '']);
  });

  test('when an action is fully filled in, then every column holds its value', () => {
    const full = action('1.1', 'CE1', {
      description: 'Launch the protocol',
      leadAgency: "Children's Social Care",
      owners: [
        { name: 'Ann Able', email: 'ann@example.org' },
        { name: 'Bob Baker', email: 'bob@example.org' },
      ],
      contributingAgencies: ['Police', 'Health'],
      startDate: '2019-12-01',
      baselineDueDate: '2020-09-30',
      currentDueDate: '2020-12-31',
      lifecycle: 'in_progress',
      rating: 'yellow',
      successMeasure: 'Protocol used by all homes',
      evidenceLinks: ['https://example.org/a', 'https://example.org/b'],
    });

    const [, cells] = planToRows(AREAS, [full]);

    expect(cells).toEqual([
      'CE1',
      'Criminalisation of children',
      '1.1',
      'Launch the protocol',
      "Children's Social Care",
      'Ann Able; Bob Baker',
      'ann@example.org; bob@example.org',
      '2019-12-01',
      '2020-09-30',
      'yellow',
      'Protocol used by all homes',
      '2020-12-31',
      'in_progress',
      'Police; Health',
      'https://example.org/a; https://example.org/b',
    ]);
  });

  test('when optional fields are absent, then their cells are blank strings', () => {
    const [, cells] = planToRows(AREAS, [action('1.1', 'CE1')]);

    const at = (name: (typeof EXPORT_COLUMNS)[number]) => cells![EXPORT_COLUMNS.indexOf(name)];
    expect(at('start_date')).toBe('');
    expect(at('rating')).toBe('');
    expect(at('contributing_agencies')).toBe('');
    expect(at('evidence_links')).toBe('');
    expect(cells!.every((c) => typeof c === 'string')).toBe(true);
  });

  test('when the input actions are exported, then the input array is not reordered', () => {
    const actions = [action('1.2', 'CE1'), action('1.1', 'CE1')];

    planToRows(AREAS, actions);

    expect(actions.map((a) => a.id)).toEqual(['1.2', '1.1']);
  });

  test('when an exported plan is imported again, then every action is unchanged', () => {
    const actions = [
      action('1.1', 'CE1', {
        owners: [
          { name: 'Ann Able', email: 'ann@example.org' },
          { name: 'Bob Baker', email: 'bob@example.org' },
        ],
        startDate: '2019-12-01',
        rating: 'green',
        lifecycle: 'complete',
        contributingAgencies: ['Police', 'Health'],
        evidenceLinks: ['https://example.org/a'],
        successMeasure: 'Protocol used',
      }),
      action('1.2', 'CE1', { currentDueDate: '2025-06-30' }),
      action('2.1', 'CE2', { rating: 'red', lifecycle: 'in_progress' }),
    ];
    const areas = AREAS.filter((a) => a.id !== 'CE10');

    const rows = planToRows(areas, actions);
    const changes = planImportChanges(PLAN, readPlanRows(rows, 'quadrant'), areas, actions);

    expect(changes.updatedActions).toEqual([]);
    expect(changes.createdActions).toEqual([]);
    expect(changes.createdAreas).toEqual([]);
    expect(changes.updatedAreas).toEqual([]);
    expect(changes.unchangedActions).toHaveLength(3);
  });
});

describe('compareActionIds', () => {
  test.each([
    ['1.2', '1.10'],
    ['2', '10'],
    ['1.9', '2.1'],
    ['A1', 'A2'],
    ['9.1', '10.1'],
  ])('when comparing %p with %p, then the first sorts earlier', (a, b) => {
    expect(compareActionIds(a, b)).toBeLessThan(0);
    expect(compareActionIds(b, a)).toBeGreaterThan(0);
  });

  test('when the ids are the same, then they compare equal', () => {
    expect(compareActionIds('1.10', '1.10')).toBe(0);
  });
});

describe('neutraliseFormula', () => {
  test.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-1', "'-1"],
    ['@SUM(1,2)', "'@SUM(1,2)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['=HYPERLINK("https://evil.example","click")', '\'=HYPERLINK("https://evil.example","click")'],
  ])(
    'when a cell starts with a formula character (%j), then it is prefixed with an apostrophe',
    (cell, expected) => {
      expect(neutraliseFormula(cell)).toBe(expected);
    },
  );

  test.each([
    'Refresh the guidance',
    '',
    '2024-12-31',
    '1.1',
    "'=already quoted",
    'a = b',
    'Total: -1',
    'email@example.org',
    'https://example.org/?a=1',
    ' leading space',
    '\nnew line first',
  ])('when a cell does not start with a formula character (%j), then it is left alone', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});
