/**
 * Impact measures through the one use case, on Azurite with the demo plan: a coordinator defines a
 * measure, its reporter (another organisation) records a period's value, a correction is kept beside the
 * original, bad values are refused with nothing stored, and someone else cannot report or even see it.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_COORDINATOR, DEMO_LEAD, DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import type { TableClients } from '../../src/storage/table-clients';
import type { MeasureDeps } from '../../src/usecases/measures/measures';
import { defineMeasure, listMeasures, recordMeasureValue } from '../../src/usecases/measures/measures';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { type Actor, operatorActor } from '../../src/usecases/shared/actor';
import { MEASURE_INPUTS } from '../support/measures';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const COORDINATOR: Actor = {
  aadObjectId: 'aad-coord',
  name: 'Pat Coordinator',
  email: DEMO_COORDINATOR.email,
};
const LEAD: Actor = { aadObjectId: 'aad-lead', name: 'Lee Lead', email: DEMO_LEAD.email };
const REPORTER: Actor = { aadObjectId: 'aad-rep', name: 'Police Analyst', email: 'analyst@police.example' };
const OWNER: Actor = { aadObjectId: 'aad-owner', name: 'PPN Quality Lead', email: 'ppn.lead@example.org' };

// The shared PPN measure, with its reporter typed as people type addresses (the use case lower-cases it).
const PPN_MEASURE = { ...MEASURE_INPUTS[0]!, reporter: 'Analyst@Police.example' };

async function setUp(): Promise<
  MeasureDeps & { clock: ReturnType<typeof fixedClock>; tables: TableClients }
> {
  const { stores, tables } = await freshStores();
  const clock = fixedClock('2026-12-07T10:00:00Z');
  const deps = { stores, clock, calendar: new UkHolidayCalendar(), random: seededRandom(3) };
  await seedDemoPlan(deps);
  return { ...deps, tables };
}

describe('impact measures', () => {
  test('a coordinator defines a measure; its reporter records a value; the status follows the line to the target', async () => {
    const deps = await setUp();
    const defined = await defineMeasure(deps, COORDINATOR, DEMO_PLAN_ID, PPN_MEASURE);
    expect(defined).toMatchObject({ kind: 'saved', value: { id: 'M1', reporter: 'analyst@police.example' } });

    const before = await listMeasures(deps, LEAD, DEMO_PLAN_ID);
    expect(before.kind === 'saved' && before.value.measures.map((m) => m.assessment.status)).toEqual([
      'no-data',
    ]);

    // 31 Nov is past the line's 75% at the end of November: 82% is on track.
    const recorded = await recordMeasureValue(deps, REPORTER, {
      planId: DEMO_PLAN_ID,
      measureId: 'M1',
      period: '2026-11',
      value: '82%',
      note: 'Sample of 50',
    });
    expect(recorded).toMatchObject({ kind: 'saved', value: { assessment: { status: 'on-track' } } });

    const after = await listMeasures(deps, LEAD, DEMO_PLAN_ID);
    expect(after.kind === 'saved' && after.value.measures[0]?.assessment.status).toBe('on-track');
    const audit = await deps.stores.audit.list(DEMO_PLAN_ID, 5);
    expect(audit.map((e) => e.event)).toEqual(
      expect.arrayContaining(['measure.defined', 'measure.value-recorded']),
    );
  });

  test('a correction is a new entry: both are kept, the newest counts, and the audit says from what', async () => {
    const deps = await setUp();
    await defineMeasure(deps, COORDINATOR, DEMO_PLAN_ID, PPN_MEASURE);
    await recordMeasureValue(deps, REPORTER, {
      planId: DEMO_PLAN_ID,
      measureId: 'M1',
      period: '2026-11',
      value: '82',
    });
    deps.clock.set('2026-12-08T10:00:00Z');
    const corrected = await recordMeasureValue(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      measureId: 'M1',
      period: '2026-11',
      value: '61',
    });
    expect(corrected).toMatchObject({
      kind: 'saved',
      value: { corrects: { value: 82 }, assessment: { status: 'off-track' } },
    });
    expect((await deps.stores.measures.listValues(DEMO_PLAN_ID, 'M1')).map((v) => v.value)).toEqual([82, 61]);
    const [latest] = await deps.stores.audit.list(DEMO_PLAN_ID, 1);
    expect(latest).toMatchObject({
      event: 'measure.value-corrected',
      details: { value: 61, previousValue: 82 },
    });
  });

  test.each([
    ['not a number', { value: 'lots', period: '2026-11' }, 'value', '"lots" is not a number'],
    [
      'a percentage over 100',
      { value: '140', period: '2026-11' },
      'value',
      'is a percentage, so at most 100',
    ],
    ['a period in the future', { value: '70', period: '2027-02' }, 'period', 'Feb 2027 has not begun yet'],
  ])('%s is refused with the reason and nothing is stored', async (_name, input, field, reason) => {
    const deps = await setUp();
    await defineMeasure(deps, COORDINATOR, DEMO_PLAN_ID, PPN_MEASURE);
    const outcome = await recordMeasureValue(deps, REPORTER, {
      planId: DEMO_PLAN_ID,
      measureId: 'M1',
      ...input,
    });
    expect(outcome).toEqual({ kind: 'invalid', issues: [{ field, reason }] });
    expect(await deps.stores.measures.listValues(DEMO_PLAN_ID)).toEqual([]);
  });

  test('an action owner may not report a measure that is not theirs, nor a lead define one; a stranger hears it is not there', async () => {
    const deps = await setUp();
    await defineMeasure(deps, COORDINATOR, DEMO_PLAN_ID, PPN_MEASURE);
    expect(await defineMeasure(deps, LEAD, DEMO_PLAN_ID, { ...PPN_MEASURE, id: 'M2' })).toEqual({
      kind: 'forbidden',
      reason: 'not-coordinator',
    });
    expect(
      await recordMeasureValue(deps, LEAD, {
        planId: DEMO_PLAN_ID,
        measureId: 'M1',
        period: '2026-11',
        value: '80',
      }),
    ).toEqual({ kind: 'forbidden', reason: 'not-reporter-or-coordinator' });
    expect(
      await recordMeasureValue(deps, OWNER, {
        planId: DEMO_PLAN_ID,
        measureId: 'M1',
        period: '2026-11',
        value: '80',
      }),
    ).toEqual({ kind: 'not-found', what: 'Measure M1' });
    const stranger: Actor = { aadObjectId: 'x', name: 'X', email: 'x@elsewhere.example' };
    expect(await listMeasures(deps, stranger, DEMO_PLAN_ID)).toEqual({
      kind: 'not-found',
      what: `Plan ${DEMO_PLAN_ID}`,
    });
    expect(await deps.stores.measures.listValues(DEMO_PLAN_ID)).toEqual([]);
  });

  test('a measure must name an area and actions of the plan', async () => {
    const deps = await setUp();
    const outcome = await defineMeasure(deps, operatorActor('ops'), DEMO_PLAN_ID, {
      ...PPN_MEASURE,
      areaId: 'AFI9',
      actionIds: ['9.9'],
    });
    expect(outcome).toEqual({
      kind: 'invalid',
      issues: [
        { field: 'areaId', reason: 'area AFI9 is not in this plan' },
        { field: 'actionIds', reason: 'action 9.9 is not in this plan' },
      ],
    });
  });

  test('when the kept latest values cannot decide (a clock set back, or a row from before they were kept), then the status is read from every value', async () => {
    const deps = await setUp();
    await defineMeasure(deps, COORDINATOR, DEMO_PLAN_ID, PPN_MEASURE);
    for (const [period, value, at] of [
      ['2026-09', '60', '2026-10-03T10:00:00Z'],
      ['2026-10', '70', '2026-11-03T10:00:00Z'],
      ['2026-11', '82', '2026-12-03T10:00:00Z'],
    ] as const) {
      deps.clock.set(at);
      const recorded = await recordMeasureValue(deps, REPORTER, {
        planId: DEMO_PLAN_ID,
        measureId: 'M1',
        period,
        value,
      });
      expect(recorded.kind).toBe('saved');
    }
    const statusOn = async (at: string) => {
      deps.clock.set(at);
      const listed = await listMeasures(deps, LEAD, DEMO_PLAN_ID);
      if (listed.kind !== 'saved') throw new Error(listed.kind);
      return listed.value.measures.map((m) => [m.assessment.status, m.assessment.reason, m.assessment.trend]);
    };
    expect(await statusOn('2026-12-07T10:00:00Z')).toEqual([
      ['on-track', '82% in Nov 2026 against 78.4% expected', 'better'],
    ]);
    // On 20 October the kept values are October's and November's, and November has not begun: the trend
    // against September needs the value the kept ones no longer hold.
    expect(await statusOn('2026-10-20T10:00:00Z')).toEqual([
      ['off-track', '70% in Oct 2026 against 75.5% expected', 'better'],
    ]);

    // A definition row written before latest values were kept: the same status, from the values.
    const stored = await deps.stores.measures.get(DEMO_PLAN_ID, 'M1');
    await deps.tables
      .get('Measures')
      .updateEntity(
        { partitionKey: DEMO_PLAN_ID, rowKey: 'def|M1', json: JSON.stringify(stored!.value) },
        'Replace',
      );
    expect((await deps.stores.measures.listWithLatest(DEMO_PLAN_ID))[0]?.latest).toBeUndefined();
    expect(await statusOn('2026-12-07T10:00:00Z')).toEqual([
      ['on-track', '82% in Nov 2026 against 78.4% expected', 'better'],
    ]);
  });
});
