import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BlockingRule,
  type CandidatePairs,
  type ContactRecord,
  type FieldSpec,
  block,
  blockingReport,
  createBlockingIndex,
  defaultBlockingRules,
  forEachCandidatePair,
  prepareRecords,
} from '../../src/index.js';
import { compileRules, ruleKeys } from '../../src/match/_compile-rules.js';
import { rec } from './_helpers.js';

const FIELDS: FieldSpec[] = [
  { name: 'given_name', type: 'given_name' },
  { name: 'family_name', type: 'family_name' },
  { name: 'email', type: 'email' },
  { name: 'phone', type: 'phone' },
  { name: 'birth_date', type: 'date' },
  { name: 'postcode', type: 'postcode' },
];

function pairsOf(c: CandidatePairs): string[] {
  const out: string[] = [];
  forEachCandidatePair(c, (a, b, n) => {
    for (let k = 0; k < n; k++) out.push(`${a[k]}-${b[k]}`);
  });
  return out;
}

/** Every pair sharing a key under some rule, by brute force. */
function bruteForce(records: readonly ContactRecord[], rules: readonly BlockingRule[], link = false): Set<string> {
  const prepared = prepareRecords(records, FIELDS, { defaultCountry: 'BR' });
  const compiled = compileRules(prepared, rules);
  const keys = records.map((_, row) => {
    const out = new Set<string>();
    compiled.forEach((rule, r) => {
      const buf: string[] = [];
      ruleKeys(rule, row, buf);
      for (const k of buf) out.add(`${r}:${k}`);
    });
    return out;
  });
  const pairs = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      if (link && prepared.sources[i] === prepared.sources[j]) continue;
      for (const k of keys[i] ?? []) if (keys[j]?.has(k)) pairs.add(`${i}-${j}`);
    }
  }
  return pairs;
}

const pick = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const recordArb = fc
  .record({
    given: pick(['Ana', 'Anna', 'John', 'Jon', 'Maria']),
    family: pick(['Souza', 'Sousa', 'Smith', 'Silva']),
    email: pick(['ana@acme.com', 'a.na@gmail.com', 'ana@gmail.com', 'john@acme.com', 'info@acme.com']),
    phone: pick(['+5511987654321', '+551187654321', '(11) 98765-4321', '+14155550123']),
    dob: pick(['1984-05-12', '1984-12-05', '1990-01-01']),
    postcode: pick(['4223', '4232']),
    source: fc.constantFrom('a', 'b'),
  })
  .map((p) =>
    rec({
      ...(p.given !== undefined ? { given: p.given } : {}),
      ...(p.family !== undefined ? { family: p.family } : {}),
      ...(p.email !== undefined ? { emails: [p.email] } : {}),
      ...(p.phone !== undefined ? { phones: [p.phone] } : {}),
      ...(p.dob !== undefined ? { dob: p.dob } : {}),
      ...(p.postcode !== undefined ? { postcode: p.postcode } : {}),
      source: p.source,
    }),
  );

describe('block', () => {
  const records = [
    rec({ given: 'Ana', family: 'Souza', emails: ['ana@acme.com'], dob: '1984-05-12' }),
    rec({ given: 'Anna', family: 'Sousa', emails: ['ana@acme.com'], dob: '1984-05-12' }),
    rec({ given: 'Pedro', family: 'Alves', phones: ['+5511987654321'] }),
    rec({ given: 'P', family: 'Alves', phones: ['(11) 98765-4321'] }),
    rec({ given: 'Maria', family: 'Lima' }),
  ];
  it('finds pairs by any rule, each once, and reports per rule', () => {
    const prepared = prepareRecords(records, FIELDS, { defaultCountry: 'BR' });
    const rules: BlockingRule[] = [
      { name: 'email', on: ['email'] },
      { name: 'phone', on: ['phone'] },
      { name: 'surname', on: ['family_name:phonetic'] },
    ];
    const candidates = block(prepared, rules);
    expect(pairsOf(candidates).sort()).toEqual(['0-1', '2-3']);
    const report = blockingReport(candidates);
    expect(report.records).toBe(5);
    expect(report.candidatePairs).toBe(2);
    expect(report.allPairs).toBe(10);
    expect(report.reductionRatio).toBeCloseTo(0.8, 10);
    expect(report.rules.map((r) => [r.name, r.comparisons, r.newComparisons])).toEqual([
      ['email', 1, 1],
      ['phone', 2, 1], // the number and its variant spelling: two blocks, one new pair
      ['surname', 2, 0],
    ]);
  });
  it('tells which rules find each pair', () => {
    const prepared = prepareRecords(records, FIELDS, { defaultCountry: 'BR' });
    const candidates = block(prepared, [{ on: ['email'] }, { on: ['family_name:phonetic'] }]);
    const masks: number[] = [];
    forEachCandidatePair(candidates, (_a, _b, n, mask) => {
      for (let k = 0; k < n; k++) masks.push(mask[k] ?? 0);
    });
    expect(masks.sort()).toEqual([0b10, 0b11]);
  });
  it('links across sources only', () => {
    const linked = records.map((r, i) => ({ ...r, source: i % 2 === 0 ? 'a' : 'b' }));
    const prepared = prepareRecords([...linked, { ...linked[0]!, id: 'copy', source: 'a' }], FIELDS);
    const candidates = block(prepared, [{ on: ['email'] }], { link: true });
    expect(pairsOf(candidates).sort()).toEqual(['0-1', '1-5']);
  });
  it('rejects rules naming unknown fields or transforms', () => {
    const prepared = prepareRecords(records, FIELDS);
    expect(() => block(prepared, [{ on: ['nope'] }])).toThrow(/no field named "nope"/);
    expect(() => block(prepared, [{ on: ['email:soundex'] }])).toThrow(/email fields support/);
    expect(() => block(prepared, [])).toThrow(/at least one rule/);
  });
  it('caps oversized blocks: sub-blocked by a sorted neighbourhood, or skipped, and reported', () => {
    const many = Array.from({ length: 300 }, (_, i) => rec({ given: `John${String.fromCharCode(97 + (i % 26))}`, family: 'Smith', dob: `19${String(10 + (i % 80))}-01-01` }));
    const prepared = prepareRecords(many, FIELDS);
    const rules = [{ name: 'surname', on: ['family_name'] }];
    const windowed = blockingReport(block(prepared, rules, { maxBlockPairs: 1000, window: 5 }));
    expect(windowed.oversizedBlocks).toBe(1);
    expect(windowed.oversized[0]).toEqual({ rule: 'surname', key: 'smith', size: 300, handling: 'windowed' });
    expect(windowed.candidatePairs).toBe(300 * 5 - 15);
    const skipped = blockingReport(block(prepared, rules, { maxBlockPairs: 1000, window: 0 }));
    expect(skipped.oversized[0]?.handling).toBe('skipped');
    expect(skipped.candidatePairs).toBe(0);
  });
  it('equals the brute-force union of rule keys, in dedupe and link mode', () => {
    const rules = defaultBlockingRules(FIELDS);
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 25 }), fc.boolean(), (rs, link) => {
        const prepared = prepareRecords(rs, FIELDS, { defaultCountry: 'BR' });
        const got = pairsOf(block(prepared, rules, { link }));
        expect(new Set(got).size).toBe(got.length);
        expect(new Set(got)).toEqual(bruteForce(rs, rules, link));
      }),
      { numRuns: 80 },
    );
  });
  it('never misses a pair that shares an exact identifier key', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 30 }), (rs) => {
        const prepared = prepareRecords(rs, FIELDS, { defaultCountry: 'BR' });
        const found = new Set(pairsOf(block(prepared, defaultBlockingRules(FIELDS))));
        for (let i = 0; i < rs.length; i++) {
          for (let j = i + 1; j < rs.length; j++) {
            const shared = (kind: 'email' | 'phone') => {
              const col = prepared.columns[FIELDS.findIndex((f) => f.type === kind)] as unknown as { keys: { start: Int32Array; ids: Int32Array; values: string[] } };
              const of = (row: number) => new Set(Array.from(col.keys.ids.subarray(col.keys.start[row], col.keys.start[row + 1]), (id) => col.keys.values[id]));
              const a = of(i);
              return [...of(j)].some((k) => a.has(k));
            };
            if (shared('email') || shared('phone')) expect(found.has(`${i}-${j}`)).toBe(true);
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('createBlockingIndex', () => {
  it('gives the same candidates as batch blocking, and supports add and remove', () => {
    const rules = defaultBlockingRules(FIELDS);
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 20 }), (rs) => {
        const prepared = prepareRecords(rs, FIELDS, { defaultCountry: 'BR' });
        const index = createBlockingIndex(rules);
        for (let row = 0; row < prepared.size; row++) index.add(prepared, row);
        const fromIndex = new Set<string>();
        for (let row = 0; row < prepared.size; row++) {
          for (const id of index.candidates(prepared, row)) {
            const other = prepared.ids.indexOf(id);
            fromIndex.add(row < other ? `${row}-${other}` : `${other}-${row}`);
          }
        }
        expect(fromIndex).toEqual(new Set(pairsOf(block(prepared, rules))));
      }),
      { numRuns: 60 },
    );
  });
  it('scores a new record against the known ones incrementally', () => {
    const rules: BlockingRule[] = [{ on: ['email'] }, { on: ['family_name:phonetic'] }];
    const known = prepareRecords(
      [rec({ id: 'k1', given: 'Ana', family: 'Souza', emails: ['ana@acme.com'] }), rec({ id: 'k2', given: 'Pedro', family: 'Lima' })],
      FIELDS,
    );
    const index = createBlockingIndex(rules);
    index.add(known, 0);
    index.add(known, 1);
    expect(index.size).toBe(2);
    const incoming = prepareRecords([rec({ id: 'n1', given: 'Ana', family: 'Sousa' })], FIELDS);
    expect(index.keysOf(incoming, 0)).toEqual(['1:SS']);
    expect(index.candidates(incoming, 0)).toEqual(['k1']);
    expect(index.remove('k1')).toBe(true);
    expect(index.remove('k1')).toBe(false);
    expect(index.has('k1')).toBe(false);
    expect(index.candidates(incoming, 0)).toEqual([]);
  });
  it('skips oversized blocks and links across sources only', () => {
    const rs = Array.from({ length: 5 }, (_, i) => rec({ id: `s${i}`, family: 'Smith', given: 'x', source: i < 3 ? 'a' : 'b' }));
    const prepared = prepareRecords(rs, FIELDS);
    const small = createBlockingIndex([{ on: ['family_name'] }], { maxBlockSize: 4 });
    const linked = createBlockingIndex([{ on: ['family_name'] }], { link: true });
    for (let row = 0; row < 5; row++) {
      small.add(prepared, row);
      linked.add(prepared, row);
    }
    expect(small.oversizedBlocks()).toBe(1);
    expect(small.candidates(prepared, 0)).toEqual([]);
    expect(linked.candidates(prepared, 0)).toEqual(['s3', 's4']);
  });
});
