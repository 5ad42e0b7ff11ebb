import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import { type EmResult, capturedU, expectedMatches, initialM, monotoneFit, runEm } from './_em.js';
import { type UEstimate, estimateU } from './_estimate-u.js';
import { kindOf } from './_kinds.js';
import { type Patterns, collectPatterns } from './_patterns.js';
import { bindModel, levelsOf } from './_scorer.js';
import { type BlockOptions, type CandidatePairs, allPairsOf, block, sidesOf } from './block.js';
import type { BlockingRule } from './blocking-rule.js';
import { defaultBlockingRules } from './default-blocking-rules.js';
import type { FieldSpec } from './field-spec.js';
import { inferFields } from './infer-fields.js';
import type { ComparisonModel, MatchModel, MatchThresholds, TermFrequencyModel } from './match-model.js';
import { type PrepareOptions, type PreparedRecords, prepareRecords } from './prepare-records.js';

/** Options of {@link trainModel}. */
export interface TrainOptions extends PrepareOptions, BlockOptions {
  /**
   * Fields to compare.
   * @defaultValue inferred from the records ({@link inferFields})
   */
  readonly fields?: readonly FieldSpec[];
  /**
   * Blocking rules (also stored in the model and used by {@link findMatches}).
   * @defaultValue {@link defaultBlockingRules} of the fields
   */
  readonly blocking?: readonly BlockingRule[];
  /**
   * Match thresholds on the probability.
   * @defaultValue `{ match: 0.5, possible: 0.1 }`
   */
  readonly thresholds?: Partial<MatchThresholds>;
  /** Seed of the pair sampling. @defaultValue 42 */
  readonly seed?: number;
  /**
   * Random pairs drawn to estimate u.
   * @defaultValue min(300_000, max(100_000, 20 × records))
   */
  readonly uSamples?: number;
  /** Candidate pairs (at most, sampled deterministically) used to estimate m. @defaultValue 500_000 */
  readonly maxTrainingPairs?: number;
  /** EM iterations at most. @defaultValue 100 */
  readonly maxIterations?: number;
  /**
   * Keep each comparison's Bayes factor non-decreasing from `else` to `exact` (pooling adjacent
   * levels that violate it), so more agreement never lowers the probability.
   * @defaultValue true
   */
  readonly monotone?: boolean;
  /**
   * Attribute holding a ground-truth entity id: m and the prior are then estimated from the
   * labelled pairs instead of EM, and the attribute is never compared.
   * @defaultValue undefined (unsupervised)
   */
  readonly truthColumn?: string;
  /**
   * Probability that two random records match (λ), instead of estimating it.
   * @defaultValue estimated
   */
  readonly prior?: number;
  /** Attribute keys never to compare (see {@link inferFields}). @defaultValue [] */
  readonly excludeAttributes?: readonly string[];
  /** Most common values kept per comparison for term frequencies. @defaultValue 2000 */
  readonly termFrequencyLimit?: number;
}

const DEFAULT_THRESHOLDS: MatchThresholds = { match: 0.5, possible: 0.1 };

/**
 * A model whose levels carry m = u = 1: enough to compute levels.
 *
 * @internal
 * @example
 * ```ts
 * const bound = bindModel(skeletonModel(prepared.fields, [], false), prepared);
 * ```
 */
export function skeletonModel(fields: PreparedRecords['fields'], blocking: readonly BlockingRule[], link: boolean): MatchModel {
  return {
    version: 1,
    mode: link ? 'link' : 'dedupe',
    comparisons: fields.map((f) => ({
      name: f.name,
      type: f.type,
      source: f.source,
      levels: kindOf(f.type)
        .levels(f.type)
        .map((label) => ({ label, m: 1, u: 1 })),
    })),
    prior: 0.5,
    thresholds: DEFAULT_THRESHOLDS,
    blocking,
  };
}

/**
 * Ids of the values counted at least twice, most common first (ties in value order), at most
 * `limit` (and maybe more): only the values at or above the limit-th count are sorted.
 */
function mostCommon(counts: Int32Array, values: readonly string[], limit: number): number[] {
  // The count of the limit-th most common value (2 when fewer values are counted twice or more).
  const byCount = new Map<number, number>();
  for (let v = 0; v < counts.length; v++) {
    const c = counts[v] ?? 0;
    if (c >= 2) byCount.set(c, (byCount.get(c) ?? 0) + 1);
  }
  let floor = 2;
  let taken = 0;
  // (A limit of 0 or less keeps every value, as slicing the whole order would.)
  if (limit > 0) for (const c of [...byCount.keys()].sort((x, y) => y - x)) {
    taken += byCount.get(c) ?? 0;
    if (taken >= limit) {
      floor = c;
      break;
    }
  }
  const order: number[] = [];
  for (let v = 0; v < counts.length; v++) if ((counts[v] ?? 0) >= floor) order.push(v);
  return order.sort((x, y) => (counts[y] ?? 0) - (counts[x] ?? 0) || ((values[x] ?? '') < (values[y] ?? '') ? -1 : 1));
}

function termFrequencyOf(prepared: PreparedRecords, index: number, limit: number): TermFrequencyModel | undefined {
  const f = prepared.fields[index];
  const column = prepared.columns[index];
  if (f === undefined || column === undefined || !f.termFrequency) return undefined;
  const kind = kindOf(f.type);
  const level = kind.tfLevel(f.type);
  const pool = kind.tfPool(f.type, column);
  if (level === undefined || pool === undefined) return undefined;
  const order = mostCommon(pool.counts, pool.values, limit);
  let squares = 0;
  for (let v = 0; v < pool.counts.length; v++) squares += (pool.counts[v] ?? 0) ** 2;
  return {
    level,
    total: pool.total,
    values: order.slice(0, limit).map((v) => [pool.values[v] ?? '', pool.counts[v] ?? 0] as const),
    defaultCount: 1,
    referenceU: pool.total > 0 ? Math.max(squares / (pool.total * pool.total), 1e-12) : 1,
  };
}

/**
 * Train a Fellegi–Sunter model on records, unsupervised (or from labels with `truthColumn`):
 *
 * 1. fields and blocking rules (inferred when not given), records prepared once;
 * 2. u per level from random pairs (seeded), the exact level from value counts;
 * 3. m per level by EM on the blocked pairs, each comparison trained only in sessions whose
 *    blocking rule does not select on its column (no blocking bias), Bayes factors kept monotone;
 * 4. the prior λ from the EM sessions by capture–recapture across rules on disjoint columns;
 * 5. term frequencies of the common values.
 *
 * Deterministic: the same records and options give the same model.
 *
 * @example
 * ```ts
 * const model = trainModel(records, { defaultCountry: 'BR' });
 * const links = findMatches(records, model);
 * ```
 */
export function trainModel(records: readonly ContactRecord[], options?: TrainOptions): MatchModel {
  const exclude = [...(options?.excludeAttributes ?? []), ...(options?.truthColumn !== undefined ? [options.truthColumn] : [])];
  const fields = options?.fields ?? inferFields(records, { excludeAttributes: exclude });
  if (fields.length === 0) throw new OmnilinkError('invalid_argument', 'nothing to compare: the records carry no name, identifier, date or address');
  const prepared = prepareRecords(records, fields, options);
  let truth: (string | undefined)[] | undefined;
  if (options?.truthColumn !== undefined) {
    const key = options.truthColumn;
    truth = records.map((r) => {
      const v = r.attributes !== undefined && Object.prototype.hasOwnProperty.call(r.attributes, key) ? r.attributes[key] : undefined;
      return v !== undefined && v.length > 0 ? v : undefined;
    });
  }
  return trainPrepared(prepared, { ...options, ...(truth !== undefined ? { truth } : {}) });
}

/**
 * Step 2 of training (see {@link trainModel}): u per level from random pairs of the prepared
 * records, seeded. Depends only on the records and `link`, `seed`, `uSamples`, so it can run apart
 * (in a worker, while blocking runs) and be handed to {@link trainPrepared} as `sampledU`.
 *
 * @internal
 * @example
 * ```ts
 * const model = trainPrepared(prepared, { sampledU: sampleU(prepared) });
 * ```
 */
export function sampleU(prepared: PreparedRecords, options?: Pick<TrainOptions, 'link' | 'seed' | 'uSamples'>): UEstimate {
  const link = options?.link ?? false;
  const n = prepared.size;
  const side = link ? sidesOf(prepared.sources) : undefined;
  const bound = bindModel(skeletonModel(prepared.fields, [], link), prepared);
  const uSamples = options?.uSamples ?? Math.min(300_000, Math.max(100_000, 20 * n));
  return estimateU(bound, n, side, uSamples, options?.seed ?? 42);
}

/**
 * Step 3's input (see {@link trainModel}): the comparison patterns of (a seeded sample of) the
 * candidate pairs. Depends only on the records, the candidates and `link`, `seed`,
 * `maxTrainingPairs`, so it can be computed ahead (while {@link sampleU} runs in a worker) and be
 * handed to {@link trainPrepared} as `patterns`.
 *
 * @internal
 * @example
 * ```ts
 * const candidates = block(prepared, rules);
 * const model = trainPrepared(prepared, { candidates, patterns: trainingPatterns(prepared, candidates) });
 * ```
 */
export function trainingPatterns(prepared: PreparedRecords, candidates: CandidatePairs, options?: Pick<TrainOptions, 'link' | 'seed' | 'maxTrainingPairs'>): Patterns {
  const bound = bindModel(skeletonModel(prepared.fields, [], options?.link ?? false), prepared);
  return collectPatterns(bound, candidates, options?.maxTrainingPairs ?? 500_000, options?.seed ?? 42);
}

/**
 * Training on prepared records (see {@link trainModel}), optionally with their candidate pairs.
 *
 * @internal
 * @example
 * ```ts
 * const model = trainPrepared(prepareRecords(records, fields), { defaultCountry: 'BR' });
 * ```
 */
export function trainPrepared(
  prepared: PreparedRecords,
  options?: TrainOptions & {
    readonly truth?: readonly (string | undefined)[];
    readonly candidates?: CandidatePairs;
    /** The result of {@link sampleU} with the same records and options (computed elsewhere, e.g. in a worker). */
    readonly sampledU?: UEstimate;
    /** The result of {@link trainingPatterns} with the same records, `candidates` and options (computed ahead). */
    readonly patterns?: Patterns;
  },
): MatchModel {
  const link = options?.link ?? false;
  const blocking = options?.blocking ?? defaultBlockingRules(prepared.fields);
  const seed = options?.seed ?? 42;
  const n = prepared.size;
  const side = link ? sidesOf(prepared.sources) : undefined;
  const skeleton = skeletonModel(prepared.fields, blocking, link);
  const bound = bindModel(skeleton, prepared);
  const notes: string[] = [];

  const sampledU = options?.sampledU ?? sampleU(prepared, options);
  const sampledPairs = sampledU.sampledPairs;
  /** P(level) over random pairs: u before the correction for matches. */
  const agreement = sampledU.u;
  let u: readonly Float64Array[] = agreement;

  const candidates = options?.candidates ?? block(prepared, blocking, options);
  const patterns = options?.patterns ?? collectPatterns(bound, candidates, options?.maxTrainingPairs ?? 500_000, seed);
  const allPairs = allPairsOf(n, side);
  const monotone = options?.monotone ?? true;

  let m: Float64Array[];
  let iterations = 0;
  let expected: number;
  let mSource: 'em' | 'labels' | 'default' = 'em';
  if (options?.truth !== undefined) {
    mSource = 'labels';
    const labelled = mFromLabels(bound, options.truth, side, seed);
    m = labelled.m;
    expected = labelled.matchingPairs;
    u = correctU(agreement, m, options?.prior ?? Math.min(0.5, Math.max(expected, 1) / Math.max(allPairs, 1)));
  } else if (patterns.count === 0) {
    mSource = 'default';
    m = bound.comparisons.map((c) => initialM(c.levelCount));
    expected = 0;
    notes.push('blocking found no candidate pairs: m left at its default');
  } else {
    // EM with u fixed, then u corrected for the matches among random pairs (P(level) = λm + (1-λ)u:
    // with many duplicates, agreeing on a phone is mostly the same person, not a coincidence),
    // then EM again with the corrected u.
    let start = bound.comparisons.map((c) => initialM(c.levelCount));
    m = start;
    expected = 0;
    for (let round = 0; round < 2; round++) {
      const em = runEm(patterns, u, candidates.selects, start, { maxIterations: options?.maxIterations ?? 100, tolerance: 1e-5, monotone, minObserved: 2, priorStrength: 20 });
      m = em.m;
      iterations += em.iterations;
      const e = expectedMatches(patterns, em, u, candidates.selects);
      expected = e.total;
      if (round === 0) {
        for (const k of em.biased) notes.push(`every blocking rule selects on "${bound.comparisons[k]?.name ?? k}": its m is trained on blocked pairs and may be overestimated`);
        if (e.method === 'captured') notes.push('no two blocking rules use disjoint fields: the prior assumes blocking finds every match');
      }
      const lambda = options?.prior ?? Math.min(0.5, Math.max(expected, 1) / Math.max(allPairs, 1));
      u = correctU(agreement, m, lambda);
      u = capturedLevelsU(u, patterns, em, bound, candidates, allPairs);
      start = m;
    }
  }
  if (monotone) {
    for (let k = 0; k < m.length; k++) {
      const mk = m[k] as Float64Array;
      monotoneFit(mk, u[k] as Float64Array);
      let t = 0;
      for (let l = 1; l < mk.length; l++) t += mk[l] ?? 0;
      for (let l = 1; l < mk.length; l++) mk[l] = (mk[l] ?? 0) / t;
    }
  }
  const prior = options?.prior ?? Math.min(0.5, Math.max(expected, 1) / Math.max(allPairs, 1));
  const limit = options?.termFrequencyLimit ?? 2000;
  const comparisons: ComparisonModel[] = skeleton.comparisons.map((c, k) => {
    const tf = termFrequencyOf(prepared, k, limit);
    return {
      ...c,
      levels: c.levels.map((level, l) => (l === 0 ? { label: level.label, m: 1, u: 1 } : { label: level.label, m: m[k]?.[l] ?? 0, u: u[k]?.[l] ?? 0 })),
      ...(tf !== undefined ? { termFrequency: tf } : {}),
    };
  });
  return {
    version: 1,
    mode: link ? 'link' : 'dedupe',
    comparisons,
    prior,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options?.thresholds },
    blocking,
    ...(options?.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
    training: {
      records: n,
      candidatePairs: Math.round(patterns.visited / patterns.rate),
      sampledPairsForU: sampledPairs,
      pairsForM: patterns.sampled,
      emIterations: iterations,
      mSource,
      expectedMatches: expected,
      notes,
    },
  };
}

/**
 * u from the agreement rates of random pairs, without the matches among them:
 * u = (P(level) − λ·m) / (1 − λ), never below 1% of P(level) (a bound on the correction when m or
 * λ are off).
 */
function correctU(agreement: readonly Float64Array[], m: readonly Float64Array[], lambda: number): Float64Array[] {
  return agreement.map((p, k) => {
    const out = new Float64Array(p.length);
    let total = 0;
    for (let l = 1; l < p.length; l++) {
      const pl = p[l] ?? 0;
      out[l] = Math.max((pl - lambda * (m[k]?.[l] ?? 0)) / (1 - lambda), 0.01 * pl);
      total += out[l] ?? 0;
    }
    for (let l = 1; l < p.length; l++) out[l] = (out[l] ?? 0) / total;
    return out;
  });
}

/**
 * Replace u of the levels a single-part blocking rule captures entirely by {@link capturedU}; the
 * `else` level absorbs the difference.
 */
function capturedLevelsU(
  u: readonly Float64Array[],
  patterns: Patterns,
  em: EmResult,
  bound: ReturnType<typeof bindModel>,
  candidates: CandidatePairs,
  allPairs: number,
): Float64Array[] {
  const rules = candidates.structure.ruleNames;
  return u.map((uk, k) => {
    const c = bound.comparisons[k];
    const out = Float64Array.from(uk);
    if (c === undefined || c.kind.capturingTransform === undefined) return out;
    let changed = false;
    for (let l = 2; l < out.length; l++) {
      const transform = c.kind.capturingTransform(c.type, l);
      if (transform === undefined) continue;
      const rule = candidates.ruleParts.findIndex((parts) => parts.length === 1 && parts[0] === `${c.name}:${transform}`);
      if (rule < 0 || rule >= rules.length) continue;
      out[l] = capturedU(patterns, em, u, rule, k, l, allPairs);
      changed = true;
    }
    if (changed) {
      let rest = 0;
      for (let l = 2; l < out.length; l++) rest += out[l] ?? 0;
      out[1] = Math.max(1 - rest, 1e-6);
    }
    return out;
  });
}

/** m from every labelled matching pair (not only blocked ones: no blocking bias). */
function mFromLabels(
  bound: ReturnType<typeof bindModel>,
  truth: readonly (string | undefined)[],
  side: Int32Array | undefined,
  seed: number,
): { m: Float64Array[]; matchingPairs: number } {
  const clusters = new Map<string, number[]>();
  truth.forEach((t, row) => {
    if (t === undefined) return;
    let list = clusters.get(t);
    if (list === undefined) {
      list = [];
      clusters.set(t, list);
    }
    list.push(row);
  });
  const counts = bound.comparisons.map((c) => new Float64Array(c.levelCount));
  const levels = new Uint8Array(bound.comparisons.length);
  let matchingPairs = 0;
  let state = seed >>> 0;
  for (const rows of clusters.values()) {
    const k = rows.length;
    const pairs = (k * (k - 1)) / 2;
    const keep = pairs > 5000 ? 5000 / pairs : 1;
    for (let x = 0; x < k; x++) {
      for (let y = x + 1; y < k; y++) {
        const a = rows[x] ?? 0;
        const b = rows[y] ?? 0;
        if (side !== undefined && side[a] === side[b]) continue;
        matchingPairs++;
        if (keep < 1) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          if (state / 4294967296 >= keep) continue;
        }
        levelsOf(bound, a, b, levels, 0);
        for (let c = 0; c < levels.length; c++) {
          const cnt = counts[c] as Float64Array;
          const l = levels[c] ?? 0;
          cnt[l] = (cnt[l] ?? 0) + 1 / keep;
        }
      }
    }
  }
  const m = counts.map((cnt) => {
    const out = new Float64Array(cnt.length);
    let total = 0;
    for (let l = 1; l < cnt.length; l++) total += (cnt[l] ?? 0) + 0.5;
    for (let l = 1; l < cnt.length; l++) out[l] = ((cnt[l] ?? 0) + 0.5) / total;
    return out;
  });
  return { m, matchingPairs };
}
