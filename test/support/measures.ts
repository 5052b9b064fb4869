/**
 * Three measures on the demo plan with values, for the paper, the digest and chat: in AFI1 one on track
 * (PPN quality, 82% in November against 75% expected) and one off track (repeat missing episodes rising
 * when they should fall); in AFI2 one with no value yet. AFI3 has none.
 */
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { defineMeasure, type MeasureDeps, recordMeasureValue } from '../../src/usecases/measures/measures';
import { operatorActor } from '../../src/usecases/shared/actor';

export const OPERATOR = operatorActor('operator');

export const MEASURE_INPUTS = [
  {
    id: 'M1',
    areaId: 'AFI1',
    actionIds: ['1.1'],
    name: 'PPNs recording ethnicity, voice of the child and reason for referral',
    definition: 'Share of a monthly dip sample of 50 PPNs',
    source: 'Police dip sample',
    unit: 'percentage',
    better: 'higher',
    baseline: '55',
    baselineDate: '2026-03-31',
    target: '90',
    targetDate: '2027-03-31',
    frequency: 'monthly',
    reporter: 'analyst@police.example',
    kind: 'how-well',
  },
  {
    id: 'M2',
    areaId: 'AFI1',
    name: 'Repeat missing episodes per child',
    definition: 'Missing episodes in the month divided by children missing',
    source: 'Children’s social care',
    unit: 'number',
    better: 'lower',
    baseline: '3.2',
    baselineDate: '2026-03-31',
    target: '2',
    targetDate: '2027-03-31',
    frequency: 'monthly',
    reporter: 'missing.lead@example.org',
    kind: 'better-off',
  },
  {
    id: 'M3',
    areaId: 'AFI2',
    name: 'Children seen by CAMHS within 18 weeks',
    definition: 'Share of referrals seen within 18 weeks',
    source: 'CAMHS',
    unit: 'percentage',
    better: 'higher',
    baseline: '40',
    baselineDate: '2026-03-31',
    target: '75',
    targetDate: '2027-03-31',
    frequency: 'quarterly',
    reporter: 'camhs@nhs.example',
    kind: 'how-well',
  },
] as const;

/** Values up to November 2026: M1 climbing above its line, M2 rising when it should fall, M3 none. */
export const MEASURE_VALUES: readonly { measureId: string; period: string; value: string }[] = [
  { measureId: 'M1', period: '2026-09', value: '70' },
  { measureId: 'M1', period: '2026-10', value: '76' },
  { measureId: 'M1', period: '2026-11', value: '82' },
  { measureId: 'M2', period: '2026-09', value: '3.0' },
  { measureId: 'M2', period: '2026-10', value: '3.1' },
  { measureId: 'M2', period: '2026-11', value: '3.3' },
];

export async function defineDemoMeasures(
  deps: MeasureDeps,
  values: readonly { measureId: string; period: string; value: string }[] = MEASURE_VALUES,
): Promise<void> {
  for (const input of MEASURE_INPUTS) {
    const made = await defineMeasure(deps, OPERATOR, DEMO_PLAN_ID, { ...input });
    if (made.kind !== 'saved') throw new Error(`measure ${input.id}: ${JSON.stringify(made)}`);
  }
  for (const value of values) {
    const done = await recordMeasureValue(deps, OPERATOR, { planId: DEMO_PLAN_ID, ...value });
    if (done.kind !== 'saved') throw new Error(`value ${value.measureId}: ${JSON.stringify(done)}`);
  }
}
