import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePrepared, prepareRecords } from '../../src/index.js';
import { bindModel } from '../../src/match/_scorer.js';
import { kindOf } from '../../src/match/_kinds.js';
import { skeletonModel } from '../../src/match/train-model.js';
import { CONTACT_FIELDS, rec } from './_helpers.js';

const FIELDS = CONTACT_FIELDS;

const pick = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const recordArb = fc
  .record({
    given: pick(['Ana', 'Anna', 'J', 'Bob', 'Robert']),
    family: pick(['Souza', 'Sousa', 'Smith']),
    email: pick(['ana@acme.com', 'a.na@gmail.com', 'ana@gmail.com']),
    phone: pick(['+5511987654321', '+551187654321', '+14155550123']),
    dob: pick(['1984-05-12', '1984-12-05']),
    city: pick(['London', 'Lonon']),
    handle: pick(['ana', 'bob']),
  })
  .map((p) =>
    rec({
      ...(p.given !== undefined ? { given: p.given } : {}),
      ...(p.family !== undefined ? { family: p.family } : {}),
      ...(p.email !== undefined ? { emails: [p.email] } : {}),
      ...(p.phone !== undefined ? { phones: [p.phone] } : {}),
      ...(p.dob !== undefined ? { dob: p.dob } : {}),
      ...(p.city !== undefined ? { city: p.city } : {}),
      ...(p.handle !== undefined ? { ids: [{ kind: 'username', value: p.handle, namespace: 'instagram', verified: true }] } : {}),
    }),
  );

describe('mergePrepared', () => {
  it('equals preparing everything at once: levels, term frequencies, keys', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 12 }), fc.array(recordArb, { minLength: 1, maxLength: 12 }), (xs, ys) => {
        const whole = prepareRecords([...xs, ...ys], FIELDS);
        const merged = mergePrepared([prepareRecords(xs, FIELDS), prepareRecords(ys, FIELDS)]);
        expect(merged.size).toBe(whole.size);
        expect(merged.ids).toEqual(whole.ids);
        const skeleton = skeletonModel(whole.fields, [], false);
        const a = bindModel(skeleton, whole);
        const b = bindModel(skeleton, merged);
        for (let i = 0; i < whole.size; i++) {
          for (let j = 0; j < whole.size; j++) {
            a.comparisons.forEach((c, k) => expect(b.comparisons[k]?.compare(i, j)).toBe(c.compare(i, j)));
          }
        }
        whole.fields.forEach((f, k) => {
          const kind = kindOf(f.type);
          const pw = kind.tfPool(f.type, whole.columns[k]!)!;
          const pm = kind.tfPool(f.type, merged.columns[k]!)!;
          const counts = (p: typeof pw) => Object.fromEntries(p.values.map((v, id) => [v, p.counts[id]]));
          expect(counts(pm)).toEqual(counts(pw));
          expect(pm.total).toBe(pw.total);
        });
        // Fields that share a column still share it.
        expect(merged.columns[0]).toBe(merged.columns[1]);
      }),
      { numRuns: 60 },
    );
  });
  it('rejects parts prepared with different fields', () => {
    expect(() => mergePrepared([prepareRecords([rec({ given: 'a' })], FIELDS), prepareRecords([rec({ given: 'a' })], FIELDS.slice(1))])).toThrow(/same fields/);
    expect(() => mergePrepared([])).toThrow(/nothing to merge/);
  });
});
