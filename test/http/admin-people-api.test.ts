/**
 * The plan's people as the management page's API gives them (issue 22), over real HTTP in local mode
 * on Azurite with the demo plan: every role a person holds, cover on both people, how each is reached
 * now (the one reachability, with the day an address was refused), the owner with no address flagged,
 * names entered by a coordinator; and local mode's "Act as" search and plan creation.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_COORDINATOR, DEMO_LEAD, DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import {
  NO_PLAN_CREATORS,
  type PlanCreators,
  parsePlanCreators,
  planCreatorsFor,
} from '../../src/domain/plan-creators';
import type { TabAdminMe, TabAdminPlan, TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import type { TabLocalPeople, TabMe } from '../../src/http/dashboard-api/api-types';
import type { TabImportAnswer } from '../../src/http/dashboard-api/import-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp, listen } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { LEEDS_CSV } from '../support/plans';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = DEMO_PLAN_ID;
const COORDINATOR = DEMO_COORDINATOR.email;
const CHAIR = 'sub.chair@example.org';
const OWNER = 'icb.camhs@example.org';
const REFUSED_OWNER = 'camhs.manager@example.org';
const COVER = 'cover.commissioner@example.org';
const calendar = new UkHolidayCalendar();
const clock = fixedClock('2026-03-02T10:00:00Z');
const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function seeded(): Promise<Stores> {
  const { stores } = await freshStores();
  const seedClock = { now: () => new Date(clock.now().getTime() - 60_000) };
  await seedDemoPlan({ stores, clock: seedClock, calendar, random: seededRandom() });
  return stores;
}

/** The dashboard's API over `stores` in local mode, as the server composes it (creators included). */
async function dashboard(stores: Stores, configured?: PlanCreators) {
  const logger = createLogger('silent');
  const app = createApp({
    stores,
    logger,
    routers: [
      tabApiRouter({
        stores,
        clock,
        calendar,
        logger,
        channels: reachers,
        planCreators: planCreatorsFor(configured, true),
      }),
    ],
  });
  const { server, url } = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  const call = async <T>(path: string, as = COORDINATOR, body?: unknown) => {
    const answer = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': as },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: answer.status, body: (await answer.json()) as T };
  };
  return {
    call,
    post: (path: string, body: unknown, as = COORDINATOR) =>
      call<TabAdminResult>(`/api/tab/admin/plans/${PLAN}${path}`, as, body),
    view: async () => (await call<TabAdminPlan>(`/api/tab/admin/plans/${PLAN}`)).body,
  };
}

describe('the plan’s people on the management page', () => {
  test('when the plan names a moderator, cover and an owner with no address, then the list says every role, the cover on both people, how each is reached now, and flags the owner', async () => {
    const stores = await seeded();
    const api = await dashboard(stores);
    expect((await api.post('/roles', { email: CHAIR, role: 'moderator' })).status).toBe(200);
    expect((await api.post('/roles', { email: DEMO_LEAD.email, role: 'moderator' })).status).toBe(200);
    const cover = await api.post('/delegations', {
      owner: OWNER,
      delegate: COVER,
      delegateName: 'Cover Commissioner',
      from: '2026-03-02',
      to: '2026-03-13',
    });
    expect(cover.status).toBe(200);
    // One of 1.3's owners is named without an address; another's address was refused by a mail server.
    const action = (await stores.actions.get(PLAN, '1.3'))!;
    await stores.actions.update(
      { ...action.value, owners: [...action.value.owners, { name: 'Named Only', email: '' }] },
      action.etag,
      action.value,
    );
    await stores.contacts.put({
      email: REFUSED_OWNER,
      preference: 'auto',
      undeliverableSince: '2026-02-01T08:00:00Z',
      undeliverableCode: '550',
      updatedAt: '2026-02-01T08:00:00Z',
    });

    const view = await api.view();
    const person = (email: string) => view.people.find((p) => p.email === email)!;
    // A moderator and nothing else is a moderator, not "Owner of no open actions"; named from the address.
    expect(person(CHAIR)).toMatchObject({
      name: 'Sub Chair',
      nameSource: 'address',
      nameNote: expect.stringContaining('enter their real name'),
      rolesLabel: 'Moderator',
    });
    expect(person(DEMO_LEAD.email).rolesLabel).toBe('Lead, moderator');
    expect(person(COORDINATOR).rolesLabel).toBe('Coordinator');
    // Cover on both people, the delegate's name as entered with the cover.
    expect(person(COVER)).toMatchObject({
      name: 'Cover Commissioner',
      nameSource: 'import',
      rolesLabel: 'Delegate (covers for an owner)',
      cover: [`Covers for ${person(OWNER).name}, 2 Mar 2026 to 13 Mar 2026 (now)`],
    });
    expect(person(OWNER).cover).toEqual(['Covered by Cover Commissioner, 2 Mar 2026 to 13 Mar 2026 (now)']);
    expect(person(OWNER).rolesLabel).toMatch(/^Owner of \d+ open actions?$/);
    // E-mailed because not in Teams: reached, and said so plainly, Teams' answer only as a note.
    expect(person(OWNER)).toMatchObject({
      reachable: true,
      channelLabel: 'E-mail',
      reachNote: 'Not by Teams: has not installed Action Tracker',
    });
    expect(person(REFUSED_OWNER)).toMatchObject({
      reachable: false,
      channelLabel: 'E-mail undeliverable since 1 Feb 2026',
    });
    expect(view.unaddressedOwners).toEqual([{ name: 'Named Only', openActions: 1, actionIds: ['1.3'] }]);
  }, 30_000);

  test('when a coordinator enters or corrects a name, then the plan shows it; someone the plan does not name, or a name too long, is refused and nothing changes', async () => {
    const stores = await seeded();
    const api = await dashboard(stores);
    await api.post('/roles', { email: CHAIR, role: 'moderator' });

    const saved = await api.post('/names', { email: CHAIR, name: '  Sam Chair ' });
    expect(saved).toMatchObject({ status: 200, body: { ok: true, message: 'Name saved.' } });
    expect((await api.view()).people.find((p) => p.email === CHAIR)).toMatchObject({
      name: 'Sam Chair',
      nameSource: 'entered',
    });
    // It beats the import's name too, and "Act as" finds the person by it.
    const owner = (await api.view()).people.find((p) => p.email === OWNER)!;
    expect(owner.nameSource).toBe('import');
    await api.post('/names', { email: OWNER, name: 'Dr Jo Camhs' });
    expect((await api.view()).people.find((p) => p.email === OWNER)?.name).toBe('Dr Jo Camhs');
    const found = await api.call<TabLocalPeople>('/api/tab/local-people?q=jo%20camhs');
    expect(found.body.people.map((p) => [p.email, p.name])).toEqual([[OWNER, 'Dr Jo Camhs']]);

    const before = (await stores.plans.get(PLAN))!.value;
    const stranger = await api.post('/names', { email: 'stranger@example.org', name: 'Stranger' });
    expect(stranger).toMatchObject({
      status: 400,
      body: {
        ok: false,
        issues: [{ field: 'email', reason: expect.stringContaining('not one of this plan') }],
      },
    });
    const long = await api.post('/names', { email: CHAIR, name: 'x'.repeat(150) });
    expect(long).toMatchObject({ status: 400, body: { issues: [{ field: 'name' }] } });
    expect((await stores.plans.get(PLAN))!.value.names).toEqual(before.names);

    // Emptied: the directory's or the import's name shows again.
    await api.post('/names', { email: OWNER, name: '' });
    expect((await api.view()).people.find((p) => p.email === OWNER)).toMatchObject({
      name: owner.name,
      nameSource: 'import',
    });
  }, 30_000);
});

describe('local mode', () => {
  test('when the plans name more people than "Act as" lists, then a search finds anyone of any plan by name or address, and the page may act as them', async () => {
    const stores = await seeded();
    const api = await dashboard(stores);
    for (let n = 1; n <= 15; n++)
      expect(
        (await api.post('/roles', { email: `lead.${String(n).padStart(2, '0')}@example.org`, role: 'lead' }))
          .status,
      ).toBe(200);

    const me = (await api.call<TabMe>('/api/tab/me')).body;
    expect(me.localUsers).toHaveLength(12);
    expect(me.localUsers?.map((u) => u.email)).not.toContain('lead.14@example.org');

    const byName = await api.call<TabLocalPeople>('/api/tab/local-people?q=Lead%2014');
    expect(byName.body).toEqual({
      people: [
        { email: 'lead.14@example.org', name: 'Lead 14', description: expect.stringMatching(/^lead of /) },
      ],
      total: 1,
    });
    const many = await api.call<TabLocalPeople>('/api/tab/local-people?q=lead.');
    expect(many.body.total).toBeGreaterThanOrEqual(15);
    expect(many.body.people).toHaveLength(12);
    const byAddress = await api.call<TabLocalPeople>('/api/tab/local-people?q=CAMHS.MANAGER%40');
    expect(byAddress.body.people.map((p) => p.email)).toEqual([REFUSED_OWNER]);
    expect((await api.call<TabLocalPeople>('/api/tab/local-people?q=nobody%20at%20all')).body).toEqual({
      people: [],
      total: 0,
    });

    // Acting as someone the first list left out: the API answers as them and lists them for the page.
    const asLead = await api.call<TabMe>('/api/tab/me', 'lead.14@example.org');
    expect(asLead.status).toBe(200);
    expect(asLead.body.user.email).toBe('lead.14@example.org');
    expect(asLead.body.localUsers?.map((u) => u.email)).toContain('lead.14@example.org');
  }, 30_000);

  test('when PLAN_CREATORS is unset, then whoever local mode acts as may create a plan; when it names others, then they are refused with the setting named', async () => {
    const stores = await seeded();
    const open = await dashboard(stores);
    expect((await open.call<TabAdminMe>('/api/tab/admin/me', OWNER)).body.mayCreatePlans).toBe(true);
    const created = await open.call<TabAdminResult>('/api/tab/admin/plans', OWNER, {
      id: 'owner-tries',
      title: 'An owner tries a plan',
    });
    expect(created).toMatchObject({ status: 200, body: { ok: true, planId: 'owner-tries' } });
    expect((await stores.plans.get('owner-tries'))?.value.coordinators).toEqual([OWNER]);
    // "A new plan…" in the import panel is the same rule: no longer refused locally.
    const imported = await open.call<TabImportAnswer>('/api/tab/import', OWNER, {
      planId: 'owner-imports',
      title: 'Leeds, imported locally',
      fileName: 'leeds.csv',
      file: readFileSync(LEEDS_CSV).toString('base64'),
      confirm: true,
    });
    expect(imported).toMatchObject({ status: 200, body: { planCreated: true, planId: 'owner-imports' } });

    const read = parsePlanCreators(COORDINATOR);
    if (!read.ok) throw new Error('the setting should read');
    const named = await dashboard(stores, read.creators);
    expect((await named.call<TabAdminMe>('/api/tab/admin/me', OWNER)).body.mayCreatePlans).toBe(false);
    const refused = await named.call<TabAdminResult>('/api/tab/admin/plans', OWNER, {
      id: 'owner-again',
      title: 'Again',
    });
    expect(refused).toMatchObject({
      status: 403,
      body: { ok: false, error: expect.stringContaining('the PLAN_CREATORS setting') },
    });
    expect(await stores.plans.get('owner-again')).toBeUndefined();
    const notImported = await named.call<TabImportAnswer>('/api/tab/import', OWNER, {
      planId: 'owner-imports-again',
      title: 'Again',
      fileName: 'leeds.csv',
      file: readFileSync(LEEDS_CSV).toString('base64'),
      confirm: true,
    });
    expect(notImported.status).toBe(403);
    expect(await stores.plans.get('owner-imports-again')).toBeUndefined();
    // Signed in through Teams with nothing set: nobody.
    expect(planCreatorsFor(undefined, false)).toEqual(NO_PLAN_CREATORS);
  }, 30_000);
});
