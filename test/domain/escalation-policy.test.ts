import type { Action } from '../../src/domain/action';
import { escalationOnUpdate, escalationsDue, type SentReminder } from '../../src/domain/escalation-policy';

function action(overrides: Partial<Action> = {}): Action {
  return {
    planId: 'p',
    id: '1.1',
    areaId: 'A1',
    description: 'Action',
    leadAgency: 'Police',
    owners: [{ name: 'Owner', email: 'owner@example.org' }],
    baselineDueDate: '2025-03-20',
    currentDueDate: '2025-03-20',
    lifecycle: 'in_progress',
    rating: 'amber',
    revision: 5,
    lastUpdatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  } as Action;
}

const sent = (...steps: [string, string][]): SentReminder[] =>
  steps.map(([step, sentAt]) => ({ step: step as SentReminder['step'], sentAt }));

type Row = [string, Partial<Action>, string, SentReminder[], ReturnType<typeof escalationsDue>];

const CASES: Row[] = [
  ['due in a week, nothing sent', {}, '2025-03-13', [], []],
  ['13 days overdue', {}, '2025-04-02', [], []],
  ['14 days overdue', {}, '2025-04-03', [], [{ trigger: 'overdue-14', dueDate: '2025-03-20' }]],
  ['40 days overdue', {}, '2025-04-29', [], [{ trigger: 'overdue-14', dueDate: '2025-03-20' }]],
  ['14 days overdue but complete', { lifecycle: 'complete' }, '2025-04-03', [], []],
  ['14 days overdue but withdrawn', { lifecycle: 'withdrawn' }, '2025-04-03', [], []],
  [
    'three reminders since the last update',
    {},
    '2025-03-20',
    sent(
      ['before-14', '2025-03-06T10:00:00Z'],
      ['before-7', '2025-03-13T10:00:00Z'],
      ['due', '2025-03-20T10:00:00Z'],
    ),
    [{ trigger: 'unanswered', revision: 5 }],
  ],
  [
    'three reminders, one before the last update',
    { lastUpdatedAt: '2025-03-10T09:00:00.000Z' },
    '2025-03-20',
    sent(
      ['before-14', '2025-03-06T10:00:00Z'],
      ['before-7', '2025-03-13T10:00:00Z'],
      ['due', '2025-03-20T10:00:00Z'],
    ),
    [],
  ],
  [
    'the same step recorded twice counts once',
    {},
    '2025-03-20',
    sent(
      ['before-7', '2025-03-13T10:00:00Z'],
      ['before-7', '2025-03-14T10:00:00Z'],
      ['due', '2025-03-20T10:00:00Z'],
    ),
    [],
  ],
  [
    'never updated, three reminders',
    { lastUpdatedAt: undefined, revision: undefined },
    '2025-03-20',
    sent(
      ['before-14', '2025-03-06T10:00:00Z'],
      ['before-7', '2025-03-13T10:00:00Z'],
      ['due', '2025-03-20T10:00:00Z'],
    ),
    [{ trigger: 'unanswered', revision: 0 }],
  ],
  [
    'both: long overdue and unanswered',
    {},
    '2025-04-10',
    sent(
      ['due', '2025-03-20T10:00:00Z'],
      ['overdue-1', '2025-03-27T10:00:00Z'],
      ['overdue-2', '2025-04-03T10:00:00Z'],
    ),
    [
      { trigger: 'overdue-14', dueDate: '2025-03-20' },
      { trigger: 'unanswered', revision: 5 },
    ],
  ],
];

describe('which escalations are due', () => {
  test.each(CASES)(
    'when %s, then the escalations are as listed',
    (...[, overrides, today, reminders, expected]) => {
      expect(escalationsDue(action(overrides), today, reminders)).toEqual(expected);
    },
  );
});

describe('an update that turns an action red', () => {
  test.each([
    ['amber', 'red', { trigger: 'red', entryId: 'e1' }],
    [undefined, 'red', { trigger: 'red', entryId: 'e1' }],
    ['red', 'red', undefined],
    ['red', 'amber', undefined],
    ['amber', 'green', undefined],
  ] as [Action['rating'], Action['rating'], unknown][])(
    'when the rating goes %s → %s, then the escalation is %j',
    (...[before, after, expected]) => {
      expect(escalationOnUpdate(action({ rating: before }), action({ rating: after }), 'e1')).toEqual(
        expected,
      );
    },
  );
});
