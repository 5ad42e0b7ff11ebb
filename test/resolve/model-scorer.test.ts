import { describe, expect, it } from 'vitest';
import { recordFromRow } from '../../src/channels/contact-row.js';
import { trainModel } from '../../src/match/train-model.js';
import type { ContactRecord } from '../../src/model/contact-record.js';
import { createModelScorer } from '../../src/resolve/model-scorer.js';
import { createResolver } from '../../src/resolve/resolver.js';

const GIVEN = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elena', 'Fabio', 'Gloria', 'Hugo', 'Irene', 'Jorge', 'Lucia', 'Mario', 'Nuria', 'Oscar', 'Paula'];
const FAMILY = ['Souza', 'Lima', 'Rocha', 'Vidal', 'Mendes', 'Prado', 'Nunes', 'Campos', 'Leite', 'Moura', 'Serra', 'Teles'];
const CITIES = ['Recife', 'Curitiba', 'Natal', 'Belém', 'Manaus', 'Santos'];

const row = (cells: Record<string, string>): ContactRecord => {
  const r = recordFromRow(cells, { defaultCountry: 'BR' });
  if (!r.success) throw new Error('bad row');
  return r.data.record;
};

// A seeded contact list: each person twice (one row with a typo-free copy, one without the phone).
function contacts(): ContactRecord[] {
  const out: ContactRecord[] = [];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let p = 0; p < 150; p++) {
    const name = `${GIVEN[next(GIVEN.length)]} ${FAMILY[next(FAMILY.length)]}`;
    const city = CITIES[next(CITIES.length)]!;
    const postcode = `${10000 + next(89999)}-${100 + next(899)}`;
    const phone = `+55 81 9${1000 + next(8999)}-${1000 + next(8999)}`;
    const email = `${name.toLowerCase().replace(' ', '.')}${p}@mail.com`;
    const instagram = `${name.toLowerCase().replace(' ', '_')}${p}`;
    out.push(row({ id: `a${p}`, name, phone, email, city, postcode, instagram }));
    out.push(row({ id: `b${p}`, name, email: next(2) === 0 ? email : '', city, postcode, ...(next(2) === 0 ? { phone } : {}), ...(next(2) === 0 ? { instagram } : {}) }));
  }
  return out;
}

describe('createModelScorer corroboration', () => {
  const model = trainModel(contacts());
  const scorer = createModelScorer(model);
  const base = { name: 'Daniel Queiroz', city: 'Recife', postcode: '50010-100' };

  it('counts where two records live as evidence beyond the name when nothing disagrees', () => {
    const a = row({ id: 'x1', ...base });
    const b = row({ id: 'x2', ...base });
    expect(scorer.score(a, b).corroboration).toBeGreaterThan(3);
  });

  it('never counts the same city (or region) alone: a common name in one city is two people as often as one', () => {
    const a = row({ id: 'c1', name: 'Daniel Queiroz', city: 'Recife' });
    const b = row({ id: 'c2', name: 'Daniel Queiroz', city: 'Recife' });
    expect(scorer.score(a, b).corroboration).toBe(0);
    // A different city still contradicts a link of names alone.
    expect(scorer.score(a, row({ id: 'c3', name: 'Daniel Queiroz', city: 'Manaus' })).contradiction).toBe(true);
  });

  it('does not count a shared address for names that differ by a generational marker: a father and his son of one name', () => {
    const home = { city: 'Recife', postcode: '50010-100', address: 'Rua da Aurora, 12' };
    const father = row({ id: 'g1', name: 'Sergio Garcia Luna', ...home });
    const son = row({ id: 'g2', name: 'Sergio Garcia Luna Jr.', ...home });
    const again = row({ id: 'g3', name: 'SERGIO GARCIA LUNA', ...home });
    expect(scorer.score(father, son).placeCorroboration).toBeGreaterThan(3);
    const resolver = createResolver({ scorer });
    resolver.add([father, son, again]);
    expect(resolver.personOf('g1')).toBe(resolver.personOf('g3'));
    expect(resolver.personOf('g1')).not.toBe(resolver.personOf('g2'));
  });

  it('does not count a shared address when their phones or emails differ: a father and his son live there', () => {
    const father = row({ id: 'y1', ...base, phone: '(81) 98801-8223' });
    const son = row({ id: 'y2', ...base, phone: '(81) 98074-3801' });
    expect(scorer.score(father, son).corroboration).toBe(0);
    const a = row({ id: 'z1', ...base, email: 'daniel.queiroz52@gmail.com' });
    const b = row({ id: 'z2', ...base, email: 'dq.junior@hotmail.com' });
    expect(scorer.score(a, b).corroboration).toBe(0);
  });

  it('counts a handle only when it is the same: joao_alves and joaoalves are two accounts', () => {
    expect(scorer.score(row({ id: 'h1', name: 'João Alves', instagram: 'joao_alves' }), row({ id: 'h2', name: 'João Alves', instagram: 'joaoalves' })).corroboration).toBe(0);
    expect(scorer.score(row({ id: 'h3', name: 'João Alves', instagram: 'joao_alves' }), row({ id: 'h4', name: 'João Alves', instagram: '@Joao_Alves' })).corroboration).toBeGreaterThan(3);
    // The same username on two networks is usually the name again: marta_rodriguez on Telegram and on Instagram are two people as often as one.
    expect(scorer.score(row({ id: 'h5', name: 'João Alves', telegram: 'joao_alves' }), row({ id: 'h6', name: 'João Alves', instagram: 'joao_alves' })).corroboration).toBe(0);
  });

  it('still counts an agreeing phone next to the shared address', () => {
    const a = row({ id: 'w1', ...base, phone: '(81) 98801-8223', email: 'a@x.com' });
    const b = row({ id: 'w2', ...base, phone: '+55 81 98801-8223', email: 'b@y.com' });
    expect(scorer.score(a, b).corroboration).toBeGreaterThan(3);
  });
});

describe('createModelScorer contradiction', () => {
  const model = trainModel(contacts());
  const scorer = createModelScorer(model);

  it('is false when only names are on both records and the rest is on one side only', () => {
    const a = row({ id: 'c1', name: 'Kelly Fonseca', email: 'kelly.fonseca@gmail.com' });
    const b = row({ id: 'c2', name: 'Kelly Fonseca', phone: '(41) 98404-8068' });
    expect(scorer.score(a, b).contradiction).toBe(false);
  });

  it('is true for two email addresses, even with the same local part (two mailboxes)', () => {
    const a = row({ id: 'c3', name: 'Juan García', email: 'jgarcia@gmail.com' });
    const b = row({ id: 'c4', name: 'Juan García', email: 'jgarcia@hotmail.com' });
    expect(scorer.score(a, b).contradiction).toBe(true);
  });

  it('is true for two phones and for two places', () => {
    expect(scorer.score(row({ id: 'c5', name: 'Ana Lima', phone: '(81) 98801-8223' }), row({ id: 'c6', name: 'Ana Lima', phone: '(81) 98074-3801' })).contradiction).toBe(true);
    expect(scorer.score(row({ id: 'c7', name: 'Ana Lima', city: 'Recife' }), row({ id: 'c8', name: 'Ana Lima', city: 'Manaus' })).contradiction).toBe(true);
  });

  it('is false when what both hold agrees', () => {
    const a = row({ id: 'c9', name: 'Ana Lima', email: 'ana.lima@gmail.com', city: 'Recife' });
    const b = row({ id: 'c10', name: 'A. Lima', email: 'Ana.Lima@gmail.com', city: 'Recife' });
    expect(scorer.score(a, b).contradiction).toBe(false);
  });
});
