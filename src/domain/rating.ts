import { assertNever } from './never';

/**
 * Progress ratings. The four-level "quadrant" scale follows the Northumberland JTAI progress report
 * (Appendix A, May 2020); "rag" is the familiar three-level red/amber/green.
 */

export type Rating = 'green' | 'yellow' | 'amber' | 'red';
export type RatingScale = 'quadrant' | 'rag';

export const RATING_SCALES: readonly RatingScale[] = ['quadrant', 'rag'];

/** Best first: the order used in reports and summaries. */
export const RATINGS: readonly Rating[] = ['green', 'yellow', 'amber', 'red'];

export function ratingsOf(scale: RatingScale): readonly Rating[] {
  switch (scale) {
    case 'quadrant':
      return RATINGS;
    case 'rag':
      return ['green', 'amber', 'red'];
    default:
      return assertNever(scale);
  }
}

export function ratingLabel(rating: Rating, scale: RatingScale): string {
  switch (rating) {
    case 'green':
      return scale === 'quadrant' ? 'Good progress, on track' : 'Green: on track';
    case 'yellow':
      return 'Sufficient progress, but needs finalising or some slippage';
    case 'amber':
      return scale === 'quadrant'
        ? 'Moderate or little progress, deadlines far off, ongoing or starting to slip'
        : 'Amber: some risk to delivery';
    case 'red':
      return scale === 'quadrant'
        ? 'Little progress, timescales passed or within two months and unachievable'
        : 'Red: off track';
    default:
      return assertNever(rating);
  }
}

export function ratingName(rating: Rating): string {
  return rating.charAt(0).toUpperCase() + rating.slice(1);
}

/** Higher is worse; used to tell whether a rating worsened. */
export function ratingSeverity(rating: Rating): number {
  return RATINGS.indexOf(rating);
}

const RATING_WORDS = new Map<string, Rating>(
  Object.entries({
    green: 'green',
    g: 'green',
    good: 'green',
    'good progress': 'green',
    'on track': 'green',
    yellow: 'yellow',
    y: 'yellow',
    sufficient: 'yellow',
    'sufficient progress': 'yellow',
    amber: 'amber',
    a: 'amber',
    moderate: 'amber',
    'moderate progress': 'amber',
    red: 'red',
    r: 'red',
    'little progress': 'red',
  } satisfies Record<string, Rating>),
);

/** Reads a rating as spreadsheets write it ("Green", "G", "Good progress"). */
export function parseRating(text: string): Rating | undefined {
  // A Map, not an object: "constructor" or "__proto__" in a cell must not read as a rating.
  return RATING_WORDS.get(text.trim().toLowerCase().replace(/\s+/g, ' '));
}
