import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/model/contact-record.js';
import type { PairScorer } from '../../src/resolve/pair-scorer.js';
import { createResolver } from '../../src/resolve/resolver.js';
import { restoreResolver, snapshotResolver } from '../../src/resolve/snapshot.js';
import { assertRemovalIsNeverAdding, personsState } from './_resolver-properties.js';
import type { ResolverOptions } from '../../src/resolve/resolver-types.js';

// A transparent scorer: a shared key is strong evidence beyond the name; an equal full name is name
// evidence, stronger for a rare name (the table stands in for term frequencies); two different keys
// of one kind (two emails, two phones) contradict the pair.
const RARE: Readonly<Record<string, number>> = { 'kelly fonseca': 0.996, 'daniel queiroz': 0.996, 'ana lima': 0.993, 'rui prado': 0.999, 'maria silva': 0.95 };
const keysOf = (r: ContactRecord): Map<string, string> => new Map(r.identifiers.filter((i) => i.key !== undefined).map((i) => [i.kind, i.key!]));
const baseName = (r: ContactRecord): string => (r.name?.full ?? '').toLowerCase().replace(/ júnior$/, '');

const nameScorer: PairScorer = {
  blockingKeys: (r) => (r.name?.full !== undefined ? [`name:${baseName(r)}`] : []),
  score(a, b) {
    const ka = keysOf(a);
    const kb = keysOf(b);
    let shared = 0;
    let contradiction = false;
    for (const [kind, key] of ka) {
      const other = kb.get(kind);
      if (other === key) shared++;
      else if (other !== undefined) contradiction = true;
    }
    const sameName = a.name?.full !== undefined && baseName(a) === baseName(b);
    const nameP = sameName ? (RARE[baseName(a)] ?? 0.9) : 0.01;
    const probability = shared > 0 ? 0.9999 : nameP;
    return { probability, weight: Math.log2(probability / (1 - probability)), corroboration: shared * 12, contradiction };
  },
  explain: (a, b) => ({ a: a.id, b: b.id }),
};

const rec = (id: string, name: string, ids: [kind: 'email' | 'phone' | 'user_id', value: string][]): ContactRecord => ({
  id,
  channel: 'crm',
  identifiers: ids.map(([kind, value]) => ({ kind, value, key: `${kind}:${value}`, verified: false })),
  name: { full: name },
});

const resolve = (records: readonly ContactRecord[], options: Partial<ResolverOptions> = {}) => {
  const resolver = createResolver({ scorer: nameScorer, now: () => '2026-01-01T00:00:00.000Z', ...options });
  resolver.add(records);
  return resolver;
};

describe('Resolver name-only links (nameOnlyThreshold)', () => {
  const kellyMail = rec('k1', 'Kelly Fonseca', [['email', 'kelly@x.com']]);
  const kellyPhone = rec('k2', 'Kelly Fonseca', [['phone', '+5541984048068']]);

  it('by default never merges records that share only a name, and offers them for review', () => {
    const r = resolve([kellyMail, kellyPhone]);
    expect(r.personOf('k1')).not.toBe(r.personOf('k2'));
    expect(r.suggestions()[0]?.reason).toMatch(/names agree but little else does/);
  });

  it('merges a rare name at or above the threshold when nothing else differs, and says so in the evidence', () => {
    const r = resolve([kellyMail, kellyPhone], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('k1')).toBe(r.personOf('k2'));
    const path = r.explain('k2')?.path ?? r.explain('k1')?.path ?? [];
    expect(path).toHaveLength(1);
    expect(path[0]).toMatchObject({ via: 'scored', nameOnly: true });
    expect(r.suggestions()).toEqual([]);
  });

  it('does not merge a common name below the threshold', () => {
    const r = resolve([rec('m1', 'Maria Silva', [['email', 'maria@x.com']]), rec('m2', 'Maria Silva', [['phone', '+5511987654321']])], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('m1')).not.toBe(r.personOf('m2'));
  });

  it('does not merge when something beyond the name differs (two email addresses)', () => {
    const r = resolve([kellyMail, rec('k3', 'Kelly Fonseca', [['email', 'kfonseca@y.com']])], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('k1')).not.toBe(r.personOf('k3'));
  });

  it('does not merge when the name points at two persons', () => {
    // k3 differs from k1 (another email), so the name "Kelly Fonseca" of k2 matches two persons.
    const k3 = rec('k3', 'Kelly Fonseca', [['email', 'kfonseca@y.com']]);
    const r = resolve([kellyMail, kellyPhone, k3], { nameOnlyThreshold: 0.99 });
    expect(new Set([r.personOf('k1'), r.personOf('k2'), r.personOf('k3')]).size).toBe(3);
    const reasons = r.suggestions().map((s) => s.reason);
    expect(reasons.some((x) => x.includes('the name also matches another person'))).toBe(true);
  });

  it('does not merge a person with no email, phone or username of its own (a chat profile with only its name)', () => {
    const r = resolve([kellyMail, rec('k4', 'Kelly Fonseca', [['user_id', 'psid-1']])], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('k1')).not.toBe(r.personOf('k4'));
    expect(r.suggestions()[0]?.reason).toMatch(/no email, phone or username of its own/);
  });

  it('does not merge a name with a generational marker and the same name without it (a father and his son)', () => {
    const r = resolve([rec('d1', 'Daniel Queiroz', [['email', 'dq@x.com']]), rec('d2', 'Daniel Queiroz Júnior', [['phone', '+5581980743801']])], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('d1')).not.toBe(r.personOf('d2'));
  });

  it('checks the whole persons it would join: a record of one that contradicts a record of the other blocks it', () => {
    // k5 joins k2 on a shared phone; k5's email differs from k1's, so k1 and k2's person differ.
    const k5 = rec('k5', 'K.', [['phone', '+5541984048068'], ['email', 'other@z.com']]);
    const r = resolve([kellyMail, kellyPhone, k5], { nameOnlyThreshold: 0.99 });
    expect(r.personOf('k2')).toBe(r.personOf('k5'));
    expect(r.personOf('k1')).not.toBe(r.personOf('k2'));
  });

  it('logs a name-only merge with its evidence, and a snapshot keeps it', () => {
    const options = { scorer: nameScorer, now: () => '2026-01-01T00:00:00.000Z', nameOnlyThreshold: 0.99 };
    const r = createResolver(options);
    // A second Kelly Fonseca (another mailbox) makes the name ambiguous; once she is gone, k1 and k2 merge.
    r.add([kellyMail, kellyPhone, rec('k3', 'Kelly Fonseca', [['email', 'kfonseca@y.com']])]);
    expect(r.personOf('k1')).not.toBe(r.personOf('k2'));
    r.remove(['k3']);
    expect(r.personOf('k1')).toBe(r.personOf('k2'));
    expect(r.mergeLog().at(-1)?.evidence).toEqual([expect.objectContaining({ a: 'k1', b: 'k2', via: 'scored', nameOnly: true })]);
    const restored = restoreResolver(JSON.parse(JSON.stringify(snapshotResolver(r))), options);
    expect(restored.success).toBe(true);
    if (!restored.success) return;
    expect(restored.data.persons()).toEqual(r.persons());
    expect(restored.data.mergeLog()).toEqual(r.mergeLog());
  });

  it('gives the same persons whatever the order and batching', () => {
    const records = [kellyMail, kellyPhone, rec('k3', 'Kelly Fonseca', [['email', 'kfonseca@y.com']]), rec('d1', 'Daniel Queiroz', [['email', 'dq@x.com']]), rec('d3', 'Daniel Queiroz', [['phone', '+5581988018223']])];
    const batch = resolve(records, { nameOnlyThreshold: 0.99 });
    const incremental = createResolver({ scorer: nameScorer, now: () => '2026-01-01T00:00:00.000Z', nameOnlyThreshold: 0.99 });
    for (const r of [...records].reverse()) incremental.add([r]);
    expect(incremental.persons().map((p) => p.recordIds)).toEqual(batch.persons().map((p) => p.recordIds));
    expect(batch.personOf('d1')).toBe(batch.personOf('d3'));
  });
});

describe('Resolver name-only links: invariants', () => {
  const names = ['Kelly Fonseca', 'Daniel Queiroz', 'Daniel Queiroz Júnior', 'Maria Silva', 'Ana Lima', 'Rui Prado'];
  // Each record holds at most one email and one phone, often only one of them: records of one name
  // then often agree beyond the name by having nothing that differs (a name-only link), and sometimes not.
  const recordArb = (id: string): fc.Arbitrary<ContactRecord> =>
    fc
      .record({
        name: fc.constantFrom(...names),
        contact: fc.constantFrom('email', 'phone', 'both', 'psid', 'none'),
        email: fc.constantFrom('a@x.com', 'b@x.com', 'c@x.com'),
        phone: fc.constantFrom('+5511987654321', '+5521999990000', '+5531988887777'),
      })
      .map(({ name, contact, email, phone }) => {
        const ids: [kind: 'email' | 'phone' | 'user_id', value: string][] = [];
        if (contact === 'email' || contact === 'both') ids.push(['email', email]);
        if (contact === 'phone' || contact === 'both') ids.push(['phone', phone]);
        if (contact === 'psid') ids.push(['user_id', `psid-${id}`]);
        return rec(id, name, ids);
      });
  const recordsArb = fc.integer({ min: 2, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(`r${String(i).padStart(2, '0')}`))));
  const make = () => createResolver({ scorer: nameScorer, now: () => '2026-01-01T00:00:00.000Z', nameOnlyThreshold: 0.99 });
  const state = personsState;

  it('the same records in any order and batching give identical persons, ids and suggestions', () => {
    fc.assert(
      fc.property(recordsArb, fc.func(fc.integer()), fc.nat(), (records, order, cut) => {
        const batch = make();
        batch.add(records);
        const shuffled = [...records].sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1));
        const incremental = make();
        const at = cut % (shuffled.length + 1);
        incremental.add(shuffled.slice(0, at));
        for (const r of shuffled.slice(at)) incremental.add([r]);
        expect(state(incremental)).toEqual(state(batch));
        expect(incremental.suggestions()).toEqual(batch.suggestions());
      }),
      { numRuns: 500 },
    );
  });

  it('removing records gives the same persons as never adding them', () => {
    assertRemovalIsNeverAdding(make, recordsArb, { maxRemoved: 3, numRuns: 300 });
  });

  it('a name-only link never joins two records with different emails or phones', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const r = make();
        r.add(records);
        for (const p of r.persons()) {
          for (const e of p.recordIds.flatMap((id) => r.explain(id)?.path ?? [])) {
            if (e.nameOnly !== true) continue;
            const ka = keysOf(r.record(e.a)!);
            for (const [kind, key] of keysOf(r.record(e.b)!)) expect([undefined, key]).toContain(ka.get(kind));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
