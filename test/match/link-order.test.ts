import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByWeightDescending } from '../../src/match/_kernel.js';

/** The order toLinks documents: weight descending, then a, then b (a comparator sort). */
function byComparator(a: Int32Array, b: Int32Array, w: Float64Array): number[] {
  return Array.from({ length: a.length }, (_, k) => k).sort((x, y) => w[y]! - w[x]! || a[x]! - a[y]! || b[x]! - b[y]!);
}

const weightArb = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, -2.5, 1e-300, -1e-300, 5e-324, -5e-324, 60, -60, 1e300, -1e300),
  fc.double({ min: -80, max: 80, noNaN: true }),
);

describe('sortByWeightDescending', () => {
  it('orders pairs exactly as the comparator sort: weight descending, then rows (ties and -0 included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 70_000 }), fc.nat({ max: 200_000 }), weightArb), { maxLength: 300 }),
        (rows) => {
          const a = Int32Array.from(rows, (r) => r[0]);
          const b = Int32Array.from(rows, (r) => r[1]);
          const w = Float64Array.from(rows, (r) => r[2]);
          expect([...sortByWeightDescending(a, b, w, rows.length, 0)]).toEqual(byComparator(a, b, w)); // radix
          expect([...sortByWeightDescending(a, b, w, rows.length)]).toEqual(byComparator(a, b, w)); // comparator (few pairs)
        },
      ),
      { numRuns: 300 },
    );
  });
  it('keeps the input order of fully equal pairs (stable)', () => {
    const a = Int32Array.of(3, 3, 1);
    const b = Int32Array.of(4, 4, 9);
    const w = Float64Array.of(1, 1, 1);
    expect([...sortByWeightDescending(a, b, w, 3, 0)]).toEqual([2, 0, 1]);
    expect([...sortByWeightDescending(a, b, w, 3)]).toEqual([2, 0, 1]);
  });
});
