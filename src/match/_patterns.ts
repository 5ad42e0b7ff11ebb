import { enumeratePairs } from './_block-engine.js';
import { type BoundModel, levelsOf } from './_scorer.js';
import type { CandidatePairs } from './block.js';

/**
 * Comparison vectors of candidate pairs, aggregated: EM runs over distinct patterns (levels of
 * every comparison + the mask of blocking rules that found the pair) with their counts, which is
 * what makes it fast on millions of pairs.
 *
 * @internal
 */
export interface Patterns {
  readonly comparisons: number;
  readonly count: number;
  /** `count × comparisons` levels. */
  readonly levels: Uint8Array;
  readonly masks: Int32Array;
  /** Pairs per pattern, scaled back up by the sampling rate. */
  readonly weights: Float64Array;
  /** Candidate pairs visited (sampled or not). */
  readonly visited: number;
  readonly sampled: number;
  readonly rate: number;
}

function mix(a: number, b: number, seed: number): number {
  let h = Math.imul(a ^ seed, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Collect the patterns of (a deterministic sample of at most about `maxPairs` of) the candidate pairs. */
export function collectPatterns(bound: BoundModel, candidates: CandidatePairs, maxPairs: number, seed: number): Patterns {
  const c = bound.comparisons.length;
  let estimate = 0;
  for (const n of candidates.structure.rulePairs) estimate += n;
  const rate = estimate > maxPairs ? maxPairs / estimate : 1;
  const threshold = rate * 4294967296;
  const index = new Map<string | number, number>();
  // Numeric keys when levels and mask fit in 53 bits, strings otherwise.
  const radix = bound.comparisons.map((x) => x.levelCount);
  let space = 2 ** candidates.ruleNames.length;
  for (const r of radix) space *= r;
  const numeric = space < 2 ** 53;
  let levels = new Uint8Array(1024 * c);
  let masks = new Int32Array(1024);
  let weights = new Float64Array(1024);
  let count = 0;
  let visited = 0;
  let sampled = 0;
  const row = new Uint8Array(c);
  const sink = (a: Int32Array, b: Int32Array, mask: Int32Array, length: number): void => {
    visited += length;
    for (let k = 0; k < length; k++) {
      const x = a[k] ?? 0;
      const y = b[k] ?? 0;
      if (rate < 1 && sampleBlocks === false && mix(x, y, seed) >= threshold) continue;
      sampled++;
      levelsOf(bound, x, y, row, 0);
      const m = mask[k] ?? 0;
      let key: string | number;
      if (numeric) {
        let code = 0;
        for (let q = 0; q < c; q++) code = code * (radix[q] ?? 1) + (row[q] ?? 0);
        key = code * 2 ** candidates.ruleNames.length + m;
      } else key = String.fromCharCode(...row) + String.fromCharCode(m & 0xffff, m >>> 16);
      let p = index.get(key);
      if (p === undefined) {
        p = count++;
        index.set(key, p);
        if (count > masks.length) {
          const nl = new Uint8Array(levels.length * 2);
          nl.set(levels);
          levels = nl;
          const nm = new Int32Array(masks.length * 2);
          nm.set(masks);
          masks = nm;
          const nw = new Float64Array(weights.length * 2);
          nw.set(weights);
          weights = nw;
        }
        levels.set(row, p * c);
        masks[p] = m;
      }
      weights[p] = (weights[p] ?? 0) + 1 / rate;
    }
  };
  // Sample whole blocks (cheap: unsampled blocks are never enumerated) when blocks are many and
  // small; sample pairs otherwise.
  const s = candidates.structure;
  const sampleBlocks = rate < 1 && s.blockCount >= 1000;
  if (sampleBlocks) enumeratePairs(s, 0, s.blockCount, sink, (k) => mix(k, s.blockCount, seed) < threshold);
  else enumeratePairs(s, 0, s.blockCount, sink);
  return {
    comparisons: c,
    count,
    levels: levels.slice(0, count * c),
    masks: masks.slice(0, count),
    weights: weights.slice(0, count),
    visited,
    sampled,
    rate,
  };
}
