/**
 * How a rating is shown: always its word, with a symbol and (in styles.css) a border pattern as well as
 * a colour, so colour is never the only cue.
 */
import type { TabRating } from '../http/dashboard-api/api-types.js';
import { h } from './dom.js';

export type RatingKey = TabRating | 'unrated';

export const UNRATED_NAME = 'Not yet rated';

const SYMBOLS: Record<RatingKey, string> = {
  green: '✓',
  yellow: '◐',
  amber: '▲',
  red: '✕',
  unrated: '○',
};

export function ratingSymbol(rating: RatingKey): string {
  return SYMBOLS[rating];
}

/** A badge such as "✕ Red": the symbol is decoration for sighted readers, the word is the rating. */
export function ratingBadge(rating: RatingKey, name: string): HTMLSpanElement {
  return h(
    'span',
    { class: `badge rating-badge rating-${rating}` },
    h('span', { class: 'rating-symbol', 'aria-hidden': 'true' }, ratingSymbol(rating)),
    ` ${name}`,
  );
}
