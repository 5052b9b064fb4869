import { type Rating, ratingName } from '../domain/rating';

export const RATING_SYMBOL: Record<Rating, string> = { green: '🟩', yellow: '🟨', amber: '🟧', red: '🟥' };

/** Colour plus the word: colour is never the only cue. */
export function ratingText(rating: Rating | undefined): string {
  return rating ? `${RATING_SYMBOL[rating]} ${ratingName(rating)}` : '⬜ Not rated';
}
