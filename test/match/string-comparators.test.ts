import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levenshteinAtMost, osaAtMost } from '../../src/match/_kernel.js';
import { createStringComparator } from '../../src/match/create-string-comparator.js';
import { damerauLevenshteinDistance } from '../../src/match/damerau-levenshtein-distance.js';
import { jaroSimilarity, jaroWinklerSimilarity } from '../../src/match/jaro-winkler-similarity.js';
import { isLevenshteinWithin, levenshteinDistance } from '../../src/match/levenshtein-distance.js';
import { tokenSetSimilarity } from '../../src/match/token-set-similarity.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'é', 'ñ'), maxLength: 40 });
const text = fc.string({ maxLength: 40 });

describe('jaroWinklerSimilarity', () => {
  it('matches the textbook values', () => {
    expect(jaroSimilarity('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinklerSimilarity('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinklerSimilarity('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinklerSimilarity('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });
  it('is 1 for equal strings, 0 when a side is empty or nothing matches', () => {
    expect(jaroWinklerSimilarity('ana', 'ana')).toBe(1);
    expect(jaroWinklerSimilarity('', '')).toBe(0);
    expect(jaroWinklerSimilarity('ana', '')).toBe(0);
    expect(jaroWinklerSimilarity('abc', 'xyz')).toBe(0);
  });
  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = jaroWinklerSimilarity(a, b);
        expect(s).toBe(jaroWinklerSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('levenshtein', () => {
  it('uses fast-levenshtein for the full distance', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinDistance('', 'abc')).toBe(3);
  });
  it('the bounded kernel agrees with fast-levenshtein on both sides of the 32-unit boundary', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const d = levenshteinDistance(a, b);
        expect(levenshteinAtMost(a, b, max)).toBe(Math.min(d, max + 1));
        expect(levenshteinAtMost(b, a, max)).toBe(Math.min(d, max + 1));
        expect(isLevenshteinWithin(a, b, max)).toBe(d <= max);
      }),
    );
  });
});

describe('damerauLevenshteinDistance (optimal string alignment)', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(damerauLevenshteinDistance('1984', '1948')).toBe(1);
    expect(damerauLevenshteinDistance('martha', 'marhta')).toBe(1);
    expect(damerauLevenshteinDistance('ca', 'abc')).toBe(3);
    expect(damerauLevenshteinDistance('', 'ab')).toBe(2);
  });
  it('is symmetric, never above Levenshtein, and consistent with its bounded form', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const d = damerauLevenshteinDistance(a, b);
        expect(d).toBe(damerauLevenshteinDistance(b, a));
        expect(d).toBeLessThanOrEqual(levenshteinDistance(a, b));
        expect(osaAtMost(a, b, max)).toBe(Math.min(d, max + 1));
      }),
    );
  });
});

describe('tokenSetSimilarity', () => {
  it('ignores order and tolerates typos and extra tokens', () => {
    expect(tokenSetSimilarity('souza ana', 'ana souza')).toBe(1);
    expect(tokenSetSimilarity(['ana', 'maria', 'souza'], ['ana', 'souza'])).toBeCloseTo(2 / 3, 10);
    expect(tokenSetSimilarity('ana souza', 'ana souzza')).toBeGreaterThan(0.95);
    expect(tokenSetSimilarity('', 'ana')).toBe(0);
  });
  it('is symmetric', () => {
    const tokens = fc.array(fc.string({ unit: fc.constantFrom('a', 'n', 's', 'o'), minLength: 1, maxLength: 5 }), { maxLength: 4 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        expect(tokenSetSimilarity(a, b)).toBe(tokenSetSimilarity(b, a));
      }),
    );
  });
});

describe('createStringComparator', () => {
  it('orders levels from null to exact and labels them', () => {
    const lev = createStringComparator({ method: 'levenshtein' });
    expect(lev.levels).toEqual(['null', 'else', 'levenshtein<=2', 'levenshtein<=1', 'exact']);
    expect(lev.compare('smith', 'smith')).toBe(4);
    expect(lev.compare('smith', 'smyth')).toBe(3);
    expect(lev.compare('smith', 'smythe')).toBe(2);
    expect(lev.compare('smith', 'jones')).toBe(1);
    expect(lev.compare('smith', undefined)).toBe(0);
    expect(lev.compare('', '')).toBe(0);
  });
  it('builds Jaro-Winkler, Damerau, token-set and exact comparators', () => {
    const jw = createStringComparator({ method: 'jaro_winkler', thresholds: [0.94, 0.88] });
    expect(jw.levels).toEqual(['null', 'else', 'jaro_winkler>=0.88', 'jaro_winkler>=0.94', 'exact']);
    expect(jw.levels[jw.compare('martha', 'marhta')]).toBe('jaro_winkler>=0.94');
    const dl = createStringComparator({ method: 'damerau_levenshtein', thresholds: [1] });
    expect(dl.levels[dl.compare('19840512', '19480512')]).toBe('damerau_levenshtein<=1');
    const ts = createStringComparator({ method: 'token_set' });
    expect(ts.levels[ts.compare('souza ana', 'ana souza')]).toBe('token_set>=0.9');
    const ex = createStringComparator({ method: 'exact' });
    expect(ex.levels).toEqual(['null', 'else', 'exact']);
    expect(ex.compare('a', 'b')).toBe(1);
  });
  it('rejects thresholds out of range', () => {
    expect(() => createStringComparator({ method: 'levenshtein', thresholds: [0.5] })).toThrow(/out of range/);
    expect(() => createStringComparator({ method: 'jaro_winkler', thresholds: [1.5] })).toThrow(/out of range/);
  });
  it('every comparator is symmetric and a missing value is never a match', () => {
    const methods = ['exact', 'levenshtein', 'damerau_levenshtein', 'jaro_winkler', 'token_set'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.option(text), fc.option(text), (method, a, b) => {
        const c = createStringComparator({ method });
        expect(c.compare(a, b)).toBe(c.compare(b, a));
        if (a === null || b === null || a === '' || b === '') expect(c.compare(a, b)).toBe(0);
      }),
    );
  });
});
