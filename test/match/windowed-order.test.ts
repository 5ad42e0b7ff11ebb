import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODE_WINDOW, buildBlocks } from '../../src/match/_block-engine.js';

/** One rule, every row sharing one key: a single oversized block, compared by window. */
function windowedBlock(rows: number, signature: (row: number) => number): number[] {
  const s = buildBlocks({
    rows,
    ruleNames: ['all'],
    keysOf: (_rule, _row, out) => out.push(12345),
    keyStringsOf: (_rule, _row, out) => out.push('k'),
    signature,
    maxBlockPairs: 10,
    window: 3,
    maxWindowedBlockSize: 100_000,
    maxRulePairs: Number.POSITIVE_INFINITY,
  });
  expect(s.blockCount).toBe(1);
  expect(s.blockMode[0]).toBe(MODE_WINDOW);
  return [...s.members];
}

const bySignatureThenRow = (rows: number, signature: (row: number) => number): number[] =>
  Array.from({ length: rows }, (_, r) => r).sort((x, y) => signature(x) - signature(y) || x - y);

describe('windowed blocks', () => {
  it('order their members by signature, then row, large blocks (radix sort) as small ones (comparator)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 1500 }), fc.array(fc.integer({ min: 0, max: 2 ** 53 - 1 }), { minLength: 1, maxLength: 40 }), (rows, pool) => {
        // Few distinct keys: many ties, broken by row.
        const signature = (row: number): number => pool[(row * 7919) % pool.length] ?? 0;
        expect(windowedBlock(rows, signature)).toEqual(bySignatureThenRow(rows, signature));
      }),
      { numRuns: 40 },
    );
  });
  it('fall back to the comparator for signatures that are not integers below 2^53', () => {
    const signature = (row: number): number => ((row * 37) % 101) / 7 - 3;
    expect(windowedBlock(600, signature)).toEqual(bySignatureThenRow(600, signature));
  });
});
