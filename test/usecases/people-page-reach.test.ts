/**
 * The people page and `owners` read one reachability: for the same person they say the same channel
 * state and the same Teams answer, whatever the person's case (Teams, e-mail only, an address refused,
 * no way at all, removed, and removed then installed again), with e-mail set up and without it. The page
 * adds the day an address was refused, and says why not by Teams only as a note, never as the headline.
 */
import { UkHolidayCalendar } from '../../src/calendar/uk-holidays';
import { DEMO_PLAN_ID } from '../../src/demo/demo-plan';
import { emailOff } from '../../src/email/email-notifier';
import { personView } from '../../src/http/dashboard-api/admin-people-api';
import { describeOwners } from '../../src/usecases/chat/owners';
import type { ReachRegistry } from '../../src/usecases/delivery/channel';
import { planPeople } from '../../src/usecases/people/people-view';
import { seedDemoPlan } from '../../src/usecases/plans/seed-demo-plan';
import type { Stores } from '../../src/usecases/ports/index';
import { reachers } from '../support/reachers';
import { fixedClock, freshStores, seededRandom } from '../support/test-stores';

const CHAT = { conversation: { id: 'a:1' } };
const REMOVED = '2025-02-01T00:00:00Z';

type Case = 'teams' | 'email only' | 'undeliverable' | 'removed' | 'reinstalled';
const CASES: readonly Case[] = ['teams', 'email only', 'undeliverable', 'removed', 'reinstalled'];

/** The label each case reads as, with e-mail set up and without it, and Teams' answer. */
const EXPECTED: Record<Case, { on: string; off: string; teams: string }> = {
  teams: { on: 'Teams', off: 'Teams', teams: '' },
  'email only': { on: 'E-mail', off: 'No contact', teams: 'has not installed Action Tracker' },
  undeliverable: {
    on: 'E-mail undeliverable since 1 Feb 2025',
    off: 'No contact',
    teams: 'has not installed Action Tracker',
  },
  removed: {
    on: 'E-mail',
    off: 'No contact',
    teams: 'removed Action Tracker or blocked it on 1 Feb 2025',
  },
  reinstalled: { on: 'Teams', off: 'Teams', teams: '' },
};

async function arrange(stores: Stores, email: string, which: Case): Promise<void> {
  const user = (extra: object) =>
    stores.users.put({
      aadObjectId: `aad-${email}`,
      name: email,
      email,
      updatedAt: '2025-03-01T00:00:00Z',
      ...extra,
    });
  switch (which) {
    case 'teams':
      return user({ conversationReference: CHAT });
    case 'email only':
      return;
    case 'undeliverable':
      return stores.contacts.put({
        email,
        preference: 'auto',
        undeliverableSince: REMOVED,
        undeliverableCode: '550',
        updatedAt: REMOVED,
      });
    case 'removed':
      return user({ unreachableSince: REMOVED });
    case 'reinstalled':
      return user({ conversationReference: CHAT, unreachableSince: REMOVED });
  }
}

describe('the people page and owners', () => {
  test.each([
    ['set up', reachers],
    ['not set up', { ...reachers, email: emailOff }],
  ] as const)(
    'when e-mail is %s, then for each person they say the same',
    async (setUp, channels: ReachRegistry) => {
      const { stores } = await freshStores();
      const clock = fixedClock('2025-03-03T09:00:00Z');
      await seedDemoPlan({ stores, clock, calendar: new UkHolidayCalendar(), random: seededRandom() });
      const plan = (await stores.plans.get(DEMO_PLAN_ID))!.value;
      const actions = (await stores.actions.readPlan(DEMO_PLAN_ID)).actions.map((a) => a.value);
      const emails = [...new Set(actions.flatMap((a) => a.owners.map((o) => o.email)).filter(Boolean))];
      expect(emails.length).toBeGreaterThanOrEqual(CASES.length);
      const caseOf = new Map(CASES.map((which, i) => [emails[i]!, which]));
      for (const [email, which] of caseOf) await arrange(stores, email, which);

      const owners = await describeOwners(stores, actions, channels);
      const people = (await planPeople(stores, plan, channels, clock.now())).people.map(personView);
      for (const [email, which] of caseOf) {
        const owner = owners.find((o) => o.email === email)!;
        const person = people.find((p) => p.email === email)!;
        const expected = EXPECTED[which];
        expect({ which, label: person.channelLabel }).toEqual({
          which,
          label: setUp === 'set up' ? expected.on : expected.off,
        });
        // The same state as `owners`; the page adds only the day a refusal began.
        expect(person.channelLabel.startsWith(owner.channelLabel)).toBe(true);
        if (expected.teams) {
          expect(owner.reason).toBe(expected.teams);
          expect(person.reachNote).toContain(`Not by Teams: ${expected.teams}`);
        } else {
          expect(owner.reachable).toBe(true);
          expect(person.reachNote ?? '').not.toContain('Not by Teams');
        }
        expect(person.reachable).toBe(!['No contact', 'E-mail undeliverable'].includes(owner.channelLabel));
      }
    },
    60_000,
  );
});
