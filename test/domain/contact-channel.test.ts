import {
  type ChannelPreference,
  type ContactPlan,
  contactPlanFor,
  fallbackAfter,
  type Reachability,
} from '../../src/domain/contact-channel';

type Row = [
  preference: ChannelPreference,
  teams: boolean,
  email: Reachability['email'],
  expected: ContactPlan,
];

const CASES: Row[] = [
  ['auto', true, 'deliverable', { channels: ['teams'], state: 'teams' }],
  ['auto', false, 'deliverable', { channels: ['email'], state: 'email' }],
  ['auto', false, 'undeliverable', { channels: [], state: 'e-mail undeliverable' }],
  ['auto', false, 'none', { channels: [], state: 'no contact' }],
  ['teams', false, 'deliverable', { channels: ['email'], state: 'email' }],
  ['email', true, 'deliverable', { channels: ['email'], state: 'email' }],
  ['email', true, 'undeliverable', { channels: ['teams'], state: 'teams' }],
  ['both', true, 'deliverable', { channels: ['teams', 'email'], state: 'teams and e-mail' }],
  ['both', true, 'none', { channels: ['teams'], state: 'teams' }],
  ['both', false, 'none', { channels: [], state: 'no contact' }],
];

describe('which way to reach a person', () => {
  test.each(CASES)(
    'when they chose %s (Teams %s, e-mail %s), then %j',
    (...[preference, teams, email, expected]: Row) => {
      expect(contactPlanFor(preference, { teams, email })).toEqual(expected);
    },
  );

  test('when Teams refuses for good, then e-mail is the fallback, and the other way round', () => {
    expect(fallbackAfter('teams', { teams: true, email: 'deliverable' })).toBe('email');
    expect(fallbackAfter('teams', { teams: true, email: 'undeliverable' })).toBeUndefined();
    expect(fallbackAfter('email', { teams: true, email: 'undeliverable' })).toBe('teams');
    expect(fallbackAfter('email', { teams: false, email: 'undeliverable' })).toBeUndefined();
  });
});
