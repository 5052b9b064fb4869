/**
 * Issue 19: access is decided once per request, by src/usecases/access, so every surface gives the same
 * answer for the same person. One plan (the demo plan on Azurite), one action (2.1), every role, and
 * every surface called through its own use case (or its HTTP route, for the e-mail update page). A
 * delegate counts as the owner inside their cover and as nobody before or after it; a role taken away
 * counts for nothing.
 */
import type { Server } from 'node:http';
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import type { Delegation } from '../../src/domain/delegation';
import { cardVersion } from '../../src/domain/status-change';
import { createApp, listen } from '../../src/http/server';
import { makeUpdateToken, updatePageKeys } from '../../src/http/update-page/update-link';
import { updatePageRouter } from '../../src/http/update-page/update-page-router';
import { createLogger } from '../../src/support/logger';
import { answerCommand } from '../../src/usecases/chat/answer-command';
import { loadActionDetail, loadPlanDashboard, requirePlanRole } from '../../src/usecases/dashboard/dashboard';
import { moderationQueue } from '../../src/usecases/moderation/moderation-queue';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { snoozeAction } from '../../src/usecases/reminders/snooze';
import type { ChatActor } from '../../src/usecases/shared/actor';
import { administeredPlan } from '../../src/usecases/shared/administered-plan';
import { handleCardAction, updateFromForm } from '../../src/usecases/updates/handle-card-action';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const PLAN = 'demo-leeds-syv';
const ACTION = '2.1';
const NOW = '2025-01-15T10:00:00Z';
const clock = fixedClock(NOW);
const calendar = new UkHolidayCalendar();
const keys = updatePageKeys(Buffer.from('a-test-secret-of-at-least-32-characters!'));

const PEOPLE = {
  owner: 'icb.camhs@example.org',
  coordinator: 'partnership.manager@example.org',
  lead: 'director.children@example.org',
  moderator: 'chair@example.org',
  'agency lead': 'agency.lead@example.org',
  contributor: 'contributor@example.org',
  stranger: 'sid.stranger@example.org',
  'delegate inside the cover': 'cover.now@example.org',
  'delegate before the cover': 'cover.later@example.org',
  'delegate after the cover': 'cover.past@example.org',
  'lead whose role was revoked': 'former.lead@example.org',
} as const;
type Role = keyof typeof PEOPLE;

let stores: Stores;
let server: Server;
let url: string;

beforeAll(async () => {
  ({ stores } = await freshStores());
  await seedDemoPlan({
    stores,
    clock: { now: () => new Date(Date.parse(NOW) - 60_000) },
    random: seededRandom(),
    calendar,
  });
  const cover = (delegate: string, from: string, to: string): Delegation => ({
    id: delegate,
    owner: PEOPLE.owner,
    delegate,
    delegateName: delegate,
    from,
    to,
    createdAt: '2025-01-01T09:00:00Z',
    createdBy: 'coordinator',
  });
  // The former lead held the role, then had it taken away, as revoking leaves the plan.
  const granted = (await stores.plans.get(PLAN))!;
  await stores.plans.update(
    { ...granted.value, leads: [...granted.value.leads, PEOPLE['lead whose role was revoked']] },
    granted.etag,
  );
  const plan = (await stores.plans.get(PLAN))!;
  const action = (await stores.actions.get(PLAN, ACTION))!;
  await stores.plans.update(
    {
      ...plan.value,
      leads: plan.value.leads.filter((l) => l !== PEOPLE['lead whose role was revoked']),
      moderators: [PEOPLE.moderator],
      agencyLeads: { ...plan.value.agencyLeads, [action.value.leadAgency]: PEOPLE['agency lead'] },
      delegations: [
        cover(PEOPLE['delegate inside the cover'], '2025-01-13', '2025-01-17'),
        cover(PEOPLE['delegate before the cover'], '2025-01-16', '2025-01-20'),
        cover(PEOPLE['delegate after the cover'], '2025-01-06', '2025-01-14'),
      ],
    },
    plan.etag,
  );
  await stores.actions.update(
    {
      ...action.value,
      contributingAgencies: [...action.value.contributingAgencies, 'Youth Service'],
      contributingContacts: [{ agency: 'Youth Service', name: 'Cas Contributor', email: PEOPLE.contributor }],
    },
    action.etag,
    action.value,
  );
  const router = updatePageRouter({
    stores,
    clock,
    calendar,
    random: seededRandom(7),
    logger: createLogger('silent'),
    keys,
    secureCookies: false,
    perLinkLimit: 100,
  });
  ({ server, url } = await listen(
    createApp({ stores, logger: createLogger('silent'), routers: [router] }),
    0,
    '127.0.0.1',
  ));
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const deps = () => ({ stores, clock, calendar, random: seededRandom(3), channels: reachers });
const chatActorOf = (role: Role): ChatActor => ({
  aadObjectId: `aad-${role}`,
  name: role,
  email: PEOPLE[role],
});
const passes = (run: () => Promise<unknown>) =>
  run().then(
    () => true,
    () => false,
  );

async function version(): Promise<string> {
  return cardVersion((await stores.actions.get(PLAN, ACTION))!.value);
}

/** Each surface, asked by one person: true when it lets them through. */
const SURFACES = {
  'chat: show': async (role: Role) =>
    (await answerCommand(deps(), chatActorOf(role), { name: 'show', actionId: ACTION })).kind ===
    'action-card',
  'chat: update form': async (role: Role) => {
    const reply = await answerCommand(deps(), chatActorOf(role), { name: 'update', actionId: ACTION });
    return reply.kind === 'action-card' && reply.view.viewer.canUpdate;
  },
  'card: refresh': async (role: Role) =>
    (await handleCardAction(deps(), chatActorOf(role), 'action.refresh', { planId: PLAN, actionId: ACTION }))
      .kind === 'shown',
  'card: update': async (role: Role) =>
    (
      await handleCardAction(deps(), chatActorOf(role), 'action.update', {
        planId: PLAN,
        actionId: ACTION,
        version: await version(),
        rating: (await stores.actions.get(PLAN, ACTION))!.value.rating,
        note: `A note from the ${role}`,
      })
    ).kind === 'saved',
  'card: snooze': async (role: Role) =>
    (
      await handleCardAction(deps(), chatActorOf(role), 'action.snooze', {
        planId: PLAN,
        actionId: ACTION,
        days: 3,
      })
    ).kind === 'snoozed',
  'card: note': async (role: Role) =>
    (
      await handleCardAction(deps(), chatActorOf(role), 'action.note', {
        planId: PLAN,
        actionId: ACTION,
        contributionNote: `A contribution from the ${role}`,
      })
    ).kind === 'saved',
  'card: decide a date': async (role: Role) =>
    (
      await handleCardAction(deps(), chatActorOf(role), 'date.approve', {
        planId: PLAN,
        actionId: ACTION,
        requestId: 'x',
      })
    ).kind !== 'forbidden',
  'card: moderate': async (role: Role) =>
    (await handleCardAction(deps(), chatActorOf(role), 'moderation.show', { planId: PLAN, actionId: ACTION }))
      .kind !== 'forbidden',
  'reminders: snooze': (role: Role) =>
    passes(() => snoozeAction(deps(), chatActorOf(role), { planId: PLAN, actionId: ACTION, days: 7 })),
  'tab: plan lists the action': async (role: Role) => {
    try {
      const view = await loadPlanDashboard(stores, { email: PEOPLE[role] }, PLAN, clock.now());
      return view.actions.some((a) => a.id === ACTION);
    } catch {
      return false;
    }
  },
  'tab: action detail': (role: Role) =>
    passes(() => loadActionDetail(stores, { email: PEOPLE[role] }, PLAN, ACTION, clock.now())),
  'tab: update form': async (role: Role) =>
    (
      await updateFromForm({ ...deps(), source: 'tab' }, chatActorOf(role), {
        planId: PLAN,
        actionId: ACTION,
        version: await version(),
        rating: (await stores.actions.get(PLAN, ACTION))!.value.rating,
        note: `A tab note from the ${role}`,
      })
    ).kind === 'saved',
  'tab: whole plan and downloads': (role: Role) =>
    passes(() => requirePlanRole(stores, { email: PEOPLE[role] }, PLAN, clock.now())),
  'moderation: queue': (role: Role) =>
    passes(() => moderationQueue(stores, { email: PEOPLE[role] }, PLAN, clock.now())),
  'admin: run the plan': async (role: Role) =>
    (await administeredPlan(stores, { aadObjectId: 'x', name: role, email: PEOPLE[role] }, PLAN, clock.now()))
      .kind === 'ok',
  'e-mail link: opens': async (role: Role) => {
    const token = makeUpdateToken(keys, { email: PEOPLE[role], planId: PLAN, actionId: ACTION }, clock.now());
    return (await fetch(`${url}/update/${token}`)).status === 200;
  },
} as const;
type Surface = keyof typeof SURFACES;

const Y = true;
const N = false;
/** The columns in SURFACES' order. */
const row = (...answers: boolean[]): Record<Surface, boolean> =>
  Object.fromEntries(Object.keys(SURFACES).map((s, i) => [s, answers[i]])) as Record<Surface, boolean>;

// Columns, in SURFACES' order: chat show, chat update form | card refresh, update, snooze, note, decide a
// date, moderate | reminders snooze | tab list, detail, update form, whole plan | moderation queue | admin |
// e-mail link opens.
const OWNER_LIKE = row(Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, Y, N, N, N, Y);
const NOBODY = row(N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N);
const EXPECTED: Record<Role, Record<Surface, boolean>> = {
  owner: OWNER_LIKE,
  coordinator: row(Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
  lead: row(Y, N, Y, N, N, N, Y, N, N, Y, Y, N, Y, N, N, Y),
  moderator: row(Y, N, Y, N, N, N, N, Y, N, Y, Y, N, Y, Y, N, Y),
  'agency lead': row(Y, N, Y, N, N, N, N, N, N, Y, Y, N, N, N, N, Y),
  contributor: row(Y, N, Y, N, N, Y, N, N, N, Y, Y, N, N, N, N, Y),
  stranger: NOBODY,
  'delegate inside the cover': OWNER_LIKE,
  'delegate before the cover': NOBODY,
  'delegate after the cover': NOBODY,
  'lead whose role was revoked': NOBODY,
};

describe('every surface × every role gives the one access answer', () => {
  test.each(Object.keys(PEOPLE) as Role[])(
    'when the %s asks on every surface, then each answers as the policy does',
    async (role) => {
      const answers = {} as Record<Surface, boolean>;
      for (const surface of Object.keys(SURFACES) as Surface[])
        answers[surface] = await SURFACES[surface](role);
      expect(answers).toEqual(EXPECTED[role]);
    },
  );
});
