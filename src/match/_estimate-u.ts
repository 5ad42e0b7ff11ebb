import { createPrng } from './_prng.js';
import { type BoundModel, levelsOf } from './_scorer.js';

/**
 * u probabilities: how often each level occurs among pairs of different persons, estimated on
 * pairs drawn at random (seeded, deterministic) — nearly all random pairs are non-matches. The
 * exact level's u, tiny and badly sampled, is computed exactly from the value counts instead
 * (the chance that two random rows carry the same value), and the sampled levels share the rest.
 *
 * @internal
 */
export interface UEstimate {
  /** Per comparison, u per level (index 0 unused). */
  readonly u: readonly Float64Array[];
  readonly sampledPairs: number;
}

export function estimateU(
  bound: BoundModel,
  size: number,
  side: Int32Array | undefined,
  samples: number,
  seed: number,
): UEstimate {
  const cs = bound.comparisons;
  const counts = cs.map((c) => new Float64Array(c.levelCount));
  const rng = createPrng(seed);
  const levels = new Uint8Array(cs.length);
  let drawn = 0;
  if (size >= 2) {
    for (let s = 0; s < samples; s++) {
      const i = rng.int(size);
      let j = rng.int(size - 1);
      if (j >= i) j++;
      if (side !== undefined && side[i] === side[j]) {
        let tries = 0;
        while (side[i] === side[j] && tries < 20) {
          j = rng.int(size);
          tries++;
        }
        if (side[i] === side[j] || i === j) continue;
      }
      levelsOf(bound, i, j, levels, 0);
      for (let k = 0; k < cs.length; k++) {
        const c = counts[k] as Float64Array;
        const l = levels[k] ?? 0;
        c[l] = (c[l] ?? 0) + 1;
      }
      drawn++;
    }
  }
  const u = cs.map((c, k) => {
    const cnt = counts[k] as Float64Array;
    const out = new Float64Array(c.levelCount);
    const top = c.levelCount - 1;
    // Exact level from the value counts, when the comparison has them.
    const pool = c.kind.tfPool(c.type, c.colA);
    let exactU = Number.NaN;
    if (pool !== undefined && pool.total >= 2) {
      let same = 0;
      for (let v = 0; v < pool.counts.length; v++) {
        const n = pool.counts[v] ?? 0;
        same += n * (n - 1);
      }
      const pairs = pool.total * (pool.total - 1);
      exactU = Math.max(same, 1) / pairs;
    }
    let nonNull = 0;
    for (let l = 1; l <= top; l++) nonNull += (cnt[l] ?? 0) + 0.5;
    for (let l = 1; l <= top; l++) out[l] = ((cnt[l] ?? 0) + 0.5) / nonNull;
    if (!Number.isNaN(exactU)) {
      const target = exactU;
      const rest = 1 - (out[top] ?? 0);
      const scale = rest > 0 ? (1 - target) / rest : 1;
      for (let l = 1; l < top; l++) out[l] = (out[l] ?? 0) * scale;
      out[top] = target;
    }
    return out;
  });
  return { u, sampledPairs: drawn };
}
