/** An action with no deadline ("Ongoing", "TBC"): never reminded, overdue or escalated; listed as "no deadline". */
import {
  type Action,
  hasContact,
  hasDeadline,
  isOverdue,
  isOwnedBy,
  isRescheduled,
} from '../../src/domain/action';
import {
  actionsDueWithin,
  byUrgency,
  describeDue,
  formatDueDate,
  overdueActions,
} from '../../src/domain/deadline';
import { escalationsDue } from '../../src/domain/escalation-policy';
import { DEFAULT_REMINDER_SETTINGS, nextReminderDate, reminderDue } from '../../src/domain/reminder-policy';

const calendar = { isBankHoliday: () => false };

function action(overrides: Partial<Action> = {}): Action {
  const {
    baselineDueDate: _b,
    currentDueDate: _c,
    ...dated
  } = {
    planId: 'p',
    id: '1.1',
    areaId: 'A1',
    description: 'Keep the rota under review',
    leadAgency: 'Police',
    owners: [{ name: 'Owner', email: 'owner@example.org' }],
    contributingAgencies: [],
    baselineDueDate: '',
    currentDueDate: '',
    lifecycle: 'in_progress' as const,
    successMeasure: '',
    evidenceLinks: [],
  };
  return { ...dated, ...overrides };
}

describe('an action with no deadline', () => {
  const today = '2027-06-14';
  const ongoing = action();
  const dated = action({ id: '1.2', baselineDueDate: '2027-06-01', currentDueDate: '2027-06-01' });

  test('when the sweep asks whether a reminder is due, then none is, because there is no deadline', () => {
    expect(reminderDue(ongoing, { today, settings: DEFAULT_REMINDER_SETTINGS, calendar })).toEqual({
      due: false,
      reason: 'no-deadline',
    });
    expect(
      nextReminderDate(ongoing, { today, settings: DEFAULT_REMINDER_SETTINGS, calendar }),
    ).toBeUndefined();
  });

  test('when overdue and due-soon lists are drawn, then it is in neither, and it sorts after dated actions', () => {
    expect(hasDeadline(ongoing)).toBe(false);
    expect(isOverdue(ongoing, today)).toBe(false);
    expect(overdueActions([ongoing, dated], today).map((a) => a.id)).toEqual(['1.2']);
    expect(actionsDueWithin([ongoing], today, 3650)).toEqual([]);
    expect([ongoing, dated].sort(byUrgency).map((a) => a.id)).toEqual(['1.2', '1.1']);
    expect(isRescheduled(ongoing)).toBe(false);
  });

  test('when it is shown, then it reads "no deadline"', () => {
    expect(formatDueDate(ongoing.currentDueDate)).toBe('no deadline');
    expect(describeDue(ongoing.currentDueDate, today)).toBe('no deadline');
    expect(formatDueDate(dated.currentDueDate)).toBe('1 Jun 2027');
  });

  test('when escalations are worked out, then being overdue never triggers one', () => {
    expect(escalationsDue(ongoing, today, [])).toEqual([]);
  });

  test('when a date is approved later, then it has a deadline and counts as rescheduled', () => {
    const given = { ...ongoing, currentDueDate: '2027-09-30' };
    expect(hasDeadline(given)).toBe(true);
    expect(isRescheduled(given)).toBe(true);
  });
});

describe('an owner with no contact', () => {
  test('when an owner has no e-mail address, then they match nobody, even a blank address', () => {
    const a = action({ owners: [{ name: 'Sam Smith', email: '' }] });
    expect(hasContact(a.owners[0]!)).toBe(false);
    expect(isOwnedBy(a, '')).toBe(false);
    expect(isOwnedBy(a, '  ')).toBe(false);
  });
});
