import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { listMeasures } from '../../src/usecases/measures/measures';
import { seedDemoMeasures, seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { operatorActor } from '../../src/usecases/shared/actor';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

describe('the demo plan’s measures', () => {
  test.each(['2026-12-06T09:00:00Z', '2027-05-20T09:00:00Z'])(
    'when the demo is loaded on %s, then it has three measures with a year of values up to the period owed, on and off track',
    async (now) => {
      const { stores } = await freshStores();
      const deps = {
        stores,
        clock: fixedClock(now),
        random: seededRandom(),
        calendar: new UkHolidayCalendar(),
      };
      await seedDemoPlan(deps);
      expect(await seedDemoMeasures(deps)).toBe(true);
      const listed = await listMeasures(deps, operatorActor('test'), DEMO_PLAN_ID);
      if (listed.kind !== 'saved') throw new Error(listed.kind);
      const measures = listed.value.measures;
      const counted = await Promise.all(
        measures.map(async (m) => [
          m.measure.id,
          (await stores.measures.listValues(DEMO_PLAN_ID, m.measure.id)).length,
          m.assessment.status,
        ]),
      );
      expect(counted).toEqual([
        ['D1', 12, 'on-track'],
        ['D2', 4, 'off-track'],
        ['D3', 12, 'on-track'],
      ]);
      expect(measures.map((m) => m.measure.name)).toEqual([
        'Return home interviews completed within 72 hours',
        'Repeat missing episodes per child',
        'Strategy discussions with police and health present',
      ]);
      // Loading it again adds nothing.
      expect(await seedDemoMeasures(deps)).toBe(false);
      expect(await stores.measures.listValues(DEMO_PLAN_ID)).toHaveLength(28);
    },
  );
});
