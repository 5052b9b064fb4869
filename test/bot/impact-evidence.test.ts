import type { Measure } from '../../src/domain/measures';
import { teamsCardExecute } from '../support/activities';
import { type BotHarness, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { type Card, cardText } from '../support/cards';
import { postActivity } from '../support/post-activity';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness({ now: '2025-01-15T10:00:00Z' });
});

afterEach(async () => {
  await harness.close();
});

async function press(user: typeof LEAD, verb: string, data: Record<string, unknown>): Promise<Card> {
  const response = await postActivity(
    harness.botUrl,
    teamsCardExecute({ user, verb, data, serviceUrl: harness.stub.url }),
  );
  expect(response.status).toBe(200);
  return (response.body as { value: Card }).value;
}

const lifecycleOf = async (id: string) => (await harness.stores.actions.get(PLAN, id))!.value.lifecycle;

const MEASURE: Measure = {
  id: 'M1',
  areaId: '2',
  actionIds: ['2.2'],
  name: 'Return interviews within 72 hours',
  definition: '',
  source: 'Children’s social care',
  unit: 'percentage',
  polarity: { better: 'higher' },
  baseline: { value: 55, date: '2024-03-31' },
  target: { value: 90, date: '2025-03-31' },
  frequency: 'monthly',
  reporter: 'analyst@police.example',
  kind: 'how-well',
};

async function complete(id: string): Promise<void> {
  const version = String((await harness.stores.actions.get(PLAN, id))!.value.revision ?? 0);
  await press(OWNER, 'action.complete', {
    planId: PLAN,
    actionId: id,
    version,
    impactNote: 'Single route live since December',
    impactEvidence: 'https://evidence.example.org/route',
  });
  expect(await lifecycleOf(id)).toBe('complete');
}

describe('impact evidenced means evidence', () => {
  test('when an action is complete with no evidence of impact, then confirming impact is refused and says what to add', async () => {
    // As an import marks an action complete: no note, no link.
    const loaded = (await harness.stores.actions.get(PLAN, '2.2'))!;
    await harness.stores.actions.update(
      { ...loaded.value, lifecycle: 'complete', evidenceLinks: [] },
      loaded.etag,
      loaded.value,
    );
    const card = await press(LEAD, 'impact.confirm', {
      planId: PLAN,
      actionId: '2.2',
      impactComment: 'Good',
    });
    expect(cardText(card)).toContain('Impact cannot be confirmed yet. Add evidence of impact');
    expect(await lifecycleOf('2.2')).toBe('complete');
  });

  test('when a linked measure has no value for the period owed, then confirming impact is refused naming it; with the value it is accepted', async () => {
    await complete('2.2');
    await harness.stores.measures.create(PLAN, MEASURE);
    // An old value does not count: December 2024 is owed on 15 Jan 2025.
    await harness.stores.measures.appendValue(PLAN, {
      measureId: 'M1',
      period: '2024-10',
      value: 70,
      reportedBy: 'analyst@police.example',
      reportedAt: '2024-11-05T09:00:00Z',
    });
    const refused = await press(LEAD, 'impact.confirm', { planId: PLAN, actionId: '2.2' });
    expect(cardText(refused)).toContain('Measure M1 has no value for Dec 2024.');
    expect(await lifecycleOf('2.2')).toBe('complete');

    await harness.stores.measures.appendValue(PLAN, {
      measureId: 'M1',
      period: '2024-12',
      value: 78,
      reportedBy: 'analyst@police.example',
      reportedAt: '2025-01-06T09:00:00Z',
    });
    const accepted = await press(LEAD, 'impact.confirm', { planId: PLAN, actionId: '2.2' });
    expect(cardText(accepted)).toContain('impact evidenced');
    expect(await lifecycleOf('2.2')).toBe('impact_evidenced');
  });
});
