/** Monitoring groups on a plan, contributing contacts on an action, and rounds scoped to a group: pure rules. */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Action } from '../../src/domain/action';
import { roundStart } from '../../src/domain/commands/round-start';
import {
  formatContributingContacts,
  parseContributingContacts,
  withContributingContacts,
} from '../../src/domain/contributing-contacts';
import { ValidationError } from '../../src/domain/errors';
import { type Round, requestsFor, roundProgress } from '../../src/domain/monitoring-round';
import { createPlan, type Plan } from '../../src/domain/plan';
import {
  addGroupMeetings,
  addMonitoringGroup,
  findGroup,
  groupIdFrom,
  groupResponseDate,
  inRoundScope,
  periodStartForAction,
  removeGroupMeetings,
  removeMonitoringGroup,
  resolveImportedGroups,
  withGroup,
} from '../../src/domain/plan-groups';
import { readPlanRows } from '../../src/domain/plan-import';
import { Checker } from '../../src/domain/validation';

const NOW = new Date('2025-01-15T10:00:00Z');
const calendar = new UkHolidayCalendar();

function action(id: string, extra: Partial<Action> = {}): Action {
  return {
    planId: 'p1',
    id,
    areaId: 'A1',
    description: `Action ${id}`,
    leadAgency: 'Council',
    owners: [{ name: 'Olu Owner', email: `owner${id}@council.gov.uk` }],
    contributingAgencies: [],
    baselineDueDate: '2025-06-30',
    currentDueDate: '2025-06-30',
    lifecycle: 'in_progress',
    successMeasure: '',
    evidenceLinks: [],
    ...extra,
  };
}

function twoGroups(): Plan {
  const plan = createPlan({ id: 'p1', title: 'Plan', cadence: 'quarterly' }, NOW);
  const council = addMonitoringGroup(
    plan,
    {
      name: 'Council actions',
      cadence: 'monthly',
      oversightBody: 'DMT',
      meetings: ['2025-02-12', '2025-03-12'],
    },
    NOW,
  );
  return addMonitoringGroup(
    council,
    {
      name: 'Partnership actions',
      cadence: 'bi-monthly',
      oversightBody: 'LSCP Executive',
      meetings: ['05/03/2025'],
    },
    NOW,
  );
}

describe('monitoring groups on a plan', () => {
  test('when groups are added, then each gets an id from its name and is found by id or name in any case', () => {
    const plan = twoGroups();
    expect(plan.monitoringGroups?.map((g) => g.id)).toEqual(['council-actions', 'partnership-actions']);
    expect(findGroup(plan, 'PARTNERSHIP ACTIONS')?.meetings).toEqual(['2025-03-05']);
    expect(findGroup(plan, 'council-actions')?.responseWorkingDaysBefore).toBe(10);
    expect(groupIdFrom('  LSCP Executive — partnership!  ')).toBe('lscp-executive-partnership');
  });

  test('when a group name is taken, blank or a meeting is not a date, then it is refused with the reason', () => {
    const plan = twoGroups();
    const reasons = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return (error as ValidationError).issues.map((i) => i.reason);
      }
      throw new Error('not refused');
    };
    expect(
      reasons(() =>
        addMonitoringGroup(
          plan,
          { name: 'council ACTIONS', cadence: 'monthly', oversightBody: '', meetings: [] },
          NOW,
        ),
      ),
    ).toEqual(['plan p1 has a group "Council actions" already']);
    expect(
      reasons(() =>
        addMonitoringGroup(plan, { name: ' ', cadence: 'monthly', oversightBody: '', meetings: [] }, NOW),
      ),
    ).toContain('is required');
    expect(reasons(() => addGroupMeetings(plan, 'council actions', ['31/02/2025'], NOW))[0]).toContain(
      '"31/02/2025" is not a date',
    );
    expect(reasons(() => addGroupMeetings(plan, 'housing', ['2025-06-01'], NOW))[0]).toBe(
      '"housing" is not a monitoring group of plan p1 (its groups: "Council actions", "Partnership actions")',
    );
  });

  test('when meetings are added and cancelled, then the dates stay sorted and distinct', () => {
    const added = addGroupMeetings(
      twoGroups(),
      'Council actions',
      ['2025-04-09', '12/02/2025', '2025-01-08'],
      NOW,
    );
    expect(findGroup(added, 'council-actions')?.meetings).toEqual([
      '2025-01-08',
      '2025-02-12',
      '2025-03-12',
      '2025-04-09',
    ]);
    const cancelled = removeGroupMeetings(added, 'council-actions', ['12/02/2025'], NOW);
    expect(findGroup(cancelled, 'council-actions')?.meetings).toEqual([
      '2025-01-08',
      '2025-03-12',
      '2025-04-09',
    ]);
  });

  test('when a group still has actions or an open round, then it cannot be removed; when empty, it can', () => {
    const plan = twoGroups();
    const member = action('1.1', { monitoringGroupId: 'council-actions' });
    expect(() => removeMonitoringGroup(plan, 'Council actions', [member], [], NOW)).toThrow(
      '"Council actions" still has 1 action (1.1); move them to another group first',
    );
    const open = { number: 4, status: 'open', groupId: 'council-actions' } as Round;
    expect(() => removeMonitoringGroup(plan, 'Council actions', [], [open], NOW)).toThrow('has round 4 open');
    expect(
      removeMonitoringGroup(plan, 'Council actions', [action('1.2')], [], NOW).monitoringGroups?.map(
        (g) => g.id,
      ),
    ).toEqual(['partnership-actions']);
  });

  test('when actions are put in groups, then a round for a group asks its own, and a plan-wide round the rest', () => {
    const plan = twoGroups();
    const council = withGroup(plan, action('1.1'), 'Council actions');
    const partnership = withGroup(plan, action('1.2'), 'partnership-actions');
    const none = withGroup(plan, council, 'none');
    expect(council.monitoringGroupId).toBe('council-actions');
    expect(none).not.toHaveProperty('monitoringGroupId');
    const actions = [council, partnership, action('1.3')];
    expect(
      requestsFor(actions, (a) => inRoundScope(plan, a, 'council-actions')).map((r) => r.actionId),
    ).toEqual(['1.1']);
    expect(requestsFor(actions, (a) => inRoundScope(plan, a, undefined)).map((r) => r.actionId)).toEqual([
      '1.3',
    ]);
    // A plan without groups: every action is in the plan-wide round, as before groups existed.
    const plain = createPlan({ id: 'p1', title: 'Plan' }, NOW);
    expect(actions.every((a) => inRoundScope(plain, a, undefined))).toBe(true);
  });

  test("when a group's next round is worked out, then responses are due ten working days before its next meeting", () => {
    const group = findGroup(twoGroups(), 'council-actions')!;
    expect(groupResponseDate(group, '2025-01-15', 'ENG', calendar)).toEqual({
      meeting: '2025-02-12',
      responseDue: '2025-01-29',
    });
    // Once that response date has passed, the next meeting's round is the one to open.
    expect(groupResponseDate(group, '2025-01-29', 'ENG', calendar)).toEqual({
      meeting: '2025-03-12',
      responseDue: '2025-02-26',
    });
    expect(groupResponseDate(group, '2025-03-01', 'ENG', calendar)).toBeUndefined();
  });

  test("when an action is in a group, then its monitoring period starts the day after the group's last meeting", () => {
    const plan = twoGroups();
    const grouped = action('1.1', { monitoringGroupId: 'council-actions' });
    expect(periodStartForAction(plan, grouped, '2025-02-20')).toBe('2025-02-13');
    // Before its first meeting the group's cadence counts from the calendar; ungrouped actions use the plan's.
    expect(periodStartForAction(plan, grouped, '2025-01-20')).toBe('2025-01-01');
    expect(periodStartForAction(plan, action('1.2'), '2025-02-20')).toBe('2025-01-01');
  });

  test('when an import names groups, then names and ids resolve, and an unknown one is reported with its row', () => {
    const plan = twoGroups();
    const rows: { row: number; monitoringGroup?: string; monitoringGroupId?: string }[] = [
      { row: 2, monitoringGroup: 'Council Actions' },
      { row: 3, monitoringGroup: 'partnership-actions' },
      { row: 4 },
    ];
    expect(resolveImportedGroups(plan, rows).map((r) => r.monitoringGroupId)).toEqual([
      'council-actions',
      'partnership-actions',
      undefined,
    ]);
    expect(() => resolveImportedGroups(plan, [{ row: 7, monitoringGroup: 'Housing' }])).toThrow(
      'row 7, monitoring_group: "Housing" is not a monitoring group of plan p1',
    );
  });
});

describe('contributing contacts', () => {
  test('when contacts are read from text, then agency, name and e-mail are taken, and bad parts are named', () => {
    const check = new Checker();
    expect(
      parseContributingContacts('Police: Jo Bloggs <Jo@Police.uk>; Health: sam@nhs.uk', check, 'contacts'),
    ).toEqual([
      { agency: 'Police', name: 'Jo Bloggs', email: 'jo@police.uk' },
      { agency: 'Health', name: 'sam@nhs.uk', email: 'sam@nhs.uk' },
    ]);
    expect(check.ok).toBe(true);
    const bad = new Checker();
    parseContributingContacts('Jo Bloggs; Police: not-an-address <x>', bad, 'contacts');
    expect(bad.issues.map((i) => i.reason)).toEqual([
      '"Jo Bloggs" is not like "Agency: Name <e-mail>"',
      '"x" is not an e-mail address',
    ]);
  });

  test('when contacts are set, then new agencies join the contributing agencies, and the lead agency or a repeat is refused', () => {
    const base = action('2.1', { leadAgency: 'ICB', contributingAgencies: ['police'] });
    const set = withContributingContacts(base, [
      { agency: 'Police', name: 'Jo', email: 'jo@police.uk' },
      { agency: 'Education', name: 'Ed', email: 'ed@school.uk' },
    ]);
    expect(set.contributingAgencies).toEqual(['police', 'Education']);
    expect(set.contributingContacts?.map((c) => c.agency)).toEqual(['police', 'Education']);
    expect(formatContributingContacts(set.contributingContacts)).toBe(
      'police: Jo <jo@police.uk>; Education: Ed <ed@school.uk>',
    );
    expect(() => withContributingContacts(base, [{ agency: 'icb', name: 'I', email: 'i@icb.uk' }])).toThrow(
      "icb is the lead agency: its people are the action's owners",
    );
    expect(() =>
      withContributingContacts(base, [
        { agency: 'Police', name: 'Jo', email: 'jo@police.uk' },
        { agency: 'POLICE', name: 'Al', email: 'al@police.uk' },
      ]),
    ).toThrow(ValidationError);
    expect(withContributingContacts(set, [])).not.toHaveProperty('contributingContacts');
  });

  test('when a round asks an action with contacts, then they are listed beside the owners and shares are counted by agency', () => {
    const shared = action('2.1', {
      contributingAgencies: ['Police', 'Health'],
      contributingContacts: [{ agency: 'Police', name: 'Jo', email: 'jo@police.uk' }],
    });
    const requested = requestsFor([shared, action('2.2', { contributingAgencies: ['Health'] })]);
    expect(requested[0]).toEqual({
      actionId: '2.1',
      owners: ['owner2.1@council.gov.uk'],
      contacts: ['jo@police.uk'],
    });
    expect(requested[1]).not.toHaveProperty('contacts');
    const round = { openedAt: '2025-01-15T10:00:00.000Z', requested } as Round;
    const answered = { ...shared, lastUpdatedAt: '2025-01-16T10:00:00.000Z' };
    expect(
      roundProgress(round, [answered, action('2.2', { contributingAgencies: ['Health'] })])
        .byContributingAgency,
    ).toEqual([
      { agency: 'Health', actions: 2, awaiting: 1 },
      { agency: 'Police', actions: 1, awaiting: 0 },
    ]);
  });

  test('when a spreadsheet carries contacts or agencies under "Supported by" and a "Monitoring group", then both are read', () => {
    const header = [
      'area_id',
      'area',
      'action_id',
      'action',
      'lead_agency',
      'owner_name',
      'owner_email',
      'due_date',
    ];
    const plan = readPlanRows(
      [
        [...header, 'Monitoring group', 'Supported by'],
        [
          'A1',
          'Area',
          '1.1',
          'Do it',
          'Council',
          'Olu',
          'olu@council.gov.uk',
          '30/06/2025',
          'DMT',
          'Police: Jo <jo@police.uk>; Health',
        ],
        ['A1', 'Area', '1.2', 'Do more', 'Council', 'Olu', 'olu@council.gov.uk', '30/06/2025', '', ''],
      ],
      'quadrant',
    );
    expect(plan.mapping.slice(-2).map((m) => m.column)).toEqual([
      'monitoring_group',
      'contributing_contacts',
    ]);
    expect(plan.actions[0]).toMatchObject({
      monitoringGroup: 'DMT',
      contributingContacts: [{ agency: 'Police', name: 'Jo', email: 'jo@police.uk' }],
      contributingAgencies: ['Health', 'Police'],
    });
    expect(plan.actions[1]).not.toHaveProperty('monitoringGroup');
    expect(plan.actions[1]).not.toHaveProperty('contributingContacts');
  });
});

describe('round start in chat, with a group', () => {
  type Row = [text: string, expected: unknown];
  const parse = (text: string) => roundStart.parse({ args: text.split(' ').slice(2), text } as never);
  test.each<Row>([
    ['round start council actions', { name: 'round-start', group: 'council actions' }],
    [
      'round start for council actions due 31/01/2027',
      { name: 'round-start', group: 'council actions', due: '2027-01-31' },
    ],
    ['round start 31/01/2027', { name: 'round-start', due: '2027-01-31' }],
    ['round start due 31/01/2027', { name: 'round-start', due: '2027-01-31' }],
    [
      'round start due someday',
      { name: 'needs-argument', command: 'round start', usage: 'round start due 31/01/2027' },
    ],
  ])('"%s"', (...[text, expected]: Row) => {
    expect(parse(text)).toEqual(expected);
    if ((expected as { name: string }).name === 'round-start')
      expect(parse(roundStart.text(expected as never))).toEqual(expected);
  });
});
