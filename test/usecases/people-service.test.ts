/**
 * One people service for the command line and the dashboard: the same refusal of the last coordinator
 * from both, and a concurrent edit applied again on the newer plan from both. Real parts throughout:
 * Azurite, the built CLI (and its `role` command in-process), the dashboard API in local mode.
 */
import type { Server } from 'node:http';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { settled } from '../../src/cli/cli-outcome';
import type { CliContext } from '../../src/cli/commands';
import { roleCommand } from '../../src/cli/people-commands';
import { DEMO_COORDINATOR, DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { describeDenial } from '../../src/domain/access-words';
import { ConflictError } from '../../src/domain/errors';
import type { TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp, listen } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { closePlanAs } from '../../src/usecases/admin/plans-admin';
import { grantRoleAs } from '../../src/usecases/people/people-service';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { type Actor, operatorActor } from '../../src/usecases/shared/actor';
import { runBuiltCli } from '../support/processes';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = DEMO_PLAN_ID;
const COORDINATOR = DEMO_COORDINATOR.email;
const DASHBOARD_COORDINATOR: Actor = { aadObjectId: 'aad-coord', name: 'Pat', email: COORDINATOR };
const calendar = new UkHolidayCalendar();
const clock = fixedClock('2026-03-02T10:00:00Z');
const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function seeded(): Promise<{ stores: Stores; prefix: string }> {
  const fresh = await freshStores();
  await seedDemoPlan({ stores: fresh.stores, clock, calendar, random: seededRandom() });
  return fresh;
}

/** The dashboard's API over `stores`, in local mode: the caller picks one of the plan's own people. */
async function dashboard(stores: Stores) {
  const logger = createLogger('silent');
  const app = createApp({
    stores,
    logger,
    routers: [tabApiRouter({ stores, clock, calendar, logger, channels: reachers })],
  });
  const { server, url } = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  return async (body: Record<string, unknown>) => {
    const answer = await fetch(`${url}/api/tab/admin/plans/${PLAN}/roles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Local-User': COORDINATOR },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as TabAdminResult };
  };
}

const cli = (prefix: string, args: string[]) =>
  runBuiltCli(['role', '--plan', PLAN, ...args], {
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
    SCHEDULER: 'off',
  });

/**
 * The real plan store, except that before each of its first `times` writes someone else's change lands
 * (through `competitor`, on the unwrapped stores), so the write meets a newer plan, as a concurrent edit.
 */
function racing(stores: Stores, competitor: (race: number) => Promise<unknown>, times = 1) {
  const race = { writes: 0 };
  const plans = new Proxy(stores.plans, {
    get(target, property) {
      if (property === 'update')
        return async (...args: Parameters<Stores['plans']['update']>) => {
          race.writes++;
          if (race.writes <= times) await competitor(race.writes);
          return target.update(...args);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { stores: { ...stores, plans }, race };
}

function cliContext(stores: Stores, printed: string[]): CliContext {
  return {
    stores,
    clock,
    calendar,
    random: seededRandom(),
    actor: 'cli:tester',
    print: (t) => printed.push(t),
  };
}

describe('one people service for the CLI and the dashboard', () => {
  test('when the last coordinator would be removed, then the CLI and the dashboard are refused with the same reason and nothing changes', async () => {
    const { stores, prefix } = await seeded();
    const before = (await stores.plans.get(PLAN))!.etag;
    const reason = `${COORDINATOR} is the only coordinator of plan ${PLAN}; make someone else a coordinator first`;

    const fromCli = await cli(prefix, ['--email', COORDINATOR, '--role', 'coordinator', '--remove']);
    expect(fromCli.code).toBe(1);
    expect(fromCli.stdout).toBe(`Nothing was written. 1 problem:\n  role: ${reason}\n`);

    const fromDashboard = await (await dashboard(stores))({
      email: COORDINATOR,
      role: 'coordinator',
      remove: true,
    });
    expect(fromDashboard).toEqual({
      status: 400,
      body: {
        ok: false,
        error: 'Nothing was saved. Please check the highlighted answers.',
        issues: [{ field: 'role', reason }],
      },
    });
    expect((await stores.plans.get(PLAN))!.etag).toBe(before);
  }, 60_000);

  test('when the plan is closed, then the CLI, acting as the operator, is refused as the dashboard is', async () => {
    const { stores, prefix } = await seeded();
    const deps = { stores, clock, calendar, random: seededRandom() };
    expect(await closePlanAs(deps, DASHBOARD_COORDINATOR, { planId: PLAN, confirm: PLAN })).toMatchObject({
      kind: 'saved',
    });
    const words = describeDenial('plan-closed', 'administer').text;

    const fromCli = await cli(prefix, ['--email', 'new.lead@example.org', '--role', 'lead']);
    expect(fromCli).toMatchObject({ code: 1, stdout: `Nothing was written. ${words}\n` });
    const fromDashboard = await (await dashboard(stores))({ email: 'new.lead@example.org', role: 'lead' });
    expect(fromDashboard).toEqual({ status: 403, body: { ok: false, error: words } });
    expect((await stores.plans.get(PLAN))!.value.leads).not.toContain('new.lead@example.org');
  }, 60_000);

  test('when the dashboard saves between the CLI’s read and write, then the CLI’s change is applied again on top and both are kept and audited', async () => {
    const { stores } = await seeded();
    const post = await dashboard(stores);
    const { stores: raced, race } = racing(stores, () =>
      post({ email: 'dash.lead@example.org', role: 'lead' }).then((answer) =>
        expect(answer.status).toBe(200),
      ),
    );
    const printed: string[] = [];

    await roleCommand(cliContext(raced, printed), {
      plan: PLAN,
      email: 'CLI.Lead@example.org',
      role: 'lead',
    });

    expect(printed).toEqual([`cli.lead@example.org is now a lead of plan ${PLAN}`]);
    expect(race.writes).toBe(2);
    const { leads } = (await stores.plans.get(PLAN))!.value;
    expect(leads).toEqual(expect.arrayContaining(['dash.lead@example.org', 'cli.lead@example.org']));
    const granted = (await stores.audit.list(PLAN, 50)).filter((e) => e.event === 'plan.role-granted');
    expect(granted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: COORDINATOR,
          details: { role: 'lead', email: 'dash.lead@example.org' },
        }),
        expect.objectContaining({
          actor: 'cli:tester',
          details: { role: 'lead', email: 'cli.lead@example.org' },
        }),
      ]),
    );
  }, 60_000);

  test('when the CLI saves between the dashboard’s read and write, then the dashboard’s change is applied again on top and both are kept', async () => {
    const { stores, prefix } = await seeded();
    const { stores: raced, race } = racing(stores, async () => {
      const fromCli = await cli(prefix, ['--email', 'cli.second@example.org', '--role', 'lead']);
      expect(fromCli.stdout).toBe(`cli.second@example.org is now a lead of plan ${PLAN}\n`);
    });

    const answer = await (await dashboard(raced))({ email: 'dash.second@example.org', role: 'lead' });

    expect(answer).toEqual({
      status: 200,
      body: { ok: true, message: 'Saved: the plan’s people have changed.' },
    });
    expect(race.writes).toBe(2);
    const { leads } = (await stores.plans.get(PLAN))!.value;
    expect(leads).toEqual(expect.arrayContaining(['cli.second@example.org', 'dash.second@example.org']));
  }, 60_000);

  test('when every write meets a newer one, then the change comes back stale: the CLI exits with a conflict, the dashboard answers 409', async () => {
    const { stores } = await seeded();
    const competitor = (race: number) =>
      grantRoleAs({ stores, clock }, DASHBOARD_COORDINATOR, {
        planId: PLAN,
        email: `busy${race}@example.org`,
        role: 'lead',
      });
    const { stores: raced } = racing(stores, competitor, Number.POSITIVE_INFINITY);

    const outcome = await grantRoleAs({ stores: raced, clock }, operatorActor('cli:tester'), {
      planId: PLAN,
      email: 'late@example.org',
      role: 'lead',
    });
    expect(outcome).toMatchObject({ kind: 'stale', changedAt: expect.any(String) });
    expect(() => settled(outcome)).toThrow(ConflictError);

    const answer = await (await dashboard(raced))({ email: 'later@example.org', role: 'lead' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ ok: false, error: expect.stringContaining('nothing was saved') });
    const { leads } = (await stores.plans.get(PLAN))!.value;
    expect(leads).not.toContain('late@example.org');
    expect(leads).not.toContain('later@example.org');
  }, 60_000);

  test('when an address holds a right-to-left override, then the CLI and the dashboard refuse it with the same words and nothing is written', async () => {
    const { stores, prefix } = await seeded();
    const before = (await stores.plans.get(PLAN))!.etag;
    const hidden = '\u202eevil@example.org';
    const reason = 'contains an invisible or control character (U+202E); type the address again without it';

    const fromCli = await cli(prefix, ['--email', hidden, '--role', 'lead']);
    expect(fromCli).toMatchObject({
      code: 1,
      stdout: `Nothing was written. 1 problem:\n  email: ${reason}\n`,
    });
    const fromDashboard = await (await dashboard(stores))({ email: hidden, role: 'lead' });
    expect(fromDashboard).toEqual({
      status: 400,
      body: {
        ok: false,
        error: 'Nothing was saved. Please check the highlighted answers.',
        issues: [{ field: 'email', reason }],
      },
    });
    expect((await stores.plans.get(PLAN))!.etag).toBe(before);
    const { leads } = (await stores.plans.get(PLAN))!.value;
    expect(leads.some((lead) => lead.includes('evil'))).toBe(false);
  }, 60_000);
});
