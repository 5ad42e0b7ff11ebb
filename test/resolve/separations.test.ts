import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairKey } from '../../src/resolve/cluster.js';
import { Separations } from '../../src/resolve/separations.js';

const ids = Array.from({ length: 10 }, (_, i) => `r${i}`);
/** A subset of the ids, as a side per id (0, 1 or neither). */
const sides = fc.array(fc.constantFrom(0, 1, undefined), { minLength: ids.length, maxLength: ids.length });
const group = fc.subarray(ids);
type Op = { readonly separate: readonly (0 | 1 | undefined)[] } | { readonly lift: readonly string[] };
const op: fc.Arbitrary<Op> = fc.oneof(sides.map((s) => ({ separate: s })), group.map((g) => ({ lift: g })));

/** The same operations on a plain set of pairs. */
function reference(ops: readonly Op[]): Set<string> {
  const pairs = new Set<string>();
  for (const o of ops) {
    if ('separate' in o) {
      for (let i = 0; i < ids.length; i++) for (let j = 0; j < ids.length; j++) if (o.separate[i] === 0 && o.separate[j] === 1) pairs.add(pairKey(ids[i]!, ids[j]!));
    } else for (const x of o.lift) for (const y of o.lift) pairs.delete(pairKey(x, y));
  }
  return pairs;
}

function run(ops: readonly Op[]): Separations {
  const s = new Separations();
  for (const o of ops) {
    if ('separate' in o) s.separate(ids.filter((_, i) => o.separate[i] === 0), ids.filter((_, i) => o.separate[i] === 1));
    else s.lift(o.lift);
  }
  return s;
}

function relation(s: Separations): Set<string> {
  const out = new Set<string>();
  for (const x of ids) for (const y of ids) if (s.apart(x, y)) out.add(pairKey(x, y));
  return out;
}

describe('Separations', () => {
  it('keeps apart exactly the pairs that separating then lifting keeps apart, pair by pair', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const s = run(ops);
        expect(relation(s)).toEqual(reference(ops));
        // A record's tags say the same as apart().
        for (const x of ids) for (const y of ids) expect([...s.of(x)].some(([id, side]) => s.of(y).get(id) === 1 - side)).toBe(s.apart(x, y));
      }),
      { numRuns: 1500 },
    );
  });

  it('lists separations that rebuild the same relation, and lists them the same way again', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const s = run(ops);
        const copy = new Separations();
        for (const [l, r] of s.list()) copy.separate(l, r);
        expect(relation(copy)).toEqual(relation(s));
        expect(copy.list()).toEqual(s.list());
        for (const [l, r] of s.list()) {
          expect(l.length).toBeGreaterThan(0);
          expect(r.length).toBeGreaterThan(0);
          expect(l.filter((x) => r.includes(x))).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a split of n records from m as one separation of n + m entries, and lifts one pair of it', () => {
    const s = new Separations();
    const left = Array.from({ length: 2000 }, (_, i) => `a${i}`);
    const right = Array.from({ length: 2000 }, (_, i) => `b${i}`);
    s.separate(left, right);
    expect(s.size).toBe(1);
    expect(s.apart('a5', 'b7')).toBe(true);
    s.lift(['a5', 'b7']);
    expect(s.apart('a5', 'b7')).toBe(false);
    expect(s.apart('a5', 'b8')).toBe(true);
    expect(s.apart('a6', 'b7')).toBe(true);
    expect(s.size).toBe(2);
    expect(s.list().reduce((n, [l, r]) => n + l.length + r.length, 0)).toBeLessThanOrEqual(2 * 4000);
  });
});
