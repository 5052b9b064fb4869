/**
 * The dashboard's entry to the monitoring use cases (usecases/admin/monitoring-admin.ts) on Azurite: a
 * save that meets someone else's is a typed "stale" naming them, and nothing of it is written.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { addGroupAs, setGovernanceAs } from '../../src/usecases/admin/monitoring-admin';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { PlanStore, Stores } from '../../src/usecases/ports/index';
import type { Actor } from '../../src/usecases/shared/actor';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COORDINATOR: Actor = {
  aadObjectId: 'local-partnership-manager',
  name: 'Partnership Manager',
  email: 'partnership.manager@example.org',
};
const calendar = new UkHolidayCalendar();

/** The plans store, with someone else saving the plan just before each of this test's writes. */
function racing(plans: PlanStore): PlanStore {
  return new Proxy(plans, {
    get(target, property, receiver) {
      if (property !== 'update') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: Parameters<PlanStore['update']>) => {
        const current = (await target.get(PLAN))!;
        await target.update(
          { ...current.value, updatedBy: 'Jo Bloggs', updatedAt: '2025-01-15T10:00:30.000Z' },
          current.etag,
        );
        return target.update(...args);
      };
    },
  });
}

test('when someone saves the plan while a group or the governance is being saved, then the answer is stale, naming them, and neither is written', async () => {
  const { stores } = await freshStores();
  await seedDemoPlan({ stores, clock: fixedClock('2025-01-15T09:59:00Z'), random: seededRandom(), calendar });
  const deps = {
    stores: { ...stores, plans: racing(stores.plans) } as Stores,
    clock: fixedClock('2025-01-15T10:01:00Z'),
    calendar,
    random: seededRandom(),
  };
  const group = await addGroupAs(deps, COORDINATOR, {
    planId: PLAN,
    group: { name: 'Council actions', cadence: 'monthly', oversightBody: 'DMT', meetings: [] },
  });
  expect(group).toEqual({ kind: 'stale', changedBy: 'Jo Bloggs', changedAt: '2025-01-15T10:00:30.000Z' });
  const governance = await setGovernanceAs(deps, COORDINATOR, {
    planId: PLAN,
    moderationGroup: 'S&CE subgroup',
    protectiveMarking: '',
  });
  expect(governance).toMatchObject({ kind: 'stale', changedBy: 'Jo Bloggs' });
  const plan = (await stores.plans.get(PLAN))!.value;
  expect(plan.monitoringGroups ?? []).toEqual([]);
  expect(plan.moderationGroup).toBeUndefined();
  const audit = await stores.audit.list(PLAN, 50);
  expect(audit.filter((e) => e.event.startsWith('plan.group') || e.event === 'plan.governance-set')).toEqual(
    [],
  );
});
