import { OmnilinkError } from '../model/errors.js';

/** Pairwise and cluster-level agreement between a predicted clustering and the truth. */
export interface ClusterEvaluation {
  /** Records compared (those with both a predicted and a true cluster). */
  readonly records: number;
  /** Pairs put together that are together in the truth. */
  readonly truePositives: number;
  /** Pairs put together that are apart in the truth. */
  readonly falsePositives: number;
  /** Pairs together in the truth that were left apart. */
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly predictedClusters: number;
  readonly trueClusters: number;
  /** True clusters reproduced exactly. */
  readonly exactClusters: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

function sizes(labels: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const label of labels) out.set(label, (out.get(label) ?? 0) + 1);
  return out;
}

/**
 * Compare a predicted clustering (record -> person) with the truth (record -> true cluster) by
 * pairwise precision, recall and F1, counted in O(n) from the contingency table (never by listing
 * pairs). A pair the predicted side never compared counts as a false negative, as Splink reports it.
 *
 * @example
 * ```ts
 * evaluateClusters(new Map([['a', 'p1'], ['b', 'p1'], ['c', 'p2']]), new Map([['a', 't1'], ['b', 't1'], ['c', 't1']]));
 * // { truePositives: 1, falsePositives: 0, falseNegatives: 2, precision: 1, recall: 0.333…, ... }
 * ```
 */
export function evaluateClusters(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): ClusterEvaluation {
  if (!(predicted instanceof Map) || !(truth instanceof Map)) throw new OmnilinkError('invalid_argument', 'evaluateClusters takes two Maps');
  const pred: string[] = [];
  const real: string[] = [];
  const cell = new Map<string, number>();
  for (const [record, t] of truth) {
    const p = predicted.get(record);
    if (p === undefined) continue;
    pred.push(p);
    real.push(t);
    const key = `${p}\u0000${t}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cell.values()) tp += pairs(n);
  const predSizes = sizes(pred);
  const trueSizes = sizes(real);
  let predPairs = 0;
  for (const n of predSizes.values()) predPairs += pairs(n);
  let truePairs = 0;
  for (const n of trueSizes.values()) truePairs += pairs(n);
  // A true cluster is reproduced exactly when one cell holds all of it and all of its predicted cluster.
  let exact = 0;
  for (const [key, n] of cell) {
    const [p, t] = key.split('\u0000') as [string, string];
    if (predSizes.get(p) === n && trueSizes.get(t) === n) exact++;
  }
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    records: pred.length,
    truePositives: tp,
    falsePositives: predPairs - tp,
    falseNegatives: truePairs - tp,
    precision,
    recall,
    f1,
    predictedClusters: predSizes.size,
    trueClusters: trueSizes.size,
    exactClusters: exact,
  };
}
