/**
 * A blocking rule: records that share the rule's key are compared. The key combines one or more
 * parts, each `<field>` or `<field>:<transform>` where `<field>` is a field of the model:
 *
 * | field type | transforms (first = default) |
 * |---|---|
 * | `given_name`, `family_name`, `name` | `exact`, `phonetic`, `initial`, `first_token`, `tokens` |
 * | `email` | `loose` (loose key), `strict`, `local`, `domain` |
 * | `phone` | `variants` (E.164 key and its variants), `key`, `last_digits` |
 * | `external_id`, `handle` | `key`, `bare` |
 * | `date` | `exact`, `year`, `month_day`, `year_month` |
 * | `postcode`, `city`, `address`, `categorical`, `text` | `exact`, `prefix3`, `initial`, `first_token` |
 *
 * A record missing any part has no key under the rule. Multi-valued parts (several emails, phone
 * variants, name tokens) give several keys. Rules are combined as a union: a pair sharing a key
 * under any rule is a candidate, counted once.
 *
 * @example
 * ```ts
 * const rules: BlockingRule[] = [
 *   { name: 'email', on: ['email'] },
 *   { name: 'surname+dob-year', on: ['family_name:phonetic', 'birth_date:year'] },
 * ];
 * ```
 */
export interface BlockingRule {
  /** Name shown in the blocking report. @defaultValue the parts joined by `+` */
  readonly name?: string;
  readonly on: readonly string[];
}

/** Limits that keep blocking far below all pairs. */
export interface BlockingOptions {
  /**
   * A block generating more candidate pairs than this is oversized: it is sub-blocked by a sorted
   * neighbourhood (or skipped, see `window`) and reported.
   * @defaultValue 20_000 (about 200 records deduplicated together)
   */
  readonly maxBlockPairs?: number;
  /**
   * Sorted-neighbourhood window inside oversized blocks: each record is compared with the next
   * `window` records in the block, sorted by a signature of the record. 0 skips oversized blocks.
   * @defaultValue 10
   */
  readonly window?: number;
  /**
   * Oversized blocks with more records than this are skipped even when windowing (they are
   * placeholder values, not people).
   * @defaultValue 50_000
   */
  readonly maxWindowedBlockSize?: number;
  /**
   * Pair budget of one rule. A broad rule (birth date alone, a surname alone) helps small datasets
   * and would swamp large ones: past the budget its block cap and window shrink until it fits, and
   * a rule that still does not fit is dropped. Both are reported.
   * @defaultValue max(250_000, 2 × records)
   */
  readonly maxRulePairs?: number;
}

/**
 * Name of a rule (its `name`, or its parts joined by `+`).
 *
 * @example
 * ```ts
 * blockingRuleName({ on: ['family_name:phonetic', 'birth_date:year'] }); // 'family_name:phonetic+birth_date:year'
 * ```
 */
export function blockingRuleName(rule: BlockingRule): string {
  return rule.name ?? rule.on.join('+');
}
