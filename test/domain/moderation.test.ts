import type { AgreedRating } from '../../src/domain/agreed-rating';
import { ValidationError } from '../../src/domain/errors';
import {
  agreeRating,
  moderationFlagLabel,
  moderationFlags,
  ratingStanding,
} from '../../src/domain/moderation';

const NOW = new Date('2027-05-01T10:00:00Z');
const chair = { name: 'Sam Chair', email: 'chair@council.gov.uk' };

describe('agreeing a rating', () => {
  test('when no rating is given, then the proposal is agreed as it stands', () => {
    expect(
      agreeRating({ rating: 'amber' }, 'quadrant', { commentary: ' Strategy drafted. ', by: chair }, NOW),
    ).toEqual({
      rating: 'amber',
      commentary: 'Strategy drafted.',
      proposal: 'amber',
      agreedBy: chair,
      agreedAt: NOW.toISOString(),
    });
  });

  test('when the moderator sets a different rating, then both are kept', () => {
    const agreed = agreeRating(
      { rating: 'green' },
      'quadrant',
      { rating: 'yellow', commentary: 'Slipping', by: chair },
      NOW,
    );
    expect([agreed.rating, agreed.proposal]).toEqual(['yellow', 'green']);
  });

  test('when there is nothing to agree, no commentary, or a rating off the scale, then every reason is given', () => {
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => `${i.field}: ${i.reason}`);
      }
      throw new Error('expected a refusal');
    };
    expect(attempt(() => agreeRating({}, 'quadrant', { commentary: '', by: chair }, NOW))).toEqual([
      'rating: there is no proposal to agree: choose a rating',
      'commentary: is required: it is what the paper says',
    ]);
    expect(
      attempt(() =>
        agreeRating({ rating: 'green' }, 'rag', { rating: 'yellow', commentary: 'x', by: chair }, NOW),
      ),
    ).toEqual(["rating: is not on this plan's scale (green, amber, red)"]);
    expect(
      attempt(() =>
        agreeRating({ rating: 'green' }, 'rag', { commentary: 'x'.repeat(2001), by: chair }, NOW),
      ),
    ).toHaveLength(1);
  });
});

describe('the rating reports use', () => {
  const agreed: AgreedRating = {
    rating: 'yellow',
    proposal: 'green',
    commentary: 'Slipping',
    agreedBy: chair,
    agreedAt: '2027-05-01T10:00:00.000Z',
  };

  test('when agreed, then the agreed rating, with the differing proposal', () => {
    expect(ratingStanding({ rating: 'green', lastUpdatedAt: '2027-04-20T09:00:00.000Z' }, agreed)).toEqual({
      status: 'agreed',
      rating: 'yellow',
      proposal: 'green',
      differs: true,
    });
  });

  test('when the owner proposes a new rating after the agreement, then it shows as proposed beside the agreed one', () => {
    expect(ratingStanding({ rating: 'red', lastUpdatedAt: '2027-05-02T09:00:00.000Z' }, agreed)).toEqual({
      status: 'proposed',
      rating: 'red',
      agreed: 'yellow',
    });
  });

  test('when the owner only adds a note after the agreement, then the agreement stands', () => {
    expect(
      ratingStanding({ rating: 'green', lastUpdatedAt: '2027-05-02T09:00:00.000Z' }, agreed).status,
    ).toBe('agreed');
  });

  test('when never agreed, then the proposal is shown as proposed; with no rating, unrated', () => {
    expect(ratingStanding({ rating: 'amber' }, undefined)).toEqual({ status: 'proposed', rating: 'amber' });
    expect(ratingStanding({}, undefined)).toEqual({ status: 'unrated' });
  });
});

describe('moderation flags', () => {
  const context = { roundOpenedAt: '2027-04-01T09:00:00.000Z', today: '2027-04-20' };

  test('when an overdue action is proposed green and not updated this round, then all three flags show', () => {
    const action = {
      rating: 'green' as const,
      lifecycle: 'in_progress' as const,
      currentDueDate: '2027-04-10',
      lastUpdatedAt: '2027-03-15T09:00:00.000Z',
    };
    const flags = moderationFlags(action, context);
    expect(flags).toEqual(['overdue-proposed-green', 'no-update-this-round', 'due-date-passed']);
    expect(flags.map((f) => moderationFlagLabel(f, action, context.today))).toEqual([
      'Overdue but proposed green',
      'No update this round',
      'Due date passed 10 days ago',
    ]);
  });

  test('when an action is complete, then it raises no flags', () => {
    expect(
      moderationFlags({ rating: 'green', lifecycle: 'complete', currentDueDate: '2027-04-10' }, context),
    ).toEqual([]);
  });

  test('when the owner proposes worse than was agreed, then it is flagged', () => {
    const agreed: AgreedRating = {
      rating: 'green',
      commentary: 'On track',
      agreedBy: chair,
      agreedAt: '2027-04-05T09:00:00.000Z',
    };
    expect(
      moderationFlags(
        {
          rating: 'red',
          lifecycle: 'in_progress',
          currentDueDate: '2027-06-30',
          lastUpdatedAt: '2027-04-10T09:00:00.000Z',
        },
        { ...context, agreed },
      ),
    ).toEqual(['worse-than-agreed']);
  });
});
