/**
 * Local mode looks up who X-Local-User names on every request; RecentLocalPeople remembers a person found
 * for a few seconds, so a burst of requests (an uploader repeating refused uploads among them) costs one
 * lookup rather than three storage reads each. What must still hold: someone not in the plans is never
 * remembered, a change made through the dashboard shows at once, and a change made elsewhere shows once
 * the few seconds have passed.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { LOCAL_PERSON_KEPT_MS, RecentLocalPeople } from '../../src/http/dashboard-api/local-people';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createLogger } from '../../src/support/logger';
import type { Stores } from '../../src/usecases/ports/index';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { reachers } from '../support/reachers';

let harness: BotHarness;
const COORDINATOR = 'partnership.manager@example.org';
const OWNER = 'icb.camhs@example.org';
const PLAN = 'demo-leeds-syv';

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
    const first = await people.person(OWNER);
    now += LOCAL_PERSON_KEPT_MS - 1;
    const again = await people.person(` ${OWNER.toUpperCase()} `);
    expect(again).toEqual(first);
    expect(planLists()).toBe(1);
    now += 1;
    await people.person(OWNER);
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
    const underWay = people.person(OWNER);
    people.forget();
    await underWay;
    await people.person(OWNER);
    expect(planLists()).toBe(2);
  });

  test('when forget is called, then the next request looks the person up again', async () => {
    const { stores, planLists } = counted(harness.stores);
    const people = new RecentLocalPeople(stores, LOCAL_PERSON_KEPT_MS, () => 0);
    await people.person(OWNER);
    people.forget();
    await people.person(OWNER);
    expect(planLists()).toBe(2);
  });
});

describe('the dashboard in local mode', () => {
  const me = async (who: string) => {
    const response = await fetch(`${harness.botUrl}/api/tab/me`, { headers: { 'X-Local-User': who } });
    expect(response.status).toBe(200);
    return (await response.json()) as { user: { name: string; email: string } };
  };

  test('when a coordinator names someone on the dashboard, then that person’s next request shows the new name', async () => {
    await me(OWNER);
    const saved = await fetch(`${harness.botUrl}/api/tab/admin/plans/${PLAN}/names`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': COORDINATOR },
      body: JSON.stringify({ email: OWNER, name: 'Dr Priya Shah' }),
    });
    expect(saved.status).toBe(200);
    expect((await me(OWNER)).user.name).toBe('Dr Priya Shah');
  });

  test('when a refused request changes nothing, then the person is still remembered', async () => {
    const refused = await fetch(`${harness.botUrl}/api/tab/admin/plans/${PLAN}/names`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': OWNER },
      body: JSON.stringify({ email: OWNER, name: 'Someone Else' }),
    });
    expect(refused.status).toBe(403);
    expect((await me(OWNER)).user.name).toBe('Dr Priya Shah');
  });
});
