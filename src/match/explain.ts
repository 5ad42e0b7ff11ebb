import type { ContactRecord } from '../model/contact-record.js';
import { type TfSource, bayesWeight, bindModel, logit2, probabilityOf } from './_scorer.js';
import { type MatchLevel, levelOf } from './find-matches.js';
import type { MatchModel } from './match-model.js';
import { type PrepareOptions, type PreparedRecords, prepareRecords } from './prepare-records.js';

/** One comparison's contribution to a match weight. */
export interface ExplanationStep {
  readonly comparison: string;
  readonly type: string;
  /** Level index (0 = `null`) and label. */
  readonly level: number;
  readonly label: string;
  /** The values compared, as prepared (folded, normalized), when present. */
  readonly valueA?: string;
  readonly valueB?: string;
  readonly m: number;
  readonly u: number;
  /** m/u (1 for `null`). */
  readonly bayesFactor: number;
  /** log2 of the Bayes factor, before term frequencies. */
  readonly weight: number;
  /** Added by the term-frequency adjustment (0 when none applies). */
  readonly termFrequencyAdjustment: number;
  /** `weight + termFrequencyAdjustment`. */
  readonly totalWeight: number;
}

/** The waterfall of a pair's match weight. */
export interface Explanation {
  /** log2 prior odds (the starting weight). */
  readonly priorWeight: number;
  readonly steps: readonly ExplanationStep[];
  /** priorWeight + Σ step totals. */
  readonly weight: number;
  readonly probability: number;
  readonly level: MatchLevel;
}

/**
 * Explain rows `i` and `j` of prepared records (of `other` for `j` when given): the prior, then
 * each comparison's level with its m, u, weight and term-frequency adjustment, the total weight
 * and the probability. The sum of the steps is exactly the weight {@link findMatches} reports
 * for the same data.
 *
 * @example
 * ```ts
 * const e = explainRows(prepared, model, 0, 1);
 * e.steps.map((s) => `${s.comparison}: ${s.label} ${s.totalWeight.toFixed(2)}`);
 * ```
 */
export function explainRows(prepared: PreparedRecords, model: MatchModel, i: number, j: number, other?: PreparedRecords, tfSource?: TfSource): Explanation {
  const b = other ?? prepared;
  const bound = bindModel(model, prepared, b, tfSource ?? (other === undefined ? 'data' : 'model'));
  const priorWeight = logit2(model.prior);
  let weight = priorWeight;
  const steps = bound.comparisons.map((c, k): ExplanationStep => {
    const cm = model.comparisons[k];
    const level = c.compare(i, j);
    const lm = cm?.levels[level];
    const m = level === 0 ? 1 : (lm?.m ?? 1);
    const u = level === 0 ? 1 : (lm?.u ?? 1);
    const base = level === 0 ? 0 : bayesWeight(m, u);
    let adjustment = 0;
    if (level !== 0 && level === c.tfLevel) {
      const v = c.tfValue(i, j);
      if (v >= 0) adjustment = c.tfWeight(v) - base;
    }
    const valueA = c.kind.display(c.type, c.colA, i);
    const valueB = c.kind.display(c.type, c.colB, j);
    weight += base + adjustment;
    return {
      comparison: c.name,
      type: c.type,
      level,
      label: lm?.label ?? 'null',
      ...(valueA !== undefined ? { valueA } : {}),
      ...(valueB !== undefined ? { valueB } : {}),
      m,
      u,
      bayesFactor: level === 0 ? 1 : 2 ** base,
      weight: base,
      termFrequencyAdjustment: adjustment,
      totalWeight: base + adjustment,
    };
  });
  const probability = probabilityOf(weight);
  return { priorWeight, steps, weight, probability, level: levelOf(probability, model.thresholds) };
}

/**
 * Explain why two records match or not under a model (term frequencies from the model).
 *
 * @example
 * ```ts
 * const e = explain(recordA, recordB, model);
 * e.probability; // 0.998
 * e.steps.find((s) => s.comparison === 'email')?.label; // 'loose'
 * ```
 */
export function explain(a: ContactRecord, b: ContactRecord, model: MatchModel, options?: PrepareOptions): Explanation {
  const prepared = prepareRecords(
    [a, b],
    model.comparisons.map((c) => ({ name: c.name, type: c.type, source: c.source })),
    { ...(model.defaultCountry !== undefined ? { defaultCountry: model.defaultCountry } : {}), ...options },
  );
  return explainRows(prepared, model, 0, 1, undefined, 'model');
}
