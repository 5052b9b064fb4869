import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { assembleBot } from '../../src/app/compose';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { createApp, listen } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { teamsMessage } from '../support/activities';
import { COORDINATOR } from '../support/bot-harness';
import { type ConnectorStub, startConnectorStub } from '../support/connector-stub';
import { postActivity } from '../support/post-activity';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

let lines: Record<string, unknown>[];
let server: Server;
let url: string;
let stub: ConnectorStub;

beforeAll(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const clock = fixedClock('2025-01-15T10:00:00Z');
  const calendar = new UkHolidayCalendar();
  const { stores } = await freshStores();
  await seedDemoPlan({ stores, clock, random: seededRandom(), calendar });
  stub = await startConnectorStub({ members: [COORDINATOR] });
  const bot = assembleBot({ MicrosoftAppType: 'SingleTenant' }, { stores, clock, logger, calendar });
  ({ server, url } = await listen(createApp({ stores, logger, routers: [bot.router] }), 0, '127.0.0.1'));
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await stub.close();
});

describe('structured logs', () => {
  test('each request has a correlation id, echoed to the caller and on its log line', async () => {
    const response = await fetch(`${url}/privacy?secret=yes`, {
      headers: { 'X-Correlation-Id': 'trace-42' },
    });
    expect(response.headers.get('x-correlation-id')).toBe('trace-42');
    const line = lines.find((l) => l.correlationId === 'trace-42');
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/privacy',
      status: 200,
      service: 'action-tracker',
    });
    expect(JSON.stringify(line)).not.toContain('secret=yes');

    const unsafe = await fetch(`${url}/privacy`, { headers: { 'X-Correlation-Id': 'x'.repeat(65) } });
    expect(unsafe.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a report link is logged without its token', async () => {
    await fetch(`${url}/reports/eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJl`);
    expect(lines.some((l) => l.path === '/reports/[link]')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('eyJzZWNyZXQiOnRydWV9');
  });

  test.each([['/UPDATE/'], ['/Reports/'], ['/update/'], ['/uPdAtE/']])(
    'a link under %s (whatever its case) is logged without its token',
    async (prefix) => {
      const token = `c2VjcmV0LWNhc2Ut${prefix.replace(/\//g, '')}.c2ln`;
      await fetch(`${url}${prefix}${token}`);
      expect(lines.some((l) => l.path === `/${prefix.replace(/\//g, '').toLowerCase()}/[link]`)).toBe(true);
      expect(JSON.stringify(lines)).not.toContain(token);
    },
  );

  test('a bot turn logs with the activity id, and never the message text', async () => {
    const activity = teamsMessage({
      user: COORDINATOR,
      text: 'summary of the confidential note',
      serviceUrl: stub.url,
    });
    const response = await postActivity(url, activity);
    expect(response.status).toBe(200);
    const line = lines.find((l) => l.activityId === activity.id);
    expect(line).toMatchObject({
      activityType: 'message',
      path: '/api/messages',
      correlationId: expect.any(String),
    });
    expect(JSON.stringify(lines)).not.toContain('confidential');
  });
});
