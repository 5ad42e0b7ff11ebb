import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClusterContext, type Link, clusterComponent, comparePairKeys, pairKey } from '../../src/resolve/cluster.js';

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

describe('clusterComponent', () => {
  /** What keeps records apart given as separations (id -> side per record), for `ClusterContext.apartOf`. */
  const tagsOf = (separations: readonly (readonly [readonly string[], readonly string[]])[]): ((id: string) => ReadonlyMap<number, 0 | 1>) => {
    const tags = new Map<string, Map<number, 0 | 1>>();
    separations.forEach(([left, right], i) => {
      for (const [side, ids] of [[0, left], [1, right]] as const) for (const id of ids) (tags.get(id) ?? tags.set(id, new Map()).get(id)!).set(i, side);
    });
    return (id) => tags.get(id) ?? new Map();
  };

  // A split keeps its two sides apart as one separation; clustering checks the separations two
  // groups share. The outcome, reasons included (the first pair kept apart in member order), is the
  // same as when every pair is given as a separation of its own.
  it('refuses the same joins for the same reasons whether records are kept apart pair by pair or by whole separations', () => {
    const n = 12;
    const ids = Array.from({ length: n }, (_, i) => `r${String(i).padStart(2, '0')}`);
    const pair = fc.tuple(fc.nat(n - 1), fc.nat(n - 1));
    // Each separation: a side per record (0, 1 or none), at most 3 separations.
    const separation = fc.array(fc.constantFrom(0, 1, undefined, undefined), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pair, fc.constantFrom(0.6, 0.8, 0.99), fc.boolean(), fc.boolean(), fc.boolean()), { maxLength: 30 }),
        fc.array(pair, { maxLength: 5 }),
        fc.array(separation, { maxLength: 3 }),
        fc.array(fc.array(fc.tuple(fc.constantFrom('crm:', 'card:'), fc.constantFrom('1', '2')), { maxLength: 2 }), { minLength: n, maxLength: n }),
        fc.array(pair, { maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (raw, forced, sides, unique, conflicts, maxChecks) => {
          const links: Link[] = [];
          const seen = new Set<string>();
          for (const [[a, b], probability, isUnique, conflict, nameOnly] of raw) {
            if (a === b || seen.has(pairKey(ids[a]!, ids[b]!))) continue;
            seen.add(pairKey(ids[a]!, ids[b]!));
            links.push({ a: ids[a]!, b: ids[b]!, probability, weight: probability * 10, conflict, unique: isUnique, ...(nameOnly ? { nameOnly: true, contradiction: false } : {}) });
          }
          const whole = sides.map((s) => [ids.filter((_, i) => s[i] === 0), ids.filter((_, i) => s[i] === 1)] as const);
          const pairs = whole.flatMap(([left, right]) => left.flatMap((x) => right.map((y) => [[x], [y]] as const)));
          const conflicting = new Set(conflicts.map(([a, b]) => pairKey(ids[a]!, ids[b]!)));
          const values = ids.map((_, i) => new Map(unique[i]!));
          const ctx: ClusterContext = {
            forced: forced.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a]!, ids[b]!] as const),
            uniqueValues: (id) => values[ids.indexOf(id)]!,
            conflict: (a, b) => (conflicting.has(pairKey(a, b)) ? 'differ' : undefined),
            maxChecks,
            ambiguityMargin: 2,
            nameOnlyThreshold: 0.7,
            contradicts: () => false,
          };
          const byPairs = clusterComponent(ids, links, { ...ctx, apartOf: tagsOf(pairs) });
          expect(clusterComponent(ids, links, { ...ctx, apartOf: tagsOf(whole) })).toEqual(byPairs);
          const apart = new Set(pairs.map(([[x], [y]]) => pairKey(x!, y!)));
          for (const { reason } of byPairs.refused) {
            const clash = /^two different \S+ values \((\S+), (\S+)\)$/.exec(reason);
            if (clash) expect(clash[1]).not.toBe(clash[2]);
            const kept = /^unlinked by an agent: (\S+) and (\S+)$/.exec(reason);
            if (kept) expect(apart.has(pairKey(kept[1]!, kept[2]!))).toBe(true);
          }
          // Only manual links join records kept apart.
          if (ctx.forced.length === 0) for (const g of byPairs.groups) for (const x of g) for (const y of g) expect(apart.has(pairKey(x, y))).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reports the first clash of unique values in member order, left group first', () => {
    const values: Record<string, Map<string, string>> = {
      a: new Map([['crm:', '1']]),
      b: new Map(),
      c: new Map([['card:', '7'], ['crm:', '2']]),
      d: new Map([['crm:', '3']]),
    };
    const ctx: ClusterContext = { forced: [['a', 'b'], ['c', 'd']], uniqueValues: (id) => values[id]!, conflict: () => undefined, maxChecks: 100, ambiguityMargin: 2 };
    const link: Link = { a: 'b', b: 'd', probability: 0.9, weight: 5, conflict: false, unique: false };
    const result = clusterComponent(['a', 'b', 'c', 'd'], [link], ctx);
    expect(result.refused).toEqual([{ link, reason: 'two different crm: values (1, 2)' }]);
    expect(clusterComponent(['a', 'b', 'c', 'd'], [link], { ...ctx, apartOf: tagsOf([[['b'], ['d']]]) }).refused).toEqual([
      { link, reason: 'unlinked by an agent: b and d' },
    ]);
  });
});
