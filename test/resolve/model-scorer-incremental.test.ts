import { describe, expect, it } from 'vitest';
import { loadFake1000 } from '../../bench/_datasets.js';
import { trainModel } from '../../src/match/train-model.js';
import type { ContactRecord } from '../../src/model/contact-record.js';
import { createModelScorer } from '../../src/resolve/model-scorer.js';
import { type Resolver, createResolver } from '../../src/resolve/resolver.js';

// The model scorer prepares records a batch at a time and merges the small prepared sets that
// one-record adds leave behind (every 256 rows, then every 4096). Where a record was prepared, and
// what it was merged into, must never show: one record at a time gives what one batch gives.
const fake = loadFake1000();
const model = trainModel(fake.records);
const records: readonly ContactRecord[] = fake.records;

function resolverOf(batches: readonly (readonly ContactRecord[])[]): Resolver {
  const resolver = createResolver({ scorer: createModelScorer(model), now: () => '2024-01-01T00:00:00.000Z' });
  for (const batch of batches) resolver.add(batch);
  return resolver;
}

function picture(resolver: Resolver): unknown {
  return {
    persons: resolver.persons().map((p) => [p.id, p.recordIds]),
    suggestions: resolver.suggestions(),
    // Explanation paths (field details read side A / side B by arrival batch, so they are left out).
    paths: records.filter((_, i) => i % 25 === 0).map((r) => resolver.explain(r.id)?.path),
  };
}

describe('createModelScorer in a resolver', () => {
  it('gives the same persons, suggestions and explanation paths one record at a time as in one batch', () => {
    const batch = resolverOf([records]);
    const single = resolverOf(records.map((r) => [r]));
    const mixed = resolverOf([records.slice(0, 300), ...records.slice(300, 700).map((r) => [r]), records.slice(700)]);
    expect(single.persons().length).toBeGreaterThan(100);
    expect(picture(single)).toEqual(picture(batch));
    expect(picture(mixed)).toEqual(picture(batch));
  });

  it('scores a pair the same whether its records were prepared alone, together or merged', () => {
    const scorer = createModelScorer(model);
    const alone = createModelScorer(model);
    scorer.prepare(records.slice(0, 100));
    for (const r of records.slice(100, 700)) scorer.prepare([r]);
    for (let i = 0; i < 700; i += 7) {
      const a = records[i]!;
      const b = records[(i * 13 + 5) % 700]!;
      if (a === b) continue;
      expect(scorer.score(a, b)).toEqual(alone.score(a, b));
      expect(scorer.blockingKeys(a)).toEqual(alone.blockingKeys(a));
    }
  });
});
