/**
 * Ids for append-only rows. The inverted millisecond timestamp makes the newest sort first in a
 * table's key order; the random part keeps two entries in the same millisecond apart.
 */
const MAX_MS = 9_999_999_999_999;

export function newestFirstId(now: Date, random: () => number): string {
  const inverted = String(MAX_MS - now.getTime()).padStart(13, '0');
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${inverted}-${suffix}`;
}
