/**
 * Roles can be taken away as well as given: through the use case (what the CLI calls) and `npm run cli --
 * role … --remove`, each recorded in the audit log; a revoked person's report links stop working; a plan
 * always keeps a coordinator.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { operator, settled } from '../../src/cli/cli-outcome';
import { ValidationError } from '../../src/domain/errors';
import type { PlanRole } from '../../src/domain/plan';
import { grantRoleAs, type PeopleDeps, revokeRoleAs } from '../../src/usecases/people/people-service';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { type BotHarness, COORDINATOR, LEAD, startBotHarness } from '../support/bot-harness';
import { runBuiltCli } from '../support/processes';
import { freshStores, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
let harness: BotHarness;

beforeEach(async () => {
  harness = await startBotHarness();
});

afterEach(async () => {
  await harness.close();
});

const deps = () => ({ stores: harness.stores, clock: harness.clock });

// The people service as the CLI calls it: as the operator at the keyboard (`actor`), its outcome settled
// into the CLI's named errors.
type Named = { planId: string; email: string; actor: string };
const grantPlanRole = async (d: PeopleDeps, { actor, ...r }: Named & { role: PlanRole }) =>
  settled(await grantRoleAs(d, operator(actor), r));
const revokePlanRole = async (d: PeopleDeps, { actor, ...r }: Named & { role: PlanRole }) =>
  settled(await revokeRoleAs(d, operator(actor), r));
const setPlanAgencyLead = async (d: PeopleDeps, { actor, ...r }: Named & { agency: string }) =>
  settled(await grantRoleAs(d, operator(actor), { ...r, role: 'agency-lead' }));
const removePlanAgencyLead = async (d: PeopleDeps, { actor, ...r }: Named & { agency?: string }) =>
  settled(await revokeRoleAs(d, operator(actor), { ...r, role: 'agency-lead' }));

async function reportLinks(user: typeof LEAD): Promise<string[]> {
  const card = await harness.say(user, 'report');
  return (card.actions as { type: string; url?: string }[])
    .filter((a) => a.type === 'Action.OpenUrl')
    .map((a) => a.url!);
}

describe('revoking a role', () => {
  test('when a lead’s role is revoked, then it is recorded in the audit log and their report links stop working', async () => {
    const links = await reportLinks(LEAD);
    expect((await fetch(links[0]!)).status).toBe(200);

    const outcome = await revokePlanRole(deps(), {
      planId: PLAN,
      email: 'Director.Children@example.org',
      role: 'lead',
      actor: 'cli:admin',
    });
    expect(outcome).toEqual({ changed: true });
    expect((await harness.stores.plans.get(PLAN))!.value.leads).toEqual([]);
    // The harness clock stands still, so events are found by kind rather than by order.
    const events = await harness.stores.audit.list(PLAN, 50);
    expect(events.filter((e) => e.event === 'plan.role-revoked')).toEqual([
      expect.objectContaining({
        actor: 'cli:admin',
        details: { role: 'lead', email: 'director.children@example.org' },
      }),
    ]);
    for (const link of links) {
      const answer = await fetch(link);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain('no longer have a role');
    }
  });

  test('when a coordinator is revoked while another remains, then only the other is left', async () => {
    await grantPlanRole(deps(), {
      planId: PLAN,
      email: 'second@example.org',
      role: 'coordinator',
      actor: 'x',
    });
    const links = await reportLinks(COORDINATOR);
    await revokePlanRole(deps(), {
      planId: PLAN,
      email: COORDINATOR.email,
      role: 'coordinator',
      actor: 'cli:admin',
    });
    expect((await harness.stores.plans.get(PLAN))!.value.coordinators).toEqual(['second@example.org']);
    expect((await fetch(links[2]!)).status).toBe(403);
  });

  test('when the last coordinator would be removed, then it is refused with a clear reason and nothing changes', async () => {
    const before = await harness.stores.plans.get(PLAN);
    const attempt = revokePlanRole(deps(), {
      planId: PLAN,
      email: COORDINATOR.email,
      role: 'coordinator',
      actor: 'cli:admin',
    });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [
        {
          field: 'role',
          reason:
            'partnership.manager@example.org is the only coordinator of plan demo-leeds-syv; make someone else a coordinator first',
        },
      ],
    });
    expect((await harness.stores.plans.get(PLAN))!.etag).toBe(before!.etag);
  });

  test('when someone without the role is revoked, then nothing changes and nothing is recorded', async () => {
    const before = (await harness.stores.audit.list(PLAN, 50)).length;
    const outcome = await revokePlanRole(deps(), {
      planId: PLAN,
      email: 'nobody@example.org',
      role: 'lead',
      actor: 'cli:admin',
    });
    expect(outcome).toEqual({ changed: false });
    expect((await harness.stores.audit.list(PLAN, 50)).length).toBe(before);
  });

  test('when an agency lead is removed, then the plan names no lead for that agency and it is audited', async () => {
    await setPlanAgencyLead(deps(), {
      planId: PLAN,
      agency: 'Police',
      email: 'di.smith@police.uk',
      actor: 'x',
    });
    await setPlanAgencyLead(deps(), {
      planId: PLAN,
      agency: 'Health',
      email: 'di.smith@police.uk',
      actor: 'x',
    });
    await setPlanAgencyLead(deps(), {
      planId: PLAN,
      agency: 'Education',
      email: 'head@school.uk',
      actor: 'x',
    });
    expect(
      await removePlanAgencyLead(deps(), {
        planId: PLAN,
        email: 'DI.Smith@police.uk',
        agency: 'police',
        actor: 'cli:admin',
      }),
    ).toEqual({ changed: true, agencies: ['Police'] });
    expect((await harness.stores.plans.get(PLAN))!.value.agencyLeads).toEqual({
      Health: 'di.smith@police.uk',
      Education: 'head@school.uk',
    });
    // Without an agency: every agency they lead.
    expect(
      await removePlanAgencyLead(deps(), { planId: PLAN, email: 'di.smith@police.uk', actor: 'cli:admin' }),
    ).toEqual({ changed: true, agencies: ['Health'] });
    expect((await harness.stores.plans.get(PLAN))!.value.agencyLeads).toEqual({
      Education: 'head@school.uk',
    });
    const removals = (await harness.stores.audit.list(PLAN, 50)).filter(
      (e) => e.event === 'plan.agency-lead-removed',
    );
    expect(
      removals.map((e) => e.details).sort((a, b) => String(a.agency).localeCompare(String(b.agency))),
    ).toEqual([
      { agency: 'Health', email: 'di.smith@police.uk' },
      { agency: 'Police', email: 'di.smith@police.uk' },
    ]);
  });
});

describe('npm run cli -- role … --remove', () => {
  test('when roles are removed from the command line, then it says so, and refuses the last coordinator with exit 1', async () => {
    const { stores, prefix } = await freshStores();
    const clock = harness.clock;
    await seedDemoPlan({ stores, clock, random: seededRandom(), calendar: new UkHolidayCalendar() });
    await setPlanAgencyLead(
      { stores, clock },
      { planId: PLAN, agency: 'Police', email: LEAD.email, actor: 'x' },
    );
    const cli = (args: string[]) =>
      runBuiltCli(['role', '--plan', PLAN, ...args, '--remove'], {
        STORAGE_CONNECTION_STRING: testConnectionString(),
        TABLE_PREFIX: prefix,
      });

    const lead = await cli(['--email', LEAD.email, '--role', 'lead']);
    expect(lead).toMatchObject({ code: 0, stdout: `${LEAD.email} is no longer a lead of plan ${PLAN}\n` });
    const agency = await cli(['--email', LEAD.email, '--role', 'agency-lead']);
    expect(agency.stdout).toBe(`${LEAD.email} is no longer the lead for Police in plan ${PLAN}\n`);
    const last = await cli(['--email', COORDINATOR.email, '--role', 'coordinator']);
    expect(last.code).toBe(1);
    expect(last.stdout).toContain(
      `role: ${COORDINATOR.email} is the only coordinator of plan ${PLAN}; make someone else a coordinator first`,
    );
    const plan = (await stores.plans.get(PLAN))!.value;
    expect(plan).toMatchObject({ coordinators: [COORDINATOR.email], leads: [], agencyLeads: {} });
  }, 90_000);
});
