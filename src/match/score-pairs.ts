import { enumeratePairs } from './_block-engine.js';
import { type BoundModel, type TfSource, bindModel, scoreRow } from './_scorer.js';
import type { CandidatePairs } from './block.js';
import type { MatchModel } from './match-model.js';
import type { PreparedRecords } from './prepare-records.js';

/** Scored pairs in columns: rows `a[k]`, `b[k]` and their match weight. */
export interface ScoredPairs {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly weight: Float64Array;
  readonly length: number;
}

/**
 * Match weights of given pairs of rows of prepared records (`b` rows of `other` when given).
 *
 * @example
 * ```ts
 * const w = scorePairs(prepared, model, Int32Array.of(0, 0), Int32Array.of(1, 2));
 * w[0]; // match weight of rows 0 and 1
 * ```
 */
export function scorePairs(
  prepared: PreparedRecords,
  model: MatchModel,
  a: Int32Array,
  b: Int32Array,
  other?: PreparedRecords,
  tfSource?: TfSource,
): Float64Array {
  const bound = bindModel(model, prepared, other ?? prepared, tfSource ?? (other === undefined ? 'data' : 'model'));
  const out = new Float64Array(Math.min(a.length, b.length));
  for (let k = 0; k < out.length; k++) out[k] = scoreRow(bound, a[k] ?? 0, b[k] ?? 0);
  return out;
}

/** Options of {@link scoreCandidates}. */
export interface ScoreCandidatesOptions {
  /** Keep pairs whose weight is at least this. @defaultValue -Infinity (keep all) */
  readonly minWeight?: number;
  /** Blocks to score (a slice, to split the work). @defaultValue all */
  readonly fromBlock?: number;
  readonly toBlock?: number;
  /**
   * The model already bound to these records (see `bindModel`), reused across slices: binding
   * allocates term-frequency caches and comparison memos sized by the value pools.
   * @internal
   */
  readonly bound?: BoundModel;
}

/**
 * Score the candidate pairs of (a slice of) the blocks — the pure unit of work the worker pool
 * runs on each core. Pairs under `minWeight` are dropped as they are scored, so memory follows the
 * links kept, not the comparisons made.
 *
 * @example
 * ```ts
 * const scored = scoreCandidates(prepared, model, block(prepared, model.blocking), { minWeight: 0 });
 * scored.length; // pairs with weight >= 0
 * ```
 */
export function scoreCandidates(
  prepared: PreparedRecords,
  model: MatchModel,
  candidates: CandidatePairs,
  options?: ScoreCandidatesOptions,
): ScoredPairs & { readonly compared: number } {
  const bound = options?.bound ?? bindModel(model, prepared);
  const minWeight = options?.minWeight ?? Number.NEGATIVE_INFINITY;
  let cap = 1024;
  let outA = new Int32Array(cap);
  let outB = new Int32Array(cap);
  let outW = new Float64Array(cap);
  let length = 0;
  let compared = 0;
  const sink = (a: Int32Array, b: Int32Array, _mask: Int32Array, n: number): void => {
    compared += n;
    for (let k = 0; k < n; k++) {
      const x = a[k] ?? 0;
      const y = b[k] ?? 0;
      const w = scoreRow(bound, x, y);
      if (w < minWeight) continue;
      if (length === cap) {
        cap *= 2;
        const na = new Int32Array(cap);
        na.set(outA);
        outA = na;
        const nb = new Int32Array(cap);
        nb.set(outB);
        outB = nb;
        const nw = new Float64Array(cap);
        nw.set(outW);
        outW = nw;
      }
      outA[length] = x;
      outB[length] = y;
      outW[length] = w;
      length++;
    }
  };
  enumeratePairs(candidates.structure, options?.fromBlock ?? 0, options?.toBlock ?? candidates.structure.blockCount, sink, undefined, false);
  return { a: outA.slice(0, length), b: outB.slice(0, length), weight: outW.slice(0, length), length, compared };
}
