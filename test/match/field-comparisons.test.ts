import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactRecord, FieldSpec } from '../../src/index.js';
import { bindModel } from '../../src/match/_scorer.js';
import { prepareRecords } from '../../src/match/prepare-records.js';
import { skeletonModel } from '../../src/match/train-model.js';
import { label, rec } from './_helpers.js';

const given: FieldSpec = { name: 'given', type: 'given_name' };
const family: FieldSpec = { name: 'family', type: 'family_name' };
const fullName: FieldSpec = { name: 'name', type: 'name' };

describe('given_name comparison', () => {
  const g = (a: string, b: string, fa = 'silva', fb = 'silva'): string => label(rec({ given: a, family: fa }), rec({ given: b, family: fb }), given);
  it('grades exact, fuzzy, nickname, initial and weak agreement', () => {
    expect(g('Maria', 'maria')).toBe('exact');
    expect(g('Jonathan', 'Jonathon')).toBe('fuzzy');
    expect(g('Maria Clara', 'Maria')).toBe('fuzzy');
    expect(g('Robert', 'Bob')).toBe('nickname_or_phonetic');
    expect(g('Zé', 'José')).toBe('nickname_or_phonetic');
    expect(g('J', 'John')).toBe('initial');
    expect(g('Ana', 'Pedro')).toBe('else');
  });
  it('sees swapped given and family names', () => {
    expect(g('Souza', 'Ana', 'Ana', 'Souza')).toBe('swapped');
  });
  it('is null when either given name is missing', () => {
    expect(label(rec({ family: 'silva' }), rec({ given: 'ana', family: 'silva' }), given)).toBe('null');
  });
});

describe('family_name comparison', () => {
  const f = (a: string, b: string): string => label(rec({ given: 'ana', family: a }), rec({ given: 'ana', family: b }), family);
  it('grades exact, typo, compound, phonetic and weak agreement', () => {
    expect(f('Gonçalves', 'goncalves')).toBe('exact');
    expect(f('Smith', 'Smiht')).toBe('fuzzy');
    expect(f('da Silva Santos', 'Santos')).toBe('fuzzy');
    expect(f('Souza', 'Sousa')).toBe('fuzzy');
    expect(f('Catherwood', 'Katherwud')).toBe('phonetic');
    expect(f('Nguyen', 'Oliveira')).toBe('else');
  });
});

describe('name comparison (whole name, any order)', () => {
  const n = (a: string, b: string): string => label(rec({ full: a }), rec({ full: b }), fullName);
  it('understands order, nicknames, initials and partial overlap', () => {
    expect(n('Ana Souza', 'ana souza')).toBe('exact');
    expect(n('Souza, Ana', 'Ana Souza')).toBe('exact');
    expect(n('Bob Smith', 'Robert Smith')).toBe('token_set');
    expect(n('J Smith', 'John Smith')).toBe('initials');
    expect(n('Maria Oliveira', 'Maria Santos')).toBe('partial');
    expect(n('Pedro Alves', 'Carla Nunes')).toBe('else');
  });
});

describe('email comparison', () => {
  const e = (a: string, b: string): string => label(rec({ emails: [a] }), rec({ emails: [b] }), { name: 'email', type: 'email' });
  it('grades strict key, loose key, local part and fuzzy local part', () => {
    expect(e('Ana@Acme.com', 'ana@acme.com')).toBe('exact');
    expect(e('ana.souza@gmail.com', 'anasouza+news@gmail.com')).toBe('loose');
    expect(e('ana.souza@gmail.com', 'ana.souza@hotmail.com')).toBe('local_exact');
    expect(e('ana.souza@gmail.com', 'ana.sousa@gmail.com')).toBe('local_fuzzy');
    expect(e('ana.souza@gmail.com', 'ana.sousa@hotmail.com')).toBe('else');
    expect(e('ana.souza1@gmail.com', 'ana.souza2@gmail.com')).toBe('else');
    expect(e('ana@gmail.com', 'pedro@gmail.com')).toBe('else');
  });
  it('treats generic addresses as missing and takes the best of several', () => {
    expect(e('info@acme.com', 'info@acme.com')).toBe('null');
    expect(label(rec({ emails: ['x@a.com', 'ana@b.com'] }), rec({ emails: ['ana@b.com'] }), { name: 'email', type: 'email' })).toBe('exact');
  });
});

describe('phone comparison', () => {
  const p = (a: string, b: string): string => label(rec({ phones: [a] }), rec({ phones: [b] }), { name: 'phone', type: 'phone' }, { defaultCountry: 'BR' });
  it('grades E.164, variant, last digits and typo', () => {
    expect(p('+55 11 98765-4321', '(11) 98765-4321')).toBe('exact');
    expect(p('+55 11 98765-4321', '+55 11 8765-4321')).toBe('exact');
    expect(p('+55 11 98765-4321', '+55 21 98765-4321')).toBe('last_digits');
    expect(p('+55 11 98765-4321', '+55 11 98765-4312')).toBe('typo');
    expect(p('+55 11 98765-4321', '+55 31 91234-0000')).toBe('else');
  });
  it('agrees on a variant spelling carried by a keyed identifier', () => {
    const keyed = rec({ ids: [{ kind: 'phone', value: '551187654321', key: 'phone:+551187654321', variantKeys: ['phone:+5511987654321'], verified: true }] });
    const fresh = rec({ ids: [{ kind: 'phone', value: 'x', key: 'phone:+5511987654321', verified: true }] });
    expect(label(keyed, fresh, { name: 'phone', type: 'phone' })).toBe('variant');
  });
  it('treats placeholder numbers as missing', () => {
    expect(p('000000000', '000000000')).toBe('null');
  });
});

describe('date comparison', () => {
  const d = (a: string, b: string): string => label(rec({ dob: a }), rec({ dob: b }), { name: 'dob', type: 'date' });
  it('grades exact, transposed, typo, one component and within a year', () => {
    expect(d('1984-05-12', '1984-05-12')).toBe('exact');
    expect(d('1984-05-12', '1984-12-05')).toBe('typo');
    expect(d('1984-05-12', '1948-05-12')).toBe('typo');
    expect(d('1984-05-12', '1984-05-19')).toBe('typo');
    expect(d('1984-05-12', '1984-11-12')).toBe('one_component');
    expect(d('1984-05-12', '1984-09-30')).toBe('within_year');
    expect(d('1984-05-12', '1990-01-01')).toBe('else');
  });
});

describe('postcode, city, address, categorical, text, ids and handles', () => {
  it('postcode: exact ignoring spaces, typo, shared prefix', () => {
    const pc = (a: string, b: string): string => label(rec({ postcode: a }), rec({ postcode: b }), { name: 'pc', type: 'postcode' });
    expect(pc('SW1A 1AA', 'sw1a1aa')).toBe('exact');
    expect(pc('4223', '4232')).toBe('typo');
    expect(pc('4223', '4299')).toBe('prefix');
    expect(pc('SW1A 1AA', 'SW1A 2BB')).toBe('prefix');
    expect(pc('4223', '2000')).toBe('else');
  });
  it('city and address: folded exact and fuzzy', () => {
    expect(label(rec({ city: 'São Paulo' }), rec({ city: 'sao paulo' }), { name: 'city', type: 'city' })).toBe('exact');
    expect(label(rec({ city: 'London' }), rec({ city: 'Lonon' }), { name: 'city', type: 'city' })).toBe('fuzzy');
    const addr = { name: 'addr', type: 'address' } as const;
    expect(label(rec({ line: '12 Wallaby Place' }), rec({ line: 'wallaby place 12' }), addr)).toBe('fuzzy');
    expect(label(rec({ line: '12 Wallaby Place' }), rec({ line: '12 Kangaroo Place' }), addr)).toBe('partial');
  });
  it('categorical and text read attributes', () => {
    const cat: FieldSpec = { name: 'state', type: 'categorical', source: 'attributes.state' };
    expect(label(rec({ attributes: { state: 'NSW' } }), rec({ attributes: { state: 'nsw' } }), cat)).toBe('exact');
    expect(label(rec({ attributes: { state: 'NSW' } }), rec({ attributes: { state: 'VIC' } }), cat)).toBe('else');
    const text: FieldSpec = { name: 'job', type: 'text', source: 'attributes.job' };
    expect(label(rec({ attributes: { job: 'engineer' } }), rec({ attributes: { job: 'enginer' } }), text)).toBe('jaro_winkler>=0.92');
  });
  it('external ids agree only within a namespace; handles across platforms', () => {
    const ext: FieldSpec = { name: 'ext', type: 'external_id' };
    const id = (value: string, namespace: string) => ({ kind: 'external_id' as const, value, namespace, verified: false });
    expect(label(rec({ ids: [id('123', 'crm')] }), rec({ ids: [id('123', 'crm')] }), ext)).toBe('exact');
    expect(label(rec({ ids: [id('123', 'crm')] }), rec({ ids: [id('124', 'crm')] }), ext)).toBe('typo');
    expect(label(rec({ ids: [id('123', 'crm')] }), rec({ ids: [id('123', 'erp')] }), ext)).toBe('null');
    const handle: FieldSpec = { name: 'handle', type: 'handle' };
    const user = (value: string, namespace: string) => ({ kind: 'username' as const, value, namespace, verified: true });
    expect(label(rec({ ids: [user('@ana_souza', 'instagram')] }), rec({ ids: [user('ana_souza', 'instagram')] }), handle)).toBe('exact');
    expect(label(rec({ ids: [user('@ana_souza', 'instagram')] }), rec({ ids: [user('ana_souza', 'telegram')] }), handle)).toBe('other_namespace');
  });
});

const ALL_FIELDS: FieldSpec[] = [
  given,
  family,
  fullName,
  { name: 'email', type: 'email' },
  { name: 'phone', type: 'phone' },
  { name: 'dob', type: 'date' },
  { name: 'postcode', type: 'postcode' },
  { name: 'city', type: 'city' },
  { name: 'address', type: 'address' },
  { name: 'state', type: 'categorical', source: 'address.region' },
  { name: 'note', type: 'text', source: 'attributes.note' },
  { name: 'ext', type: 'external_id' },
];

const pick = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const recordArb: fc.Arbitrary<ContactRecord> = fc
  .record({
    given: pick(['Ana', 'Anna', 'J', 'John', 'Bob', 'Robert', 'Souza', 'Maria Clara']),
    family: pick(['Souza', 'Sousa', 'Ana', 'da Silva', 'Smith', 'Smyth']),
    email: pick(['ana@x.com', 'a.na@gmail.com', 'ana@gmail.com', 'info@x.com', 'bob@y.org']),
    phone: pick(['+5511987654321', '+551187654321', '+14155550123', '11987654321']),
    dob: pick(['1984-05-12', '1984-12-05', '1985-05-12', '2001-01-01']),
    postcode: pick(['4223', '4232', 'SW1A 1AA']),
    city: pick(['London', 'Lonon', 'São Paulo']),
    line: pick(['12 Wallaby Place', 'wallaby pl 12', '3 Main St']),
    region: pick(['nsw', 'vic']),
    note: pick(['engineer', 'enginer', 'nurse']),
    ext: pick(['123', '124', '999']),
  })
  .map((p) =>
    rec({
      ...(p.given !== undefined ? { given: p.given } : {}),
      ...(p.family !== undefined ? { family: p.family } : {}),
      ...(p.email !== undefined ? { emails: [p.email] } : {}),
      ...(p.phone !== undefined ? { phones: [p.phone] } : {}),
      ...(p.dob !== undefined ? { dob: p.dob } : {}),
      ...(p.postcode !== undefined ? { postcode: p.postcode } : {}),
      ...(p.city !== undefined ? { city: p.city } : {}),
      ...(p.line !== undefined ? { line: p.line } : {}),
      ...(p.region !== undefined ? { region: p.region } : {}),
      ...(p.note !== undefined ? { attributes: { note: p.note } } : {}),
      ...(p.ext !== undefined ? { ids: [{ kind: 'external_id', value: p.ext, namespace: 'crm', verified: false }] } : {}),
    }),
  );

describe('every comparison', () => {
  it('is symmetric, and null exactly when a side has no value', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 2, maxLength: 6 }), (records) => {
        const prepared = prepareRecords(records, ALL_FIELDS, { defaultCountry: 'BR' });
        const bound = bindModel(skeletonModel(prepared.fields, [], false), prepared);
        for (let i = 0; i < records.length; i++) {
          for (let j = 0; j < records.length; j++) {
            if (i === j) continue;
            for (const c of bound.comparisons) {
              const l = c.compare(i, j);
              expect(l).toBe(c.compare(j, i));
              expect(l).toBeGreaterThanOrEqual(0);
              expect(l).toBeLessThan(c.levelCount);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
  it('gives the same level across two prepared tables as within one', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        const both = prepareRecords([a, b], ALL_FIELDS, { defaultCountry: 'BR' });
        const left = prepareRecords([a], ALL_FIELDS, { defaultCountry: 'BR' });
        const right = prepareRecords([b], ALL_FIELDS, { defaultCountry: 'BR' });
        const skeleton = skeletonModel(both.fields, [], false);
        const within = bindModel(skeleton, both);
        const across = bindModel(skeleton, left, right, 'model');
        within.comparisons.forEach((c, k) => expect([c.name, across.comparisons[k]?.compare(0, 0), JSON.stringify([a, b])]).toEqual([c.name, c.compare(0, 1), JSON.stringify([a, b])]));
      }),
      { numRuns: 80 },
    );
  });
});
