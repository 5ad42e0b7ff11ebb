import { OmnilinkError } from '../model/errors.js';
import { allPairsOf, block, forEachCandidatePair, sidesOf } from './block.js';
import type { BlockingRule } from './blocking-rule.js';
import type { PreparedRecords } from './prepare-records.js';

/**
 * The prior λ (probability that two records drawn at random are the same person) from
 * deterministic rules, as Splink's `estimate_probability_two_random_records_match`: the pairs the
 * rules find are taken as matches, `recall` says which share of all matches they find, so
 * λ = found / recall / all pairs. Pass the result as `trainModel(records, { prior })` when you know
 * your data better than the unsupervised estimate does.
 *
 * @throws {@link OmnilinkError} `invalid_argument` when `recall` is not in (0, 1].
 * @example
 * ```ts
 * const prepared = prepareRecords(records, fields);
 * const prior = estimatePriorFromRules(prepared, [{ on: ['email:strict'] }, { on: ['phone:key'] }], 0.6);
 * const model = trainModel(records, { prior });
 * ```
 */
export function estimatePriorFromRules(prepared: PreparedRecords, rules: readonly BlockingRule[], recall: number, options?: { readonly link?: boolean }): number {
  if (!(recall > 0 && recall <= 1)) throw new OmnilinkError('invalid_argument', `recall must be in (0, 1], got ${recall}`);
  const link = options?.link ?? false;
  // No block cap: deterministic rules are exact agreements, counted in full.
  const candidates = block(prepared, rules, { link, maxBlockPairs: Number.MAX_SAFE_INTEGER, maxRulePairs: Number.MAX_SAFE_INTEGER });
  let found = 0;
  forEachCandidatePair(candidates, (_a, _b, n) => {
    found += n;
  });
  const all = allPairsOf(prepared.size, link ? sidesOf(prepared.sources) : undefined);
  if (all <= 0) return 0;
  return Math.min(0.5, Math.max(found / recall, 1) / all);
}
