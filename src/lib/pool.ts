/**
 * Maps `items` through `task` with at most `limit` running at once, keeping the input order. With
 * `staggerMs`, the first tasks start that far apart instead of in one burst.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  staggerMs = 0,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (_: unknown, slot: number) => {
    if (staggerMs > 0 && slot > 0) await new Promise((resolve) => setTimeout(resolve, slot * staggerMs));
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
