import { alignTokens, jaroWinkler } from './_kernel.js';

/** Options of {@link tokenSetSimilarity}. */
export interface TokenSetOptions {
  /**
   * Two tokens are paired when their Jaro–Winkler similarity reaches this.
   * @defaultValue 0.88
   */
  readonly tokenThreshold?: number;
}

function tokens(s: string): string[] {
  return s.split(/\s+/u).filter((t) => t.length > 0);
}

/**
 * Similarity of two token sets in any order, in [0, 1]: tokens are paired greedily by
 * Jaro–Winkler similarity, and the summed similarity of the pairs is divided by the size of the
 * larger set. `"maria da silva"` and `"silva maria"` score 0.67; names in any order, extra
 * middle names and small typos all keep a high score. Strings are split on white space; pass
 * arrays to use your own tokens. Symmetric.
 *
 * @example
 * ```ts
 * tokenSetSimilarity('souza ana', 'ana souza'); // 1
 * tokenSetSimilarity(['ana', 'maria', 'souza'], ['ana', 'souza']); // 0.666…
 * ```
 */
export function tokenSetSimilarity(
  a: string | readonly string[],
  b: string | readonly string[],
  options?: TokenSetOptions,
): number {
  const ta = typeof a === 'string' ? tokens(a) : a;
  const tb = typeof b === 'string' ? tokens(b) : b;
  const size = Math.max(ta.length, tb.length);
  if (ta.length === 0 || tb.length === 0) return 0;
  const total = alignTokens(ta, tb, (x, y) => jaroWinkler(x, y, 0.1, 0.7), options?.tokenThreshold ?? 0.88);
  return total / size;
}
