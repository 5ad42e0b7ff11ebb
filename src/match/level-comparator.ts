/**
 * Compares two values and answers with an agreement level: an index into `levels`.
 *
 * Levels are ordered from no information to the strongest agreement: index 0 is always `null`
 * (a value is missing: neutral, weight 0, never a match), index 1 is `else` (the values disagree),
 * and higher indices are stronger agreements, the last one usually `exact`.
 *
 * @example
 * ```ts
 * const cmp = createStringComparator({ method: 'jaro_winkler', thresholds: [0.88, 0.94] });
 * cmp.levels; // ['null', 'else', 'jaro_winkler>=0.88', 'jaro_winkler>=0.94', 'exact']
 * cmp.levels[cmp.compare('martha', 'marhta')]; // 'jaro_winkler>=0.94'
 * ```
 */
export interface LevelComparator<T> {
  /** Level labels; index 0 is `null`, index 1 is `else`. */
  readonly levels: readonly string[];
  /** The agreement level of `a` and `b`; 0 when either is missing. Symmetric. */
  compare(a: T | null | undefined, b: T | null | undefined): number;
}

/**
 * Index of the `null` level (a value is missing) in every comparison.
 *
 * @example
 * ```ts
 * cmp.compare(undefined, 'ana') === NULL_LEVEL; // true
 * ```
 */
export const NULL_LEVEL = 0;
/**
 * Index of the `else` level (the values disagree) in every comparison.
 *
 * @example
 * ```ts
 * createStringComparator({ method: 'exact' }).compare('ana', 'bia') === ELSE_LEVEL; // true
 * ```
 */
export const ELSE_LEVEL = 1;
