/**
 * Running a plan through the use cases, on Azurite with the demo plan: each change checked by the access
 * policy, against the version the form was drawn from, written ETag-checked and recorded in history and
 * the audit log; refusals are typed outcomes and change nothing.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_COORDINATOR, DEMO_LEAD, DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { settingsOf } from '../../src/domain/plan-settings';
import { addActionAs, editActionAs, rescheduleActionAs } from '../../src/usecases/admin/action-admin';
import { loadPlanAdmin } from '../../src/usecases/admin/admin-view';
import { savePlanSettings } from '../../src/usecases/admin/plan-settings';
import { closePlanAs, createPlanAs } from '../../src/usecases/admin/plans-admin';
import { digestIsDue } from '../../src/usecases/digests/send-digests';
import { addDelegationAs, grantRoleAs, revokeRoleAs } from '../../src/usecases/people/people-service';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Actor } from '../../src/usecases/shared/actor';
import type { AdminDeps } from '../../src/usecases/shared/admin-outcome';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const calendar = new UkHolidayCalendar();
const COORDINATOR: Actor = {
  aadObjectId: 'aad-coord',
  name: 'Pat Coordinator',
  email: DEMO_COORDINATOR.email,
};
const LEAD: Actor = { aadObjectId: 'aad-lead', name: 'Lee Lead', email: DEMO_LEAD.email };
const OWNER: Actor = { aadObjectId: 'aad-owner', name: 'ICB Commissioner', email: 'icb.camhs@example.org' };
const STRANGER: Actor = { aadObjectId: 'aad-x', name: 'Stranger', email: 'someone@elsewhere.org' };

async function setUp(): Promise<AdminDeps> {
  const { stores } = await freshStores();
  const deps = { stores, clock: fixedClock('2026-03-02T10:00:00Z'), calendar, random: seededRandom(7) };
  await seedDemoPlan(deps);
  return deps;
}

async function settingsForm(deps: AdminDeps) {
  const plan = (await deps.stores.plans.get(DEMO_PLAN_ID))!.value;
  const s = settingsOf(plan);
  return {
    revision: String(plan.revision ?? 0),
    settings: { ...s, reminderDaysBefore: s.reminderDaysBefore.join(', ') } as Record<string, unknown>,
  };
}

describe('plan settings through the use case', () => {
  test('when a lead, an owner or a stranger saves settings, then they are refused as the policy says and nothing changes', async () => {
    const deps = await setUp();
    const form = await settingsForm(deps);
    const request = { planId: DEMO_PLAN_ID, ...form, settings: { ...form.settings, title: 'Taken over' } };
    expect(await savePlanSettings(deps, LEAD, request)).toEqual({
      kind: 'forbidden',
      reason: 'not-coordinator',
    });
    expect(await savePlanSettings(deps, OWNER, request)).toEqual({
      kind: 'forbidden',
      reason: 'not-coordinator',
    });
    // Someone with nothing to do with the plan hears it is not there, as for a plan that does not exist.
    expect(await savePlanSettings(deps, STRANGER, request)).toEqual({
      kind: 'not-found',
      what: `Plan ${DEMO_PLAN_ID}`,
    });
    expect((await deps.stores.plans.get(DEMO_PLAN_ID))!.value.title).not.toBe('Taken over');
  });

  test('when two coordinators save from the same form, then the second is told who saved first, and a change of reminder days re-files the reminders', async () => {
    const deps = await setUp();
    await grantRoleAs(deps, COORDINATOR, { planId: DEMO_PLAN_ID, email: LEAD.email, role: 'coordinator' });
    const form = await settingsForm(deps);
    const before = await deps.stores.actions.readPlan(DEMO_PLAN_ID);

    const first = await savePlanSettings(deps, LEAD, {
      planId: DEMO_PLAN_ID,
      ...form,
      settings: { ...form.settings, reminderDaysBefore: '30, 2' },
    });
    expect(first).toEqual({ kind: 'saved', value: { changed: ['reminderDaysBefore'], revision: '1' } });
    const second = await savePlanSettings(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      ...form,
      settings: { ...form.settings, title: 'Mine' },
    });
    expect(second).toEqual({ kind: 'stale', changedBy: 'Lee Lead', changedAt: '2026-03-02T10:00:00.000Z' });

    const after = await deps.stores.actions.readPlan(DEMO_PLAN_ID);
    const moved = after.actions.filter(
      (a) =>
        a.value.nextReminderOn !==
        before.actions.find((b) => b.value.id === a.value.id)?.value.nextReminderOn,
    );
    expect(moved.length).toBeGreaterThan(0);
    const events = await deps.stores.audit.list(DEMO_PLAN_ID, 50);
    expect(events.filter((e) => e.event === 'plan.settings-changed')).toEqual([
      expect.objectContaining({ actor: LEAD.email, details: { fields: 'reminderDaysBefore', revision: 1 } }),
    ]);
  });

  test('when the digest day is Wednesday, then the digest is due from Wednesday 09:00 (the send window), not Monday', async () => {
    const deps = await setUp();
    const form = await settingsForm(deps);
    await savePlanSettings(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      ...form,
      settings: { ...form.settings, digestDay: 'wednesday' },
    });
    const plan = (await deps.stores.plans.get(DEMO_PLAN_ID))!.value;
    // Week of Monday 2 March 2026.
    expect(digestIsDue(plan, new Date('2026-03-02T10:00:00Z'), calendar)).toBe(false);
    expect(digestIsDue(plan, new Date('2026-03-04T08:00:00Z'), calendar)).toBe(false);
    expect(digestIsDue(plan, new Date('2026-03-04T08:31:00Z'), calendar)).toBe(false);
    expect(digestIsDue(plan, new Date('2026-03-04T09:01:00Z'), calendar)).toBe(true);
  });
});

describe('people through the use case', () => {
  test('when the last coordinator is removed, then it is refused with the reason; a role given is in the audit log', async () => {
    const deps = await setUp();
    expect(
      await revokeRoleAs(deps, COORDINATOR, {
        planId: DEMO_PLAN_ID,
        email: COORDINATOR.email,
        role: 'coordinator',
      }),
    ).toEqual({
      kind: 'invalid',
      issues: [
        expect.objectContaining({
          field: 'role',
          reason: expect.stringContaining('is the only coordinator'),
        }),
      ],
    });
    expect(
      await grantRoleAs(deps, COORDINATOR, {
        planId: DEMO_PLAN_ID,
        email: 'Chief@Police.uk',
        role: 'agency-lead',
        agency: 'Police',
      }),
    ).toEqual({
      kind: 'saved',
      value: { changed: true },
    });
    expect((await deps.stores.plans.get(DEMO_PLAN_ID))!.value.agencyLeads).toMatchObject({
      Police: 'chief@police.uk',
    });
    const events = await deps.stores.audit.list(DEMO_PLAN_ID, 50);
    expect(events.filter((e) => e.event === 'plan.agency-lead-set')).toEqual([
      expect.objectContaining({
        actor: COORDINATOR.email,
        details: { agency: 'Police', email: 'chief@police.uk' },
      }),
    ]);
  });

  test('when cover overlaps cover already given, then it is refused; the people list shows the delegate and who is reachable', async () => {
    const deps = await setUp();
    const cover = {
      planId: DEMO_PLAN_ID,
      owner: OWNER.email,
      delegate: 'sam@icb.nhs.uk',
      delegateName: 'Sam Cover',
      from: '2026-03-02',
      to: '2026-03-20',
    };
    expect(await addDelegationAs(deps, COORDINATOR, cover)).toEqual({
      kind: 'saved',
      value: { changed: true },
    });
    expect(
      await addDelegationAs(deps, COORDINATOR, { ...cover, from: '2026-03-10', to: '2026-03-30' }),
    ).toEqual({
      kind: 'invalid',
      issues: [
        { field: 'from', reason: 'sam@icb.nhs.uk already covers for icb.camhs@example.org in those dates' },
      ],
    });
    await deps.stores.users.put({
      aadObjectId: 'aad-sam',
      name: 'Sam Cover',
      email: 'sam@icb.nhs.uk',
      conversationReference: { conversation: { id: 'a:1' } },
      updatedAt: '2026-03-02T09:00:00Z',
    });
    const view = await loadPlanAdmin({ ...deps, channels: reachers }, COORDINATOR, DEMO_PLAN_ID);
    if (view.kind !== 'saved') throw new Error(view.kind);
    expect(view.value.delegations).toEqual([
      expect.objectContaining({ delegate: 'sam@icb.nhs.uk', active: true }),
    ]);
    // Cover is shown on both people: the delegate covers for the owner, the owner is covered by them.
    expect(view.value.people.find((p) => p.email === 'sam@icb.nhs.uk')).toMatchObject({
      coversFor: [expect.objectContaining({ email: OWNER.email })],
      reachability: { channels: { teams: { reachable: true } }, label: 'Teams' },
    });
    expect(view.value.people.find((p) => p.email === OWNER.email)).toMatchObject({
      coveredBy: [expect.objectContaining({ email: 'sam@icb.nhs.uk' })],
      reachability: { channels: { teams: { reachable: false, reason: 'not-installed' } }, label: 'E-mail' },
    });
  });
});

describe('actions through the use case', () => {
  test('when an action is edited from a form drawn before someone else’s update, then it is refused naming them, and nothing is recorded', async () => {
    const deps = await setUp();
    const added = await addActionAs(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      fields: {
        id: '5.1',
        areaId: 'AFI3',
        description: 'New audit',
        leadAgency: 'Police',
        owners: 'jo@police.uk',
        dueDate: '2026-06-30',
      },
    });
    expect(added).toEqual({ kind: 'saved', value: { actionId: '5.1', version: '1', changed: ['created'] } });
    const moved = await rescheduleActionAs(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      actionId: '5.1',
      version: '1',
      date: '2026-07-31',
      reason: 'Later start',
    });
    expect(moved).toMatchObject({ kind: 'saved', value: { version: '2' } });
    const history = await deps.stores.history.listForAction(DEMO_PLAN_ID, '5.1');

    const stale = await editActionAs(deps, LEAD, {
      planId: DEMO_PLAN_ID,
      actionId: '5.1',
      version: '1',
      fields: {},
    });
    expect(stale).toEqual({ kind: 'forbidden', reason: 'not-coordinator' });
    const edited = await editActionAs(deps, COORDINATOR, {
      planId: DEMO_PLAN_ID,
      actionId: '5.1',
      version: '1',
      fields: { description: 'Changed', areaId: 'AFI3', leadAgency: 'Police', owners: 'jo@police.uk' },
    });
    expect(edited).toEqual({
      kind: 'stale',
      changedBy: 'Pat Coordinator',
      changedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(await deps.stores.history.listForAction(DEMO_PLAN_ID, '5.1')).toEqual(history);
    const action = (await deps.stores.actions.get(DEMO_PLAN_ID, '5.1'))!.value;
    expect(action).toMatchObject({
      description: 'New audit',
      baselineDueDate: '2026-06-30',
      currentDueDate: '2026-07-31',
    });
    const events = (await deps.stores.audit.list(DEMO_PLAN_ID, 50)).map((e) => e.event);
    expect(events.filter((e) => e.startsWith('action.'))).toEqual(
      expect.arrayContaining(['action.added', 'action.rescheduled']),
    );
  });
});

describe('creating and closing plans through the use case', () => {
  test('when someone not named in PLAN_CREATORS creates a plan, then it is refused; a member of the named group may', async () => {
    const deps = await setUp();
    const creators = { emails: ['manager@council.gov.uk'], groups: ['5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f'] };
    const input = { id: 'kirklees-2026', title: 'Kirklees JTAI' };
    expect(await createPlanAs(deps, OWNER, creators, input)).toEqual({
      kind: 'forbidden',
      reason: 'not-plan-creator',
    });
    expect(await deps.stores.plans.get('kirklees-2026')).toBeUndefined();
    const member = { ...OWNER, groups: ['5f1c3a9e-2b47-4d8c-9e61-0a7b3c2d4e5f'] };
    expect(await createPlanAs(deps, member, creators, input)).toEqual({
      kind: 'saved',
      value: { planId: 'kirklees-2026' },
    });
    expect((await deps.stores.plans.get('kirklees-2026'))!.value.coordinators).toEqual([OWNER.email]);
    expect(await createPlanAs(deps, member, creators, input)).toEqual({
      kind: 'invalid',
      issues: [{ field: 'id', reason: 'a plan with the id kirklees-2026 exists already: choose another' }],
    });
  });

  test('when a coordinator closes a plan without typing its id, then it stays open; with it, it closes and nothing more changes', async () => {
    const deps = await setUp();
    expect(await closePlanAs(deps, COORDINATOR, { planId: DEMO_PLAN_ID, confirm: 'yes' })).toMatchObject({
      kind: 'invalid',
    });
    expect((await deps.stores.plans.get(DEMO_PLAN_ID))!.value.closedAt).toBeUndefined();
    expect(await closePlanAs(deps, COORDINATOR, { planId: DEMO_PLAN_ID, confirm: DEMO_PLAN_ID })).toEqual({
      kind: 'saved',
      value: { closedAt: '2026-03-02T10:00:00.000Z' },
    });
    expect(
      await grantRoleAs(deps, COORDINATOR, { planId: DEMO_PLAN_ID, email: 'x@council.gov.uk', role: 'lead' }),
    ).toEqual({
      kind: 'forbidden',
      reason: 'plan-closed',
    });
  });
});
