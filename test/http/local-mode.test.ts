/**
 * Local mode (no app id) trusts no token, so it must not be drivable from a web page the developer
 * visits: activities only as application/json (a cross-site form or text/plain POST needs no preflight),
 * only loopback Host headers (DNS rebinding names another host), only loopback service URLs, and only the
 * plans' own people as X-Local-User.
 */
import { request } from 'node:http';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { LOCAL_PERSON_KEPT_MS, RecentLocalPeople } from '../../src/http/dashboard-api/local-people';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createLogger } from '../../src/support/logger';
import type { Stores } from '../../src/usecases/ports/index';
import { teamsMessage } from '../support/activities';
import { type BotHarness, OWNER, startBotHarness } from '../support/bot-harness';
import { reachers } from '../support/reachers';

let harness: BotHarness;

beforeAll(async () => {
  const calendar = new UkHolidayCalendar();
  const logger = createLogger('silent');
  harness = await startBotHarness({
    extraRouters: (stores, clock) => [tabApiRouter({ stores, clock, calendar, logger, channels: reachers })],
  });
});

afterAll(async () => {
  await harness.close();
});

/** node:http rather than fetch, which will not send a Host header of the caller's choosing. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(path, harness.botUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: url.pathname, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const message = () =>
  JSON.stringify(teamsMessage({ user: OWNER, text: 'mine', serviceUrl: harness.stub.url }));

describe('content type of /api/messages', () => {
  test.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])(
    'when an activity comes as %s, then it is refused with 415 and the bot does nothing',
    async (...[, type]: [string, string]) => {
      const before = harness.stub.requests.length;
      const answer = await raw('POST', '/api/messages', { 'Content-Type': type }, message());
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.text)).toEqual({ error: 'Activities must be sent as application/json.' });
      expect(harness.stub.requests.length).toBe(before);
      expect(await harness.stores.users.get(OWNER.aadObjectId)).toBeUndefined();
    },
  );

  test('when an activity comes with no content type, then it is refused with 415', async () => {
    const answer = await raw('POST', '/api/messages', {}, message());
    expect(answer.status).toBe(415);
  });

  test('when an activity comes as application/json; charset=utf-8, then the bot answers', async () => {
    const before = harness.stub.requests.length;
    const answer = await raw(
      'POST',
      '/api/messages',
      { 'Content-Type': 'application/json; charset=utf-8' },
      message(),
    );
    expect(answer.status).toBe(200);
    expect(harness.stub.requests.length).toBeGreaterThan(before);
  });
});

describe('Host header in local mode', () => {
  test.each([
    ['a rebinding name', 'attacker.example'],
    ['a rebinding name with the port', 'attacker.example:3978'],
    ['a private address', '192.168.1.20:3978'],
    ['a name ending like localhost', 'localhost.attacker.example'],
  ])(
    'when the Host is %s, then /api/messages and /api/tab refuse it with 403 and a reason',
    async (...[, host]: [string, string]) => {
      const before = harness.stub.requests.length;
      const bot = await raw(
        'POST',
        '/api/messages',
        { 'Content-Type': 'application/json', Host: host },
        message(),
      );
      expect(bot.status).toBe(403);
      expect(bot.text).toContain('only answers requests addressed to this machine');
      expect(harness.stub.requests.length).toBe(before);
      const tab = await raw('GET', '/api/tab/me', {
        Host: host,
        'X-Local-User': 'partnership.manager@example.org',
      });
      expect(tab.status).toBe(403);
      expect(tab.text).toContain('only answers requests addressed to this machine');
    },
  );

  test.each([['127.0.0.1:3978'], ['localhost:3978'], ['[::1]:3978'], ['localhost'], ['LOCALHOST:1']])(
    'when the Host is %s, then the tab API answers',
    async (host) => {
      const tab = await raw('GET', '/api/tab/me', { Host: host });
      expect(tab.status).toBe(200);
    },
  );
});

describe('serviceUrl in local mode', () => {
  test.each([
    ['a public address', 'https://smba.trafficmanager.net/emea/'],
    ['a private address', 'http://10.0.0.5:8080/'],
    ['a name that is not loopback', 'http://localhost.attacker.example/'],
  ])(
    'when the serviceUrl is %s, then the activity is refused with 403 and nothing is called',
    async (...[, serviceUrl]: [string, string]) => {
      const before = harness.stub.requests.length;
      const activity = JSON.stringify(teamsMessage({ user: OWNER, text: 'mine', serviceUrl }));
      const answer = await raw('POST', '/api/messages', { 'Content-Type': 'application/json' }, activity);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toEqual({
        error: 'Invalid activity: in local mode (no MicrosoftAppId) serviceUrl must be a loopback address',
      });
      expect(harness.stub.requests.length).toBe(before);
    },
  );
});

describe('X-Local-User', () => {
  test('when X-Local-User names someone who is not one of the plans’ people, then it is refused with 403', async () => {
    const answer = await raw('GET', '/api/tab/me', { 'X-Local-User': 'someone.else@example.org' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual({
      error:
        'Local mode acts only as one of the plans’ own people; someone.else@example.org is not one of them. Choose someone from the list.',
    });
  });

  test('when X-Local-User names one of the plans’ people, then the API acts as them', async () => {
    const answer = await raw('GET', '/api/tab/me', { 'X-Local-User': 'icb.camhs@example.org' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).user.email).toBe('icb.camhs@example.org');
  });

  test('when there is no X-Local-User, then the API acts as the first of the plans’ people', async () => {
    const answer = await raw('GET', '/api/tab/me', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).user.email).toBe('partnership.manager@example.org');
  });
});

describe('cross-site requests in local mode', () => {
  const REMOVE = '/api/tab/admin/plans/demo-leeds-syv/delegations/some-delegation/remove';
  const refusal =
    'Action Tracker in local mode refuses changes sent from another site: open it at http://localhost or 127.0.0.1.';

  test.each([
    ['an Origin of another site', { Origin: 'http://evil.example' }],
    ['an Origin of a name ending like localhost', { Origin: 'http://localhost.evil.example' }],
    ['an opaque Origin', { Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ])(
    'when a state-changing request comes with %s, then it is refused with 403 before any route',
    async (...[, headers]: [string, Record<string, string>]) => {
      const form = await raw('POST', REMOVE, {
        ...headers,
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Local-User': 'partnership.manager@example.org',
      });
      expect(form.status).toBe(403);
      expect(JSON.parse(form.text)).toEqual({ error: refusal });
      const before = harness.stub.requests.length;
      const bot = await raw(
        'POST',
        '/api/messages',
        { ...headers, 'Content-Type': 'application/json' },
        message(),
      );
      expect(bot.status).toBe(403);
      expect(harness.stub.requests.length).toBe(before);
    },
  );

  test('when the request comes from this machine (same Origin, same-origin fetch, or no browser at all), then it reaches the route', async () => {
    const origin = new URL(harness.botUrl).origin;
    const fromThisMachine: Record<string, string>[] = [
      { Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'same-site' },
      // The update page's own forms: its Referrer-Policy no-referrer makes Chromium send Origin "null".
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
      {},
    ];
    for (const headers of fromThisMachine) {
      const answer = await raw('POST', REMOVE, {
        ...headers,
        'X-Local-User': 'partnership.manager@example.org',
      });
      expect(answer.status).not.toBe(403);
    }
    // A cross-site GET changes nothing and is still answered (links from elsewhere keep working).
    const read = await raw('GET', '/api/tab/me', {
      Origin: 'http://evil.example',
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(read.status).toBe(200);
  });
});

/**
 * RecentLocalPeople remembers a person found for a few seconds, so a burst of requests (an uploader
 * repeating refused uploads among them) costs one lookup rather than three storage reads each. What must
 * still hold: someone not in the plans is never remembered, a change made through the dashboard shows at
 * once, and a change made elsewhere shows once the few seconds have passed.
 */
const COORDINATOR = 'partnership.manager@example.org';
const ICB_OWNER = 'icb.camhs@example.org';
const PLAN = 'demo-leeds-syv';

/** The stores, counting the reads localPerson makes of the plans. */
function counted(stores: Stores): { stores: Stores; planLists: () => number } {
  let lists = 0;
  const plans = new Proxy(stores.plans, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'list' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        lists++;
        return value.apply(target, args);
      };
    },
  });
  return { stores: { ...stores, plans }, planLists: () => lists };
}

describe('RecentLocalPeople', () => {
  test('when the same person is asked for again within the few seconds, then storage is not read again', async () => {
    const { stores, planLists } = counted(harness.stores);
    let now = 0;
    const people = new RecentLocalPeople(stores, LOCAL_PERSON_KEPT_MS, () => now);
    const first = await people.person(ICB_OWNER);
    now += LOCAL_PERSON_KEPT_MS - 1;
    const again = await people.person(` ${ICB_OWNER.toUpperCase()} `);
    expect(again).toEqual(first);
    expect(planLists()).toBe(1);
    now += 1;
    await people.person(ICB_OWNER);
    expect(planLists()).toBe(2);
  });

  test('when someone is not one of the plans’ people, then each request is refused and nothing is remembered', async () => {
    const { stores, planLists } = counted(harness.stores);
    const people = new RecentLocalPeople(stores, LOCAL_PERSON_KEPT_MS, () => 0);
    await expect(people.person('someone.else@example.org')).rejects.toThrow(/not one of them/);
    await expect(people.person('someone.else@example.org')).rejects.toThrow(/not one of them/);
    expect(planLists()).toBe(2);
  });

  test('when forget is called while a lookup is under way, then what that lookup found is not kept', async () => {
    const { stores, planLists } = counted(harness.stores);
    const people = new RecentLocalPeople(stores, LOCAL_PERSON_KEPT_MS, () => 0);
    const underWay = people.person(ICB_OWNER);
    people.forget();
    await underWay;
    await people.person(ICB_OWNER);
    expect(planLists()).toBe(2);
  });

  test('when forget is called, then the next request looks the person up again', async () => {
    const { stores, planLists } = counted(harness.stores);
    const people = new RecentLocalPeople(stores, LOCAL_PERSON_KEPT_MS, () => 0);
    await people.person(ICB_OWNER);
    people.forget();
    await people.person(ICB_OWNER);
    expect(planLists()).toBe(2);
  });
});

describe('the dashboard in local mode', () => {
  const me = async (who: string) => {
    const response = await fetch(`${harness.botUrl}/api/tab/me`, { headers: { 'X-Local-User': who } });
    expect(response.status).toBe(200);
    return (await response.json()) as { user: { name: string; email: string } };
  };
  /** `who`, on the plan management page, names the ICB owner `name`. */
  const nameAs = (who: string, name: string) =>
    fetch(`${harness.botUrl}/api/tab/admin/plans/${PLAN}/names`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': who },
      body: JSON.stringify({ email: ICB_OWNER, name }),
    });

  test('when a coordinator names someone on the dashboard, then that person’s next request shows the new name', async () => {
    await me(ICB_OWNER);
    const saved = await nameAs(COORDINATOR, 'Dr Priya Shah');
    expect(saved.status).toBe(200);
    expect((await me(ICB_OWNER)).user.name).toBe('Dr Priya Shah');
  });

  test('when a refused request changes nothing, then the person is still remembered', async () => {
    const refused = await nameAs(ICB_OWNER, 'Someone Else');
    expect(refused.status).toBe(403);
    expect((await me(ICB_OWNER)).user.name).toBe('Dr Priya Shah');
  });
});
