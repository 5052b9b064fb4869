import {
  CHANNEL_NAMES,
  type ChannelPreference,
  type ContactState,
  contactPlanFor,
  contactStateLabel,
  fallbackAfter,
  type Reach,
  type Reaches,
  routeFor,
} from '../../src/domain/contact-channel';

/** Teams reachable or not; e-mail deliverable, refused for good, or not set up. */
type Email = 'deliverable' | 'undeliverable' | 'none';

function reachesOf(teams: boolean, email: Email): Reaches {
  const emailReach: Reach =
    email === 'deliverable'
      ? { reachable: true }
      : email === 'undeliverable'
        ? { reachable: false, reason: 'undeliverable' }
        : { reachable: false, reason: 'off' };
  return {
    teams: teams ? { reachable: true } : { reachable: false, reason: 'not-installed' },
    email: emailReach,
  };
}

const LABELS = { teams: 'Teams', email: 'e-mail' } as const;

type Row = [
  preference: ChannelPreference,
  teams: boolean,
  email: Email,
  expected: { channels: string[]; state: ContactState; label: string },
];

const BY_TEAMS: ContactState = { kind: 'reached', by: ['teams'] };
const BY_EMAIL: ContactState = { kind: 'reached', by: ['email'] };

const CASES: Row[] = [
  ['auto', true, 'deliverable', { channels: ['teams'], state: BY_TEAMS, label: 'Teams' }],
  ['auto', false, 'deliverable', { channels: ['email'], state: BY_EMAIL, label: 'E-mail' }],
  [
    'auto',
    false,
    'undeliverable',
    { channels: [], state: { kind: 'refused', by: 'email' }, label: 'E-mail undeliverable' },
  ],
  ['auto', false, 'none', { channels: [], state: { kind: 'none' }, label: 'No contact' }],
  ['teams', false, 'deliverable', { channels: ['email'], state: BY_EMAIL, label: 'E-mail' }],
  ['email', true, 'deliverable', { channels: ['email'], state: BY_EMAIL, label: 'E-mail' }],
  ['email', true, 'undeliverable', { channels: ['teams'], state: BY_TEAMS, label: 'Teams' }],
  [
    'both',
    true,
    'deliverable',
    {
      channels: ['teams', 'email'],
      state: { kind: 'reached', by: ['teams', 'email'] },
      label: 'Teams and e-mail',
    },
  ],
  ['both', true, 'none', { channels: ['teams'], state: BY_TEAMS, label: 'Teams' }],
  ['both', false, 'none', { channels: [], state: { kind: 'none' }, label: 'No contact' }],
];

describe('which way to reach a person', () => {
  test.each(CASES)(
    'when they chose %s (Teams %s, e-mail %s), then %j',
    (...[preference, teams, email, expected]: Row) => {
      const plan = contactPlanFor(routeFor(preference, CHANNEL_NAMES), reachesOf(teams, email));
      expect(plan).toEqual({ channels: expected.channels, state: expected.state });
      expect(contactStateLabel(plan.state, LABELS)).toBe(expected.label);
    },
  );

  test('when Teams refuses for good, then e-mail is the fallback, and the other way round', () => {
    const auto = routeFor('auto', CHANNEL_NAMES);
    expect(fallbackAfter(['teams'], auto, reachesOf(true, 'deliverable'))).toBe('email');
    expect(fallbackAfter(['teams'], auto, reachesOf(true, 'undeliverable'))).toBeUndefined();
    expect(fallbackAfter(['email'], routeFor('email', CHANNEL_NAMES), reachesOf(true, 'undeliverable'))).toBe(
      'teams',
    );
    expect(
      fallbackAfter(['email'], routeFor('email', CHANNEL_NAMES), reachesOf(false, 'undeliverable')),
    ).toBeUndefined();
  });

  test('when the stored choices load, then each is an order and "first reachable" or "all reachable"', () => {
    expect(routeFor('auto', CHANNEL_NAMES)).toEqual({ order: ['teams', 'email'], take: 'first reachable' });
    expect(routeFor('teams', CHANNEL_NAMES)).toEqual({ order: ['teams', 'email'], take: 'first reachable' });
    expect(routeFor('email', CHANNEL_NAMES)).toEqual({ order: ['email', 'teams'], take: 'first reachable' });
    expect(routeFor('both', CHANNEL_NAMES)).toEqual({ order: ['teams', 'email'], take: 'all reachable' });
  });
});
