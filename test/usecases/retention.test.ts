import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { ValidationError } from '../../src/domain/errors';
import { createStores } from '../../src/storage/open-stores';
import { TableClients } from '../../src/storage/table-clients';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import { closePlanForGood, preparePurge, purgePlan } from '../../src/usecases/retention/retention';
import { closeRound, startRound } from '../../src/usecases/rounds/monitoring-rounds';
import { runBuiltCli } from '../support/processes';
import { fixedClock, seededRandom, testConnectionString } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const OWNER = 'icb.camhs@example.org';
const calendar = new UkHolidayCalendar();

async function seededStores(prefix: string) {
  const tables = new TableClients({ connectionString: testConnectionString() }, prefix);
  await tables.ensureTables();
  const stores = createStores(tables);
  const clock = fixedClock('2025-01-15T10:00:00Z');
  await seedDemoPlan({ stores, clock, random: seededRandom(), calendar });
  // Something in every table a plan touches: a closed round, a ledger claim, a digest's figures.
  const coordinator = { name: 'Pat Manager', email: 'partnership.manager@example.org' };
  clock.set('2025-01-16T10:00:00Z');
  await startRound({ stores, clock, calendar }, coordinator, { planId: PLAN, responseDue: '2025-01-30' });
  await closeRound({ stores, clock, calendar }, coordinator, PLAN);
  await stores.ledger.claim(PLAN, `1.2|2025-02-01|before-7|${OWNER}`, 'test', clock.now());
  await stores.digests.save(PLAN, {
    weekStart: '2025-01-13',
    byRating: { green: 1, yellow: 0, amber: 0, red: 0, unrated: 0 },
    redIds: [],
  });
  return { stores, clock };
}

describe('data retention', () => {
  test('when a plan is open, or closed less than the retention period ago, then it cannot be purged', async () => {
    const { stores, clock } = await seededStores(`R${randomBytes(4).toString('hex')}`);
    await expect(preparePurge({ stores, clock }, PLAN, 'ops', 365)).rejects.toThrow(
      'plan: is still open: close it first',
    );
    await closePlanForGood({ stores, clock }, PLAN, 'ops');
    await expect(closePlanForGood({ stores, clock }, PLAN, 'ops')).rejects.toThrow(ValidationError);
    clock.set('2026-01-15T10:00:00Z');
    await expect(preparePurge({ stores, clock }, PLAN, 'ops', 365)).rejects.toThrow(
      'is kept until 15 Jan 2026 (365 days after it closed); it can be purged from 16 Jan 2026',
    );
    expect(await stores.plans.get(PLAN)).toBeDefined();
  });

  test('when the retention period is over, then the plan is exported and everything about it erased', async () => {
    const { stores, clock } = await seededStores(`R${randomBytes(4).toString('hex')}`);
    await closePlanForGood({ stores, clock }, PLAN, 'ops');
    clock.set('2026-01-16T10:00:00Z');
    const prepared = await preparePurge({ stores, clock }, PLAN, 'ops', 365);
    expect(prepared.planRows.length).toBeGreaterThan(10);
    expect(prepared.historyRows[0]).toEqual([
      'action_id',
      'at',
      'author',
      'source',
      'change',
      'note',
      'evidence_link',
    ]);
    expect(prepared.historyRows.length).toBeGreaterThan(10);

    const counts = await purgePlan({ stores, clock }, prepared, 'ops', 365);
    expect(counts).toMatchObject({ Plans: 1, Rounds: expect.any(Number), Digests: 1, NudgeLedger: 1 });
    expect(counts.PlanItems).toBeGreaterThan(10);
    expect(counts.ActionOwners).toBeGreaterThan(5);

    expect(await stores.plans.get(PLAN)).toBeUndefined();
    expect((await stores.actions.readPlan(PLAN)).actions).toEqual([]);
    expect(await stores.actions.listByOwner(OWNER)).toEqual([]);
    expect(await stores.history.listForPlan(PLAN)).toEqual([]);
    expect(await stores.rounds.list(PLAN)).toEqual([]);
    expect(await stores.ledger.listByPrefix(PLAN, '')).toEqual([]);
    expect(await stores.audit.list(PLAN)).toEqual([]);
    expect(await stores.actions.listReminderIndexBetween('2024-01-01', '2027-12-31')).toEqual([]);
    // The purge itself is recorded outside the plan, with counts and no personal data.
    const [purged] = await stores.audit.list(undefined, 1);
    expect(purged).toMatchObject({ event: 'plan.purged', actor: 'ops', details: { planId: PLAN, Plans: 1 } });
    expect(JSON.stringify(purged)).not.toContain('@');
  });

  test('when the CLI purges, then it writes the plan and its history before erasing', async () => {
    const prefix = `R${randomBytes(4).toString('hex')}`;
    const { stores } = await seededStores(prefix);
    const env = { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix };
    const dir = mkdtempSync(join(tmpdir(), 'purge-'));
    const refused = await runBuiltCli(['purge', '--plan', PLAN, '--out', join(dir, 'plan.xlsx')], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('is still open');
    expect(existsSync(join(dir, 'plan.xlsx'))).toBe(false);

    const closed = await runBuiltCli(['close', '--plan', PLAN], env);
    expect(closed.stdout).toMatch(
      /Plan demo-leeds-syv is closed.*purged from \d+ \w+ \d{4} \(RETENTION_DAYS=365\)/,
    );
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const purged = await runBuiltCli(
      ['purge', '--plan', PLAN, '--out', join(dir, 'plan.xlsx'), '--now', later],
      env,
    );
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain('Plan demo-leeds-syv is erased.');
    expect(existsSync(join(dir, 'plan.xlsx'))).toBe(true);
    expect(readFileSync(join(dir, 'plan-history.csv'), 'utf8')).toContain('action_id,at,author');
    expect(await stores.plans.get(PLAN)).toBeUndefined();
  }, 60_000);
});
