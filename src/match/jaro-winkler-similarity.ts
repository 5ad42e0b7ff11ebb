import { jaro, jaroWinkler } from './_kernel.js';

/** Options of {@link jaroWinklerSimilarity}. */
export interface JaroWinklerOptions {
  /**
   * Weight of each common prefix character (at most 4 count).
   * @defaultValue 0.1
   */
  readonly prefixScale?: number;
  /**
   * The prefix boost applies only when the plain Jaro similarity is above this.
   * @defaultValue 0.7
   */
  readonly boostThreshold?: number;
}

/**
 * Jaro–Winkler similarity of two strings, in [0, 1] (1 = identical). Compares UTF-16 code units as
 * given: fold case and accents first (the normalizers do). Symmetric: `f(a, b) === f(b, a)`.
 * Two empty strings score 0: a missing value is never a match.
 *
 * @example
 * ```ts
 * jaroWinklerSimilarity('martha', 'marhta'); // 0.961…
 * jaroWinklerSimilarity('dixon', 'dicksonx'); // 0.813…
 * ```
 */
export function jaroWinklerSimilarity(a: string, b: string, options?: JaroWinklerOptions): number {
  return jaroWinkler(a, b, options?.prefixScale ?? 0.1, options?.boostThreshold ?? 0.7);
}

/**
 * Plain Jaro similarity (no prefix boost), in [0, 1]. Symmetric.
 *
 * @example
 * ```ts
 * jaroSimilarity('martha', 'marhta'); // 0.944…
 * ```
 */
export function jaroSimilarity(a: string, b: string): number {
  return jaro(a, b);
}
