/**
 * A rating as moderation agreed it. A leaf of its own because an action carries its agreed rating and
 * moderation.ts reads actions: each imports this instead of the other.
 */
import type { Rating } from './rating';

export interface AgreedRating {
  rating: Rating;
  /** The words for the paper: what the subgroup agreed about progress. */
  commentary: string;
  /** The owner's proposal this agreement looked at (absent when there was none). */
  proposal?: Rating;
  agreedBy: { name: string; email: string };
  agreedAt: string;
}
