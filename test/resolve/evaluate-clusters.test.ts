import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateClusters } from '../../src/resolve/evaluate-clusters.js';

// Brute force over all pairs, to check the O(n) contingency computation.
function bruteForce(pred: Map<string, string>, truth: Map<string, string>) {
  const ids = [...truth.keys()].filter((id) => pred.has(id));
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const p = pred.get(ids[i]!) === pred.get(ids[j]!);
      const t = truth.get(ids[i]!) === truth.get(ids[j]!);
      if (p && t) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
  }
  return { tp, fp, fn };
}

describe('evaluateClusters', () => {
  it('counts pairs from the contingency table exactly as brute force does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 30 }), (labels) => {
        const pred = new Map(labels.map(([p], i) => [`r${i}`, `p${p}`]));
        const truth = new Map(labels.map(([, t], i) => [`r${i}`, `t${t}`]));
        const e = evaluateClusters(pred, truth);
        const b = bruteForce(pred, truth);
        expect([e.truePositives, e.falsePositives, e.falseNegatives]).toEqual([b.tp, b.fp, b.fn]);
      }),
    );
  });

  it('reports precision, recall, F1 and exact clusters', () => {
    const e = evaluateClusters(
      new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '3']]),
      new Map([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', 'y']]),
    );
    expect(e).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 1, precision: 1, recall: 0.5, predictedClusters: 3, trueClusters: 2, exactClusters: 1 });
    expect(e.f1).toBeCloseTo(2 / 3);
  });
});
