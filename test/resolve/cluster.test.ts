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
  // Joins read forbidden pairs from the records' lists (forbiddenWith) and unique values from
  // per-group summaries; the outcome, reasons included, is what a scan of every pair gives.
  it('refuses the same joins for the same reasons with and without forbiddenWith, naming the first pair in member order', () => {
    const n = 12;
    const ids = Array.from({ length: n }, (_, i) => `r${String(i).padStart(2, '0')}`);
    const pair = fc.tuple(fc.nat(n - 1), fc.nat(n - 1));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pair, fc.constantFrom(0.6, 0.8, 0.99), fc.boolean(), fc.boolean(), fc.boolean()), { maxLength: 30 }),
        fc.array(pair, { maxLength: 5 }),
        fc.array(pair, { maxLength: 6 }),
        fc.array(fc.array(fc.tuple(fc.constantFrom('crm:', 'card:'), fc.constantFrom('1', '2')), { maxLength: 2 }), { minLength: n, maxLength: n }),
        fc.array(pair, { maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (raw, forced, unlinked, unique, conflicts, maxChecks) => {
          const links: Link[] = [];
          const seen = new Set<string>();
          for (const [[a, b], probability, isUnique, conflict, nameOnly] of raw) {
            if (a === b || seen.has(pairKey(ids[a]!, ids[b]!))) continue;
            seen.add(pairKey(ids[a]!, ids[b]!));
            links.push({ a: ids[a]!, b: ids[b]!, probability, weight: probability * 10, conflict, unique: isUnique, ...(nameOnly ? { nameOnly: true, contradiction: false } : {}) });
          }
          const forbidden = new Set(unlinked.map(([a, b]) => pairKey(ids[a]!, ids[b]!)));
          const partners = new Map<string, string[]>();
          for (const [a, b] of unlinked) {
            (partners.get(ids[a]!) ?? partners.set(ids[a]!, []).get(ids[a]!)!).push(ids[b]!);
            (partners.get(ids[b]!) ?? partners.set(ids[b]!, []).get(ids[b]!)!).push(ids[a]!);
          }
          const conflicting = new Set(conflicts.map(([a, b]) => pairKey(ids[a]!, ids[b]!)));
          const values = ids.map((_, i) => new Map(unique[i]!));
          const ctx: ClusterContext = {
            forced: forced.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a]!, ids[b]!] as const),
            forbidden: (a, b) => forbidden.has(pairKey(a, b)),
            uniqueValues: (id) => values[ids.indexOf(id)]!,
            conflict: (a, b) => (conflicting.has(pairKey(a, b)) ? 'differ' : undefined),
            maxChecks,
            ambiguityMargin: 2,
            nameOnlyThreshold: 0.7,
            contradicts: () => false,
          };
          const scanned = clusterComponent(ids, links, ctx);
          expect(clusterComponent(ids, links, { ...ctx, forbiddenWith: (id) => partners.get(id) ?? [] })).toEqual(scanned);
          for (const { reason } of scanned.refused) {
            const clash = /^two different \S+ values \((\S+), (\S+)\)$/.exec(reason);
            if (clash) expect(clash[1]).not.toBe(clash[2]);
          }
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
    const ctx: ClusterContext = { forced: [['a', 'b'], ['c', 'd']], forbidden: () => false, forbiddenWith: () => [], uniqueValues: (id) => values[id]!, conflict: () => undefined, maxChecks: 100, ambiguityMargin: 2 };
    const link: Link = { a: 'b', b: 'd', probability: 0.9, weight: 5, conflict: false, unique: false };
    const result = clusterComponent(['a', 'b', 'c', 'd'], [link], ctx);
    expect(result.refused).toEqual([{ link, reason: 'two different crm: values (1, 2)' }]);
    expect(clusterComponent(['a', 'b', 'c', 'd'], [link], { ...ctx, forbidden: (x, y) => pairKey(x, y) === pairKey('b', 'd'), forbiddenWith: (id) => (id === 'b' ? ['d'] : id === 'd' ? ['b'] : []) }).refused).toEqual([
      { link, reason: 'unlinked by an agent: b and d' },
    ]);
  });
});
