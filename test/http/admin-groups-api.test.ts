/**
 * The management page's monitoring API (issue 22) on the real router, use cases and Azurite, in local
 * mode (X-Local-User): monitoring groups added, changed and removed, meetings added and cancelled, which
 * group monitors each action, and the plan's governance — each through the use cases the command line
 * calls, refused by field with nothing changed, and only for the plan's coordinators.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { TabAdminGroups } from '../../src/http/dashboard-api/admin-groups-types';
import type { TabAdminResult } from '../../src/http/dashboard-api/admin-types';
import { tabApiRouter } from '../../src/http/dashboard-api/tab-api';
import { createApp } from '../../src/http/server';
import { createLogger } from '../../src/support/logger';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { reachers } from '../support/reachers';
import { freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const COORDINATOR = 'partnership.manager@example.org';
const OWNER = 'icb.camhs@example.org';
const STRANGER = 'someone.else@example.org';

let stores: Stores;
let server: Server;
let url: string;
// Each request a minute after the last, so no two changes share a timestamp.
let minutes = 0;
const clock = { now: () => new Date(Date.parse('2025-01-15T10:00:00Z') + 60_000 * minutes++) };
const calendar = new UkHolidayCalendar();

beforeAll(async () => {
  ({ stores } = await freshStores());
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date('2025-01-15T09:59:00Z') },
    random: seededRandom(),
    calendar,
  });
  server = createServer(
    createApp({
      stores,
      logger: createLogger('silent'),
      routers: [
        tabApiRouter({ stores, clock, calendar, logger: createLogger('silent'), channels: reachers }),
      ],
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => {
  server.close();
});

async function post(path: string, body: unknown = {}, as = COORDINATOR) {
  const response = await fetch(`${url}/api/tab/admin/plans/${PLAN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Local-User': as },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TabAdminResult };
}

async function groups(as = COORDINATOR): Promise<TabAdminGroups> {
  const response = await fetch(`${url}/api/tab/admin/plans/${PLAN}/groups`, {
    headers: { 'X-Local-User': as },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TabAdminGroups;
}

const storedPlan = async () => (await stores.plans.get(PLAN))!.value;
const issuesOf = (body: TabAdminResult) => (body.ok ? [] : (body.issues ?? []));

const DMT = {
  name: 'Council actions',
  cadence: 'monthly',
  oversightBody: 'DMT',
  responseDays: '10',
  openDays: '',
  meetings: '12/02/2025, 12 Mar 2025',
};

describe('the monitoring API', () => {
  test('when a coordinator adds a group with mistakes, then each is said by its form field and nothing is added; corrected, it is added with its next round worked out', async () => {
    expect((await groups()).groups).toEqual([]);
    const refused = await post('/groups', {
      ...DMT,
      name: '  ',
      responseDays: 'ten',
      openDays: '99',
      meetings: '12/02/2025, 31/02/2025',
    });
    expect(refused.status).toBe(400);
    expect(issuesOf(refused.body)).toEqual(
      expect.arrayContaining([
        { field: 'meetings', reason: expect.stringContaining('"31/02/2025" is not a date') },
      ]),
    );
    const fixedDates = await post('/groups', { ...DMT, name: '  ', responseDays: 'ten', openDays: '99' });
    expect(issuesOf(fixedDates.body)).toEqual([
      { field: 'name', reason: 'is required' },
      { field: 'responseDays', reason: 'must be a whole number of working days from 0 to 65' },
      { field: 'openDays', reason: 'must be a whole number of working days from 0 to 65' },
    ]);
    const badCadence = await post('/groups', { ...DMT, cadence: 'fortnightly' });
    expect(issuesOf(badCadence.body)).toEqual([
      { field: 'cadence', reason: 'choose how often the group meets: monthly, bi-monthly, quarterly' },
    ]);
    expect((await storedPlan()).monitoringGroups ?? []).toEqual([]);

    const added = await post('/groups', DMT);
    expect(added).toEqual({
      status: 200,
      body: { ok: true, message: 'Monitoring group “Council actions” added.' },
    });
    const [group] = (await groups()).groups;
    expect(group).toEqual({
      id: 'council-actions',
      name: 'Council actions',
      cadence: 'monthly',
      oversightBody: 'DMT',
      responseDays: '10',
      openDays: '',
      meetings: [
        { date: '2025-02-12', label: '12 Feb 2025' },
        { date: '2025-03-12', label: '12 Mar 2025' },
      ],
      actions: 0,
      // Ten working days before Wednesday 12 February 2025.
      next: { meeting: '12 Feb 2025', responseDue: '29 Jan 2025' },
    });
    const again = await post('/groups', { ...DMT, name: 'council actions' });
    expect(issuesOf(again.body)).toEqual([
      { field: 'name', reason: `plan ${PLAN} has a group "Council actions" already` },
    ]);
  });

  test('when a coordinator changes a group, then its id and meetings stay; a name another group has is refused', async () => {
    await post('/groups', { ...DMT, name: 'Partnership actions', oversightBody: 'LSCP Executive' });
    const clash = await post('/groups/council-actions', { ...DMT, name: 'Partnership Actions' });
    expect(clash.status).toBe(400);
    expect(issuesOf(clash.body)).toEqual([
      { field: 'name', reason: `plan ${PLAN} has a group "Partnership actions" already` },
    ]);

    const saved = await post('/groups/council-actions', {
      name: 'Council management team',
      cadence: 'bi-monthly',
      oversightBody: 'CMT',
      responseDays: '5',
      openDays: '3',
    });
    expect(saved.body).toEqual({ ok: true, message: 'Monitoring group “Council management team” saved.' });
    const group = (await groups()).groups.find((g) => g.id === 'council-actions');
    expect(group).toMatchObject({
      name: 'Council management team',
      cadence: 'bi-monthly',
      oversightBody: 'CMT',
      responseDays: '5',
      openDays: '3',
      meetings: [{ date: '2025-02-12' }, { date: '2025-03-12' }],
      // Five working days before 12 Feb, and three before that.
      next: { meeting: '12 Feb 2025', responseDue: '5 Feb 2025', opens: '31 Jan 2025' },
    });
    const missing = await post('/groups/no-such-group', { ...DMT });
    expect(missing.status).toBe(400);
    expect(issuesOf(missing.body)[0]).toMatchObject({
      field: 'group',
      reason: expect.stringContaining('"no-such-group" is not a monitoring group'),
    });
  });

  test('when a coordinator adds and cancels meetings, then the group has them; a date that is not one changes nothing', async () => {
    const bad = await post('/groups/council-actions/meetings', { meetings: '9 Apr 2025, 04/31/2025' });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.body)).toEqual([
      { field: 'meetings', reason: expect.stringContaining('"04/31/2025" looks month-first') },
    ]);
    const added = await post('/groups/council-actions/meetings', { meetings: '9 Apr 2025; 14/05/2025' });
    expect(added.body).toEqual({
      ok: true,
      message: 'Meetings of “Council management team”: 12 Feb 2025, 12 Mar 2025, 9 Apr 2025, 14 May 2025.',
    });
    const cancelled = await post('/groups/council-actions/meetings/cancel', { meetings: '2025-02-12' });
    expect(cancelled.body).toEqual({
      ok: true,
      message:
        'Meeting cancelled. Meetings of “Council management team”: 12 Mar 2025, 9 Apr 2025, 14 May 2025.',
    });
    const group = (await groups()).groups.find((g) => g.id === 'council-actions');
    expect(group?.next).toMatchObject({ meeting: '12 Mar 2025' });
  });

  test('when a coordinator puts actions in groups, then a group the plan does not have refuses them all, by the action; a group with actions is not removed until they move', async () => {
    const before = await groups();
    expect(before.actions.length).toBeGreaterThan(2);
    const [first, second] = before.actions;
    const refused = await post('/action-groups', {
      moves: [
        { actionId: first!.id, group: 'council-actions' },
        { actionId: second!.id, group: 'Police' },
      ],
    });
    expect(refused.status).toBe(400);
    expect(issuesOf(refused.body)).toEqual([
      {
        field: `group-of-${second!.id}`,
        reason: `"Police" is not a monitoring group of plan ${PLAN} (its groups: "Council management team", "Partnership actions")`,
      },
    ]);
    expect((await groups()).actions.every((a) => a.groupId === '')).toBe(true);

    const moved = await post('/action-groups', {
      moves: [
        { actionId: first!.id, group: 'council-actions' },
        { actionId: second!.id, group: 'Partnership actions' },
      ],
    });
    expect(moved.body).toEqual({
      ok: true,
      message: `Saved: action ${first!.id} is now in Council management team; action ${second!.id} is now in Partnership actions.`,
    });
    const after = await groups();
    expect(after.actions.find((a) => a.id === first!.id)?.groupId).toBe('council-actions');
    expect(after.actions.find((a) => a.id === second!.id)?.groupId).toBe('partnership-actions');
    expect(after.ungrouped).toBe(before.actions.length - 2);
    const stored = await stores.actions.get(PLAN, first!.id);
    expect(stored?.value.monitoringGroupId).toBe('council-actions');

    const stays = await post('/groups/partnership-actions/remove');
    expect(stays.status).toBe(400);
    expect(issuesOf(stays.body)).toEqual([
      {
        field: 'group',
        reason: `"Partnership actions" still has 1 action (${second!.id}); move them to another group first under “Which group monitors each action”`,
      },
    ]);
    const out = await post('/action-groups', { moves: [{ actionId: second!.id, group: 'none' }] });
    expect(out.body).toEqual({ ok: true, message: `Saved: action ${second!.id} is now in no group.` });
    const removed = await post('/groups/partnership-actions/remove');
    expect(removed.body).toEqual({ ok: true, message: 'Monitoring group “Partnership actions” removed.' });
    expect((await storedPlan()).monitoringGroups?.map((g) => g.id)).toEqual(['council-actions']);
  });

  test('when a coordinator sets who agrees ratings and the marking, then the plan has them; too long is refused by the field; empty goes back to the default', async () => {
    const long = await post('/governance', { moderationGroup: 'S'.repeat(121), protectiveMarking: '' });
    expect(long.status).toBe(400);
    expect(issuesOf(long.body)).toEqual([
      { field: 'moderationGroup', reason: 'is 121 characters; the limit is 120' },
    ]);
    const saved = await post('/governance', {
      moderationGroup: 'S&CE subgroup',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
    });
    expect(saved.body).toEqual({
      ok: true,
      message: 'Saved: ratings are agreed by S&CE subgroup; papers are marked OFFICIAL-SENSITIVE.',
    });
    expect((await groups()).governance).toEqual({
      moderationGroup: 'S&CE subgroup',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
    });
    const cleared = await post('/governance', { moderationGroup: 'S&CE subgroup', protectiveMarking: ' ' });
    expect(cleared.body).toMatchObject({ message: expect.stringContaining('papers are marked OFFICIAL.') });
    expect((await storedPlan()).protectiveMarking).toBeUndefined();
  });

  test('when someone who is not a coordinator asks or changes, then an owner and someone with no role are refused as the access policy says; nothing changes', async () => {
    const before = await storedPlan();
    for (const [as, status] of [
      [OWNER, 403],
      // The demo plan may be seen by anyone in the organisation, so they hear "may not", not "no such plan".
      [STRANGER, 403],
    ] as const) {
      const read = await fetch(`${url}/api/tab/admin/plans/${PLAN}/groups`, {
        headers: { 'X-Local-User': as },
      });
      expect(read.status).toBe(status);
      for (const [path, body] of [
        ['/groups', { ...DMT, name: 'Mine' }],
        ['/groups/council-actions', { ...DMT, name: 'Mine' }],
        ['/groups/council-actions/meetings', { meetings: '1/6/2025' }],
        ['/groups/council-actions/meetings/cancel', { meetings: '2025-03-12' }],
        ['/groups/council-actions/remove', {}],
        ['/action-groups', { moves: [] }],
        ['/governance', { moderationGroup: 'Me', protectiveMarking: '' }],
      ] as const)
        expect([path, (await post(path, body, as)).status]).toEqual([path, status]);
    }
    const owner = await post('/governance', { moderationGroup: 'Me', protectiveMarking: '' }, OWNER);
    expect(owner.body).toEqual({ ok: false, error: 'Only the plan’s coordinators can run this plan.' });
    expect(await storedPlan()).toEqual(before);
  });
});
