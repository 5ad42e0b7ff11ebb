import type { ContactRecord, ScoredLink } from '../src/index.js';

/** Pairwise precision / recall / F1. */
export interface PairMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

function metrics(tp: number, predicted: number, truth: number): PairMetrics {
  const precision = predicted > 0 ? tp / predicted : 1;
  const recall = truth > 0 ? tp / truth : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePositives: tp, falsePositives: predicted - tp, falseNegatives: truth - tp };
}

/** Pairs among `ids` that count: all pairs, or only pairs across sources when linking. */
function pairCount(ids: readonly string[], sourceOf: (id: string) => string, link: boolean): number {
  const n = ids.length;
  if (!link) return (n * (n - 1)) / 2;
  const bySource = new Map<string, number>();
  for (const id of ids) bySource.set(sourceOf(id), (bySource.get(sourceOf(id)) ?? 0) + 1);
  let same = 0;
  for (const k of bySource.values()) same += (k * (k - 1)) / 2;
  return (n * (n - 1)) / 2 - same;
}

export interface Evaluation {
  readonly threshold: number;
  readonly links: PairMetrics;
  readonly clusters: PairMetrics & { readonly predictedClusters: number; readonly trueClusters: number; readonly exactClusters: number };
}

/**
 * Pairwise metrics of links above `threshold` (pairs blocking never compared count as false
 * negatives), and of the connected components of those links (cluster metrics).
 */
export function evaluate(records: readonly Pick<ContactRecord, 'id' | 'source'>[], truth: ReadonlyMap<string, string> | ((id: string) => string), links: readonly ScoredLink[], threshold: number, link: boolean): Evaluation {
  const sourceOf = new Map(records.map((r) => [r.id, r.source ?? ''] as const));
  const src = (id: string): string => sourceOf.get(id) ?? '';
  const entity = typeof truth === 'function' ? truth : (id: string): string => truth.get(id) ?? `?${id}`;
  // Truth pairs.
  const byEntity = new Map<string, string[]>();
  for (const r of records) {
    const e = entity(r.id);
    const list = byEntity.get(e) ?? [];
    list.push(r.id);
    byEntity.set(e, list);
  }
  let truePairs = 0;
  for (const ids of byEntity.values()) truePairs += pairCount(ids, src, link);
  // Links.
  const kept = links.filter((l) => l.probability >= threshold);
  let tp = 0;
  for (const l of kept) if (entity(l.a) === entity(l.b)) tp++;
  const linkMetrics = metrics(tp, kept.length, truePairs);
  // Connected components.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r) ?? r;
    let y = x;
    while (parent.get(y) !== undefined && parent.get(y) !== r) {
      const next = parent.get(y) ?? r;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const r of records) parent.set(r.id, r.id);
  for (const l of kept) {
    const a = find(l.a);
    const b = find(l.b);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const comps = new Map<string, string[]>();
  for (const r of records) {
    const c = find(r.id);
    const list = comps.get(c) ?? [];
    list.push(r.id);
    comps.set(c, list);
  }
  let predicted = 0;
  let ctp = 0;
  let exact = 0;
  for (const ids of comps.values()) {
    predicted += pairCount(ids, src, link);
    const cells = new Map<string, string[]>();
    for (const id of ids) {
      const list = cells.get(entity(id)) ?? [];
      list.push(id);
      cells.set(entity(id), list);
    }
    for (const cell of cells.values()) ctp += pairCount(cell, src, link);
    const only = cells.size === 1 ? [...cells.keys()][0] : undefined;
    if (only !== undefined && (byEntity.get(only)?.length ?? 0) === ids.length) exact++;
  }
  return {
    threshold,
    links: linkMetrics,
    clusters: { ...metrics(ctp, predicted, truePairs), predictedClusters: comps.size, trueClusters: byEntity.size, exactClusters: exact },
  };
}
