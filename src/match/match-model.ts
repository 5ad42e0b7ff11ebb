import type { FieldType } from './field-spec.js';
import type { BlockingRule } from './blocking-rule.js';

/** One agreement level of a trained comparison. */
export interface LevelModel {
  /** `null`, `else`, `exact`, `jaro_winkler>=0.92`, ... */
  readonly label: string;
  /** P(this level | the records are the same person). */
  readonly m: number;
  /** P(this level | the records are different persons). */
  readonly u: number;
}

/**
 * Term-frequency statistics of a comparison's exact level: how many training rows carried each
 * common value. Values not listed count as `defaultCount`.
 */
export interface TermFrequencyModel {
  /** Index of the level that is adjusted (the exact level). */
  readonly level: number;
  /** Rows with a value. */
  readonly total: number;
  /** The most common values and their row counts, most common first. */
  readonly values: readonly (readonly [string, number])[];
  /** Count assumed for a value not listed. */
  readonly defaultCount: number;
  /**
   * The average chance that two random rows agree exactly (Σ count² / total²): an agreement on
   * value v weighs `log2(referenceU / (count(v) / total))` more than an average one.
   */
  readonly referenceU: number;
}

/** One trained comparison: a field, its levels with m and u, optional term frequencies. */
export interface ComparisonModel {
  /** The field name (unique in the model). */
  readonly name: string;
  readonly type: FieldType;
  /** Where the values come from (see {@link FieldSource}). */
  readonly source: string;
  /** Levels, index 0 `null` (weight 0) and 1 `else`. */
  readonly levels: readonly LevelModel[];
  readonly termFrequency?: TermFrequencyModel;
}

/** Probability thresholds of the match levels. */
export interface MatchThresholds {
  /** At or above: `match`. */
  readonly match: number;
  /** At or above (and below `match`): `possible`. */
  readonly possible: number;
}

/** What training saw and did (for humans; not used for scoring). */
export interface TrainingSummary {
  readonly records: number;
  readonly candidatePairs: number;
  readonly sampledPairsForU: number;
  readonly pairsForM: number;
  readonly emIterations: number;
  readonly mSource: 'em' | 'labels' | 'default';
  /** Expected matching pairs in the input, as estimated for the prior. */
  readonly expectedMatches: number;
  readonly notes: readonly string[];
}

/**
 * A trained Fellegi–Sunter model: JSON-serialisable (save it with {@link saveModel}, load it with
 * {@link loadModel}). Match weight of a pair = log2(prior odds) + Σ log2(m/u) of each comparison's
 * level (+ term-frequency adjustments); probability = 2^w / (1 + 2^w).
 *
 * @example
 * ```ts
 * const model: MatchModel = trainModel(records);
 * const json = saveModel(model);
 * const again = loadModel(json);
 * ```
 */
export interface MatchModel {
  readonly version: 1;
  /** Whether it was trained to deduplicate one dataset or link two. */
  readonly mode: 'dedupe' | 'link';
  readonly comparisons: readonly ComparisonModel[];
  /** Probability that two records drawn at random are the same person (λ). */
  readonly prior: number;
  readonly thresholds: MatchThresholds;
  readonly blocking: readonly BlockingRule[];
  /** Country used to read national phone numbers. */
  readonly defaultCountry?: string;
  readonly training?: TrainingSummary;
}
