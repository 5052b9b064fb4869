/**
 * The access entry (src/usecases/access) reads today from the clock in the plan's own time zone, so a
 * delegate's cover starts and ends at the plan's midnight, not the server's; the CLI's operator runs an
 * open plan with no role in it. Pure: no storage.
 */
import type { Action } from '../../src/domain/action';
import { createPlan, type Plan } from '../../src/domain/plan';
import {
  cardRights,
  decideOnAction,
  decideOnPlan,
  planToday,
  rolesIn,
} from '../../src/usecases/access/access';
import { fixedClock } from '../support/test-stores';

const plan: Plan = {
  ...createPlan(
    { id: 'p1', title: 'Plan', coordinators: ['coord@council.gov.uk'] },
    new Date('2025-07-01T09:00:00Z'),
  ),
  timeZone: 'Europe/London',
  delegations: [
    {
      id: 'd1',
      owner: 'jo@police.uk',
      delegate: 'sam@police.uk',
      delegateName: 'Sam',
      from: '2025-07-13',
      to: '2025-07-13',
      createdAt: '2025-07-01T09:00:00Z',
      createdBy: 'coord',
    },
  ],
};

const action: Action = {
  planId: 'p1',
  id: '2.1',
  areaId: 'A2',
  description: 'Review the screening tool',
  leadAgency: 'Police',
  owners: [{ name: 'Jo', email: 'jo@police.uk' }],
  contributingAgencies: [],
  baselineDueDate: '2025-09-30',
  currentDueDate: '2025-09-30',
  lifecycle: 'in_progress',
  successMeasure: '',
  evidenceLinks: [],
};

describe('the access entry', () => {
  test.each([
    ['23:30 UTC on the 12th, already the 13th in London (BST)', '2025-07-12T23:30:00Z', '2025-07-13', true],
    ['22:59 UTC on the 12th, still the 12th in London', '2025-07-12T22:59:00Z', '2025-07-12', false],
    ['23:00 UTC on the 13th, already the 14th in London', '2025-07-13T23:00:00Z', '2025-07-14', false],
  ])('when it is %s, then cover is read on the plan’s calendar date', (_when, instant, today, covers) => {
    const clock = fixedClock(instant);
    expect(planToday(plan, clock)).toBe(today);
    expect(decideOnAction(clock, { email: 'Sam@Police.uk' }, plan, action, 'update').allowed).toBe(covers);
    expect(cardRights(clock, { email: 'sam@police.uk' }, plan, action).canUpdate).toBe(covers);
    // The same instant, handed over as a Date by a use case that already read the clock.
    expect(decideOnAction(new Date(instant), { email: 'sam@police.uk' }, plan, action, 'see').allowed).toBe(
      covers,
    );
  });

  test('when the CLI’s operator runs a plan, then they may while it is open, with no role in it', () => {
    expect(decideOnPlan({ operator: true }, plan, 'administer')).toEqual({ allowed: true });
    expect(
      decideOnPlan({ operator: true }, { ...plan, closedAt: '2025-08-01T00:00:00Z' }, 'administer'),
    ).toEqual({
      allowed: false,
      reason: 'plan-closed',
    });
    expect(decideOnPlan({ email: 'someone@else.org' }, plan, 'administer')).toEqual({
      allowed: false,
      reason: 'not-coordinator',
    });
  });

  test('when someone has no address, then they have no role and see nothing', () => {
    const clock = fixedClock('2025-07-13T10:00:00Z');
    expect(rolesIn({}, plan)).toEqual([]);
    expect(decideOnAction(clock, {}, plan, action, 'see')).toEqual({
      allowed: false,
      reason: 'not-involved',
    });
    expect(rolesIn({ email: ' COORD@council.gov.uk ' }, plan)).toEqual(['coordinator']);
  });
});
