import type { Patterns } from './_patterns.js';

/**
 * Expectation–maximisation of the m probabilities on blocked pairs, without the blocking bias.
 *
 * The classic problem: pairs found by blocking on a column agree on that column by construction,
 * so EM on blocked pairs over-estimates how much matches agree there. Splink's answer is to train
 * each comparison in sessions blocked on other columns. We do the same, automatically and in one
 * pooled run: every blocking rule defines a session (the pairs it finds — a pair found by several
 * rules belongs to each of their sessions); in a session the comparisons the rule selects on are
 * left out of the likelihood, and each session has its own match rate λ_s. The m of a comparison
 * pools the E-step posteriors of every session where it is free. u stays fixed at its random-pair
 * estimate (it describes non-matches in the whole population, not inside blocks). A comparison
 * that every rule selects on cannot be trained without bias; it is then trained on all sessions
 * and reported.
 *
 * @internal
 */
export interface EmResult {
  readonly m: Float64Array[];
  /** Match rate per session (rule). */
  readonly lambda: Float64Array;
  /** `free[r][c]`: comparison c is in session r's likelihood. */
  readonly free: readonly Uint8Array[];
  readonly iterations: number;
  readonly biased: readonly number[];
}

export interface EmOptions {
  /** Weight (in pairs) of the prior on m (the starting m). */
  readonly priorStrength: number;
  /** Observed free comparisons a pair needs to train m (2: identifiable). */
  readonly minObserved: number;
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly monotone: boolean;
}

/** Pool-adjacent-violators: make m/u non-decreasing over levels 1..K, keeping Σm and u. */
export function monotoneFit(m: Float64Array, u: Float64Array): void {
  const k = m.length;
  const bm: number[] = [];
  const bu: number[] = [];
  const bFrom: number[] = [];
  for (let l = 1; l < k; l++) {
    bm.push(m[l] ?? 0);
    bu.push(Math.max(u[l] ?? 0, 1e-300));
    bFrom.push(l);
    while (bm.length >= 2) {
      const n = bm.length;
      const prev = (bm[n - 2] ?? 0) / (bu[n - 2] ?? 1);
      const cur = (bm[n - 1] ?? 0) / (bu[n - 1] ?? 1);
      if (prev <= cur) break;
      bm[n - 2] = (bm[n - 2] ?? 0) + (bm[n - 1] ?? 0);
      bu[n - 2] = (bu[n - 2] ?? 0) + (bu[n - 1] ?? 0);
      bm.pop();
      bu.pop();
      bFrom.pop();
    }
  }
  for (let b = 0; b < bm.length; b++) {
    const from = bFrom[b] ?? 1;
    const to = b + 1 < bFrom.length ? (bFrom[b + 1] ?? k) : k;
    const ratio = (bm[b] ?? 0) / (bu[b] ?? 1);
    for (let l = from; l < to; l++) m[l] = ratio * Math.max(u[l] ?? 0, 1e-300);
  }
}

function normalise(m: Float64Array): void {
  let t = 0;
  for (let l = 1; l < m.length; l++) t += m[l] ?? 0;
  if (t <= 0) return;
  for (let l = 1; l < m.length; l++) m[l] = (m[l] ?? 0) / t;
}

/** Starting m: agreement levels likely among matches, `else` unlikely. */
export function initialM(levelCount: number): Float64Array {
  const m = new Float64Array(levelCount);
  for (let l = 1; l < levelCount; l++) m[l] = 3 ** (l - 1);
  normalise(m);
  return m;
}

export function runEm(
  patterns: Patterns,
  u: readonly Float64Array[],
  selects: readonly (readonly number[])[],
  start: readonly Float64Array[],
  options: EmOptions,
): EmResult {
  const c = patterns.comparisons;
  const rules = selects.length;
  const free = selects.map((sel) => {
    const f = new Uint8Array(c).fill(1);
    for (const k of sel) if (k < c) f[k] = 0;
    return f;
  });
  const biased: number[] = [];
  for (let k = 0; k < c; k++) {
    let anyFree = false;
    for (let r = 0; r < rules; r++) if ((free[r]?.[k] ?? 0) === 1 && sessionHasPairs(patterns, r)) anyFree = true;
    if (!anyFree) {
      biased.push(k);
      for (let r = 0; r < rules; r++) (free[r] as Uint8Array)[k] = 1;
    }
  }
  // A pair teaches m only when at least two free comparisons are observed: with one, the
  // two-class mixture is not identifiable (any match rate fits) and EM drifts to m ≈ u.
  const sessions: number[][] = Array.from({ length: rules }, () => []);
  const everyPattern: number[][] = Array.from({ length: rules }, () => []);
  for (let p = 0; p < patterns.count; p++) {
    const mask = patterns.masks[p] ?? 0;
    for (let r = 0; r < rules; r++) {
      if (((mask >>> r) & 1) === 0) continue;
      everyPattern[r]?.push(p);
      const f = free[r] as Uint8Array;
      let observed = 0;
      for (let k = 0; k < c; k++) if (f[k] === 1 && (patterns.levels[p * c + k] ?? 0) !== 0) observed++;
      if (observed >= options.minObserved) sessions[r]?.push(p);
    }
  }
  const m = start.map((s) => Float64Array.from(s));
  const priors = m.map((x) => initialM(x.length));
  const lambda = new Float64Array(rules).fill(0.3);
  const logU = u.map((x) => Float64Array.from(x, (v) => Math.log(Math.max(v, 1e-300))));
  const num = m.map((x) => new Float64Array(x.length));
  let iterations = 0;
  for (let it = 0; it < options.maxIterations; it++) {
    iterations = it + 1;
    const logW = m.map((x, k) => Float64Array.from(x, (v, l) => (l === 0 ? 0 : Math.log(Math.max(v, 1e-300)) - (logU[k]?.[l] ?? 0))));
    for (const n of num) n.fill(0);
    for (let r = 0; r < rules; r++) {
      const list = sessions[r] as number[];
      if (list.length === 0) continue;
      const f = free[r] as Uint8Array;
      const lam = lambda[r] ?? 0.3;
      const prior = Math.log(lam / (1 - lam));
      let sp = 0;
      let sn = 0;
      for (const p of list) {
        let z = prior;
        const base = p * c;
        for (let k = 0; k < c; k++) {
          if (f[k] === 0) continue;
          const l = patterns.levels[base + k] ?? 0;
          if (l !== 0) z += logW[k]?.[l] ?? 0;
        }
        const post = z > 40 ? 1 : z < -40 ? 0 : 1 / (1 + Math.exp(-z));
        const w = patterns.weights[p] ?? 0;
        sp += w * post;
        sn += w;
        for (let k = 0; k < c; k++) {
          if (f[k] === 0) continue;
          const l = patterns.levels[base + k] ?? 0;
          if (l !== 0) {
            const nk = num[k] as Float64Array;
            nk[l] = (nk[l] ?? 0) + w * post;
          }
        }
      }
      lambda[r] = Math.min(Math.max(sp / sn, 1e-6), 1 - 1e-6);
    }
    let delta = 0;
    for (let k = 0; k < c; k++) {
      const nk = num[k] as Float64Array;
      const mk = m[k] as Float64Array;
      let total = 0;
      for (let l = 1; l < nk.length; l++) total += nk[l] ?? 0;
      const next = new Float64Array(mk.length);
      // MAP step: a Dirichlet prior worth `priorStrength` matching pairs, centred on the starting m
      // (agreement likely among matches). Thousands of matches outweigh it; with almost none, it
      // keeps EM from turning "agrees on a common name" into the match class.
      const prior = priors[k] as Float64Array;
      const alpha = options.priorStrength;
      for (let l = 1; l < nk.length; l++) next[l] = ((nk[l] ?? 0) + alpha * (prior[l] ?? 0) + 0.01) / (total + alpha + 0.01 * (nk.length - 1));
      if (options.monotone) {
        monotoneFit(next, u[k] as Float64Array);
        normalise(next);
      }
      for (let l = 1; l < mk.length; l++) {
        delta = Math.max(delta, Math.abs((next[l] ?? 0) - (mk[l] ?? 0)));
        mk[l] = next[l] ?? 0;
      }
    }
    if (delta < options.tolerance) break;
  }
  // The match rate of each session over all its pairs (m fixed), for the prior.
  const logW = m.map((x, k) => Float64Array.from(x, (v, l) => (l === 0 ? 0 : Math.log(Math.max(v, 1e-300)) - (logU[k]?.[l] ?? 0))));
  for (let r = 0; r < rules; r++) {
    const list = everyPattern[r] as number[];
    if (list.length === 0) continue;
    const f = free[r] as Uint8Array;
    const z0 = new Float64Array(list.length);
    list.forEach((p, q) => {
      let z = 0;
      for (let k = 0; k < c; k++) {
        if (f[k] === 0) continue;
        const l = patterns.levels[p * c + k] ?? 0;
        if (l !== 0) z += logW[k]?.[l] ?? 0;
      }
      z0[q] = z;
    });
    let lam = lambda[r] ?? 0.3;
    for (let it = 0; it < 200; it++) {
      const prior = Math.log(lam / (1 - lam));
      let sp = 0;
      let sn = 0;
      list.forEach((p, q) => {
        const z = prior + (z0[q] ?? 0);
        const w = patterns.weights[p] ?? 0;
        sp += w * (z > 40 ? 1 : z < -40 ? 0 : 1 / (1 + Math.exp(-z)));
        sn += w;
      });
      const next = Math.min(Math.max(sp / sn, 1e-6), 1 - 1e-6);
      const done = Math.abs(next - lam) < 1e-7;
      lam = next;
      if (done) break;
    }
    lambda[r] = lam;
  }
  return { m, lambda, free, iterations, biased };
}

function sessionHasPairs(patterns: Patterns, r: number): boolean {
  for (let p = 0; p < patterns.count; p++) if (((patterns.masks[p] ?? 0) >>> r) & 1) return true;
  return false;
}

/**
 * Posterior match probability of pattern `p` in session `r` (its rule's likelihood).
 */
export function sessionPosterior(patterns: Patterns, p: number, r: number, em: EmResult, u: readonly Float64Array[]): number {
  const c = patterns.comparisons;
  const f = em.free[r] as Uint8Array;
  const lam = em.lambda[r] ?? 0.3;
  let z = Math.log(lam / (1 - lam));
  for (let k = 0; k < c; k++) {
    if (f[k] === 0) continue;
    const l = patterns.levels[p * c + k] ?? 0;
    if (l === 0) continue;
    z += Math.log(Math.max(em.m[k]?.[l] ?? 0, 1e-300)) - Math.log(Math.max(u[k]?.[l] ?? 0, 1e-300));
  }
  return z > 40 ? 1 : z < -40 ? 0 : 1 / (1 + Math.exp(-z));
}

/**
 * u of levels a rule captures entirely (every pair at the level shares the rule's key, e.g. an exact
 * phone shares its last digits): the non-matches among that session's pairs at the level, weighted by
 * their posterior (from the other comparisons), over all pairs. Random pairs almost never agree on an
 * identifier, and counting all agreeing pairs counts the same person's duplicates; this counts the
 * people who really share one (a household landline, an office number).
 */
export function capturedU(patterns: Patterns, em: EmResult, u: readonly Float64Array[], rule: number, comparison: number, level: number, allPairs: number): number {
  const c = patterns.comparisons;
  let nonMatch = 0;
  for (let p = 0; p < patterns.count; p++) {
    if ((((patterns.masks[p] ?? 0) >>> rule) & 1) === 0) continue;
    if ((patterns.levels[p * c + comparison] ?? 0) !== level) continue;
    nonMatch += (patterns.weights[p] ?? 0) * (1 - sessionPosterior(patterns, p, rule, em, u));
  }
  return Math.max(nonMatch, 0.5) / Math.max(allPairs, 1);
}

/**
 * Expected number of matching pairs among all pairs (for the prior), by capture–recapture:
 * two rules on disjoint columns capture matches roughly independently, so
 * N ≈ E_s · E_t / E_{s∩t} (Lincoln–Petersen on posterior-weighted counts). Estimates of every
 * such rule pair are averaged, weighted by their overlap. Never below the matches found in the
 * candidate pairs; falls back to those when no two rules are disjoint.
 */
export function expectedMatches(
  patterns: Patterns,
  em: EmResult,
  u: readonly Float64Array[],
  selects: readonly (readonly number[])[],
): { total: number; captured: number; method: 'capture_recapture' | 'captured' } {
  const rules = selects.length;
  const e = new Float64Array(rules);
  const both = new Float64Array(rules * rules);
  let captured = 0;
  for (let p = 0; p < patterns.count; p++) {
    const mask = patterns.masks[p] ?? 0;
    const w = patterns.weights[p] ?? 0;
    let owner = -1;
    for (let r = 0; r < rules; r++) {
      if (((mask >>> r) & 1) === 0) continue;
      const post = sessionPosterior(patterns, p, r, em, u);
      if (owner < 0) {
        owner = r;
        captured += w * post;
      }
      e[r] = (e[r] ?? 0) + w * post;
      for (let t = 0; t < rules; t++) if (t !== r && ((mask >>> t) & 1) === 1) both[r * rules + t] = (both[r * rules + t] ?? 0) + w * post;
    }
  }
  let num = 0;
  let den = 0;
  for (let s = 0; s < rules; s++) {
    for (let t = 0; t < rules; t++) {
      if (s === t) continue;
      const disjoint = !(selects[s] ?? []).some((k) => (selects[t] ?? []).includes(k));
      const overlap = both[s * rules + t] ?? 0;
      if (!disjoint || overlap < 5 || (e[s] ?? 0) <= 0) continue;
      // Fraction of s's matches that t also captures estimates t's recall.
      const recallT = overlap / (e[s] ?? 1);
      num += overlap * ((e[t] ?? 0) / recallT);
      den += overlap;
    }
  }
  if (den <= 0) return { total: captured, captured, method: 'captured' };
  return { total: Math.max(captured, num / den), captured, method: 'capture_recapture' };
}
