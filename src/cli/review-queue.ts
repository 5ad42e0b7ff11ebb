import type { ReviewSuggestion } from '../resolve/resolver-types.js';

/**
 * The review queue a person at a time: per pair of persons, its most probable record pair (ties by
 * record ids) and how many record pairs link them; the most probable pairs of persons first.
 */
export function reviewQueue(suggestions: readonly ReviewSuggestion[]): { readonly best: ReviewSuggestion; readonly pairs: number }[] {
  const byPersons = new Map<string, { best: ReviewSuggestion; pairs: number }>();
  const before = (x: ReviewSuggestion, y: ReviewSuggestion): boolean => x.probability > y.probability || (x.probability === y.probability && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  for (const s of suggestions) {
    const key = s.personA < s.personB ? `${s.personA}\u0000${s.personB}` : `${s.personB}\u0000${s.personA}`;
    const item = byPersons.get(key);
    if (item === undefined) byPersons.set(key, { best: s, pairs: 1 });
    else {
      item.pairs++;
      if (before(s, item.best)) item.best = s;
    }
  }
  return [...byPersons.values()].sort((x, y) => (before(x.best, y.best) ? -1 : before(y.best, x.best) ? 1 : 0));
}
