/**
 * The rules of running a plan from the dashboard, pure: cover for an owner on leave (and what the access
 * policy gives a delegate), who may create plans, the settings form's checks, and the changes to actions
 * (reschedule never moves the baseline; withdraw needs a reason).
 */
import { decideForAction, decideToCreatePlan } from '../../src/domain/access-policy';
import type { Action } from '../../src/domain/action';
import { applyReschedule, applyWithdraw, newAction, readActionText } from '../../src/domain/action-edit';
import { coversFor, type Delegation, delegatesFor, readDelegation } from '../../src/domain/delegation';
import { ValidationError, type ValidationIssue } from '../../src/domain/errors';
import { describeHistoryChange } from '../../src/domain/history-summary';
import { createPlan, type Plan } from '../../src/domain/plan';
import { isPlanCreator, parsePlanCreators } from '../../src/domain/plan-creators';
import {
  applyPlanSettings,
  digestOffset,
  readPlanSettings,
  settingsOf,
} from '../../src/domain/plan-settings';
import type { HolidayCalendar } from '../../src/domain/working-days';

const NOW = new Date('2026-03-02T10:00:00Z');
const noHolidays: HolidayCalendar = { isBankHoliday: () => false };

const cover: Delegation = {
  id: 'd1',
  owner: 'jo@police.uk',
  delegate: 'sam@police.uk',
  delegateName: 'Sam Cover',
  from: '2026-03-02',
  to: '2026-03-13',
  createdAt: NOW.toISOString(),
  createdBy: 'coord@council.gov.uk',
};

const plan: Plan = {
  ...createPlan({ id: 'p1', title: 'Plan' }, NOW),
  coordinators: ['coord@council.gov.uk'],
  leads: ['lead@council.gov.uk'],
  delegations: [cover],
};

const action: Action = {
  planId: 'p1',
  id: '2.1',
  areaId: 'A2',
  description: 'Review the exploitation screening tool',
  leadAgency: 'Police',
  owners: [{ name: 'Jo Bloggs', email: 'jo@police.uk' }],
  contributingAgencies: [],
  baselineDueDate: '2026-04-30',
  currentDueDate: '2026-04-30',
  lifecycle: 'in_progress',
  successMeasure: 'Screening used in every referral',
  evidenceLinks: [],
  revision: 3,
};

const context = {
  at: NOW.toISOString(),
  author: { aadObjectId: 'a1', name: 'Coordinator' },
  source: 'tab' as const,
  entryId: 'e1',
};

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('cover for an owner on leave', () => {
  type Row = [
    when: string,
    today: string,
    intent: 'see' | 'update' | 'snooze' | 'decide-date',
    expected: string,
  ];
  test.each<Row>([
    ['on the first day of cover', '2026-03-02', 'update', 'allowed'],
    ['on the last day of cover', '2026-03-13', 'see', 'allowed'],
    ['during cover, snoozing', '2026-03-05', 'snooze', 'allowed'],
    ['during cover, deciding a date (for leads)', '2026-03-05', 'decide-date', 'not-lead-or-coordinator'],
    ['the day after cover ends', '2026-03-14', 'update', 'not-involved'],
    ['the day before cover starts', '2026-03-01', 'see', 'not-involved'],
  ])(
    'when the delegate asks %s, then the policy answers as for the owner while cover lasts',
    (...[, today, intent, expected]: Row) => {
      const decision = decideForAction(plan, action, 'Sam@Police.uk', intent, today);
      expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
    },
  );

  test('when a caller leaves the date out, then it does not compile: no surface can forget cover', () => {
    // @ts-expect-error `today` is required (issue 19): leaving it out used to drop everyone's cover.
    const forgetful = () => decideForAction(plan, action, 'sam@police.uk', 'update');
    expect(typeof forgetful).toBe('function');
    // Outside the cover's dates the delegate is nobody to the action, and the owner is still the owner.
    expect(decideForAction(plan, action, 'sam@police.uk', 'update', '2026-03-14')).toEqual({
      allowed: false,
      reason: 'not-involved',
    });
    expect(decideForAction(plan, action, 'jo@police.uk', 'update', '2026-03-14')).toEqual({ allowed: true });
  });

  test('when cover is read, then who covers today is the delegate only inside the dates', () => {
    expect(delegatesFor(plan.delegations, 'JO@police.uk', '2026-03-10').map((d) => d.delegate)).toEqual([
      'sam@police.uk',
    ]);
    expect(delegatesFor(plan.delegations, 'jo@police.uk', '2026-03-14')).toEqual([]);
    expect(coversFor(plan.delegations, action.owners, 'sam@police.uk', '2026-03-02')).toBe(true);
  });

  test('when a delegation is asked for with mistakes, then every one is named', () => {
    const today = '2026-03-02';
    expect(
      issuesOf(() =>
        readDelegation(
          { owner: 'nobody@police.uk', delegate: 'not an address', from: '2026-03-10', to: '2026-03-09' },
          { today, owners: ['jo@police.uk'] },
        ),
      ),
    ).toEqual([
      { field: 'delegate', reason: '"not an address" is not an e-mail address' },
      { field: 'owner', reason: 'nobody@police.uk owns no action in this plan' },
      { field: 'to', reason: 'must be on or after the first day' },
    ]);
    expect(
      issuesOf(() =>
        readDelegation(
          { owner: 'jo@police.uk', delegate: 'jo@police.uk', from: '1/2/2026', to: '20/2/2026' },
          { today, owners: ['jo@police.uk'] },
        ),
      ),
    ).toEqual([
      { field: 'delegate', reason: 'must be someone other than the owner' },
      { field: 'to', reason: 'is in the past: cover must last until today at least' },
    ]);
    expect(
      readDelegation(
        { owner: 'jo@police.uk', delegate: 'Sam@Police.uk', from: '02/03/2026', to: '13 Mar 2026' },
        { today, owners: ['jo@police.uk'] },
      ),
    ).toEqual({
      owner: 'jo@police.uk',
      delegate: 'sam@police.uk',
      delegateName: 'sam@police.uk',
      from: '2026-03-02',
      to: '2026-03-13',
    });
  });
});

describe('who may create plans', () => {
  test('when PLAN_CREATORS lists addresses and a group, then each is matched, case aside', () => {
    const read = parsePlanCreators(' Manager@Council.gov.uk, 5F1C3A9E-2B47-4D8C-9E61-0A7B3C2D4E5F ');
    expect(read).toEqual({
      ok: true,
      creators: { emails: ['manager@council.gov.uk'], groups: ['5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f'] },
    });
    if (!read.ok) return;
    expect(isPlanCreator(read.creators, { email: 'MANAGER@council.gov.uk' })).toBe(true);
    expect(
      decideToCreatePlan(read.creators, {
        email: 'x@council.gov.uk',
        groups: ['5F1C3A9E-2B47-4D8C-9E61-0A7B3C2D4E5F'],
      }),
    ).toEqual({ allowed: true });
    expect(decideToCreatePlan(read.creators, { email: 'x@council.gov.uk', groups: [] })).toEqual({
      allowed: false,
      reason: 'not-plan-creator',
    });
  });

  test('when an entry is neither an address nor a group id, then the setting is refused naming it', () => {
    expect(parsePlanCreators('manager@council.gov.uk, Plan Admins')).toEqual({
      ok: false,
      invalid: ['plan admins'],
    });
  });
});

describe('plan settings', () => {
  const form = {
    ...settingsOf(plan),
    reminderDaysBefore: '14, 7, 1',
    inspectionStart: '',
    inspectionEnd: '',
    submissionDate: '',
  };

  test('when the form is full of mistakes, then every one is named by its field', () => {
    expect(
      issuesOf(() =>
        readPlanSettings({
          ...form,
          title: ' ',
          inspectionStart: '2026-01-20',
          inspectionEnd: '2026-01-16',
          submissionDate: '12/31/2026',
          region: 'FRA',
          timeZone: 'Mars/Olympus',
          reminderDaysBefore: '7, 7, 120',
          windowStart: '9am',
          digestDay: 'saturday',
        }),
      ).map((i) => i.field),
    ).toEqual([
      'title',
      'submissionDate',
      'inspectionEnd',
      'region',
      'timeZone',
      'reminderDaysBefore',
      'windowStart',
      'digestDay',
    ]);
  });

  test('when the settings are saved, then the changed ones are named, the revision moves and the reminders follow', () => {
    const settings = readPlanSettings({
      ...form,
      region: 'SCT',
      reminderDaysBefore: '3 10',
      windowStart: '08:00',
      digestDay: 'friday',
      submissionDate: '30/06/2026',
    });
    expect(settings.reminderDaysBefore).toEqual([10, 3]);
    const { plan: next, changed } = applyPlanSettings(plan, settings, { now: NOW, by: 'Jo Coordinator' });
    expect(changed).toEqual(['submissionDate', 'region', 'reminderDaysBefore', 'windowStart', 'digestDay']);
    expect(next.reminders).toEqual({
      daysBefore: [10, 3],
      windowStart: '08:00',
      windowEnd: '17:00',
      region: 'SCT',
    });
    expect(next).toMatchObject({ revision: 1, updatedBy: 'Jo Coordinator', submissionDate: '2026-06-30' });
    expect(digestOffset(next)).toBe(4);
    // Nothing changed: the same plan, and nothing to record.
    expect(applyPlanSettings(next, settingsOf(next), { now: NOW, by: 'x' })).toEqual({
      plan: next,
      changed: [],
    });
  });
});

describe('changing an action', () => {
  const dated = { ...context, today: '2026-03-02', region: 'ENG' as const, calendar: noHolidays };

  test('when an action is rescheduled, then the current date moves with the reason and the baseline stays', () => {
    const { after, entry } = applyReschedule(
      action,
      { date: '29/05/2026', reason: 'Waiting for the new system' },
      dated,
    );
    expect(after).toMatchObject({ baselineDueDate: '2026-04-30', currentDueDate: '2026-05-29', revision: 4 });
    expect(entry).toMatchObject({
      note: 'Waiting for the new system',
      dueDateMovedTo: '2026-05-29',
      changedFields: ['currentDueDate'],
    });
    expect(describeHistoryChange(entry)).toBe('Due date moved to 29 May 2026');
  });

  test('when a reschedule has no reason, a weekend or the same date, then it is refused', () => {
    expect(issuesOf(() => applyReschedule(action, { date: '2026-05-30', reason: '' }, dated))).toEqual([
      { field: 'reason', reason: 'is required' },
      { field: 'date', reason: 'must be a working day, not a weekend or bank holiday' },
    ]);
    expect(issuesOf(() => applyReschedule(action, { date: '2026-04-30', reason: 'x' }, dated))).toEqual([
      { field: 'date', reason: 'is the current due date already' },
    ]);
    expect(
      issuesOf(() =>
        applyReschedule({ ...action, lifecycle: 'complete' }, { date: '2026-05-29', reason: 'x' }, dated),
      ),
    ).toEqual([{ field: 'date', reason: 'only an open action can be rescheduled' }]);
  });

  test('when an action is withdrawn, then it needs a reason and is withdrawn once', () => {
    const { after, entry } = applyWithdraw(action, { reason: 'Merged into 2.2' }, context);
    expect(after.lifecycle).toBe('withdrawn');
    expect(describeHistoryChange(entry)).toBe('In progress → Withdrawn');
    expect(issuesOf(() => applyWithdraw(after, { reason: 'again' }, context))).toEqual([
      { field: 'reason', reason: 'this action is withdrawn already' },
    ]);
    expect(issuesOf(() => applyWithdraw(action, { reason: '  ' }, context))).toEqual([
      { field: 'reason', reason: 'is required' },
    ]);
  });

  test('when the edit form names owners one a line, then each is read with their address; bad ones are refused', () => {
    const text = readActionText(
      {
        ...action,
        owners: 'Jo Bloggs, JO@police.uk\nSam Cover <sam@police.uk>\nsam@police.uk',
        areaId: 'A2',
        contributingAgencies: 'Health, Education, Health',
      },
      ['A2'],
    );
    expect(text.owners).toEqual([
      { name: 'Jo Bloggs', email: 'jo@police.uk' },
      { name: 'Sam Cover', email: 'sam@police.uk' },
    ]);
    expect(text.contributingAgencies).toEqual(['Health', 'Education']);
    expect(issuesOf(() => readActionText({ ...action, owners: 'Jo Bloggs', areaId: 'A9' }, ['A2']))).toEqual([
      { field: 'areaId', reason: 'the plan has no area A9' },
      { field: 'owners', reason: '"jo bloggs" is not an e-mail address' },
    ]);
  });

  test('when a new action takes a number the plan has, then it is refused', () => {
    expect(
      issuesOf(() =>
        newAction(
          'p1',
          { ...action, id: '2.1', owners: 'jo@police.uk', dueDate: '2026-06-30' },
          {
            ...context,
            areaIds: ['A2'],
            takenIds: ['2.1'],
            today: '2026-03-02',
          },
        ),
      ),
    ).toEqual([{ field: 'id', reason: 'the plan has an action 2.1 already' }]);
  });
});
