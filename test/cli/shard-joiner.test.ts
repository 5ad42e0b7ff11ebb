import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFake1000 } from '../../bench/_datasets.js';
import { prepareShard } from '../../src/cli/match-worker.js';
import { ShardJoiner } from '../../src/cli/shard-joiner.js';
import { keyEntriesOf } from '../../src/match/block.js';
import { defaultBlockingRules } from '../../src/match/default-blocking-rules.js';
import { inferFields } from '../../src/match/infer-fields.js';
import { mergePrepared } from '../../src/match/merge-prepared.js';
import { prepareRecords } from '../../src/match/prepare-records.js';

const fake = loadFake1000();
const fields = inferFields(fake.records);
const rules = defaultBlockingRules(fields);
// Shards of 100 to 300 records, in input order.
const sizes = [100, 250, 300, 150, 200];
const shards = sizes.map((n, k) => {
  const from = sizes.slice(0, k).reduce((a, b) => a + b, 0);
  return prepareShard([fake.records.slice(from, from + n)], { fields, rules });
});
const whole = mergePrepared(shards.map((s) => s.prepared));

describe('ShardJoiner', () => {
  it('joins shards arriving in any order into exactly the shards merged in input order, key entries renumbered', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), fc.integer({ min: 1, max: 8 }), (order, expected) => {
        // However many shards it expects (sizing its key arrays), the result is the same.
        const joiner = new ShardJoiner(expected);
        for (const k of order) joiner.add(k, shards[k]!);
        expect(joiner.merged).toBe(5);
        const joined = joiner.finish();
        expect(joined.prepared.size).toBe(whole.size);
        expect(joined.prepared.ids).toEqual(whole.ids);
        joined.prepared.columns.forEach((c, k) => expect(c).toEqual(whole.columns[k]));
        // The keys of the joined rows, as if hashed on all the records at once.
        const all = keyEntriesOf(prepareRecords(fake.records, fields), rules);
        expect(joined.entries?.length).toBe(all.length);
        const rowsOf = (e: typeof all) => {
          const out = new Map<string, number[]>();
          for (let q = 0; q < e.length; q++) {
            const key = `${e.hi[q]}:${e.lo[q]}:${e.rule[q]}`;
            out.set(key, [...(out.get(key) ?? []), e.row[q]!]);
          }
          return out;
        };
        expect(rowsOf(joined.entries!)).toEqual(rowsOf(all));
        expect(joined.seconds?.prepare).toBeCloseTo(shards.reduce((t, s) => t + (s.seconds?.prepare ?? 0), 0), 9);
      }),
      { numRuns: 10 },
    );
  });
  it('merges a shard as soon as every shard before it is in', () => {
    const joiner = new ShardJoiner();
    joiner.add(2, shards[2]!);
    joiner.add(1, shards[1]!);
    expect(joiner.merged).toBe(0);
    joiner.add(0, shards[0]!);
    expect(joiner.merged).toBe(3);
  });
  it('refuses a shard twice, a missing shard and no shard', () => {
    const joiner = new ShardJoiner();
    joiner.add(0, shards[0]!);
    expect(() => joiner.add(0, shards[0]!)).toThrow(/twice/);
    joiner.add(2, shards[2]!);
    expect(() => joiner.finish()).toThrow(/shard 1 is missing/);
    expect(() => new ShardJoiner().finish()).toThrow(/no shard/);
    const late = new ShardJoiner();
    late.add(1, shards[1]!);
    expect(() => late.finish()).toThrow(/shard 0 is missing/);
  });
  it('leaves out key entries unless every shard has some', () => {
    const joiner = new ShardJoiner();
    joiner.add(0, prepareShard([fake.records.slice(0, 10)], { fields }));
    joiner.add(1, shards[1]!);
    expect(joiner.finish().entries).toBeUndefined();
  });
});
