import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePairKeys, pairKey } from '../../src/resolve/cluster.js';

describe('comparePairKeys', () => {
  it('orders two pairs as their pair keys compare, in either orientation', () => {
    // Short ids over a small alphabet (with the separator itself) make prefixes and ties common.
    const id = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '-', '1', '\u0000', 'é'), maxLength: 4 });
    fc.assert(
      fc.property(id, id, id, id, (xa, xb, ya, yb) => {
        const kx = pairKey(xa, xb);
        const ky = pairKey(ya, yb);
        const expected = kx < ky ? -1 : kx > ky ? 1 : 0;
        expect(Math.sign(comparePairKeys(xa, xb, ya, yb))).toBe(expected);
        expect(Math.sign(comparePairKeys(xb, xa, yb, ya))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives 0 for the same pair and orders by the first record, then the second', () => {
    expect(comparePairKeys('r1', 'r2', 'r2', 'r1')).toBe(0);
    expect(comparePairKeys('r1', 'r9', 'r2', 'r3')).toBeLessThan(0);
    expect(comparePairKeys('r1', 'r3', 'r1', 'r2')).toBeGreaterThan(0);
    expect(comparePairKeys('r1', 'r2', 'r10', 'r2')).toBeLessThan(0);
  });
});
