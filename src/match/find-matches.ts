import type { ContactRecord } from '../model/contact-record.js';
import { sortByWeightDescending } from './_kernel.js';
import { logit2, probabilityOf } from './_scorer.js';
import { type BlockOptions, type CandidatePairs, block } from './block.js';
import type { MatchModel, MatchThresholds } from './match-model.js';
import { type PrepareOptions, type PreparedRecords, prepareRecords } from './prepare-records.js';
import { type ScoredPairs, scoreCandidates } from './score-pairs.js';

/** The verdict of a scored pair. */
export type MatchLevel = 'match' | 'possible' | 'non_match';

/** A scored pair of records. */
export interface ScoredLink {
  /** Record ids (`a` comes first in the input). */
  readonly a: string;
  readonly b: string;
  /** Match weight: log2 prior odds + Σ log2 Bayes factors. */
  readonly weight: number;
  readonly probability: number;
  readonly level: MatchLevel;
}

/** Options of {@link findMatches}. */
export interface FindMatchesOptions extends PrepareOptions, BlockOptions {
  /**
   * Thresholds (override the model's).
   * @defaultValue the model's thresholds
   */
  readonly thresholds?: Partial<MatchThresholds>;
  /**
   * Return pairs whose probability is at least this.
   * @defaultValue the `possible` threshold
   */
  readonly minProbability?: number;
}

/**
 * Verdict of a probability under thresholds.
 *
 * @example
 * ```ts
 * levelOf(0.7, { match: 0.5, possible: 0.1 }); // 'match'
 * ```
 */
export function levelOf(probability: number, thresholds: MatchThresholds): MatchLevel {
  return probability >= thresholds.match ? 'match' : probability >= thresholds.possible ? 'possible' : 'non_match';
}

/**
 * Turn scored rows into links, strongest first (ties by rows), deterministic.
 *
 * @internal
 * @example
 * ```ts
 * const links = toLinks(prepared, scoreCandidates(prepared, model, candidates), model.thresholds);
 * ```
 */
export function toLinks(prepared: PreparedRecords, scored: ScoredPairs, thresholds: MatchThresholds): ScoredLink[] {
  const order = sortByWeightDescending(scored.a, scored.b, scored.weight, scored.length);
  const links: ScoredLink[] = [];
  for (let q = 0; q < order.length; q++) {
    const k = order[q] ?? 0;
    const weight = scored.weight[k] ?? 0;
    const probability = probabilityOf(weight);
    links.push({
      a: prepared.ids[scored.a[k] ?? 0] ?? '',
      b: prepared.ids[scored.b[k] ?? 0] ?? '',
      weight,
      probability,
      level: levelOf(probability, thresholds),
    });
  }
  return links;
}

/**
 * Find the matching pairs among records with a trained model: prepare, block with the model's
 * rules, score every candidate pair (term frequencies from these records), keep those at or above
 * `minProbability`. Single-threaded and pure; the CLI spreads the same work over cores (see
 * `src/cli/worker-pool.ts`).
 *
 * @example
 * ```ts
 * const model = trainModel(records);
 * for (const link of findMatches(records, model)) {
 *   if (link.level === 'match') show(link.a, link.b, link.probability);
 * }
 * ```
 */
export function findMatches(records: readonly ContactRecord[], model: MatchModel, options?: FindMatchesOptions): ScoredLink[] {
  const prepared = prepareRecords(
    records,
    model.comparisons.map((c) => ({ name: c.name, type: c.type, source: c.source })),
    { ...(model.defaultCountry !== undefined ? { defaultCountry: model.defaultCountry } : {}), ...options },
  );
  return findMatchesPrepared(prepared, model, options);
}

/**
 * {@link findMatches} on prepared records (and their candidate pairs, when already blocked).
 *
 * @internal
 * @example
 * ```ts
 * const links = findMatchesPrepared(prepared, model);
 * ```
 */
export function findMatchesPrepared(prepared: PreparedRecords, model: MatchModel, options?: FindMatchesOptions, blocked?: CandidatePairs): ScoredLink[] {
  const thresholds = { ...model.thresholds, ...options?.thresholds };
  const minProbability = options?.minProbability ?? thresholds.possible;
  const candidates = blocked ?? block(prepared, model.blocking, { link: model.mode === 'link', ...options });
  const scored = scoreCandidates(prepared, model, candidates, { minWeight: logit2(minProbability) - 1e-9 });
  return toLinks(prepared, scored, thresholds);
}
