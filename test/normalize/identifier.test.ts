import fc from 'fast-check';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_KINDS, type Identifier, safeParseIdentifier } from '../../src/model/identifier.js';
import { createPhoneNormalizer } from '../../src/normalize/phone.js';
import { identifierMatchKeys, toIdentifier } from '../../src/normalize/identifier.js';
import * as omnilink from '../../src/index.js';

function id(input: Parameters<typeof toIdentifier>[0], options?: Parameters<typeof toIdentifier>[1]): Identifier {
  const r = toIdentifier(input, options);
  if (!r.success) throw new Error(`expected success: ${JSON.stringify(r.issues)}`);
  return r.data;
}

describe('toIdentifier', () => {
  it('flags a customer or loyalty id that stands for no id as generic (0, N/A, -, none, unknown)', () => {
    const generic = (value: string, kind: 'external_id' | 'loyalty_id' = 'external_id') => {
      const r = toIdentifier({ kind, value, verified: false });
      return r.success ? r.data.generic === true : undefined;
    };
    expect(['0', '0000', 'N/A', 'n/a', 'NA', '-', '--', '?', 'none', 'NULL', 'unknown', 'x'].map((v) => generic(v))).toEqual(Array(12).fill(true));
    expect(['C-1', '12345', '007', 'A0', 'Ana'].map((v) => generic(v))).toEqual(Array(5).fill(false));
    expect(generic('0', 'loyalty_id')).toBe(true);
  });

  it('email: strict key, loose variant (always present), raw value kept', () => {
    const e = id({ kind: 'email', value: ' Ana.Silva+promo@GMail.com ', verified: false, provenance: { channel: 'email', source: 'crm.csv' } });
    expect(e).toEqual({
      kind: 'email',
      value: ' Ana.Silva+promo@GMail.com ',
      key: 'email:ana.silva+promo@gmail.com',
      variantKeys: ['email~:anasilva@gmail.com'],
      verified: false,
      provenance: { channel: 'email', source: 'crm.csv' },
    });
    expect(id({ kind: 'email', value: 'ana@acme.io', verified: true }).variantKeys).toEqual(['email~:ana@acme.io']);
  });

  it('email: generic addresses carry generic: true', () => {
    expect(id({ kind: 'email', value: 'info@acme.io', verified: false }).generic).toBe(true);
    expect(id({ kind: 'email', value: 'ana@acme.io', verified: false })).not.toHaveProperty('generic');
  });

  it('phone: E.164 key and prefixed variants; placeholder numbers are generic', () => {
    expect(id({ kind: 'phone', value: 'whatsapp:+554188887777', verified: true })).toEqual({
      kind: 'phone',
      value: 'whatsapp:+554188887777',
      key: 'phone:+5541988887777',
      variantKeys: ['phone:+554188887777'],
      verified: true,
    });
    const landline = id({ kind: 'phone', value: '(11) 3333-4444', verified: false }, { defaultCountry: 'BR' });
    expect(landline.key).toBe('phone:+551133334444');
    expect(landline).not.toHaveProperty('variantKeys');
    expect(id({ kind: 'phone', value: '+55 11 99999-9999', verified: false }).generic).toBe(true);
  });

  it('phone: uses the normalizer passed in options', () => {
    const phone = createPhoneNormalizer(maxMetadata);
    expect(id({ kind: 'phone', value: '+52 1 55 1234 5678', verified: true }, { phone }).key).toBe('phone:+525512345678');
  });

  it('user_id and username are scoped by namespace; usernames are lowercased, ids are not', () => {
    expect(id({ kind: 'user_id', value: '1254459154682919', namespace: 'messenger:page:1067280970047460', verified: true }).key).toBe(
      'user_id:messenger:page:1067280970047460:1254459154682919',
    );
    expect(id({ kind: 'user_id', value: 'U4af4980629d5d3e4c3d1e2b4e4d0f8a1', namespace: 'line', verified: true }).key).toBe(
      'user_id:line:U4af4980629d5d3e4c3d1e2b4e4d0f8a1',
    );
    expect(id({ kind: 'user_id', value: 'US.13491208655302741918', namespace: 'whatsapp:bsuid', verified: true }).key).toBe(
      'user_id:whatsapp:bsuid:US.13491208655302741918',
    );
    expect(id({ kind: 'username', value: '@Ana.Silva', namespace: 'instagram', verified: true }).key).toBe('username:instagram:ana.silva');
  });

  it('external ids: namespace or "default", value trimmed, case kept', () => {
    expect(id({ kind: 'external_id', value: ' CRM-42 ', verified: true }).key).toBe('external_id:default:CRM-42');
    expect(id({ kind: 'loyalty_id', value: 'L1', namespace: 'club', verified: true }).key).toBe('loyalty_id:club:L1');
    expect(id({ kind: 'visitor_id', value: 'v_9', verified: false }).key).toBe('visitor_id:default:v_9');
    expect(id({ kind: 'device_id', value: 'd', verified: false }).key).toBe('device_id:default:d');
    expect(id({ kind: 'other', value: 'x', verified: false }).key).toBe('other:default:x');
  });

  it('returns a failed result with path ["value", ...] when the value cannot be normalized', () => {
    const bad = toIdentifier({ kind: 'email', value: 'not-an-email', verified: false });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.issues[0]).toMatchObject({ code: 'invalid_format', path: ['value'] });
    const phone = toIdentifier({ kind: 'phone', value: '+12345', verified: true });
    if (!phone.success) expect(phone.issues[0]).toMatchObject({ code: 'too_small', path: ['value'] });
    else throw new Error('expected failure');
    const blank = toIdentifier({ kind: 'external_id', value: '   ', verified: true });
    if (!blank.success) expect(blank.issues[0]).toMatchObject({ code: 'required', path: ['value'] });
    else throw new Error('expected failure');
    const noNs = toIdentifier({ kind: 'user_id', value: '123', verified: true });
    if (!noNs.success) expect(noNs.issues[0]).toMatchObject({ code: 'required', path: ['namespace'] });
    else throw new Error('expected failure');
  });

  it('produces identifiers the model schema accepts', () => {
    for (const kind of IDENTIFIER_KINDS) {
      const value = kind === 'email' ? 'ana@acme.io' : kind === 'phone' ? '+5511987654321' : '12345';
      const r = toIdentifier({ kind, value, namespace: 'telegram', verified: true });
      expect(r.success).toBe(true);
      if (r.success) expect(safeParseIdentifier(r.data).success).toBe(true);
    }
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_KINDS), fc.string({ unit: 'binary', maxLength: 60 }), fc.option(fc.constantFrom('instagram', 'telegram', 'line', 'x', 'crm'), { nil: undefined }), (kind, value, namespace) => {
        const r = toIdentifier({ kind, value, ...(namespace !== undefined ? { namespace } : {}), verified: false });
        if (r.success) {
          expect(r.data.value).toBe(value);
          expect(r.data.key?.startsWith(`${kind}:`)).toBe(true);
        } else expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is exported from the package root', () => {
    expect(omnilink.toIdentifier).toBe(toIdentifier);
    expect(typeof omnilink.normalizeEmail).toBe('function');
    expect(typeof omnilink.normalizePhone).toBe('function');
    expect(typeof omnilink.createPhoneNormalizer).toBe('function');
    expect(typeof omnilink.defaultPhoneNormalizer).toBe('function');
    expect(typeof omnilink.normalizeHandle).toBe('function');
    expect(typeof omnilink.identifierMatchKeys).toBe('function');
  });
});

describe('identifierMatchKeys', () => {
  it('is key then variants; empty without a key', () => {
    expect(identifierMatchKeys(id({ kind: 'phone', value: '554188887777', verified: true }))).toEqual(['phone:+5541988887777', 'phone:+554188887777']);
    expect(identifierMatchKeys({ kind: 'phone', value: 'garbage', verified: false })).toEqual([]);
    expect(identifierMatchKeys(id({ kind: 'external_id', value: 'a', verified: true }))).toEqual(['external_id:default:a']);
  });

  it('two spellings of one BR mobile share match keys', () => {
    const a = identifierMatchKeys(id({ kind: 'phone', value: 'whatsapp:+554188887777', verified: true }));
    const b = identifierMatchKeys(id({ kind: 'phone', value: '(41) 98888-7777', verified: false }, { defaultCountry: 'BR' }));
    expect(a.some((k) => b.includes(k))).toBe(true);
  });
});
