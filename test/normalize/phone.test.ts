import fc from 'fast-check';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { OmnilinkError } from '../../src/model/errors.js';
import { defaultPhoneNormalizer } from '../../src/normalize/default-phone.js';
import { type NormalizedPhone, createPhoneNormalizer, normalizePhone } from '../../src/normalize/phone.js';

function data(raw: string, defaultCountry?: string): NormalizedPhone {
  const r = normalizePhone(raw, defaultCountry !== undefined ? { defaultCountry } : undefined);
  if (!r.success) throw new Error(`expected ${raw} to normalize: ${JSON.stringify(r.issues)}`);
  return r.data;
}

function issueOf(raw: string, defaultCountry?: string): { code: string; path: readonly (string | number)[]; message: string } {
  const r = normalizePhone(raw, defaultCountry !== undefined ? { defaultCountry } : undefined);
  if (r.success) throw new Error(`expected ${raw} to fail, got ${JSON.stringify(r.data)}`);
  return r.issues[0];
}

describe('normalizePhone: input forms', () => {
  it('reads a WhatsApp id (digits without +) as international', () => {
    const p = data('5511987654321');
    expect(p.e164).toBe('+5511987654321');
    expect(p.key).toBe('+5511987654321');
    expect(p.variantKeys).toEqual(['+551187654321']);
    expect(p.country).toBe('BR');
    expect(p.type).toBe('mobile');
    expect(p.valid).toBe(true);
    expect(p.extension).toBeUndefined();
    expect(data('14155238886')).toMatchObject({ key: '+14155238886', variantKeys: [], country: 'US', valid: true, generic: false });
  });

  it('strips whatsapp:, tel:, sms: and WhatsApp JIDs', () => {
    expect(data('whatsapp:+14155238886').key).toBe('+14155238886');
    expect(data('WhatsApp:+14155238886').key).toBe('+14155238886');
    expect(data('sms:+14155238886').key).toBe('+14155238886');
    expect(data('5511987654321@s.whatsapp.net').key).toBe('+5511987654321');
    expect(data('5511987654321:12@s.whatsapp.net').key).toBe('+5511987654321');
    expect(data('5511987654321@c.us').key).toBe('+5511987654321');
    const tel = data('tel:+1-415-523-8886;ext=42;phone-context=example.com');
    expect(tel.key).toBe('+14155238886');
    expect(tel.extension).toBe('42');
  });

  it('reads numbers as spreadsheets leave them', () => {
    expect(normalizePhone("'+5511987654321").success && data("'+5511987654321").key).toBe('+5511987654321'); // Excel's text marker
    expect(data('="5511987654321"').key).toBe('+5511987654321'); // Excel's formula form
    expect(data('5511987654321.0').key).toBe('+5511987654321'); // a float column (pandas with blanks)
    expect(normalizePhone('11987654321.0', { defaultCountry: 'BR' })).toMatchObject({ success: true, data: { key: '+5511987654321' } });
    expect(normalizePhone('5.511987654321E+12').success).toBe(false); // digits may be lost: never guessed
    expect(data("'5511987654321'").key).toBe('+5511987654321');
    // A link whose number goes on past the digits is not cut short.
    expect(normalizePhone('https://api.whatsapp.com/send?phone=55119-8765-4321').success).toBe(false);
  });

  it('reads the number in WhatsApp click-to-chat links as international', () => {
    expect(data('wa.me/5511987654321').key).toBe('+5511987654321');
    expect(data('https://wa.me/5511987654321?text=oi').key).toBe('+5511987654321');
    expect(data('https://api.whatsapp.com/send?phone=5491123456789&text=hola').key).toBe('+5491123456789');
    expect(data('whatsapp://send?text=hi&phone=14155238886').key).toBe('+14155238886');
    // Not a link: a plain national number is still read with the default country.
    expect(normalizePhone('wa.me', { defaultCountry: 'BR' }).success).toBe(false);
  });

  it('reads past a word typed before or after the number to say what it is', () => {
    expect(data('Cel: (11) 98765-4321', 'BR').key).toBe('+5511987654321');
    expect(data('tel. +34 612 345 678').key).toBe('+34612345678');
    expect(data('Mobile: +44 7911 123456').key).toBe('+447911123456');
    expect(data('+55 11 98765 4321 (WhatsApp)').key).toBe('+5511987654321');
    expect(data('(11) 3333-4444 (casa)', 'BR').key).toBe('+551133334444');
    // Digits in parentheses are part of the number; a label alone is no number.
    expect(data('+44 (0) 20 7946 0958').key).toBe('+442079460958');
    expect(normalizePhone('Cel: n/a', { defaultCountry: 'BR' }).success).toBe(false);
  });

  it('reads national formats with the default country', () => {
    expect(data('(11) 98765-4321', 'BR').key).toBe('+5511987654321');
    expect(data('011 98765 4321', 'BR').key).toBe('+5511987654321');
    expect(data('0 15 11 98765-4321', 'BR').key).toBe('+5511987654321'); // carrier selection code
    expect(data('(415) 523-8886', 'US').key).toBe('+14155238886');
    expect(data('020 7946 0958', 'gb').key).toBe('+442079460958'); // country code case-insensitive
    expect(data('06 12 34 56 78', 'FR')).toMatchObject({ key: '+33612345678', country: 'FR' });
  });

  it('accepts 00 and 011 international prefixes, with or without a default country', () => {
    expect(data('0044 20 7946 0958').key).toBe('+442079460958');
    expect(data('00 44 20 7946 0958', 'DE').key).toBe('+442079460958');
    expect(data('011 44 20 7946 0958', 'US').key).toBe('+442079460958');
    expect(data('00 55 11 98765 4321', 'US').key).toBe('+5511987654321');
  });

  it('prefers a valid international reading over an invalid national one', () => {
    expect(data('5511987654321', 'BR').key).toBe('+5511987654321');
    expect(data('14155238886', 'BR').key).toBe('+14155238886');
    expect(data('11987654321', 'BR').key).toBe('+5511987654321');
  });

  it('leaves Error.stackTraceLimit as it found it, also when libphonenumber throws inside', () => {
    const before = Error.stackTraceLimit;
    for (const [text, country] of [['+0 12', undefined], ['12', 'US'], ['07535 050583', 'US'], ['not a phone', 'BR']] as const) normalizePhone(text, country !== undefined ? { defaultCountry: country } : undefined);
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('keeps a number grouped as the country writes national numbers national, even with an unassigned area code', () => {
    // 492 is no US area code, and the bare digits spell a valid German number (+49 2997 2312).
    expect(data('492-997-2312', 'US')).toMatchObject({ key: '+14929972312', country: 'US', valid: false });
    expect(data('(492) 997-2312', 'US')).toMatchObject({ key: '+14929972312', valid: false });
    // Grouped otherwise, or not grouped, or with an explicit international prefix, the international reading still wins.
    expect(data('49 2997 2312', 'US').key).toBe('+4929972312');
    expect(data('4929972312', 'US').key).toBe('+4929972312');
    expect(data('011 49 2997 2312', 'US').key).toBe('+4929972312');
  });

  it('keeps extensions apart from the key (ext, x, #, ramal, anexo)', () => {
    expect(data('+1 (415) 523-8886 x42')).toMatchObject({ key: '+14155238886', extension: '42' });
    expect(data('+1 415 523 8886 ext. 7')).toMatchObject({ key: '+14155238886', extension: '7' });
    expect(data('+55 11 3333-4444 ramal 12')).toMatchObject({ key: '+551133334444', extension: '12', type: 'fixed_line' });
    expect(data('(11) 3333-4444 r. 12', 'BR')).toMatchObject({ key: '+551133334444', extension: '12' });
    expect(data('+56 2 2345 6789 anexo 301')).toMatchObject({ key: '+56223456789', extension: '301' });
    expect(data('+5511987654321#123')).toMatchObject({ key: '+5511987654321', extension: '123' });
  });

  it('accepts non-ASCII digits (Arabic-Indic, full-width)', () => {
    expect(data('+١٤١٥٥٢٣٨٨٨٦').key).toBe('+14155238886');
    expect(data('＋１４１５５２３８８８６').key).toBe('+14155238886');
  });
});

describe('normalizePhone: Brazil ninth digit', () => {
  it('turns a 12-digit WhatsApp id of a mobile into the 13-digit key, keeping the old form as a variant', () => {
    const old = data('554188887777');
    expect(old).toMatchObject({ e164: '+5541988887777', key: '+5541988887777', variantKeys: ['+554188887777'], country: 'BR', type: 'mobile', valid: true });
    const current = data('+55 41 98888-7777');
    expect(current.key).toBe(old.key);
    expect(current.variantKeys).toEqual(['+554188887777']);
  });

  it('never adds a ninth digit to landlines (8-digit numbers starting 2-5)', () => {
    const land = data('+55 11 3333-4444');
    expect(land).toMatchObject({ key: '+551133334444', variantKeys: [], type: 'fixed_line', country: 'BR' });
    expect(data('+55 41 5555-1234').variantKeys).toEqual([]);
  });

  it('gives no 12-digit variant to 13-digit mobiles whose 8-digit part starts 1-5 (they never had one)', () => {
    expect(data('+55 11 93123-4567')).toMatchObject({ key: '+5511931234567', variantKeys: [], type: 'mobile' });
  });

  it('agrees with max metadata, which calls the 12-digit form invalid', () => {
    const max = createPhoneNormalizer(maxMetadata);
    const r = max.normalize('whatsapp:+554188887777');
    expect(r.success && r.data).toMatchObject({ key: '+5541988887777', variantKeys: ['+554188887777'], type: 'mobile', valid: true });
  });
});

describe('normalizePhone: Mexico legacy +52 1', () => {
  it('drops the 1 in the key and keeps +521… as a variant, both ways', () => {
    const legacy = data('+52 1 55 1234 5678');
    expect(legacy).toMatchObject({ key: '+525512345678', variantKeys: ['+5215512345678'], country: 'MX', valid: true });
    const current = data('+52 55 1234 5678');
    expect(current).toMatchObject({ key: '+525512345678', variantKeys: ['+5215512345678'] });
    expect(data('5215512345678').key).toBe('+525512345678');
  });

  it('drops the old national prefixes 044/045/01', () => {
    expect(data('044 55 1234 5678', 'MX').key).toBe('+525512345678');
    expect(data('045 33 1234 5678', 'MX').key).toBe('+523312345678');
    expect(data('01 55 1234 5678', 'MX').key).toBe('+525512345678');
  });
});

describe('normalizePhone: Argentina +54 9', () => {
  it('keys mobiles with the 9 and lists the form without it', () => {
    expect(data('+54 9 11 2345-6789')).toMatchObject({ key: '+5491123456789', variantKeys: ['+541123456789'], country: 'AR', type: 'mobile' });
    expect(data('+54 9 351 234 5678')).toMatchObject({ key: '+5493512345678', variantKeys: ['+543512345678'] });
  });

  it('reads the national 0AA 15 form as the 9 form', () => {
    expect(data('(011) 15-2345-6789', 'AR').key).toBe('+5491123456789');
    expect(data('0351 15 234 5678', 'AR').key).toBe('+5493512345678');
    expect(data('+54 351 15 234 5678').key).toBe('+5493512345678');
  });

  it('gives the form without 9 the 9 form as a variant (symmetric)', () => {
    expect(data('+54 11 2345-6789')).toMatchObject({ key: '+541123456789', variantKeys: ['+5491123456789'] });
  });

  it('leaves non-geographic numbers alone', () => {
    expect(data('+54 800 222 1234').variantKeys).toEqual([]);
  });
});

describe('normalizePhone: generic placeholders', () => {
  it.each([
    ['1234567890', 'US'],
    ['+55 11 99999-9999', undefined],
    ['+55 11 00000-0000', undefined],
    ['(11) 1111-1111', 'BR'],
    ['+1 415 555 0123', undefined], // NANP 555-01XX is reserved for fiction
    ['+49 1234567890', undefined],
    ['+972 987654321', undefined],
  ])('%s is generic', (raw, country) => {
    expect(data(raw, country).generic).toBe(true);
  });

  it.each(['+5511987654321', '+14155238886', '+14158675309', '+442079460958', '+5491123456789'])('%s is not generic', (raw) => {
    expect(data(raw).generic).toBe(false);
  });
});

describe('normalizePhone: issues and misuse', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['+12345', 'too_small'],
    ['+1234567890', 'too_small'],
    ['+55 11 98765-4321 0000000', 'invalid_format'],
    ['NEW_PHONE_NUMBER', 'invalid_format'],
    ['ana@example.com', 'invalid_format'],
    ['120363418770915618@g.us', 'unsupported'],
    ['+999 123 456 789', 'invalid_format'],
    ['+5511987654321987654', 'too_big'],
    ['9'.repeat(300), 'too_big'],
  ])('%j -> %s', (raw, code) => {
    const i = issueOf(raw);
    expect(i.code).toBe(code);
    expect(i.path).toEqual([]);
    expect(i.message.length).toBeGreaterThan(0);
  });

  it('needs a default country to read a national number', () => {
    expect(issueOf('(11) 98765-4321').code).toBe('invalid_format');
  });

  it('throws OmnilinkError(invalid_argument) for an unsupported default country', () => {
    expect(() => normalizePhone('123', { defaultCountry: 'XX' })).toThrow(OmnilinkError);
    expect(() => normalizePhone('123', { defaultCountry: 'Brazil' })).toThrow(/not a supported/);
  });

  it('memoizes the default normalizer', () => {
    expect(defaultPhoneNormalizer()).toBe(defaultPhoneNormalizer());
  });
});

describe('createPhoneNormalizer with max metadata', () => {
  const max = createPhoneNormalizer(maxMetadata);
  it('reports line types', () => {
    const mobile = max.normalize('+44 7400 123456');
    expect(mobile.success && mobile.data.type).toBe('mobile');
    const land = max.normalize('+44 20 7946 0958');
    expect(land.success && land.data.type).toBe('fixed_line');
    const free = max.normalize('+1 800 555 1212');
    expect(free.success && free.data.type).toBe('other');
    const nanp = max.normalize('+1 415 523 8886');
    expect(nanp.success && nanp.data.type).toBe('fixed_line_or_mobile');
  });
});

// ---------- properties ----------

const digits = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
const nonZero = fc.constantFrom(...'123456789'.split(''));

/** Brazilian mobiles in both spellings, and landlines. */
const brazil = fc.tuple(nonZero, nonZero, fc.constantFrom('6', '7', '8', '9'), digits(7), fc.boolean()).map(([a, b, first, rest, ninth]) => `+55${a}${b}${ninth ? '9' : ''}${first}${rest}`);
const brazilLandline = fc.tuple(nonZero, nonZero, fc.constantFrom('2', '3', '4', '5'), digits(7)).map(([a, b, first, rest]) => `+55${a}${b}${first}${rest}`);
/** Mexican numbers with and without the legacy 1. */
const mexico = fc.tuple(fc.constantFrom('55', '33', '81', '222', '999', '664'), fc.boolean(), digits(8)).map(([area, one, rest]) => `+52${one ? '1' : ''}${area}${rest}`.slice(0, one ? 14 : 13));
/** Argentine numbers with and without the mobile 9. */
const argentina = fc.tuple(fc.constantFrom('11', '351', '341', '221', '2965'), fc.boolean(), digits(8)).map(([area, nine, rest]) => `+54${nine ? '9' : ''}${area}${rest.slice(0, 10 - area.length)}`);

describe('normalizePhone: properties', () => {
  it('variants are symmetric: every variant normalizes to the same {key} ∪ variantKeys set', () => {
    fc.assert(
      fc.property(fc.oneof(brazil, brazilLandline, mexico, argentina), (raw) => {
        const r = normalizePhone(raw);
        if (!r.success) return;
        const set = new Set([r.data.key, ...r.data.variantKeys]);
        for (const v of r.data.variantKeys) {
          const back = normalizePhone(v);
          expect(back.success).toBe(true);
          if (!back.success) continue;
          expect(new Set([back.data.key, ...back.data.variantKeys])).toEqual(set);
          expect([back.data.key, ...back.data.variantKeys]).toContain(r.data.key);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('BR: the 12- and 13-digit forms of one mobile share the key', () => {
    fc.assert(
      fc.property(nonZero, nonZero, fc.constantFrom('6', '7', '8', '9'), digits(7), (a, b, first, rest) => {
        const old = normalizePhone(`55${a}${b}${first}${rest}`);
        const cur = normalizePhone(`55${a}${b}9${first}${rest}`);
        if (!old.success || !cur.success) return;
        expect(old.data.key).toBe(cur.data.key);
        expect(old.data.variantKeys).toEqual(cur.data.variantKeys);
      }),
    );
  });

  it('is idempotent: normalizing the key gives the same key and variants', () => {
    const e164ish = fc.oneof(brazil, brazilLandline, mexico, argentina, fc.stringMatching(/^\+[1-9]\d{6,14}$/));
    fc.assert(
      fc.property(e164ish, (raw) => {
        const r = normalizePhone(raw);
        if (!r.success) return;
        const again = normalizePhone(r.data.key);
        expect(again.success).toBe(true);
        if (!again.success) return;
        expect(again.data.key).toBe(r.data.key);
        expect(again.data.variantKeys).toEqual(r.data.variantKeys);
        expect(again.data.generic).toBe(r.data.generic);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings, with or without a default country', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.stringMatching(/^[+0-9 ()\-.x#]{0,30}$/));
    fc.assert(
      fc.property(anyText, fc.constantFrom(undefined, 'BR', 'US', 'MX', 'AR'), (raw, defaultCountry) => {
        const r = normalizePhone(raw, defaultCountry !== undefined ? { defaultCountry } : undefined);
        if (r.success) {
          expect(r.data.key).toMatch(/^\+[1-9]\d{3,16}$/);
          expect(r.data.key).toBe(r.data.e164);
        } else {
          expect(r.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('fast path', () => {
  it('gives exactly what the libphonenumber path gives', async () => {
    const { buildPhoneNormalizer } = await import('../../src/normalize/_phone-normalizer.js');
    const minMetadata = (await import('libphonenumber-js/min/metadata')).default;
    const fast = buildPhoneNormalizer(minMetadata, { fastPath: true });
    const slow = buildPhoneNormalizer(minMetadata, { fastPath: false });
    // NANP and UK numbers: calling codes shared by several countries
    const nanp = fc
      .tuple(fc.constantFrom('', '+1 ', '1', '+1', '(', '011 1 '), fc.constantFrom('201', '415', '604', '416', '809', '876', '268', '800', '555', '212'), fc.stringMatching(/^[2-9]\d{6}$/), fc.constantFrom(' ', '-', '', ') '))
      .map(([pre, area, rest, sep]) => `${pre}${area}${sep}${rest.slice(0, 3)}-${rest.slice(3)}`);
    const uk = fc
      .tuple(fc.constantFrom('+44 ', '0', '+44', '0044 '), fc.constantFrom('20', '7400', '1534', '1624', '1481', '121', '800'), fc.stringMatching(/^\d{6,7}$/))
      .map(([pre, area, rest]) => `${pre}${area} ${rest}`);
    const formatted = fc
      .tuple(fc.constantFrom('', '+', '0', '00', '011', '(', '55', '52 1', '54 9', '0 15 '), fc.stringMatching(/^\d{2,14}$/), fc.constantFrom('', ' ', '-', '.', ') '))
      .map(([pre, d, sep]) => `${pre}${d.slice(0, 3)}${sep}${d.slice(3)}`);
    fc.assert(
      fc.property(fc.oneof(formatted, nanp, uk, brazil, brazilLandline, mexico, argentina), fc.constantFrom(undefined, 'BR', 'MX', 'AR', 'US', 'CA', 'GB', 'JE', 'DE', 'FR'), (raw, defaultCountry) => {
        const options = defaultCountry !== undefined ? { defaultCountry } : undefined;
        expect(fast.normalize(raw, options)).toEqual(slow.normalize(raw, options));
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
  });
});
