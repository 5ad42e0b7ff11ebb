import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactRecord,
  type MatchModel,
  ValidationError,
  createMatcher,
  estimatePriorFromRules,
  explain,
  explainRows,
  findMatches,
  loadModel,
  modelFields,
  prepareRecords,
  safeLoadModel,
  saveModel,
  trainModel,
} from '../../src/index.js';
import { bindModel, probabilityOf, scoreRow } from '../../src/match/_scorer.js';
import { loadFake1000 } from '../../bench/_datasets.js';
import { rec } from './_helpers.js';

const fake = loadFake1000();
const model = trainModel(fake.records);

function f1(links: readonly { a: string; b: string; probability: number }[], truth: ReadonlyMap<string, string>, records: readonly ContactRecord[]): number {
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(truth.get(r.id) ?? r.id, (sizes.get(truth.get(r.id) ?? r.id) ?? 0) + 1);
  let truePairs = 0;
  for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
  const kept = links.filter((l) => l.probability >= 0.5);
  const tp = kept.filter((l) => truth.get(l.a) === truth.get(l.b)).length;
  const p = tp / kept.length;
  const r = tp / truePairs;
  return (2 * p * r) / (p + r);
}

describe('trainModel (unsupervised)', () => {
  it('infers fields and rules, and trains every level with finite weights', () => {
    expect(model.comparisons.map((c) => c.name)).toEqual(['given_name', 'family_name', 'email', 'birth_date', 'city']);
    expect(model.blocking.length).toBeGreaterThan(3);
    expect(model.training?.mSource).toBe('em');
    expect(model.prior).toBeGreaterThan(0);
    expect(model.prior).toBeLessThan(0.5);
    for (const c of model.comparisons) {
      expect(c.levels[0]).toEqual({ label: 'null', m: 1, u: 1 });
      for (const level of c.levels.slice(1)) {
        expect(level.m).toBeGreaterThan(0);
        expect(level.m).toBeLessThanOrEqual(1);
        expect(level.u).toBeGreaterThan(0);
        expect(level.u).toBeLessThanOrEqual(1);
        expect(Number.isFinite(Math.log2(level.m / level.u))).toBe(true);
      }
    }
  });
  it('estimates the number of matching pairs close to the truth (2,031 pairs)', () => {
    expect(model.training?.expectedMatches).toBeGreaterThan(1600);
    expect(model.training?.expectedMatches).toBeLessThan(2500);
  });
  it('is deterministic', () => {
    expect(saveModel(trainModel(fake.records))).toBe(saveModel(model));
  });
  it('finds the duplicates of fake_1000 (pairwise F1 at 0.5 above Splink’s 0.806)', () => {
    expect(f1(findMatches(fake.records, model), fake.truth, fake.records)).toBeGreaterThan(0.806);
  });
  it('learns m and the prior from a truth column instead', () => {
    const labelled = fake.records.map((r) => ({ ...r, attributes: { cluster: fake.truth.get(r.id) ?? '' } }));
    const supervised = trainModel(labelled, { truthColumn: 'cluster' });
    expect(supervised.training?.mSource).toBe('labels');
    expect(supervised.comparisons.map((c) => c.name)).not.toContain('cluster');
    expect(supervised.training?.expectedMatches).toBe(2031);
  });
});

describe('estimatePriorFromRules', () => {
  it('takes the pairs deterministic rules find as matches, scaled by their recall', () => {
    const prepared = prepareRecords(fake.records, modelFields(model));
    const exactEmail = estimatePriorFromRules(prepared, [{ on: ['email:strict'] }], 1);
    const pairs = (1000 * 999) / 2;
    expect(exactEmail * pairs).toBeGreaterThan(300);
    expect(estimatePriorFromRules(prepared, [{ on: ['email:strict'] }], 0.5)).toBeCloseTo(exactEmail * 2, 12);
    expect(() => estimatePriorFromRules(prepared, [{ on: ['email'] }], 0)).toThrow(/recall/);
  });
});

describe('monotone weights', () => {
  it('every trained comparison has Bayes factors non-decreasing from else to exact, term frequencies included', () => {
    const prepared = prepareRecords(fake.records, modelFields(model));
    const bound = bindModel(model, prepared);
    for (const c of bound.comparisons) {
      for (let l = 2; l < c.levelCount; l++) expect(c.weights[l]).toBeGreaterThanOrEqual((c.weights[l - 1] ?? 0) - 1e-9);
      if (c.tfLevel < 0) continue;
      const below = Math.max(...Array.from(c.weights.subarray(1, c.tfLevel)));
      const pool = c.kind.tfPool(c.type, c.colA);
      for (let v = 0; v < (pool?.values.length ?? 0); v++) expect(c.tfWeight(v)).toBeGreaterThanOrEqual(below - 1e-9);
    }
  });
  it('raising one comparison to a stronger non-null level never lowers the probability', () => {
    const prepared = prepareRecords(fake.records, modelFields(model));
    const bound = bindModel(model, prepared);
    const n = prepared.size;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.nat(), (i, j, pick) => {
        if (i === j) return;
        const levels = bound.comparisons.map((c) => c.compare(i, j));
        const k = pick % levels.length;
        const c = bound.comparisons[k]!;
        const l = levels[k]!;
        if (l === 0) return;
        const base = scoreRow(bound, i, j);
        // Weight of comparison k at its current level (with TF when at the TF level).
        const current = l === c.tfLevel ? (c.tfValue(i, j) >= 0 ? c.tfWeight(c.tfValue(i, j)) : c.weights[l]!) : c.weights[l]!;
        for (let up = l + 1; up < c.levelCount; up++) {
          // A stronger level's smallest possible weight: its base weight, or the TF floor.
          const stronger = up === c.tfLevel ? Math.min(c.weights[up]!, ...Array.from({ length: 50 }, (_, v) => c.tfWeight(v))) : c.weights[up]!;
          expect(probabilityOf(base - current + stronger)).toBeGreaterThanOrEqual(probabilityOf(base) - 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('saveModel / loadModel', () => {
  it('round-trips through JSON', () => {
    const again = loadModel(saveModel(model));
    expect(again).toEqual(model);
    expect(findMatches(fake.records.slice(0, 200), again)).toEqual(findMatches(fake.records.slice(0, 200), model));
  });
  it('reports bad JSON as issues, with paths', () => {
    const text = saveModel(model);
    const bad = (edit: (m: Record<string, unknown>) => void): ReturnType<typeof safeLoadModel> => {
      const m = JSON.parse(text) as Record<string, unknown>;
      edit(m);
      return safeLoadModel(m);
    };
    const r1 = safeLoadModel('{not json');
    expect(r1.success).toBe(false);
    if (!r1.success) expect(r1.issues[0].code).toBe('invalid_format');
    const r2 = bad((m) => (m['version'] = 2));
    expect(r2.success).toBe(false);
    if (!r2.success) expect(r2.issues[0].path).toEqual(['version']);
    const r3 = bad((m) => ((m['comparisons'] as { levels: { m: number }[] }[])[0]!.levels[2]!.m = 1.5));
    expect(r3.success).toBe(false);
    if (!r3.success) expect(r3.issues[0].path).toEqual(['comparisons', 0, 'levels', 2, 'm']);
    const r4 = bad((m) => ((m['comparisons'] as { levels: { label: string }[] }[])[0]!.levels[2]!.label = 'banana'));
    expect(r4.success).toBe(false);
    if (!r4.success) expect(r4.issues[0].path).toEqual(['comparisons', 0, 'levels']);
    const r5 = bad((m) => (m['blocking'] = [{ on: ['shoe_size'] }]));
    expect(r5.success).toBe(false);
    if (!r5.success) expect(r5.issues[0].message).toMatch(/no comparison named "shoe_size"/);
    const r6 = bad((m) => (m['extra'] = true));
    expect(r6.success).toBe(false);
    expect(() => loadModel('{}')).toThrow(ValidationError);
  });
});

describe('explain', () => {
  it('adds up to the weight findMatches reports', () => {
    const prepared = prepareRecords(fake.records, modelFields(model));
    const links = findMatches(fake.records, model);
    for (const link of links.slice(0, 50)) {
      const e = explainRows(prepared, model, prepared.ids.indexOf(link.a), prepared.ids.indexOf(link.b));
      const sum = e.priorWeight + e.steps.reduce((t, s) => t + s.totalWeight, 0);
      expect(sum).toBeCloseTo(link.weight, 9);
      expect(e.weight).toBeCloseTo(link.weight, 9);
      expect(e.probability).toBeCloseTo(link.probability, 12);
    }
  });
  it('shows each comparison’s level, values, m, u and term-frequency adjustment', () => {
    const a = rec({ given: 'Robert', family: 'Allen', emails: ['robert255@smith.net'], dob: '1971-06-24' });
    const b = rec({ given: 'Rob', family: 'Allen', emails: ['robert255@smith.net'], dob: '1971-06-24', city: 'London' });
    const e = explain(a, b, model);
    const byName = new Map(e.steps.map((s) => [s.comparison, s]));
    expect(byName.get('given_name')?.label).toBe('nickname_or_phonetic');
    expect(byName.get('family_name')).toMatchObject({ label: 'exact', valueA: 'allen', valueB: 'allen' });
    expect(byName.get('city')).toMatchObject({ level: 0, label: 'null', weight: 0, bayesFactor: 1 });
    expect(byName.get('email')?.termFrequencyAdjustment).not.toBe(0);
    expect(e.level).toBe('match');
  });
});

describe('finite weights', () => {
  it('every pair has a finite weight and a probability in [0, 1], even with degenerate m and u', () => {
    const prepared = prepareRecords(fake.records, modelFields(model));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1, 1e-300, 0.5), { minLength: 64, maxLength: 64 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        (values, i, j) => {
          let v = 0;
          const extreme: MatchModel = {
            ...model,
            comparisons: model.comparisons.map((c) => ({ ...c, levels: c.levels.map((l, k) => (k === 0 ? l : { ...l, m: values[v++ % 64]!, u: values[v++ % 64]! })) })),
          };
          const w = scoreRow(bindModel(extreme, prepared), i, j);
          expect(Number.isFinite(w)).toBe(true);
          const p = probabilityOf(w);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('createMatcher', () => {
  it('dedupe trains and matches in one pass, with the same result as trainModel + findMatches', () => {
    const records = fake.records.slice(0, 400);
    expect(createMatcher().dedupe(records)).toEqual(findMatches(records, trainModel(records)));
  });
  it('trains on first use, dedupes, links and explains', () => {
    const matcher = createMatcher();
    expect(() => matcher.explain(fake.records[0]!, fake.records[1]!)).toThrow(/train the matcher/);
    const links = matcher.dedupe(fake.records.slice(0, 300));
    expect(matcher.model).toBeDefined();
    expect(links.every((l) => l.probability >= (matcher.model as MatchModel).thresholds.possible)).toBe(true);
    const a = fake.records.slice(0, 150);
    const b = fake.records.slice(150, 300);
    const linked = createMatcher().link(a, b);
    const inA = new Set(a.map((r) => r.id));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((l) => inA.has(l.a) !== inA.has(l.b))).toBe(true);
  });
});
