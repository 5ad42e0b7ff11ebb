import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/model/contact-record.js';
import { givenNamesCompatible, recordsConflict } from '../../src/resolve/conflict.js';

const person = (full: string | undefined, birthDate?: string): ContactRecord => ({
  id: 'x',
  channel: 'crm',
  identifiers: [],
  ...(full !== undefined ? { name: { full } } : {}),
  ...(birthDate !== undefined ? { birthDate } : {}),
});

describe('givenNamesCompatible', () => {
  it.each([
    ['jose', 'ze'],
    ['francisco', 'paco'],
    ['william', 'bill'],
    ['christopher', 'chris'],
    ['jessica', 'jesisia'],
    ['oscar', 'oscra'],
    ['henry', 'hnry'],
    ['a', 'ana'],
    ['catherine', 'katherine'],
    ['helena', 'lena'],
    ['fernando', 'nando'],
    ['conceicao', 'cao'],
  ])('%s ~ %s', (x, y) => {
    expect(givenNamesCompatible(x, y)).toBe(true);
    expect(givenNamesCompatible(y, x)).toBe(true);
  });

  it.each([
    ['ana', 'pedro'],
    ['maria', 'mario'],
    ['paulo', 'paula'],
    ['francisco', 'francisca'],
    ['julio', 'juliana'],
    ['mario', 'mariana'],
    ['joao', 'lucas'],
    ['ana', 'mariana'],
    ['ana', 'juliana'],
  ])('%s and %s clearly differ', (x, y) => {
    expect(givenNamesCompatible(x, y)).toBe(false);
    expect(givenNamesCompatible(y, x)).toBe(false);
  });
});

describe('recordsConflict', () => {
  it('finds family members apart by their given names', () => {
    expect(recordsConflict(person('Ana Souza'), person('Pedro Souza'))).toMatch(/given names differ/);
    expect(recordsConflict(person('Maria Clara Lima'), person('Maria Fernanda Lima'))).toMatch(/given names differ/);
  });

  it('forgives swapped order, nicknames, missing parts and accents', () => {
    expect(recordsConflict(person('Souza, Ana'), person('Ana Souza'))).toBeUndefined();
    expect(recordsConflict(person('José da Silva'), person('Zé Silva'))).toBeUndefined();
    expect(recordsConflict(person('Ana'), person('Ana Souza'))).toBeUndefined();
    expect(recordsConflict(person('JOSÉ'), person('jose'))).toBeUndefined();
    expect(recordsConflict(person(undefined), person('Pedro'))).toBeUndefined();
    expect(recordsConflict(person('Yuki Tanaka'), person('田中 ゆき'))).toBeUndefined();
  });

  it('knows the nicknames of compound given names', () => {
    expect(recordsConflict(person('María José Morales'), person('Majo'))).toBeUndefined();
    expect(recordsConflict(person('Maria Eduarda Lima'), person('Duda Lima'))).toBeUndefined();
    expect(recordsConflict(person('María José Morales'), person('Pedro Morales'))).toMatch(/given names differ/);
  });

  it('does not mistake fuzzy likeness for swapped order', () => {
    expect(recordsConflict(person('Margarita Ruiz'), person('Luis Zavala'))).toMatch(/given names differ/);
    expect(recordsConflict(person('Zavala, Luis'), person('Luis Zavala'))).toBeUndefined();
  });

  it('never lets a placeholder birth date veto', () => {
    expect(recordsConflict(person('Henrique Pereira', '1947-03-05'), person('Henrique Pereira', '1970-01-01'))).toBeUndefined();
  });

  it('ignores honorifics, family roles and placeholders where a name should be', () => {
    expect(recordsConflict(person('CLIENTE'), person('Ana Luiza Campos'))).toBeUndefined();
    expect(recordsConflict(person('Papá'), person('Maria Velasco'))).toBeUndefined();
    expect(recordsConflict(person('Vó'), person('Sandra Pires Prado'))).toBeUndefined();
    expect(recordsConflict(person('Mamãe'), person('Maria Souza'))).toBeUndefined();
    expect(recordsConflict(person('Dona Antônia'), { ...person(undefined), name: { given: 'ANDRADE', family: 'Antonia' } })).toBeUndefined();
    expect(recordsConflict(person('Dona Antônia'), person('Pedro Souza'))).toMatch(/given names differ/);
  });

  it('treats birth dates years apart as a conflict unless a typo of the year explains them', () => {
    expect(recordsConflict(person('Ana', '1985-04-03'), person('Ana', '1985-03-04'))).toBeUndefined();
    expect(recordsConflict(person('Ana', '1985-04-03'), person('Ana', '1986-05-01'))).toBeUndefined();
    expect(recordsConflict(person('Ana', '1985-04-03'), person('Ana', '1958-04-03'))).toBeUndefined();
    expect(recordsConflict(person('Ana', '1985-04-03'), person('Ana', '1995-04-03'))).toBeUndefined();
    expect(recordsConflict(person('Ana', '1985-04-03'), person('Ana', '1962-10-20'))).toMatch(/birth dates differ/);
  });
});
