import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFake1000 } from '../../bench/_datasets.js';
import { inferFields } from '../../src/match/infer-fields.js';
import { RecordPreparer, prepareRecords } from '../../src/match/prepare-records.js';

const fake = loadFake1000();
const fields = inferFields(fake.records);
const whole = prepareRecords(fake.records, fields, { defaultCountry: 'GB' });

describe('RecordPreparer', () => {
  it('prepares records handed in batches exactly as all at once (value numbering included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: fake.records.length }), { maxLength: 8 }), (points) => {
        const cuts = [...new Set([0, ...points, fake.records.length])].sort((a, b) => a - b);
        const preparer = new RecordPreparer(fields, { defaultCountry: 'GB' });
        for (let k = 1; k < cuts.length; k++) preparer.add(fake.records.slice(cuts[k - 1], cuts[k]));
        const batched = preparer.finish();
        expect(batched.size).toBe(whole.size);
        expect(batched.ids).toEqual(whole.ids);
        expect(batched.sources).toEqual(whole.sources);
        expect(batched.fields).toEqual(whole.fields);
        batched.columns.forEach((c, k) => expect(c).toEqual(whole.columns[k]));
        // Fields reading the same source share one column, as in prepareRecords.
        batched.columns.forEach((c, k) => expect(batched.columns.indexOf(c)).toBe(whole.columns.indexOf(whole.columns[k]!)));
      }),
      { numRuns: 10 },
    );
  });
  it('prepares nothing into empty columns', () => {
    const empty = new RecordPreparer(fields).finish();
    expect(empty.size).toBe(0);
    expect(empty.columns).toEqual(prepareRecords([], fields).columns);
  });
});
