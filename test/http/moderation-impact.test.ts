/**
 * Issue 21: the moderation list says, for a complete action, whether impact could be confirmed: the
 * evidence given and each linked measure's standing, or what is missing.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Measure } from '../../src/domain/measures';
import type { TabModeration } from '../../src/http/dashboard-api/moderation-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COORDINATOR = 'partnership.manager@example.org';
const clock = fixedClock('2025-01-15T10:00:00Z');
let stores: Stores;
let server: Server;
let url: string;

beforeAll(async () => {
  ({ stores } = await freshStores());
  const calendar = new UkHolidayCalendar();
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date('2025-01-15T09:59:00Z') },
    random: seededRandom(),
    calendar,
  });
  // Only the measure this test adds: the demo's own measures (if any) are taken out of the picture.
  for (const m of await stores.measures.list(PLAN))
    await stores.measures.update(PLAN, { ...m.value, actionIds: [] }, m.etag);
  const logger = createLogger('silent');
  server = createServer(
    createApp({
      stores,
      logger,
      routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers })],
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => {
  server.close();
});

async function impactOf(actionId: string): Promise<string | undefined> {
  const response = await fetch(`${url}/api/tab/plans/${PLAN}/moderation`, {
    headers: { 'X-Local-User': COORDINATOR },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as TabModeration).items.find((i) => i.id === actionId)?.impact;
}

async function setEvidence(links: string[]): Promise<void> {
  const loaded = (await stores.actions.get(PLAN, '1.1'))!;
  await stores.actions.update({ ...loaded.value, evidenceLinks: links }, loaded.etag, loaded.value);
}

const MEASURE: Measure = {
  id: 'MX',
  areaId: 'AFI1',
  actionIds: ['1.1'],
  name: 'PPNs recording the voice of the child',
  definition: '',
  source: 'Police dip sample',
  unit: 'percentage',
  polarity: { better: 'higher' },
  baseline: { value: 55, date: '2024-03-31' },
  target: { value: 90, date: '2025-03-31' },
  frequency: 'monthly',
  reporter: 'analyst@police.example',
  kind: 'how-well',
};

describe('impact on the moderation list', () => {
  test('when a complete action has no evidence and its measure no value for the period owed, then the list says what is missing; with both, it says impact is evidenced', async () => {
    const history = await stores.history.listForAction(PLAN, '1.1');
    expect(history.some((e) => e.newLifecycle === 'complete' && e.note)).toBe(false);
    await setEvidence([]);
    await stores.measures.create(PLAN, MEASURE);
    expect(await impactOf('1.1')).toBe(
      'Impact: missing — Add evidence of impact: a note saying what changed, with a link to the evidence, when marking the action complete. Measure MX has no value for Dec 2024.',
    );

    await setEvidence(['https://evidence.example.org/ppn-dip-sample']);
    await stores.measures.appendValue(PLAN, {
      measureId: 'MX',
      period: '2024-12',
      value: 88,
      reportedBy: 'analyst@police.example',
      reportedAt: '2025-01-06T09:00:00Z',
    });
    expect(await impactOf('1.1')).toBe('Impact: evidence given / measure MX on track');
  });
});
