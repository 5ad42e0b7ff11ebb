import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from '../../src/internal/union-find.js';

describe('UnionFind', () => {
  it('puts strings joined by a chain of unions in one set, rooted at its smallest member', () => {
    const sets = new UnionFind();
    sets.union('c', 'd');
    sets.union('d', 'b');
    sets.union('x', 'y');
    expect(['b', 'c', 'd'].map((s) => sets.find(s))).toEqual(['b', 'b', 'b']);
    expect(sets.find('y')).toBe('x');
    expect(sets.find('never-added')).toBe('never-added');
  });

  it('gives the sets of the connected components, whatever the order of the unions', () => {
    const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    fc.assert(
      fc.property(fc.array(fc.tuple(node, node), { maxLength: 12 }), (pairs) => {
        // The components by repeated relaxation: each node's set is the smallest node it reaches.
        const reach = new Map(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => [n, n]));
        for (let changed = true; changed; ) {
          changed = false;
          for (const [x, y] of pairs) {
            const m = reach.get(x)! < reach.get(y)! ? reach.get(x)! : reach.get(y)!;
            for (const n of [x, y]) {
              if (reach.get(n) === m) continue;
              reach.set(n, m);
              changed = true;
            }
          }
        }
        for (const order of [pairs, [...pairs].reverse()]) {
          const sets = new UnionFind();
          for (const [x, y] of order) sets.union(x, y);
          for (const [n, root] of reach) expect(sets.find(n)).toBe(root);
        }
      }),
    );
  });
});
