/** The rating reports count, the words beside it, a snapshot's round trip, and a round's endorsement. */
import type { Action } from '../../src/domain/action';
import type { AgreedRating } from '../../src/domain/agreed-rating';
import { describeGovernance, endorseRound } from '../../src/domain/endorsement';
import { ValidationError } from '../../src/domain/errors';
import { awaitsAgreement, reportedRating, standingNote, standingOfAction } from '../../src/domain/moderation';
import { actionsOfSnapshot, type Round, snapshotItemOf } from '../../src/domain/monitoring-round';

const chair = { name: 'Sam Chair', email: 'chair@council.gov.uk' };
const agreed = (rating: AgreedRating['rating'], proposal?: AgreedRating['rating']): AgreedRating => ({
  rating,
  commentary: 'Agreed words',
  ...(proposal ? { proposal } : {}),
  agreedBy: chair,
  agreedAt: '2025-05-10T10:00:00.000Z',
});

const action: Action = {
  planId: 'p1',
  id: '2.1',
  areaId: 'A2',
  description: 'Review the screening tool',
  leadAgency: 'Police',
  owners: [{ name: 'Jo', email: 'jo@police.uk' }],
  contributingAgencies: ['Health'],
  baselineDueDate: '2025-06-30',
  currentDueDate: '2025-06-30',
  lifecycle: 'in_progress',
  rating: 'green',
  successMeasure: 'Used in every referral',
  evidenceLinks: ['https://example.org/audit'],
  lastUpdatedAt: '2025-05-01T09:00:00.000Z',
};

type Row = [
  case_: string,
  moderated: Pick<Action, 'rating' | 'lastUpdatedAt' | 'agreed'>,
  reported: string | undefined,
  note: string | undefined,
];

const CASES: Row[] = [
  [
    'a rating stored before moderation (no agreement)',
    { rating: 'green' },
    'green',
    'Proposed: Green, not yet agreed',
  ],
  ['never rated', {}, undefined, undefined],
  [
    'agreed as proposed',
    { rating: 'green', lastUpdatedAt: '2025-05-01T09:00:00.000Z', agreed: agreed('green', 'green') },
    'green',
    undefined,
  ],
  [
    'agreed differently',
    { rating: 'green', lastUpdatedAt: '2025-05-01T09:00:00.000Z', agreed: agreed('amber', 'green') },
    'amber',
    'Agreed (proposed: Green)',
  ],
  [
    'proposed again after the agreement',
    { rating: 'red', lastUpdatedAt: '2025-05-20T09:00:00.000Z', agreed: agreed('amber', 'green') },
    'red',
    'Proposed: Red, not yet agreed (agreed: Amber)',
  ],
  [
    'a note after the agreement, rating unchanged',
    { rating: 'green', lastUpdatedAt: '2025-05-20T09:00:00.000Z', agreed: agreed('amber', 'green') },
    'amber',
    'Agreed (proposed: Green)',
  ],
];

describe('the rating reports count', () => {
  test.each(CASES)('when %s, then it counts %s and says %s', (...[, moderated, reported, note]: Row) => {
    expect(reportedRating(moderated)).toBe(reported);
    expect(standingNote(standingOfAction(moderated))).toBe(note);
    expect(awaitsAgreement(moderated)).toBe(note?.startsWith('Proposed') ?? false);
  });
});

const round: Round = {
  planId: 'p1',
  number: 1,
  status: 'closed',
  openedAt: '2025-04-28T09:00:00.000Z',
  openedOn: '2025-04-28',
  openedBy: { name: 'Pat' },
  responseDue: '2025-05-09',
  requested: [],
  closedAt: '2025-05-12T15:00:00.000Z',
  closedOn: '2025-05-12',
  agreement: {
    group: 'S&CE subgroup',
    by: { name: 'Pat' },
    on: '2025-05-12',
    at: '2025-05-12T15:00:00.000Z',
  },
};

describe('a snapshot', () => {
  test('when an agreed action is frozen and read back, then the agreement, success measure and evidence survive', () => {
    const frozen = { ...action, agreed: agreed('amber', 'green') };
    const item = snapshotItemOf(frozen, round, { note: 'raw', at: '2025-05-01T09:00:00.000Z' });
    expect(item).toMatchObject({
      rating: 'amber',
      proposal: 'green',
      successMeasure: 'Used in every referral',
    });
    const [back] = actionsOfSnapshot('p1', [item]);
    expect(back).toMatchObject({
      rating: 'green',
      agreed: { rating: 'amber', commentary: 'Agreed words' },
      successMeasure: 'Used in every referral',
      evidenceLinks: ['https://example.org/audit'],
      contributingAgencies: ['Health'],
    });
    expect(reportedRating(back!)).toBe('amber');
  });

  test('when a snapshot from before moderation is read back, then its rating counts as it did', () => {
    const [back] = actionsOfSnapshot('p1', [
      { ...snapshotItemOf({ ...action, rating: 'red' }, round, undefined), successMeasure: undefined },
    ]);
    expect(reportedRating(back!)).toBe('red');
    expect(back!.successMeasure).toBe('');
  });
});

describe('endorsing a round', () => {
  const by = { name: 'Pat' };
  const now = new Date('2025-06-10T10:00:00Z');

  test('when the NSCC endorses it, then the report says who agreed it and who endorsed it', () => {
    const endorsed = endorseRound(round, { meeting: 'NSCC', date: '2025-06-03', by }, '2025-06-10', now);
    expect(describeGovernance(endorsed)).toBe(
      'Agreed by the S&CE subgroup on 12 May 2025; endorsed by the NSCC on 3 Jun 2025.',
    );
    expect(describeGovernance(round)).toBe('Agreed by the S&CE subgroup on 12 May 2025.');
  });

  test('when no moderation group is named, then the person who closed it is named', () => {
    const { group: _none, ...agreement } = round.agreement!;
    expect(describeGovernance({ ...round, agreement })).toBe('Agreed by Pat on 12 May 2025.');
  });

  test('when a round closed before agreements were recorded, then nothing is said', () => {
    const { agreement: _none, ...old } = round;
    expect(describeGovernance(old)).toBeUndefined();
  });

  type Bad = [case_: string, input: { meeting: string; date: string }, target: Round, field: string];
  const BAD: Bad[] = [
    ['no meeting', { meeting: ' ', date: '2025-06-03' }, round, 'meeting'],
    ['not a date', { meeting: 'NSCC', date: '3/6/25' }, round, 'date'],
    ['a date to come', { meeting: 'NSCC', date: '2025-06-11' }, round, 'date'],
    ['a date before it closed', { meeting: 'NSCC', date: '2025-05-11' }, round, 'date'],
    ['a round still open', { meeting: 'NSCC', date: '2025-06-03' }, { ...round, status: 'open' }, 'round'],
  ];
  test.each(BAD)('when %s, then it is refused naming the field', (...[, input, target, field]: Bad) => {
    let error: unknown;
    try {
      endorseRound(target, { ...input, by }, '2025-06-10', now);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toContain(field);
  });
});
