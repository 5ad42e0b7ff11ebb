import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/model/contact-record.js';
import type { PairScorer } from '../../src/resolve/pair-scorer.js';
import { type Resolver, createResolver } from '../../src/resolve/resolver.js';
import type { ResolveResult } from '../../src/resolve/resolver-types.js';
import { restoreResolver, snapshotResolver } from '../../src/resolve/snapshot.js';
import { assertRemovalIsNeverAdding, personsState } from './_resolver-properties.js';
import { rec, testScorer } from './_scorer.js';

// Small pools so that random records collide often: shared emails, shared phones, family names,
// unique customer ids that sometimes disagree.
const names = ['Ana Souza', 'Ana Sousa', 'Pedro Souza', 'Zé Silva', 'José Silva', 'Maria Lima', undefined];
const emails = ['ana@x.com', 'pedro@x.com', 'fam@x.com', 'info@x.com'];
const phones = ['+5511987654321', '+551133334444', '+5521999990000'];
const externals = ['C-1', 'C-2'];

const recordArb = (id: string): fc.Arbitrary<ContactRecord> =>
  fc
    .record({
      name: fc.constantFrom(...names),
      email: fc.option(fc.constantFrom(...emails), { nil: undefined }),
      phone: fc.option(fc.constantFrom(...phones), { nil: undefined }),
      external: fc.option(fc.constantFrom(...externals), { freq: 4, nil: undefined }),
      // A source that flags its phone as generic (a shared line), or writes it without its country.
      flagged: fc.nat(5).map((n) => n === 0),
      national: fc.nat(3).map((n) => n === 0),
    })
    .map(({ name, email, phone, external, flagged, national }) => {
      const ids: [ 'email' | 'phone' | 'external_id', string][] = [];
      if (email) ids.push(['email', email]);
      if (phone) ids.push(['phone', phone]);
      if (external) ids.push(['external_id', external]);
      const r = rec(id, name, ids);
      if (!flagged && !national) return r;
      const identifiers = r.identifiers.map((x) => {
        if (x.kind !== 'phone') return x;
        if (flagged) return { ...x, generic: true };
        return { ...x, value: x.value.slice(3), key: `phone:+${x.value.slice(3)}`, variantKeys: [x.key!] };
      });
      return { ...r, identifiers };
    });

const recordsArb = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(`r${String(i).padStart(2, '0')}`))));

const clock = () => '2026-01-01T00:00:00.000Z';
const make = () => createResolver({ scorer: testScorer, now: clock, maxRecordsPerIdentifier: 4 });
const state = personsState;

function batches<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b)) {
    out.push(items.slice(start, cut));
    start = cut;
  }
  out.push(items.slice(start));
  return out.filter((b) => b.length > 0);
}

/** Property: the same records in any order and batching give identical persons, ids and suggestions. */
function assertOrderFree(make: () => Resolver): void {
  fc.assert(
    fc.property(recordsArb, fc.func(fc.integer()), fc.array(fc.nat(), { maxLength: 5 }), (records, order, cuts) => {
      const batch = make();
      batch.add(records);
      const shuffled = [...records].sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1));
      const incremental = make();
      for (const part of batches(shuffled, cuts)) incremental.add(part);
      expect(state(incremental)).toEqual(state(batch));
      expect(incremental.suggestions()).toEqual(batch.suggestions());
    }),
    { numRuns: 200 },
  );
}

describe('Resolver invariants', () => {
  it('the same records in any order and any batching give identical persons and ids (incremental == batch)', () => {
    assertOrderFree(make);
  });

  it('removing records gives the same persons as never adding them', () => {
    assertRemovalIsNeverAdding(make, recordsArb, { maxRemoved: 4, numRuns: 150 });
  });

  // Blocks of two: a third record of one name makes its block unusable (a flip), a removal makes it
  // usable again; links that only the block generated go and come back.
  const makeSmallBlocks = () => createResolver({ scorer: testScorer, now: clock, maxRecordsPerIdentifier: 4, maxBlockSize: 2 });

  it('with blocks that fill up, any order and batching give identical persons, ids and suggestions', () => {
    assertOrderFree(makeSmallBlocks);
  });

  // A scorer that tells what speaks beyond the name (like the model scorer): the resolver then
  // discounts a landline a nameless record shares, and weighs name-only links.
  const corroborating: PairScorer = {
    ...testScorer,
    score(a, b) {
      const s = testScorer.score(a, b);
      const keys = (r: ContactRecord, kind: string) => r.identifiers.filter((i) => i.kind === kind && i.generic !== true).map((i) => i.key);
      const shared = (kind: string) => keys(a, kind).filter((k) => keys(b, kind).includes(k)).length;
      const sharedPhones = shared('phone');
      // Bits beyond the name: 12 per shared email, phone or customer id.
      const corroboration = 12 * (shared('email') + sharedPhones + shared('external_id'));
      return { ...s, corroboration, contradiction: keys(a, 'phone').length > 0 && keys(b, 'phone').length > 0 && sharedPhones === 0 };
    },
  };
  const makeCorroborating = () => createResolver({ scorer: corroborating, now: clock, maxRecordsPerIdentifier: 4, deterministic: ['external_id'], nameOnlyThreshold: 0.9 });

  it('with a scorer that reports corroboration, any order and batching give identical persons, ids and suggestions', () => {
    assertOrderFree(makeCorroborating);
  });

  it('with blocks that fill up, removing records gives the same persons as never adding them', () => {
    assertRemovalIsNeverAdding(makeSmallBlocks, recordsArb, { maxRemoved: 4, numRuns: 150 });
  });

  it('no person ever holds two different values of a unique identifier kind (generic values, found in the data, are no values)', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const r = make();
        r.add(records);
        const generic = new Set(r.genericIdentifierKeys());
        for (const p of r.persons()) {
          const values = new Set(p.identifiers.filter((i) => i.kind === 'external_id' && !generic.has(i.key!)).map((i) => i.key));
          expect(values.size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the changes of every operation, applied to a CRM that knows only them, keep its customers the resolver\'s persons, record for record', () => {
    type Op = { op: 'add' | 'remove' | 'link' | 'unlink' | 'split' | 'unmerge'; i: number; j: number };
    const opArb: fc.Arbitrary<Op> = fc.record({ op: fc.constantFrom('add', 'add', 'remove', 'link', 'unlink', 'split', 'unmerge'), i: fc.nat(), j: fc.nat() });
    fc.assert(
      fc.property(recordsArb, fc.array(opArb, { maxLength: 10 }), (records, ops) => {
        const r = make();
        // Customer -> its records, known from the changes alone.
        const crm = new Map<string, Set<string>>();
        const apply = ({ changes }: ResolveResult): void => {
          for (const c of changes) {
            if (c.type === 'created') {
              expect(crm.has(c.personId), `created ${c.personId} twice`).toBe(false);
              crm.set(c.personId, new Set(c.recordIds));
            } else if (c.type === 'merged') {
              for (const a of c.absorbed) {
                expect(crm.has(a), `merged ${a}, which the CRM does not hold`).toBe(true);
                crm.delete(a);
              }
              crm.set(c.personId, new Set(c.recordIds));
            } else if (c.type === 'split') {
              expect(crm.has(c.personId)).toBe(true);
              crm.delete(c.personId);
              expect(c.pieces.map((x) => x.personId)).toEqual(c.into);
              for (const x of c.pieces) crm.set(x.personId, new Set(x.recordIds));
            } else if (c.type === 'deleted') {
              expect(crm.has(c.personId)).toBe(true);
              crm.delete(c.personId);
            } else {
              const records = crm.get(c.personId);
              expect(records, `updated ${c.personId}, which the CRM does not hold`).toBeDefined();
              for (const x of c.removed) records!.delete(x);
              for (const x of c.added) records!.add(x);
            }
          }
          const mirror = [...crm].map(([id, records]) => ({ id, recordIds: [...records].sort() })).sort((x, y) => (x.id < y.id ? -1 : 1));
          expect(mirror).toEqual(r.persons().map((p) => ({ id: p.id, recordIds: [...p.recordIds].sort() })));
        };
        const idAt = (n: number): string => records[n % records.length]!.id;
        apply(r.add(records.slice(0, Math.ceil(records.length / 2))));
        let next = Math.ceil(records.length / 2);
        for (const { op, i, j } of ops) {
          const person = r.personOf(idAt(i));
          if (op === 'add') apply(r.add(records.slice(next, (next = Math.min(records.length, next + 1 + (i % 3))))));
          else if (op === 'remove') apply(r.remove(idAt(i)));
          else if (op === 'link' && r.personOf(idAt(j)) !== undefined && person !== undefined) apply(r.link(idAt(i), idAt(j)));
          else if (op === 'unlink' && idAt(i) !== idAt(j) && r.personOf(idAt(j)) !== undefined && person !== undefined) apply(r.unlink(idAt(i), idAt(j)));
          else if (op === 'split' && person !== undefined) apply(r.split(person, [idAt(i)]));
          else if (op === 'unmerge' && person !== undefined && r.mergeLog().some((e) => e.personId === person)) {
            // Every merge that formed the person may be undone already: then unmerge says so.
            let result: ResolveResult | undefined;
            try {
              result = r.unmerge(person);
            } catch (error) {
              expect((error as { code?: string }).code).toBe('not_found');
            }
            if (result !== undefined) apply(result);
          }
        }
      }),
      { numRuns: Number(process.env.CRM_MIRROR_RUNS ?? 200) },
    );
  });

  it('merge then unmerge restores the earlier state', () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), fc.nat(), (records, i, j) => {
        const r = make();
        r.add(records);
        const a = records[i % records.length]!.id;
        const b = records[j % records.length]!.id;
        if (r.personOf(a) === r.personOf(b)) return;
        const before = state(r);
        r.link(a, b);
        expect(r.personOf(a)).toBe(r.personOf(b));
        r.unmerge(r.personOf(a)!);
        expect(state(r)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('snapshot then restore answers every query the same', () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), fc.nat(), (records, i, j) => {
        const r = make();
        r.add(records);
        const a = records[i % records.length]!.id;
        const b = records[j % records.length]!.id;
        if (a !== b) r.unlink(a, b);
        const restored = restoreResolver(JSON.parse(JSON.stringify(snapshotResolver(r))), { scorer: testScorer, now: clock, maxRecordsPerIdentifier: 4 });
        expect(restored.success).toBe(true);
        if (!restored.success) return;
        expect(state(restored.data)).toEqual(state(r));
        expect(restored.data.suggestions()).toEqual(r.suggestions());
        for (const x of records) expect(restored.data.explain(x.id)).toEqual(r.explain(x.id));
      }),
      { numRuns: 100 },
    );
  });
});
