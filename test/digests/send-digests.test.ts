import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { sendDigests } from '../../src/usecases/digests/send-digests';
import { importPlan } from '../../src/usecases/plans/import-plan';
import { type TestUser, teamsMessage } from '../support/activities';
import { type BotHarness, COORDINATOR, LEAD, OWNER, startBotHarness } from '../support/bot-harness';
import { cardOf, cardText } from '../support/cards';
import { generatedPlanRows } from '../support/plans';
import { postActivity } from '../support/post-activity';
import { seededRandom } from '../support/test-stores';

let harness: BotHarness;
const calendar = new UkHolidayCalendar();

afterEach(async () => {
  await harness.close();
});

async function reachable(...users: TestUser[]): Promise<void> {
  for (const user of users)
    await postActivity(harness.botUrl, teamsMessage({ user, text: 'help', serviceUrl: harness.stub.url }));
  harness.stub.clear();
}

function send(planId?: string) {
  return sendDigests(
    { stores: harness.stores, channel: harness.channel, calendar, clock: harness.clock, claimant: 'test' },
    { dryRun: false, ...(planId ? { planId } : {}) },
  );
}

const to = (user: TestUser) =>
  harness.stub.activities.filter((a) => a.activity.recipient?.id === user.id).map((a) => cardText(cardOf(a)));

describe('weekly digests', () => {
  test('when Monday 09:00 comes (the send window opens), then each lead and coordinator gets one digest, once a week', async () => {
    harness = await startBotHarness({ now: '2025-01-20T08:00:00Z' }); // Monday, 08:00 in London
    await reachable(LEAD, COORDINATOR);
    expect(await send()).toEqual([]);
    // Past 08:30 but before the plan's send window (09:00–17:00): still nothing.
    harness.clock.set('2025-01-20T08:45:00Z');
    expect(await send()).toEqual([]);
    harness.clock.set('2025-01-20T09:00:00Z');
    const rows = await send();
    expect(rows.map((r) => `${r.recipient} ${r.outcome}`).sort()).toEqual([
      'director.children@example.org sent',
      'partnership.manager@example.org sent',
    ]);
    const digest = to(LEAD)[0]!;
    expect(digest).toContain('Weekly digest, 20 Jan 2025: 11 actions, 10 open');
    expect(digest).toContain('Overdue (2)');
    expect(digest).toContain(
      '**4.2** Health representation at the daily Project Shield meeting · 54 days overdue',
    );
    expect(digest).toContain('Newly red (2)');
    harness.clock.set('2025-01-22T10:00:00Z');
    expect((await send()).map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(to(LEAD)).toHaveLength(1);
  });

  test('when a week has passed, then the next digest shows what changed and only newly red actions', async () => {
    harness = await startBotHarness({ now: '2025-01-20T09:00:00Z' });
    await reachable(LEAD, OWNER);
    await send();
    const loaded = (await harness.stores.actions.get('demo-leeds-syv', '2.2'))!;
    await harness.stores.actions.update({ ...loaded.value, rating: 'red' }, loaded.etag, loaded.value);
    harness.clock.set('2025-01-27T09:00:00Z');
    await send();
    const second = to(LEAD)[1]!;
    expect(second).toContain('🟥 Red\n3 (up 1)');
    expect(second).toContain('🟧 Amber\n1 (down 1)');
    expect(second).toContain('Newly red (1)');
    expect(second).toContain('**2.2** Single referral route');
  });

  test('when a coordinator asks for the digest, then they get a preview; an owner is refused', async () => {
    harness = await startBotHarness({ now: '2025-01-20T09:00:00Z' });
    const preview = await harness.say(COORDINATOR, 'digest');
    expect(cardText(preview)).toContain('Weekly digest, 20 Jan 2025');
    // The digest links to the dashboard on this plan (locally the page itself; in Teams a deep link).
    const open = (preview.actions as { type: string; title: string; url?: string }[]).find(
      (a) => a.type === 'Action.OpenUrl',
    );
    expect(open?.title).toBe('Open the dashboard');
    expect(open?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tab\?plan=demo-leeds-syv$/);
    expect(cardText(await harness.say(OWNER, 'digest'))).toContain('That is for coordinators and leads');
    expect(
      await harness.stores.ledger.get('demo-leeds-syv', 'digest|2025-01-20|director.children@example.org'),
    ).toBeUndefined();
  });

  test('when a plan is imported at 01:10 on a Sunday, then its first digest waits for Monday 09:00, the digest day inside the send window', async () => {
    harness = await startBotHarness({ now: '2026-12-06T01:10:00Z', seed: false }); // Sunday, 01:10 in London
    await importPlan(
      { stores: harness.stores, clock: harness.clock, random: seededRandom(), calendar },
      {
        planId: 'new',
        title: 'New plan',
        rows: generatedPlanRows(20),
        dryRun: false,
        actor: 'test',
        sourceName: 'generated',
      },
    );
    const plan = (await harness.stores.plans.get('new'))!;
    await harness.stores.plans.update(
      { ...plan.value, leads: [LEAD.email], coordinators: [COORDINATOR.email] },
      plan.etag,
    );
    await reachable(LEAD, COORDINATOR);
    // The scheduler's runs straight after the import, later on Sunday, and early on Monday send nothing.
    for (const at of [
      '2026-12-06T01:10:00Z',
      '2026-12-06T01:15:00Z',
      '2026-12-06T11:00:00Z',
      '2026-12-07T08:45:00Z',
    ]) {
      harness.clock.set(at);
      expect(await send()).toEqual([]);
    }
    expect(harness.stub.activities).toHaveLength(0);
    harness.clock.set('2026-12-07T09:00:00Z');
    expect((await send()).map((r) => `${r.recipient} ${r.outcome}`).sort()).toEqual(
      [`${LEAD.email} sent`, `${COORDINATOR.email} sent`].sort(),
    );
    expect(to(LEAD)[0]).toContain('Weekly digest, 7 Dec 2026');
  });

  test('when the digest day is a bank holiday, then the digest goes the next working day inside the window', async () => {
    harness = await startBotHarness({ now: '2025-08-18T09:00:00Z' }); // a Monday before the bank holiday
    await reachable(LEAD, COORDINATOR);
    await send();
    harness.stub.clear();
    for (const at of ['2025-08-25T09:30:00Z', '2025-08-26T07:30:00Z']) {
      // Bank holiday Monday 25 Aug 2025 at 10:30 BST; Tuesday at 08:30 BST, before the window.
      harness.clock.set(at);
      expect(await send()).toEqual([]);
    }
    harness.clock.set('2025-08-26T08:00:00Z'); // Tuesday 09:00 BST
    expect((await send()).filter((r) => r.outcome === 'sent')).toHaveLength(2);
  });

  test('when a plan has 200 actions, then the digest still fits easily in one Teams message', async () => {
    harness = await startBotHarness({ now: '2025-06-02T09:00:00Z', seed: false });
    await importPlan(
      { stores: harness.stores, clock: harness.clock, random: seededRandom(), calendar },
      {
        planId: 'big',
        title: 'Big plan',
        rows: generatedPlanRows(200),
        dryRun: false,
        actor: 'test',
        sourceName: 'generated',
      },
    );
    const plan = (await harness.stores.plans.get('big'))!;
    await harness.stores.plans.update({ ...plan.value, leads: [LEAD.email] }, plan.etag);
    await reachable(LEAD);
    await send('big');
    const [sent] = harness.stub.activities;
    expect(Buffer.byteLength(JSON.stringify(sent!.activity))).toBeLessThan(20 * 1024);
    expect(cardText(cardOf(sent))).toMatch(/and \d+ more/);
  });
});
