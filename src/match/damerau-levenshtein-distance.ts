import { osaAtMost } from './_kernel.js';

/**
 * Damerau–Levenshtein distance in its "optimal string alignment" form: insertions, deletions,
 * substitutions and transpositions of two adjacent characters each cost 1 (no substring is edited
 * twice, so `ca` → `abc` is 3, not 2). Transposed digits and letters are the commonest typing
 * slip, which is why dates, ids and postcodes compare with it. Symmetric.
 *
 * @example
 * ```ts
 * damerauLevenshteinDistance('1984', '1948'); // 1
 * damerauLevenshteinDistance('martha', 'marhta'); // 1
 * ```
 */
export function damerauLevenshteinDistance(a: string, b: string): number {
  return osaAtMost(a, b, Number.POSITIVE_INFINITY);
}
