/**
 * The monitoring section's API in Teams mode (issue 22: "in local mode and, token-faked, in Teams mode"):
 * the app as production composes it, signed in with Entra ID tokens from a stand-in (the only fake). The
 * coordinator sets up a group and its actions; the change is recorded as theirs; a lead, and a request
 * with no token, are refused.
 */
import type { TabAdminGroups } from '../../src/http/dashboard-api/admin-groups-types';
import type { Stores } from '../../src/usecases/ports/index';
import type { EntraPerson } from '../support/entra-tokens';
import { fakeEntraFor, type ProductionApp, startProductionApp } from '../support/production-app';
import { fixedClock } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const HOST = 'tracker.example.org';
const NOW = '2025-01-15T10:00:00Z';
const COORDINATOR: EntraPerson = {
  oid: '11111111-1111-4111-8111-111111111111',
  email: 'partnership.manager@example.org',
};
const LEAD: EntraPerson = {
  oid: '22222222-2222-4222-8222-222222222222',
  email: 'director.children@example.org',
};

const clock = fixedClock(NOW);
const entra = fakeEntraFor(HOST, clock);
let app: ProductionApp;
let stores: Stores;

beforeAll(async () => {
  await entra.start();
  app = await startProductionApp({ host: HOST, clock, entra, seededAt: new Date(Date.parse(NOW) - 60_000) });
  ({ stores } = app);
}, 30_000);

afterAll(async () => {
  await app?.close();
  entra.stop();
});

async function call(path: string, person: EntraPerson | undefined, body?: unknown): Promise<Response> {
  return fetch(`${app.url}/api/tab/admin/plans/${PLAN}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(person ? { Authorization: `Bearer ${await entra.accessToken(person)}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

test('when the coordinator signed in through Teams sets up a group and its actions, then they are saved and recorded as theirs; a lead and a request with no token are refused', async () => {
  const group = {
    name: 'Partnership actions',
    cadence: 'bi-monthly',
    oversightBody: 'LSCP Executive',
    responseDays: '10',
    openDays: '',
    meetings: '19/03/2025',
  };
  expect((await call('/groups', LEAD, group)).status).toBe(403);
  expect((await call('/groups', undefined, group)).status).toBe(401);
  expect((await stores.plans.get(PLAN))?.value.monitoringGroups ?? []).toEqual([]);

  const added = await call('/groups', COORDINATOR, group);
  expect(added.status).toBe(200);
  const before = (await (await call('/groups', COORDINATOR)).json()) as TabAdminGroups;
  const action = before.actions[0]!.id;
  const moved = await call('/action-groups', COORDINATOR, {
    moves: [{ actionId: action, group: 'partnership-actions' }],
  });
  expect(moved.status).toBe(200);
  const after = (await (await call('/groups', COORDINATOR)).json()) as TabAdminGroups;
  expect(after.groups.map((g) => [g.name, g.actions])).toEqual([['Partnership actions', 1]]);

  const audit = await stores.audit.list(PLAN, 20);
  expect(
    audit
      .filter((e) => e.event === 'plan.group-added' || e.event === 'action.group-set')
      .map((e) => [e.event, e.actor]),
  ).toEqual(
    expect.arrayContaining([
      ['plan.group-added', COORDINATOR.email],
      ['action.group-set', COORDINATOR.email],
    ]),
  );
});
