import levenshtein from 'fast-levenshtein';
import { levenshteinAtMost } from './_kernel.js';

/**
 * Levenshtein edit distance (insertions, deletions, substitutions), computed by
 * [fast-levenshtein](https://github.com/hiddentao/fast-levenshtein). Symmetric.
 *
 * @example
 * ```ts
 * levenshteinDistance('kitten', 'sitting'); // 3
 * ```
 */
export function levenshteinDistance(a: string, b: string): number {
  return levenshtein.get(a, b);
}

/**
 * Whether the Levenshtein distance of `a` and `b` is at most `max`, without computing more of the
 * distance than needed (bit-parallel for short strings). Use it for threshold levels in hot loops.
 *
 * @example
 * ```ts
 * isLevenshteinWithin('kitten', 'sitten', 1); // true
 * isLevenshteinWithin('kitten', 'sitting', 2); // false
 * ```
 */
export function isLevenshteinWithin(a: string, b: string, max: number): boolean {
  return levenshteinAtMost(a, b, max) <= max;
}
