import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/db/statements';

describe('rows as JSON parameters', () => {
  it('splits rows so no chunk passes the limit, keeping every row once and in order', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => [`monitor-${i}`, 'x'.repeat(i % 50)]);
    const chunks = jsonChunks(rows, 2_000);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2_000);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(rows);
  });

  it('gives no chunk for no rows, and one for rows that fit', () => {
    expect(jsonChunks([])).toEqual([]);
    expect(jsonChunks([[1], [2]])).toEqual(['[[1],[2]]']);
  });
});
