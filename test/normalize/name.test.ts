import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NormalizedName, foldText, nicknameGroups, normalizeName, phoneticKey } from '../../src/normalize/name.js';
import * as omnilink from '../../src/index.js';

function data(input: Parameters<typeof normalizeName>[0]): NormalizedName {
  const r = normalizeName(input);
  if (!r.success) throw new Error(`expected ${JSON.stringify(input)} to normalize: ${JSON.stringify(r.issues)}`);
  return r.data;
}

describe('foldText', () => {
  it.each([
    ['  JOSÉ  Gonçalves ', 'jose goncalves'],
    ['Straße', 'strasse'],
    ['Ørsted', 'orsted'],
    ['Æsir Œuvre', 'aesir oeuvre'],
    ['Łódź', 'lodz'],
    ['Đorđe', 'dorde'],
    ['Þór', 'thor'],
    ['İstanbul', 'istanbul'],
    ['ﬁnn', 'finn'],
    ['Ｍａｒｉａ　Ｓｏｕｚａ', 'maria souza'],
    ['O’Brien', "o'brien"],
    ['Jean‐Pierre', 'jean-pierre'],
    ['Ñoño Müller', 'nono muller'],
    ['ΣΑΣ', 'σασ'],
    ['\tAna\u00a0\u00a0Silva\n', 'ana silva'],
  ])('%j -> %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        const once = foldText(s);
        expect(foldText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('phoneticKey', () => {
  it.each([
    ['souza', 'sousa'],
    ['goncalves', 'goncalvez'],
    ['smith', 'smyth'],
    ['catherine', 'katherine'],
    ['rodrigues', 'rodriguez'],
    ['melo', 'mello'],
    ['luiz', 'luis'],
    ['filipe', 'phillipe'],
    ['thomas', 'tomas'],
    ['wagner', 'vagner'],
    ['hernandez', 'ernandez'],
    ['magalhaes', 'magalaes'],
    ['chaves', 'chavez'],
    ['christian', 'cristian'],
    ['jorge', 'jorje'],
    ['yolanda', 'iolanda'],
    ['cecilia', 'sesilia'],
    ['vieira', 'bieira'],
  ])('%s ~ %s', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it('works on folded input from the spec: phonetic(foldName("Souza")) == phonetic("Sousa")', () => {
    expect(phoneticKey(foldText('Souza'))).toBe(phoneticKey('sousa'));
    expect(phoneticKey(foldText('Gonçalves'))).toBe(phoneticKey(foldText('Goncalvez')));
  });

  it('keeps different names apart', () => {
    expect(phoneticKey('silva')).not.toBe(phoneticKey('santos'));
    expect(phoneticKey('ana')).not.toBe(phoneticKey('anna maria'));
    expect(phoneticKey('pereira')).not.toBe(phoneticKey('ferreira'));
    expect(phoneticKey('lima')).not.toBe(phoneticKey('lina'));
  });

  it('gives concrete keys', () => {
    expect(phoneticKey('souza')).toBe('SS');
    expect(phoneticKey('goncalves')).toBe('GNKLBS');
    expect(phoneticKey('smith')).toBe('SMT');
    expect(phoneticKey('catherine')).toBe('KTRN');
    expect(phoneticKey('ana')).toBe('AN');
    expect(phoneticKey('山田')).toBe('山田');
    expect(phoneticKey('')).toBe('');
  });

  it('is deterministic, uppercase ASCII for Latin input, and a fixed point of itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 1, maxLength: 20 }), (w) => {
        const k = phoneticKey(w);
        expect(k).toMatch(/^[A-Z]+$/);
        expect(phoneticKey(w)).toBe(k);
      }),
    );
  });
});

describe('nicknameGroups', () => {
  it.each([
    ['ze', ['jose']],
    ['pepe', ['jose']],
    ['chico', ['francisco']],
    ['paco', ['francisco']],
    ['pancho', ['francisco']],
    ['bill', ['william']],
    ['liam', ['william']],
    ['bob', ['robert', 'roberto']],
    ['peggy', ['margaret']],
    ['tono', ['antonio']],
    ['lupe', ['guadalupe']],
    ['chuy', ['jesus']],
    ['manolo', ['manuel']],
    ['nacho', ['ignacio']],
    ['quique', ['enrique']],
    ['lola', ['dolores']],
    ['conchita', ['concepcion']],
    ['charo', ['rosario']],
    ['dudu', ['eduardo']],
    ['lula', ['luis']],
    ['luiz', ['luis']],
    ['nando', ['fernando']],
    ['carlinhos', ['carlos']],
    ['caca', ['carlos']],
    ['bia', ['beatriz']],
    ['jim', ['james']],
    ['sasha', ['alexander', 'alexandra']],
    ['jose', ['jose']],
    ['to', ['antonio']],
    ['bela', ['isabel']],
    ['magos', ['margarita']],
    ['tincho', ['martin']],
    ['pili', ['pilar']],
    ['pipa', ['filipa']],
    ['xyz', []],
  ])('%s -> %j', (token, groups) => {
    expect(nicknameGroups(token)).toEqual(groups);
  });

  it('puts a token in every group it belongs to', () => {
    expect(nicknameGroups('tony')).toEqual(['anthony', 'antonio']);
    expect(nicknameGroups('alex')).toContain('alejandro');
    expect(nicknameGroups('alex')).toContain('alexander');
    expect(nicknameGroups('beto')).toContain('roberto');
    expect(nicknameGroups('beto')).toContain('alberto');
  });
});

describe('normalizeName', () => {
  it('drops honorifics, sets particles apart and splits given from family', () => {
    expect(data('Sr. José Luis Gonçalves da Silva')).toEqual({
      full: 'jose luis goncalves da silva',
      given: ['jose', 'luis'],
      family: ['goncalves', 'silva'],
      particles: ['da'],
      tokens: ['jose', 'luis', 'goncalves', 'silva'],
      phonetic: ['JS', 'LS', 'GNKLBS', 'SLB'],
    });
  });

  it('reads "Surname, Given" order', () => {
    const n = data('Silva, Ana Maria');
    expect(n.given).toEqual(['ana', 'maria']);
    expect(n.family).toEqual(['silva']);
    expect(n.full).toBe('ana maria silva');
    expect(data('de Souza, Ana')).toMatchObject({ given: ['ana'], family: ['souza'], particles: ['de'] });
    expect(data('GARCÍA LÓPEZ, Sra. María')).toMatchObject({ given: ['maria'], family: ['garcia', 'lopez'] });
  });

  it('does not mistake "Smith, Jr." for surname order', () => {
    expect(data('John Smith, Jr.')).toMatchObject({ given: ['john'], family: ['smith'], tokens: ['john', 'smith'] });
  });

  it('handles Spanish "y", Portuguese "e", elided d\' and O\'Brien', () => {
    expect(data('María García y López')).toMatchObject({ family: ['garcia', 'lopez'], particles: ['y'] });
    expect(data('Pedro Silva e Souza')).toMatchObject({ family: ['silva', 'souza'], particles: ['e'] });
    expect(data("Ana D'Ávila")).toMatchObject({ family: ['avila'], particles: ['d'] });
    expect(data("Seán O'Brien")).toMatchObject({ given: ['sean'], family: ['obrien'] });
  });

  it('keeps Filho/Neto/Júnior as family and drops Jr./III', () => {
    expect(data('João da Silva Filho')).toMatchObject({ given: ['joao'], family: ['silva', 'filho'] });
    expect(data('Robert Smith III')).toMatchObject({ family: ['smith'] });
  });

  it('honorifics that are also names are dropped only before two more words', () => {
    expect(data('Don Johnson')).toMatchObject({ given: ['don'], family: ['johnson'] });
    expect(data('Dona Maria Aparecida')).toMatchObject({ given: ['maria'], family: ['aparecida'] });
    expect(data('Dr. Silva')).toMatchObject({ given: ['silva'], family: [] });
  });

  it('keeps hyphenated given names together, splits hyphenated words into tokens', () => {
    expect(data('Jean-Pierre Van Damme')).toMatchObject({ given: ['jean', 'pierre'], family: ['damme'], particles: ['van'] });
    expect(data('Ana Lima-Souza')).toMatchObject({ given: ['ana'], family: ['lima', 'souza'] });
  });

  it('treats middle initials and known given names as given', () => {
    expect(data('J. R. R. Tolkien')).toMatchObject({ given: ['j', 'r', 'r'], family: ['tolkien'] });
    expect(data('Maria Clara Santos Oliveira')).toMatchObject({ given: ['maria', 'clara'], family: ['santos', 'oliveira'] });
  });

  it('takes given/family fields as given', () => {
    expect(data({ given: 'Ana', family: 'de Souza' })).toEqual({
      full: 'ana de souza',
      given: ['ana'],
      family: ['souza'],
      particles: ['de'],
      tokens: ['ana', 'souza'],
      phonetic: ['AN', 'SS'],
    });
    expect(data({ full: 'Ignored Name', given: 'Bob' })).toMatchObject({ given: ['bob'], family: [] });
    expect(data({ full: 'Silva, Ana' })).toMatchObject({ given: ['ana'], family: ['silva'] });
  });

  it('folds full-width and non-Latin names', () => {
    expect(data('Ｍａｒｉａ　Ｓｏｕｚａ').tokens).toEqual(['maria', 'souza']);
    expect(data('山田 太郎')).toMatchObject({ tokens: ['山田', '太郎'], phonetic: ['山田', '太郎'] });
    expect(data('Łukasz Żółć').tokens).toEqual(['lukasz', 'zolc']);
  });

  it('returns issues for empty, letterless or huge names', () => {
    expect(normalizeName('')).toMatchObject({ success: false, issues: [{ code: 'required' }] });
    expect(normalizeName('  ')).toMatchObject({ success: false, issues: [{ code: 'required' }] });
    expect(normalizeName('1234 --')).toMatchObject({ success: false, issues: [{ code: 'invalid_value' }] });
    expect(normalizeName('a'.repeat(2000))).toMatchObject({ success: false, issues: [{ code: 'too_big' }] });
    expect(normalizeName({})).toMatchObject({ success: false, issues: [{ code: 'required' }] });
    expect(normalizeName({ given: 'x'.repeat(600) })).toMatchObject({ success: false, issues: [{ code: 'too_big', path: ['given'] }] });
    expect(normalizeName({ full: '!!!' })).toMatchObject({ success: false, issues: [{ path: ['full'] }] });
  });

  const givenPool = ['José', 'Ana', 'Maria', 'João', 'Luis', 'Francisco', 'Ana Maria', 'Jean-Pierre', 'William', 'Dolores', 'J.'];
  const familyPool = ['Silva', 'de Souza', 'Gonçalves', 'García y López', 'dos Santos', 'van der Berg', "O'Brien", 'Müller', 'Lima-Souza'];
  const honorific = fc.constantFrom('', 'Sr. ', 'Dra. ', 'Mrs. ', 'Dona ');
  const name = fc.tuple(honorific, fc.constantFrom(...givenPool), fc.constantFrom(...familyPool), fc.boolean()).map(([h, g, f, comma]) => (comma ? `${f}, ${h}${g}` : `${h}${g} ${f}`));

  it('is idempotent on realistic names: normalizing `full` gives the same parts', () => {
    fc.assert(
      fc.property(name, (raw) => {
        const first = data(raw);
        const again = data(first.full);
        expect(again.full).toBe(first.full);
        expect(again.tokens).toEqual(first.tokens);
        expect(again.given).toEqual(first.given);
        expect(again.family).toEqual(first.family);
        expect(again.particles).toEqual(first.particles);
      }),
    );
  });

  it('settles after one pass on arbitrary text and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (raw) => {
        const r = normalizeName(raw);
        if (!r.success) {
          expect(r.issues.length).toBeGreaterThan(0);
          return;
        }
        expect(r.data.tokens.length).toBeGreaterThan(0);
        expect(r.data.phonetic).toHaveLength(r.data.tokens.length);
        const second = data(r.data.full);
        const third = data(second.full);
        expect(third).toEqual(second);
      }),
      { numRuns: 1000 },
    );
  });

  it('is exported from the package root', () => {
    expect(omnilink.normalizeName).toBe(normalizeName);
    expect(omnilink.foldText).toBe(foldText);
    expect(omnilink.nicknameGroups).toBe(nicknameGroups);
    expect(omnilink.phoneticKey).toBe(phoneticKey);
  });
});
