/** Who receives an owner's messages on a given day: the one cover rule every sender asks (issue 20). */
import { coveredBy, type Delegation, endedCoverFor, receiversFor } from '../../src/domain/delegation';

const cover = (over: Partial<Delegation>): Delegation => ({
  id: 'd1',
  owner: 'jo@example.org',
  delegate: 'sam@example.org',
  delegateName: 'Sam Cover',
  from: '2027-01-04',
  to: '2027-01-08',
  createdAt: '2027-01-01T09:00:00Z',
  createdBy: 'test',
  ...over,
});
const JO = { name: 'Jo Bloggs', email: 'Jo@Example.org' };

describe('receiversFor: who receives for an owner today', () => {
  test.each([
    ['no cover at all', undefined, '2027-01-05', [{ email: 'jo@example.org', name: 'Jo Bloggs' }]],
    ['the day before the cover', [cover({})], '2027-01-03', [{ email: 'jo@example.org', name: 'Jo Bloggs' }]],
    [
      'the first day of the cover',
      [cover({})],
      '2027-01-04',
      [
        {
          email: 'sam@example.org',
          name: 'Sam Cover',
          coveringFor: { name: 'Jo Bloggs', email: 'jo@example.org', until: '2027-01-08' },
        },
      ],
    ],
    [
      'the last day of the cover',
      [cover({})],
      '2027-01-08',
      [
        {
          email: 'sam@example.org',
          name: 'Sam Cover',
          coveringFor: { name: 'Jo Bloggs', email: 'jo@example.org', until: '2027-01-08' },
        },
      ],
    ],
    [
      'the day after the cover ends',
      [cover({})],
      '2027-01-09',
      [{ email: 'jo@example.org', name: 'Jo Bloggs' }],
    ],
    [
      'cover for someone else',
      [cover({ owner: 'kim@example.org' })],
      '2027-01-05',
      [{ email: 'jo@example.org', name: 'Jo Bloggs' }],
    ],
    [
      'two delegates at once',
      [cover({}), cover({ id: 'd2', delegate: 'ali@example.org', delegateName: 'Ali', to: '2027-01-06' })],
      '2027-01-05',
      [
        {
          email: 'sam@example.org',
          name: 'Sam Cover',
          coveringFor: { name: 'Jo Bloggs', email: 'jo@example.org', until: '2027-01-08' },
        },
        {
          email: 'ali@example.org',
          name: 'Ali',
          coveringFor: { name: 'Jo Bloggs', email: 'jo@example.org', until: '2027-01-06' },
        },
      ],
    ],
    [
      'the same delegate named twice (overlapping cover)',
      [cover({}), cover({ id: 'd2', to: '2027-01-20' })],
      '2027-01-05',
      [
        {
          email: 'sam@example.org',
          name: 'Sam Cover',
          coveringFor: { name: 'Jo Bloggs', email: 'jo@example.org', until: '2027-01-08' },
        },
      ],
    ],
  ])('when %s, then the right people receive', (_when, delegations, today, expected) => {
    expect(receiversFor(delegations, JO, today)).toEqual(expected);
  });

  test('when the owner has no address yet, then they are returned as they are, for the caller to list', () => {
    expect(receiversFor([cover({})], { name: 'No Address', email: '' }, '2027-01-05')).toEqual([
      { email: '', name: 'No Address' },
    ]);
  });
});

describe('coveredBy: whom a person covers for today', () => {
  test('when the cover holds, then the owner and its last day; before or after it, nobody', () => {
    expect(coveredBy([cover({})], 'Sam@Example.org', '2027-01-06')).toEqual([
      { owner: 'jo@example.org', until: '2027-01-08' },
    ]);
    expect(coveredBy([cover({})], 'sam@example.org', '2027-01-09')).toEqual([]);
    expect(coveredBy([cover({})], 'jo@example.org', '2027-01-06')).toEqual([]);
  });
});

describe('endedCoverFor: why a delegate’s link no longer lets them in', () => {
  const owners = [{ email: 'jo@example.org' }];
  test.each([
    ['the day after the cover ended', '2026-12-19', '2026-12-18'],
    ['the last day of the cover (still covering)', '2026-12-18', undefined],
    ['before the cover began', '2026-12-01', undefined],
  ])('%s', (_name, today, endedOn) => {
    const ended = endedCoverFor(
      [cover({ from: '2026-12-04', to: '2026-12-18' })],
      owners,
      'SAM@example.org',
      today,
    );
    expect(ended?.to).toBe(endedOn);
  });

  test('the latest of two ended covers, and none for another owner’s action', () => {
    const both = [
      cover({ id: 'd1', from: '2026-10-01', to: '2026-10-10' }),
      cover({ id: 'd2', from: '2026-12-04', to: '2026-12-18' }),
    ];
    expect(endedCoverFor(both, owners, 'sam@example.org', '2027-01-06')?.id).toBe('d2');
    expect(
      endedCoverFor(both, [{ email: 'someone.else@example.org' }], 'sam@example.org', '2027-01-06'),
    ).toBeUndefined();
  });
});
