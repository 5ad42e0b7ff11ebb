import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/normalize/phone.js';

// Every phone number in the channel payload fixtures (test/fixtures/phone-payloads, see its README),
// with the key and variants it must normalize to. A value found in a fixture but missing from this
// table fails the first test, so new fixtures cannot slip in untested.
const root = fileURLToPath(new URL('../fixtures/phone-payloads/', import.meta.url));

const PHONE_FIELDS = new Set([
  'wa_id',
  'from',
  'recipient_id',
  'recipient_participant_id',
  'display_phone_number',
  'new_wa_id',
  'From',
  'To',
  'Caller',
  'Called',
  'WaId',
]);

type Expected =
  | { readonly key: string; readonly variantKeys: readonly string[]; readonly country?: string; readonly type?: string; readonly valid: boolean; readonly generic: boolean }
  | { readonly fails: string };

const EXPECTED: Readonly<Record<string, Expected>> = {
  // WhatsApp Cloud API (pywa / restfb samples)
  '972987654321': { key: '+972987654321', variantKeys: [], country: 'IL', valid: false, generic: true }, // 987654321: descending run
  '972123456789': { key: '+972123456789', variantKeys: [], country: 'IL', valid: false, generic: true }, // 123456789
  '16505551234': { key: '+16505551234', variantKeys: [], country: 'US', type: 'fixed_line_or_mobile', valid: true, generic: false },
  '15550783881': { key: '+15550783881', variantKeys: [], valid: false, generic: false }, // Meta test number, 555 area: possible, not valid
  '491234567890': { key: '+491234567890', variantKeys: [], country: 'DE', valid: true, generic: true }, // 1234567890
  '1234567891': { fails: 'too_small' }, // a display_phone_number placeholder: +1 234567891 is 9 digits
  NEW_PHONE_NUMBER: { fails: 'invalid_format' }, // placeholder kept in the restfb sample
  '120363418770915618@g.us': { fails: 'unsupported' }, // a group id in recipient_id, not a phone
  // Twilio (Chatwoot specs, twilio-python)
  '+12345': { fails: 'too_small' },
  '+1234567890': { fails: 'too_small' },
  '+14158675309': { key: '+14158675309', variantKeys: [], country: 'US', type: 'fixed_line_or_mobile', valid: true, generic: false },
  '+18005551212': { key: '+18005551212', variantKeys: [], country: 'US', type: 'other', valid: true, generic: false },
  'whatsapp:+5491123456789': { key: '+5491123456789', variantKeys: ['+541123456789'], country: 'AR', type: 'mobile', valid: true, generic: false },
  'whatsapp:+554188887777': { key: '+5541988887777', variantKeys: ['+554188887777'], country: 'BR', type: 'mobile', valid: true, generic: false },
};

function collect(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (PHONE_FIELDS.has(k) && typeof v === 'string') out.add(v);
      else collect(v, out);
    }
  }
}

function phonesInFixtures(): Set<string> {
  const out = new Set<string>();
  for (const dir of ['whatsapp-cloud', 'twilio']) {
    for (const file of readdirSync(join(root, dir))) {
      if (file.endsWith('.json')) collect(JSON.parse(readFileSync(join(root, dir, file), 'utf8')), out);
    }
  }
  return out;
}

describe('every phone number in the channel payload fixtures', () => {
  const found = phonesInFixtures();

  it('is listed in the expectation table (and the table has nothing stale)', () => {
    expect([...found].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (raw, expected) => {
    const r = normalizePhone(raw);
    if ('fails' in expected) {
      expect(r.success).toBe(false);
      if (!r.success) expect(r.issues[0].code).toBe(expected.fails);
      return;
    }
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.key).toBe(expected.key);
    expect(r.data.e164).toBe(expected.key);
    expect(r.data.variantKeys).toEqual(expected.variantKeys);
    expect(r.data.country).toBe(expected.country);
    expect(r.data.type).toBe(expected.type);
    expect(r.data.valid).toBe(expected.valid);
    expect(r.data.generic).toBe(expected.generic);
    expect(r.data.extension).toBeUndefined();
  });

  it('the Brazilian old 12-digit sender and the same mobile with the ninth digit match', () => {
    const old = normalizePhone('whatsapp:+554188887777');
    const cur = normalizePhone('+55 41 98888-7777');
    expect(old.success && cur.success && old.data.key === cur.data.key).toBe(true);
  });

  it('the Argentine 549 sender matches the same number written without the 9', () => {
    const a = normalizePhone('whatsapp:+5491123456789');
    const b = normalizePhone('+54 11 2345-6789');
    if (!a.success || !b.success) throw new Error('expected both to normalize');
    expect(a.data.variantKeys).toContain(b.data.key);
    expect(b.data.variantKeys).toContain(a.data.key);
  });
});
