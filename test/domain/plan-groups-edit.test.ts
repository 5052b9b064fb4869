/** A monitoring group changed from the dashboard: its id and meetings stay, its other fields are checked. */
import { ValidationError } from '../../src/domain/errors';
import { createPlan, type Plan } from '../../src/domain/plan';
import { addMonitoringGroup, editMonitoringGroup, groupsOf } from '../../src/domain/plan-groups';

const NOW = new Date('2025-01-15T10:00:00Z');
const LATER = new Date('2025-01-16T09:00:00Z');

function twoGroups(): Plan {
  const plan = createPlan({ id: 'p1', title: 'Plan', cadence: 'quarterly' }, NOW);
  const council = addMonitoringGroup(
    plan,
    { name: 'Council actions', cadence: 'monthly', oversightBody: 'DMT', meetings: ['2025-02-12'] },
    NOW,
  );
  return addMonitoringGroup(
    council,
    { name: 'Partnership actions', cadence: 'bi-monthly', oversightBody: 'LSCP Executive', meetings: [] },
    NOW,
  );
}

function refusal(change: () => unknown): { field: string; reason: string }[] {
  try {
    change();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(({ field, reason }) => ({ field, reason }));
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('changing a monitoring group', () => {
  test('when a group is renamed and retimed, then its id and meetings stay and an opening by itself can be taken off', () => {
    const opened = editMonitoringGroup(
      twoGroups(),
      'Council actions',
      {
        name: 'Council management team',
        cadence: 'bi-monthly',
        oversightBody: 'CMT',
        responseWorkingDaysBefore: 5,
        autoOpenWorkingDaysBefore: 3,
      },
      LATER,
    );
    expect(groupsOf(opened)[0]).toEqual({
      id: 'council-actions',
      name: 'Council management team',
      cadence: 'bi-monthly',
      oversightBody: 'CMT',
      meetings: ['2025-02-12'],
      responseWorkingDaysBefore: 5,
      autoOpenWorkingDaysBefore: 3,
    });
    expect(opened.updatedAt).toBe(LATER.toISOString());
    const byHand = editMonitoringGroup(
      opened,
      'council-actions',
      { name: 'Council management team', cadence: 'monthly', oversightBody: 'CMT' },
      LATER,
    );
    expect(groupsOf(byHand)[0]?.autoOpenWorkingDaysBefore).toBeUndefined();
    expect(groupsOf(byHand)[0]?.responseWorkingDaysBefore).toBe(10);
    expect(groupsOf(byHand)[1]).toEqual(groupsOf(twoGroups())[1]);
  });

  test('when the new name is another group’s, or its fields are wrong, then every problem is said and nothing changes', () => {
    const plan = twoGroups();
    const fields = { cadence: 'monthly' as const, oversightBody: 'DMT' };
    expect(
      refusal(() =>
        editMonitoringGroup(plan, 'council-actions', { ...fields, name: 'PARTNERSHIP actions' }, LATER),
      ),
    ).toEqual([{ field: 'name', reason: 'plan p1 has a group "Partnership actions" already' }]);
    expect(
      refusal(() =>
        editMonitoringGroup(plan, 'council-actions', { ...fields, name: 'Partnership-Actions' }, LATER),
      ),
    ).toEqual([{ field: 'name', reason: 'plan p1 has a group "Partnership actions" already' }]);
    expect(
      refusal(() =>
        editMonitoringGroup(
          plan,
          'council-actions',
          { ...fields, name: ' ', responseWorkingDaysBefore: Number.NaN, autoOpenWorkingDaysBefore: 70 },
          LATER,
        ),
      ),
    ).toEqual([
      { field: 'name', reason: 'is required' },
      {
        field: 'response working days before',
        reason: 'must be a whole number of working days from 0 to 65',
      },
      { field: 'open working days before', reason: 'must be a whole number of working days from 0 to 65' },
    ]);
    expect(
      refusal(() => editMonitoringGroup(plan, 'Police', { ...fields, name: 'Police' }, LATER))[0],
    ).toMatchObject({
      field: 'group',
      reason: expect.stringContaining('"Police" is not a monitoring group of plan p1'),
    });
  });
});
