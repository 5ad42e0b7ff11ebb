import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NormalizedEmail, normalizeEmail } from '../../src/normalize/email.js';

function data(raw: string): NormalizedEmail {
  const r = normalizeEmail(raw);
  if (!r.success) throw new Error(`expected ${raw} to normalize: ${JSON.stringify(r.issues)}`);
  return r.data;
}

function issueOf(raw: string): { code: string; path: readonly (string | number)[]; message: string } {
  const r = normalizeEmail(raw);
  if (r.success) throw new Error(`expected ${raw} to fail, got ${JSON.stringify(r.data)}`);
  return r.issues[0];
}

describe('normalizeEmail: keys', () => {
  it('trims, lowercases and keeps the +tag in the strict key; Gmail loose key drops dots and tag', () => {
    const e = data('  J.Doe+news@GoogleMail.com ');
    expect(e.key).toBe('j.doe+news@googlemail.com');
    expect(e.looseKey).toBe('jdoe@gmail.com');
    expect(e.local).toBe('j.doe+news');
    expect(e.domain).toBe('googlemail.com');
    expect(e.generic).toBe(false);
  });

  it('gives gmail.com and googlemail.com spellings of one mailbox the same loose key', () => {
    expect(data('ana.silva@gmail.com').looseKey).toBe(data('AnaSilva+x@googlemail.com').looseKey);
    expect(data('ana.silva@gmail.com').key).not.toBe(data('AnaSilva+x@googlemail.com').key);
  });

  it('drops the +tag but keeps dots for Outlook/Hotmail/Live and other providers', () => {
    expect(data('ana.silva+shop@outlook.com').looseKey).toBe('ana.silva@outlook.com');
    expect(data('Ana.Silva+1@hotmail.com.br').looseKey).toBe('ana.silva@hotmail.com.br');
    expect(data('ana.silva+x@live.com').looseKey).toBe('ana.silva@live.com');
    expect(data('andris+123@kreata.ee').looseKey).toBe('andris@kreata.ee'); // mailparser fixture recipient
  });

  it('maps a mistyped provider domain to the provider in the loose key only', () => {
    const e = data('Ana.Silva@gmial.com');
    expect(e.key).toBe('ana.silva@gmial.com');
    expect(e.looseKey).toBe('anasilva@gmail.com');
    expect(data('ana.silva@gmail.com.br').looseKey).toBe('anasilva@gmail.com');
    expect(data('joao@hotmail.co').looseKey).toBe('joao@hotmail.com');
    expect(data('joao@outlok.com').looseKey).toBe('joao@outlook.com');
    expect(data('joao@yaho.com.br').looseKey).toBe('joao@yahoo.com.br');
  });

  it('never takes a real domain for a typo of a provider', () => {
    expect(data('ana@mail.com').looseKey).toBe('ana@mail.com');
    expect(data('ana@ymail.com').looseKey).toBe('ana@ymail.com');
    expect(data('ana@email.com').looseKey).toBe('ana@email.com');
    expect(data('ana@yahoo.com.ar').looseKey).toBe('ana@yahoo.com.ar');
    expect(data('ana@hotmail.com.br').looseKey).toBe('ana@hotmail.com.br');
    expect(data('ana@acme.com').looseKey).toBe('ana@acme.com');
  });

  it('maps me.com and mac.com to icloud.com in the loose key only', () => {
    const e = data('Steve+a@Mac.com');
    expect(e.key).toBe('steve+a@mac.com');
    expect(e.looseKey).toBe('steve@icloud.com');
    expect(data('steve@me.com').looseKey).toBe('steve@icloud.com');
    expect(data('steve@icloud.com').looseKey).toBe('steve@icloud.com');
  });

  it('does not drop a leading + (nothing would be left)', () => {
    expect(data('+tag@example.org').looseKey).toBe('+tag@example.org');
  });

  it('converts IDN domains to A-labels with UTS-46 non-transitional processing (ß stays ß)', () => {
    const e = data('ana@faß.de');
    expect(e.domain).toBe('xn--fa-hia.de');
    expect(e.key).toBe('ana@xn--fa-hia.de');
    expect(data('ANA@FAß.DE').key).toBe('ana@xn--fa-hia.de');
    expect(data('jose@bücher.de').domain).toBe('xn--bcher-kva.de');
    expect(data('jose@XN--BCHER-KVA.DE').domain).toBe('xn--bcher-kva.de');
    expect(data('x@例え.テスト').domain).toBe('xn--r8jz45g.xn--zckzah');
    expect(data('x@ｅｘａｍｐｌｅ．ｃｏｍ').domain).toBe('example.com');
    expect(data('ana@example.com.').domain).toBe('example.com');
  });

  it('applies NFC to the local part (decomposed and composed é are one key)', () => {
    const composed = data('jos\u00e9@example.org');
    const decomposed = data('jose\u0301@example.org');
    expect(decomposed.key).toBe(composed.key);
    expect(composed.local).toBe('josé');
  });

  it('peels mailto: and angle brackets', () => {
    expect(data('mailto:Ana@Acme.io?subject=hi').key).toBe('ana@acme.io');
    expect(data('<ana@acme.io>').key).toBe('ana@acme.io');
    expect(data('Ana Lima <Ana.Lima@Acme.io>').key).toBe('ana.lima@acme.io');
    expect(data('"Lima, Ana" <ana@acme.io>').key).toBe('ana@acme.io');
    expect(data('mailto:ana%2Bx@acme.io').key).toBe('ana+x@acme.io');
  });

  it('accepts quoted local parts and leaves them out of loose rewriting', () => {
    const e = data('"john..doe+x"@gmail.com');
    expect(e.key).toBe('"john..doe+x"@gmail.com');
    expect(e.looseKey).toBe('"john..doe+x"@gmail.com');
  });

  it('never rewrites its input (strings are immutable; the raw value stays with the caller)', () => {
    const raw = ' Ana@Example.COM ';
    normalizeEmail(raw);
    expect(raw).toBe(' Ana@Example.COM ');
  });
});

describe('normalizeEmail: generic addresses', () => {
  it.each([
    'info@acme.com',
    'Admin@acme.com',
    'no-reply@acme.com',
    'noreply@acme.com',
    'do_not_reply@acme.com',
    'support+ticket@acme.com',
    'sales@acme.com',
    'contact@acme.com',
    'contato@loja.com.br',
    'ventas@tienda.mx',
    'test@test.com',
    'ana@example.com',
    'ana@sub.example.org',
    'ana@foo.example',
    'xxx@gmail.com',
    'ana@mailinator.com',
  ])('%s is generic', (raw) => {
    expect(data(raw).generic).toBe(true);
  });

  it.each(['ana.silva@gmail.com', 'informatica.ana@acme.com', 'jsmith@acme.com', 'x@acme.com'])('%s is not generic', (raw) => {
    expect(data(raw).generic).toBe(false);
  });

  it.each(['familiarossi@hotmail.com', 'Familia.Thompson@yahoo.com', 'family_smith@gmail.com', 'andradefamily14@hotmail.com', 'casa.miranda@hotmail.com', 'joaoemaria@uol.com.br', 'juanyana@gmail.com', 'jeffreyejennifer+shop@outlook.com', 'alejandroegraciela2001@yahoo.com.ar', 'thesmiths90@hotmail.com', 'thejoness@gmail.com', 'fam.silva@gmail.com', 'smithhousehold@yahoo.com', 'kumarparivar@gmail.com', 'no@email.com'])(
    '%s is a household mailbox (or a placeholder)',
    (raw) => {
      expect(data(raw).generic).toBe(true);
    },
  );

  it.each(['anaelisa@gmail.com', 'joseeduardo@gmail.com', 'mariaeduarda.lima@gmail.com', 'casandra.lima@gmail.com', 'daniele@x.com', 'reyes@x.com', 'theresas@gmail.com', 'theodores@x.com', 'thomas.theis@x.com', 'famous.amos@x.com', 'noel@x.com', 'theodore.williams@gmail.com', 'theo.evans@x.com', 'thelmasantos@x.com', 'thereza.matos@x.com', 'thea.fernandes@x.com'])('%s (one person, compound or look-alike) is not', (raw) => {
    expect(data(raw).generic).toBe(false);
  });
});

describe('normalizeEmail: malformed input returns typed issues', () => {
  it.each([
    ['', 'required', 'empty'],
    ['   ', 'required', 'empty'],
    ['ana.example.com', 'invalid_format', 'no @'],
    ['@example.com', 'invalid_format', 'empty local part'],
    ['ana@', 'invalid_format', 'empty domain'],
    ['.ana@example.com', 'invalid_format', 'starts with a dot'],
    ['ana.@example.com', 'invalid_format', 'ends with a dot'],
    ['an..a@example.com', 'invalid_format', 'two dots'],
    ['an a@example.com', 'invalid_format', 'needs quoting'],
    ['"ana@example.com', 'invalid_format', 'unterminated'],
    ['ana@localhost', 'invalid_format', 'no dot'],
    ['ana@exa mple.com', 'invalid_format', 'not allowed'],
    ['ana@example..com', 'invalid_format', 'empty label'],
    ['ana@-example.com', 'invalid_format', 'inner hyphens'],
    ['ana@exa_mple.com', 'invalid_format', 'not allowed'],
    ['ana@example.com/x', 'invalid_format', 'not allowed'],
    ['ana@[192.0.2.1]', 'unsupported', 'address literals'],
    ['ana@192.0.2.1', 'unsupported', 'IP address'],
    ['ana\u0000@example.com', 'invalid_format', 'control'],
    ['ana@xn--zz.com', 'invalid_format', 'internationalized'],
  ])('%j -> %s', (raw, code, message) => {
    const i = issueOf(raw);
    expect(i.code).toBe(code);
    expect(i.path).toEqual([]);
    expect(i.message).toContain(message);
  });

  it('enforces the RFC 5321 limits: local 64, label 63, domain 255, address 254 octets', () => {
    expect(data(`${'a'.repeat(64)}@example.com`).local).toHaveLength(64);
    expect(issueOf(`${'a'.repeat(65)}@example.com`)).toMatchObject({ code: 'too_big', message: expect.stringContaining('64') });
    // 33 × 'é' is 66 octets in UTF-8
    expect(issueOf(`${'é'.repeat(33)}@example.com`).code).toBe('too_big');
    expect(issueOf(`ana@${'a'.repeat(64)}.com`).message).toContain('63');
    const longDomain = `${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`; // 308
    expect(issueOf(`ana@${longDomain}`)).toMatchObject({ code: 'too_big' });
    const domain250 = `${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.abcdef`; // 250
    expect(issueOf(`${'a'.repeat(10)}@${domain250}`)).toMatchObject({ code: 'too_big', message: expect.stringContaining('254') });
    expect(issueOf('a'.repeat(2000)).code).toBe('too_big');
  });
});

describe('normalizeEmail: properties', () => {
  const localChar = fc.constantFrom(...'abcXYZ019._+-!#$%&*/=?^`{|}~éßø'.split(''));
  const local = fc
    .array(localChar, { minLength: 1, maxLength: 30 })
    .map((cs) => cs.join(''))
    .filter((s) => !s.startsWith('.') && !s.endsWith('.') && !s.includes('..'));
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
  const domain = fc.oneof(
    fc.tuple(label, fc.constantFrom('com', 'org', 'de', 'com.br')).map(([l, t]) => `${l}.${t}`),
    fc.constantFrom('gmail.com', 'googlemail.com', 'faß.de', 'bücher.de', 'mac.com', 'outlook.com', 'example.com'),
  );
  const address = fc.tuple(local, domain, fc.boolean()).map(([l, d, upper]) => `${upper ? l.toUpperCase() : l}@${d}`);

  it('is idempotent: normalizing the key gives the same key and loose key', () => {
    fc.assert(
      fc.property(address, (raw) => {
        const first = normalizeEmail(raw);
        if (!first.success) return; // e.g. too long after case mapping
        const again = normalizeEmail(first.data.key);
        expect(again.success).toBe(true);
        if (again.success) {
          expect(again.data.key).toBe(first.data.key);
          expect(again.data.looseKey).toBe(first.data.looseKey);
          expect(again.data.generic).toBe(first.data.generic);
        }
      }),
    );
  });

  it('the loose key is a fixed point too (normalizing it keeps it as its own loose key)', () => {
    fc.assert(
      fc.property(address, (raw) => {
        const first = normalizeEmail(raw);
        if (!first.success) return;
        const loose = normalizeEmail(first.data.looseKey);
        expect(loose.success).toBe(true);
        if (loose.success) expect(loose.data.looseKey).toBe(first.data.looseKey);
      }),
    );
  });

  it('never throws on arbitrary strings; failures carry a non-empty issue list', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `${s}@${s}`));
    fc.assert(
      fc.property(anyText, (raw) => {
        const r = normalizeEmail(raw);
        if (!r.success) {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(typeof r.issues[0].code).toBe('string');
        } else {
          expect(r.data.key).toBe(`${r.data.local}@${r.data.domain}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on hostile input (no super-linear backtracking)', () => {
    // Not a timed assertion: these would hang a backtracking regex for minutes.
    for (const raw of ['a'.repeat(1000), `${'a.'.repeat(400)}@`, `${'"\\'.repeat(300)}@x.com`, `x@${'a-'.repeat(400)}`]) {
      expect(normalizeEmail(raw).success).toBe(false);
    }
  });
});
