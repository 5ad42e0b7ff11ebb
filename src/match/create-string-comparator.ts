import { OmnilinkError } from '../model/errors.js';
import { alignTokens, jaroWinkler, levenshteinAtMost, osaAtMost } from './_kernel.js';
import type { LevelComparator } from './level-comparator.js';

/** A string comparison method. */
export type StringComparatorMethod = 'exact' | 'levenshtein' | 'damerau_levenshtein' | 'jaro_winkler' | 'token_set';

/** Options of {@link createStringComparator}. */
export interface StringComparatorOptions {
  /** How to compare. */
  readonly method: StringComparatorMethod;
  /**
   * Thresholds of the fuzzy levels: maximum edit distances for `levenshtein` and
   * `damerau_levenshtein`, minimum similarities in (0, 1) for `jaro_winkler` and `token_set`.
   * Ignored by `exact`.
   * @defaultValue `[1, 2]` for distances, `[0.8, 0.92]` for `jaro_winkler`, `[0.66, 0.9]` for `token_set`
   */
  readonly thresholds?: readonly number[];
}

const DEFAULT_THRESHOLDS: Readonly<Record<StringComparatorMethod, readonly number[]>> = {
  exact: [],
  levenshtein: [1, 2],
  damerau_levenshtein: [1, 2],
  jaro_winkler: [0.8, 0.92],
  token_set: [0.66, 0.9],
};

function splitTokens(s: string): string[] {
  return s.split(/\s+/u).filter((t) => t.length > 0);
}

function tokenSet(a: string, b: string): number {
  const ta = splitTokens(a);
  const tb = splitTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  return alignTokens(ta, tb, (x, y) => jaroWinkler(x, y, 0.1, 0.7), 0.88) / Math.max(ta.length, tb.length);
}

/**
 * Build a string comparator that answers with an agreement level (see {@link LevelComparator}).
 * Levels, weakest first: `null`, `else`, the fuzzy levels from the loosest threshold to the
 * tightest, `exact`. Empty strings are missing values (level `null`).
 *
 * @throws {@link OmnilinkError} `invalid_argument` when a threshold is out of range.
 * @example
 * ```ts
 * const lev = createStringComparator({ method: 'levenshtein' });
 * lev.levels; // ['null', 'else', 'levenshtein<=2', 'levenshtein<=1', 'exact']
 * lev.compare('smith', 'smyth'); // 3 ('levenshtein<=1')
 * lev.compare('smith', undefined); // 0 ('null')
 * ```
 */
export function createStringComparator(options: StringComparatorOptions): LevelComparator<string> {
  const method = options.method;
  const given = options.thresholds ?? DEFAULT_THRESHOLDS[method];
  const isDistance = method === 'levenshtein' || method === 'damerau_levenshtein';
  for (const t of given) {
    const bad = isDistance ? !Number.isInteger(t) || t < 1 : !(t > 0 && t < 1);
    if (bad) throw new OmnilinkError('invalid_argument', `${method}: threshold ${t} is out of range`);
  }
  // Loosest first: largest distance / smallest similarity.
  const thresholds = method === 'exact' ? [] : [...new Set(given)].sort((x, y) => (isDistance ? y - x : x - y));
  const op = isDistance ? '<=' : '>=';
  const levels = ['null', 'else', ...thresholds.map((t) => `${method}${op}${t}`), 'exact'];
  const exactLevel = levels.length - 1;
  const maxDistance = isDistance ? Math.max(0, ...thresholds) : 0;
  const compare = (a: string | null | undefined, b: string | null | undefined): number => {
    if (a === null || a === undefined || b === null || b === undefined || a.length === 0 || b.length === 0) return 0;
    if (a === b) return exactLevel;
    if (method === 'exact') return 1;
    let level = 1;
    if (isDistance) {
      const d = method === 'levenshtein' ? levenshteinAtMost(a, b, maxDistance) : osaAtMost(a, b, maxDistance);
      for (let i = 0; i < thresholds.length; i++) if (d <= (thresholds[i] ?? -1)) level = 2 + i;
    } else {
      const s = method === 'jaro_winkler' ? jaroWinkler(a, b, 0.1, 0.7) : tokenSet(a, b);
      for (let i = 0; i < thresholds.length; i++) if (s >= (thresholds[i] ?? 2)) level = 2 + i;
    }
    return level;
  };
  return { levels, compare };
}
