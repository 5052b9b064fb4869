/**
 * Runs `work` over `items`, at most `limit` at a time. Sends wait on Teams and reads on storage, so a few
 * at once is much faster than one by one, while the notifier's pacing keeps within Teams' rate limits.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
