import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldSpec, mergePrepared, prepareRecords } from '../../src/index.js';
import { PreparedMerger } from '../../src/match/_prepared-merger.js';
import { loadFake1000 } from '../../bench/_datasets.js';
import { inferFields } from '../../src/match/infer-fields.js';
import { CONTACT_FIELDS, rec } from './_helpers.js';

const fake = loadFake1000();
const FAKE_FIELDS: FieldSpec[] = inferFields(fake.records);

const FIELDS = CONTACT_FIELDS;

/** Cut `n` rows into parts at the given (sorted, deduplicated) points. */
function cut<T>(xs: readonly T[], points: readonly number[]): T[][] {
  const at = [...new Set([0, ...points.map((p) => p % (xs.length + 1)), xs.length])].sort((a, b) => a - b);
  const parts: T[][] = [];
  for (let k = 1; k < at.length; k++) parts.push(xs.slice(at[k - 1], at[k]));
  return parts.filter((p) => p.length > 0);
}

describe('PreparedMerger', () => {
  it('merging parts one at a time, or with mergePrepared, gives exactly the records prepared at once (value numbering included)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), (points) => {
        const parts = cut(fake.records, points).map((p) => prepareRecords(p, FAKE_FIELDS));
        const merger = new PreparedMerger();
        for (const p of parts) merger.add(p);
        const streamed = merger.finish();
        const batch = prepareRecords(fake.records, FAKE_FIELDS);
        expect(streamed.size).toBe(fake.records.length);
        expect(streamed.ids).toEqual(batch.ids);
        expect(streamed.sources).toEqual(batch.sources);
        expect(streamed.fields).toEqual(batch.fields);
        streamed.columns.forEach((c, k) => expect(c).toEqual(batch.columns[k]));
        mergePrepared(parts).columns.forEach((c, k) => expect(c).toEqual(batch.columns[k]));
      }),
      { numRuns: 8 },
    );
  });
  it('equals preparing all the records at once, up to the numbering of values: same rows, same pools, same counts', () => {
    const records = [rec({ given: 'Ana', family: 'Souza', emails: ['ana@acme.com'] }), rec({ given: 'Anna', phones: ['+5511987654321'] }), rec({ given: 'Ana', city: 'London' })];
    const merger = new PreparedMerger();
    merger.add(prepareRecords(records.slice(0, 1), FIELDS));
    merger.add(prepareRecords(records.slice(1), FIELDS));
    const merged = merger.finish();
    const whole = prepareRecords(records, FIELDS);
    expect(merged.ids).toEqual(whole.ids);
    // Here values first appear in the same order either way, so the columns are equal outright.
    merged.columns.forEach((c, k) => expect(c).toEqual(whole.columns[k]));
    // Fields sharing a column still share it.
    expect(merged.columns[0]).toBe(merged.columns[1]);
  });
  it('returns a single part as it is, and refuses nothing or other fields', () => {
    const part = prepareRecords([rec({ given: 'a' })], FIELDS);
    const one = new PreparedMerger();
    one.add(part);
    expect(one.finish()).toBe(part);
    expect(() => new PreparedMerger().finish()).toThrow(/nothing to merge/);
    const other = new PreparedMerger();
    other.add(part);
    expect(() => other.add(prepareRecords([rec({ given: 'a' })], FIELDS.slice(1)))).toThrow(/same fields/);
  });
});
