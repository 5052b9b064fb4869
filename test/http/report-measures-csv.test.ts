/**
 * Issue 21: the CSV report's measures, downloaded as a sibling file of the action table, from the demo
 * plan with its measures loaded as `npm start` loads them.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoMeasures, seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COORDINATOR = 'partnership.manager@example.org';
const OWNER = 'icb.camhs@example.org';
const clock = fixedClock('2026-12-06T10:00:00Z');
let server: Server;
let url: string;

beforeAll(async () => {
  const { stores } = await freshStores();
  const calendar = new UkHolidayCalendar();
  const deps = { stores, clock, random: seededRandom(), calendar };
  await seedDemoPlan(deps);
  await seedDemoMeasures(deps);
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

const get = (path: string, user: string) =>
  fetch(`${url}/api/tab/plans/${PLAN}${path}`, { headers: { 'X-Local-User': user } });

describe('the CSV report’s measures', () => {
  test('when a coordinator downloads the measures of the CSV report, then it is one table of the plan’s measures beside the action table', async () => {
    const response = await get('/report-measures.csv', COORDINATOR);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${PLAN}-progress-2026-12-06-measures.csv"`,
    );
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'Area,Area for improvement,Measure,Kind,Unit,Better when,Baseline,Baseline date,Latest,Latest period,Target,Target date,Status,Why,In words',
    );
    expect(lines.join('\n')).toContain('Strategy discussions with police and health present');
    expect(lines.join('\n')).toContain('Repeat missing episodes per child');
    // The action CSV stays one table of actions.
    const actions = await (await get('/report.csv', COORDINATOR)).text();
    expect(actions).not.toContain('Repeat missing episodes per child');
  });

  test('when an owner asks for it, then it is refused as the report is', async () => {
    const [measures, report] = await Promise.all([
      get('/report-measures.csv', OWNER),
      get('/report.csv', OWNER),
    ]);
    expect(measures.status).toBe(report.status);
    expect(measures.status).toBeGreaterThanOrEqual(400);
  });
});
